"""Reminders in the admin: looked at, never edited (the sweep writes them)."""

from django.contrib import admin

from logistics.core.admin import PlanRoleAdmin, RecordAdmin
from logistics.plan.models import Reminder


@admin.register(Reminder)
class ReminderAdmin(RecordAdmin, PlanRoleAdmin):
    """What the reminder sweep sent: a record, never edited by hand."""

    list_display = ["kind", "task", "agency", "for_date", "level", "mail__status",
                    "mail__sent_at"]
    list_filter = ["event", "kind", "mail__status"]
    list_select_related = ["task", "agency", "mail"]
    search_fields = ["task__code", "agency__code"]
    date_hierarchy = "for_date"
