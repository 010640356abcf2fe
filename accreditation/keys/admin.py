"""API keys in the admin: looked at and revoked, never edited."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accreditation.keys.models import ApiKey
from accreditation.keys.services import api_key_revoke
from logistics.core.admin import RecordAdmin


@admin.register(ApiKey)
class ApiKeyAdmin(RecordAdmin, admin.ModelAdmin):
    """API keys can be looked at and revoked here, not created: a key is shown only once, by
    `manage.py create_api_key NAME --scopes read write`, and a page or a message in the
    session would keep it around. Revoked keys are kept as a record, never deleted."""

    list_display = ["name", "prefix", "scopes", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix"]
    fields = readonly_fields = ["name", "prefix", "scopes", "digest", "created_by",
                                "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by")


    def has_revoke_permission(self, request):
        return request.user.has_perm("accreditation.change_apikey")

    @admin.action(description=_("Revoke the selected API keys"), permissions=["revoke"])
    def revoke(self, request, queryset):
        revoked = 0
        for key in queryset.filter(revoked_at__isnull=True):
            api_key_revoke(key=key, by=request.user)
            self.log_change(request, key, "Revoked")
            revoked += 1
        self.message_user(request, ngettext("%(count)d key revoked.", "%(count)d keys revoked.",
                                            revoked) % {"count": revoked}, messages.SUCCESS)
