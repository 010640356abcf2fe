"""The protocol office's records in the admin: host leaders are kept here (through the
services); the speakers list and bilateral meetings are looked at only, their writes
belonging to the staff pages and the services."""

from django.contrib import admin

from logistics.bilaterals import services as bilateral_services
from logistics.bilaterals.models import BilateralMeeting
from logistics.core import permissions
from logistics.core.admin import ProtocolViewMixin, RecordAdmin, ServiceAdmin
from logistics.programme.models import HostLeader


@admin.register(HostLeader)
class HostLeaderAdmin(ProtocolViewMixin, ServiceAdmin):
    list_display = ["name", "title", "event"]
    list_filter = ["event"]
    list_select_related = ["event"]
    search_fields = ["name", "title"]

    def has_add_permission(self, request):
        return permissions.can_manage_delegations(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.can_manage_delegations(request.user)

    def get_readonly_fields(self, request, obj=None):
        return ["event"] if obj else []

    def service_save(self, form, *, by):
        fields = self._model_fields(form)
        if form.instance.pk is None:
            return bilateral_services.host_leader_create(by=by, **fields)
        return bilateral_services.host_leader_update(
            host_leader=form.instance, by=by, **self.changed_fields(form, {"name", "title"}))


@admin.register(BilateralMeeting)
class BilateralMeetingAdmin(ProtocolViewMixin, RecordAdmin, admin.ModelAdmin):
    list_display = ["requester", "counterpart", "host_leader", "status", "duration_minutes",
                    "requested_at"]
    list_filter = ["event", "status"]
    list_select_related = ["requester", "counterpart", "host_leader"]
    search_fields = ["requester__name", "counterpart__name", "host_leader__name", "subject"]
