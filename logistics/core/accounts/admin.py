"""Second-factor devices in the admin, for a superuser's repair work (README, "Login and second
factor"): who has enrolled, and deleting a lost phone's authenticator or recovery codes so
that the person enrols again. Never the key or the codes: they are added by the person's own
security page or by `manage.py addstatictoken`, never typed here."""

from django.contrib import admin

from logistics.core.accounts.models import Authenticator, RecoveryCodes


class DeviceAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    fields = readonly_fields = ["user", "name", "confirmed", "created_at", "last_used_at",
                                "throttling_failure_count", "throttling_failure_timestamp"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(Authenticator, DeviceAdmin)
admin.site.register(RecoveryCodes, DeviceAdmin)
