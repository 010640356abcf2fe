"""The plan in Django's admin, for the secretariat's occasional repair work.

Access follows the plan's roles (logistics.core.permissions), not Django's model permissions:
any plan role with staff status may look, only the secretariat may add, change or delete.
Saves go through the services, so the admin obeys the same rules as the UI and the API, and
a task changed here leaves a TaskUpdate like any other change."""

from functools import partial

from django import forms
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from logistics.core import permissions
from logistics.core.errors import AccordError


class _Rehearsal(Exception):
    """Raised to roll back a service call made only to learn whether it would succeed."""


class ServiceForm(forms.ModelForm):
    """A model form whose clean() rehearses the admin's service call in a savepoint that is
    always rolled back: a rule only the service knows (no dependency cycle, agencies of the
    same event...) then shows as a form error instead of failing the save with a 500."""

    service_save = None  # set by ServiceAdmin.get_form: callable(form) -> saved object

    def clean(self):
        cleaned = super().clean()
        if self.errors or self.service_save is None:
            return cleaned
        try:
            with transaction.atomic():
                self.service_save(self)
                raise _Rehearsal
        except _Rehearsal:
            pass
        except AccordError as error:
            self._add_errors({NON_FIELD_ERRORS: [error.message], **error.fields})
        except ValidationError as error:
            self._add_errors(error.message_dict if hasattr(error, "error_dict")
                             else {NON_FIELD_ERRORS: error.messages})
        return cleaned

    def _add_errors(self, errors):
        for field, messages in errors.items():
            if field in self.fields:
                self.add_error(field, messages)
            elif field == NON_FIELD_ERRORS:
                self.add_error(None, messages)
            else:
                self.add_error(None, [f"{field}: {message}" for message in messages])


class PlanRoleAdmin(admin.ModelAdmin):
    def has_module_permission(self, request):
        return permissions.can_view_plan(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_plan(request.user)

    def has_add_permission(self, request):
        return permissions.can_manage_plan(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.can_manage_plan(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_manage_plan(request.user)


class ServiceAdmin(PlanRoleAdmin):
    """Saves through `service_save(form, by=...)` instead of `obj.save()`; the services set
    the many-to-many fields themselves."""

    form = ServiceForm

    def service_save(self, form, *, by):
        raise NotImplementedError

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {
            "service_save": staticmethod(partial(self.service_save, by=request.user))})

    def has_delete_permission(self, request, obj=None):
        # Deleting would take a plan's history with it, or silently drop an agency from the
        # tasks it coordinates: tasks are cancelled instead, and nothing is deleted here.
        return False

    def save_model(self, request, obj, form, change):
        saved = self.service_save(form, by=request.user)
        if saved is not obj:  # the admin goes on with obj: logs it, redirects to it
            vars(obj).update(vars(saved))

    def save_related(self, request, form, formsets, change):
        # No form.save_m2m(): the service has set them. The only inline (a task's history)
        # is read-only, so its formset saves nothing; the change message still reads it.
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    @staticmethod
    def _model_fields(form):
        names = {f.name for f in form._meta.model._meta.get_fields()}
        return {name: value for name, value in form.cleaned_data.items() if name in names}

    @staticmethod
    def changed_fields(form, names):
        return {name: form.cleaned_data[name] for name in form.changed_data if name in names}


class RecordAdmin:
    """For records that are written by the system only: looked at, never edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ProtocolViewMixin:
    def has_module_permission(self, request):
        return permissions.can_manage_delegations(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_manage_delegations(request.user)
