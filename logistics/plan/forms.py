"""The secretariat's forms for the frame of the plan: tasks, agencies and committees. They
read and check input; the services (logistics.plan.services.master_plan and .plan) decide and write,
as they do for the admin, the API and the import."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from logistics.core.enums import AgencyKind, CommitteeKind, Role
from logistics.core.ids import ModelChoiceField, ModelMultipleChoiceField
from logistics.core.models.event import Agency, Committee
from logistics.core.spreadsheet_files import MAX_BYTES, XLSX_CONTENT_TYPE
from logistics.core.widgets import QuickSelect
from logistics.plan.enums import TaskStatus
from logistics.plan.models import Task

# Lists of agencies and tasks run to dozens: tall enough to see a good part of them.
MULTIPLE = {"class": "form-select", "size": 8}


class PlanForm(forms.Form):
    """Bootstrap's classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


def _agencies(event):
    return Agency.objects.filter(event=event).order_by("code")


class AgencyChoiceField(ModelChoiceField):
    widget = QuickSelect

    def label_from_instance(self, agency):
        return f"{agency.code} · {agency.name}"


class AgenciesField(ModelMultipleChoiceField):
    def label_from_instance(self, agency):
        return f"{agency.code} · {agency.name}"


class TaskChoiceField(ModelChoiceField):
    widget = QuickSelect

    def label_from_instance(self, task):
        return f"{task.code} · {task.title}"


class TasksField(ModelMultipleChoiceField):
    def label_from_instance(self, task):
        return f"{task.code} · {task.title}"


