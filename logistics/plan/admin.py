"""The plan in Django's admin: events, agencies, committees and tasks, saved through the
services (bases in core.admin)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from logistics.core import permissions
from logistics.core.admin import ServiceAdmin, ServiceForm
from logistics.core.models.event import Agency, Committee, Event
from logistics.plan.models import Task, TaskUpdate
from logistics.plan.services import frame as plan_services
from logistics.plan.services.master_plan import EDITABLE_FIELDS, task_create, task_update


class TaskUpdateInline(admin.TabularInline):
    model = TaskUpdate
    fields = readonly_fields = ["created_at", "author", "changes", "note"]
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_plan(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TaskAdminForm(ServiceForm):
    note = forms.CharField(label=_("Note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Why: kept with the change in the task's history."))


@admin.register(Task)
class TaskAdmin(ServiceAdmin):
    form = TaskAdminForm
    list_display = ["code", "title", "event", "committee", "lead_agency", "due_date", "status",
                    "progress"]
    list_filter = ["event", "status"]
    list_select_related = ["event", "committee", "lead_agency"]
    search_fields = ["code", "title"]
    autocomplete_fields = ["committee", "lead_agency", "coordinating_agencies", "depends_on",
                           "parent"]
    inlines = [TaskUpdateInline]
    fields = ["event", "code", "title", "description", "committee", "lead_agency",
              "coordinating_agencies", "start_date", "due_date", "status", "progress", "parent",
              "depends_on", "note", "created_at", "updated_at"]

    def get_readonly_fields(self, request, obj=None):
        # The services know no move to another event and no new code: those make a new task.
        return ["event", "code", "created_at", "updated_at"] if obj else ["created_at",
                                                                          "updated_at"]

    def service_save(self, form, *, by):
        note = form.cleaned_data.get("note", "")
        if form.instance.pk is None:
            return task_create(by=by, note=note, **self._model_fields(form))
        names = EDITABLE_FIELDS | {"coordinating_agencies", "depends_on"}
        return task_update(task=form.instance, by=by, note=note, **self.changed_fields(form, names))


@admin.register(Event)
class EventAdmin(ServiceAdmin):
    list_display = ["name", "slug", "city", "start_date", "end_date", "time_zone"]
    search_fields = ["name", "slug", "city"]
    prepopulated_fields = {"slug": ["name"]}

    def service_save(self, form, *, by):
        fields = self._model_fields(form)
        if form.instance.pk is None:
            return plan_services.event_create(by=by, **fields)
        return plan_services.event_update(event=form.instance, by=by,
                                          **self.changed_fields(form, fields))


@admin.register(Agency)
class AgencyAdmin(ServiceAdmin):
    list_display = ["code", "name", "kind", "event", "parent"]
    list_filter = ["event", "kind"]
    list_select_related = ["event", "parent"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["focal_points"]

    def get_readonly_fields(self, request, obj=None):
        return ["event"] if obj else []

    def service_save(self, form, *, by):
        fields = self._model_fields(form)
        if form.instance.pk is None:
            return plan_services.agency_create(by=by, **fields)
        return plan_services.agency_update(agency=form.instance, by=by,
                                           **self.changed_fields(form, fields))


@admin.register(Committee)
class CommitteeAdmin(ServiceAdmin):
    list_display = ["code", "name", "kind", "event", "chair_agency", "order"]
    list_filter = ["event", "kind"]
    list_select_related = ["event", "chair_agency"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["chair_agency", "member_agencies"]

    def get_readonly_fields(self, request, obj=None):
        return ["event"] if obj else []

    def service_save(self, form, *, by):
        fields = self._model_fields(form)
        if form.instance.pk is None:
            return plan_services.committee_create(by=by, **fields)
        return plan_services.committee_update(committee=form.instance, by=by,
                                              **self.changed_fields(form, fields))
