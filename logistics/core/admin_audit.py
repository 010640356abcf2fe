"""The whole audit trail in the admin, read-only, for the secretariat: auditlog's own list
and filters, behind the plan's roles rather than Django's model permissions (as the rest of
Accord's admin)."""

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin

from logistics.core import permissions
from logistics.core.admin import RecordAdmin


class AuditTrailAdmin(RecordAdmin, LogEntryAdmin):
    def has_module_permission(self, request):
        return permissions.can_manage_plan(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_manage_plan(request.user)


def register():
    """Called from LogisticsConfig.ready(): by then the admin has loaded auditlog's own
    registration, which this one replaces."""
    if admin.site.is_registered(LogEntry):
        admin.site.unregister(LogEntry)
    admin.site.register(LogEntry, AuditTrailAdmin)