class TaskForm(PlanForm):
    """A task's place in the plan: what, who, when, and what it waits for. Status and
    progress have their own form on the task's page (focal points use it too)."""

    code = forms.CharField(label=_("Code"), max_length=Task._meta.get_field("code").max_length)
    title = forms.CharField(label=_("Title"), max_length=Task._meta.get_field("title").max_length)
    committee = ModelChoiceField(label=_("Committee"), queryset=None, widget=QuickSelect)
    lead_agency = AgencyChoiceField(label=_("Lead agency"), queryset=None)
    coordinating_agencies = AgenciesField(
        label=_("Coordinating agencies"), queryset=None, required=False,
        widget=forms.SelectMultiple(attrs=MULTIPLE),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."))
    start_date = forms.DateField(label=_("Start"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))
    due_date = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))
    parent = TaskChoiceField(label=_("Parent task"), queryset=None, required=False,
                             empty_label=_("None: a main task"))
    depends_on = TasksField(
        label=_("Waits for"), queryset=None, required=False,
        widget=forms.SelectMultiple(attrs=MULTIPLE),
        help_text=_("Tasks that must be done first. Hold Ctrl (⌘ on a Mac) to choose "
                    "several."))
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Why: kept with the change in the task's history."))

    # Everything but the code and the note goes to the services as it is named here.
    TASK_FIELDS = ("title", "description", "committee", "lead_agency", "start_date",
                   "due_date", "parent", "coordinating_agencies", "depends_on")

    def __init__(self, *args, event, task=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event, self.task = event, task
        self.fields["committee"].queryset = Committee.objects.filter(event=event)
        self.fields["lead_agency"].queryset = _agencies(event)
        self.fields["coordinating_agencies"].queryset = _agencies(event)
        others = Task.objects.filter(event=event).order_by("code").only("pk", "code", "title")
        if task is not None:
            others = others.exclude(pk=task.pk)
            # The code names the task in every file and mail: a new code is a new task.
            del self.fields["code"]
        self.fields["parent"].queryset = others
        self.fields["depends_on"].queryset = others

    @classmethod
    def initial_for(cls, task):
        return {
            "title": task.title, "description": task.description,
            "committee": task.committee_id, "lead_agency": task.lead_agency_id,
            "coordinating_agencies": [a.pk for a in task.coordinating_agencies.all()],
            "start_date": task.start_date, "due_date": task.due_date,
            "parent": task.parent_id, "depends_on": [t.pk for t in task.depends_on.all()],
        }

    def clean_code(self):
        return self.cleaned_data["code"].strip()

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def service_fields(self):
        return {name: self.cleaned_data[name] for name in self.TASK_FIELDS}

    def changed_fields(self):
        """What the secretariat changed, for task_update (which logs each of them)."""
        return {name: self.cleaned_data[name] for name in self.TASK_FIELDS
                if name in self.changed_data}


class TaskCancelForm(PlanForm):
    note = forms.CharField(label=_("Why is it cancelled?"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


def parse_emails(value):
    """["a@x.org", "b@y.org"] from addresses separated by commas, semicolons or lines."""
    found, bad = [], []
    for part in value.replace(";", ",").replace("\n", ",").split(","):
        address = part.strip()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            bad.append(address)
            continue
        if address.lower() not in {a.lower() for a in found}:
            found.append(address)
    if bad:
        raise ValidationError(_("Not an e-mail address: %(bad)s") % {"bad": ", ".join(bad)})
    return found


class AgencyForm(PlanForm):
    code = forms.CharField(label=_("Code"), max_length=Agency._meta.get_field("code").max_length,
                           help_text=_("The short name used in the plan, e.g. MPS."))
    name = forms.CharField(label=_("Name"), max_length=Agency._meta.get_field("name").max_length)
    kind = forms.ChoiceField(label=_("Kind"), choices=AgencyKind.choices,
                             initial=AgencyKind.OTHER)
    parent = AgencyChoiceField(label=_("Parent agency"), queryset=None, required=False,
                               empty_label=_("None"),
                               help_text=_("For a unit under a ministry."))
    emails = forms.CharField(label=_("E-mail addresses"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Addresses that receive the agency's mail, separated "
                                         "by commas or new lines."))
    focal_points = ModelMultipleChoiceField(
        label=_("Focal points"), queryset=None, required=False,
        widget=forms.SelectMultiple(attrs=MULTIPLE),
        help_text=_("Staff accounts in the focal point role who update the agency's tasks."))

    FIELDS = ("code", "name", "kind", "parent", "emails", "focal_points")

    def __init__(self, *args, event, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = _agencies(event)
        if agency is not None:
            parents = parents.exclude(pk=agency.pk)
        self.fields["parent"].queryset = parents
        self.fields["focal_points"].queryset = (
            get_user_model().objects.filter(groups__name=Role.FOCAL_POINT, is_active=True)
            .order_by("username").distinct())
        self.fields["focal_points"].label_from_instance = (
            lambda user: user.get_full_name() or user.get_username())

    @classmethod
    def initial_for(cls, agency):
        return {"code": agency.code, "name": agency.name, "kind": agency.kind,
                "parent": agency.parent_id, "emails": "\n".join(agency.emails or []),
                "focal_points": [u.pk for u in agency.focal_points.all()]}

    def clean_code(self):
        return self.cleaned_data["code"].strip()

    def clean_emails(self):
        return parse_emails(self.cleaned_data.get("emails") or "")

    def service_fields(self):
        return {name: self.cleaned_data[name] for name in self.FIELDS}

    def changed_fields(self):
        return {name: self.cleaned_data[name] for name in self.FIELDS
                if name in self.changed_data}


class CommitteeForm(PlanForm):
    code = forms.CharField(label=_("Code"),
                           max_length=Committee._meta.get_field("code").max_length)
    name = forms.CharField(label=_("Name"),
                           max_length=Committee._meta.get_field("name").max_length)
    kind = forms.ChoiceField(label=_("Kind"), choices=CommitteeKind.choices,
                             initial=CommitteeKind.SUBCOMMITTEE)
    chair_agency = AgencyChoiceField(label=_("Chair agency"), queryset=None, required=False,
                                     empty_label=_("None"))
    member_agencies = AgenciesField(
        label=_("Member agencies"), queryset=None, required=False,
        widget=forms.SelectMultiple(attrs=MULTIPLE),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."))
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767, initial=0,
                               help_text=_("Where the committee comes in lists."))

    FIELDS = ("code", "name", "kind", "chair_agency", "member_agencies", "order")

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair_agency"].queryset = _agencies(event)
        self.fields["member_agencies"].queryset = _agencies(event)

    @classmethod
    def initial_for(cls, committee):
        return {"code": committee.code, "name": committee.name, "kind": committee.kind,
                "chair_agency": committee.chair_agency_id, "order": committee.order,
                "member_agencies": [a.pk for a in committee.member_agencies.all()]}

    def clean_code(self):
        return self.cleaned_data["code"].strip()

    def service_fields(self):
        return {name: self.cleaned_data[name] for name in self.FIELDS}

    def changed_fields(self):
        return {name: self.cleaned_data[name] for name in self.FIELDS
                if name in self.changed_data}


class TaskProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label=_("Plan file"),
        help_text=_("CSV (UTF-8) or Excel workbook (.xlsx), at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={
            "accept": f".csv,.xlsx,text/csv,{XLSX_CONTENT_TYPE}",
            "class": "form-control",
        }),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; the limit is 5 MB.")
                % {"size": filesizeformat(upload.size)})
        return upload
