from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from logistics.enums import TaskStatus
from logistics.plan_format import MAX_BYTES, XLSX_CONTENT_TYPE


class DomainErrorsMixin:
    def add_domain_error(self, error):
        """Show a service's AccordError on the fields it names, or on the form."""
        placed = False
        for name, messages in (error.fields or {}).items():
            if name in self.fields:
                for message in messages:
                    self.add_error(name, message)
                placed = True
        if not placed:
            self.add_error(None, error.message)


class TaskProgressForm(DomainErrorsMixin, forms.Form):
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
