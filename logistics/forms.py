from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from logistics.enums import TaskStatus
from logistics.plan_format import MAX_BYTES, XLSX_CONTENT_TYPE


def validate_plain_address(value):
    """An address as people write theirs: refused when its part before the @ is quoted
    ("victim"@…, "\\v\\ictim"@…) or its domain is an address literal (…@[192.0.2.1]).
    Django's check lets both through and mail servers deliver them to the mailbox the plain
    spelling reaches, so each would be a new address to the per-address count of mails
    (logistics.mail) and to the one-person-one-accreditation check. Nobody applies
    with them: refusing is the one rule that holds everywhere the address is read."""
    local, _at, domain = (value or "").rpartition("@")
    if local.startswith('"'):
        raise ValidationError(_("Write the address without quotation marks, as in "
                                "name@example.org."), code="quoted_address")
    if domain.startswith("["):
        raise ValidationError(_("Write the address with its domain name, as in "
                                "name@example.org, not a network address in brackets."),
                              code="address_literal")


class PublicEmailField(forms.EmailField):
    """The e-mail field of every public form (the media application and its correction, the
    status check, a delegation's registration, the side-event proposal)."""

    default_validators = [*forms.EmailField.default_validators, validate_plain_address]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 254)
        super().__init__(**kwargs)


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
