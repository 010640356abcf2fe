"""The public registration form a delegation's focal point fills in through its link."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import modelformset_factory
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from logistics.core.forms import PublicEmailField
from logistics.core.ids import CountryChoiceField, formfield
from logistics.core.kept_uploads import KeptUploadsMixin
from logistics.core.privacy_notice import DELEGATION_REGISTRATION, PrivacyConsentMixin
from logistics.core.spreadsheet_files import MAX_BYTES, XLSX_CONTENT_TYPE
from logistics.core.uploads import clean_document, clean_photo
from logistics.core.validators import (
    airport_code,
    validate_airport,
    validate_id_document_expiry,
    validate_moment,
)
from logistics.delegations.enums import STATE_KINDS
from logistics.delegations.models import Country, Delegation, DelegationMember

MEMBER_FIELDS = ["family_name", "given_names", "title", "gender", "date_of_birth",
                 "nationality", "email", "is_head", "in_list_of_participants",
                 "id_document_expiry", "hotel",
                 "arrival_at", "arrival_flight", "arrival_airport", "departure_at",
                 "departure_flight", "departure_airport", "dietary_needs",
                 "accessibility_needs"]
# Sent to the service only when filled in: what is on file is never shown back.
WRITE_ONLY_FIELDS = ["id_document_number", "photo"]


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates can render fields as they are."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select form-select-sm"
            else:
                css = "form-control form-control-sm"
            widget.attrs["class"] = css


class DelegationDetailsForm(KeptUploadsMixin, BootstrapMixin, forms.ModelForm):
    credentials_document = forms.FileField(
        required=False, widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))

    class Meta:
        model = Delegation
        formfield_callback = formfield
        fields = ["head_name", "head_title", "head_level", "focal_point_name",
                  "focal_point_email", "hotel"]
        field_classes = {"focal_point_email": PublicEmailField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["credentials_document"]
        if self.instance.kind in STATE_KINDS:
            field.label = _("Note verbale")
            field.help_text = _("The note verbale of your permanent mission or foreign "
                                "ministry naming the delegation: PDF, JPEG or PNG, at most "
                                "10 MB.")
        else:
            field.label = _("Nomination letter")
            field.help_text = _("Your organisation's letter nominating the delegation: PDF, "
                                "JPEG or PNG, at most 10 MB.")

    def clean_credentials_document(self):
        upload = self.cleaned_data.get("credentials_document")
        return clean_document(upload) if upload else None


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MemberForm(KeptUploadsMixin, BootstrapMixin, forms.ModelForm):
    nationality = CountryChoiceField(queryset=Country.objects.all(), required=False,
                                     label=_("Nationality"))
    id_document_number = forms.CharField(
        label=_("ID document number"), required=False, max_length=40,
        help_text=_("Passport or national ID. Not shown again once saved; leave blank to keep "
                    "the number on file."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}))
    photo = forms.FileField(label=_("Photo"), required=False,
                            widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png"}))

    field_order = ["family_name", "given_names", "title", "gender", "date_of_birth",
                   "nationality", "email", "is_head", "in_list_of_participants",
                   "id_document_number", "id_document_expiry",
                   "photo", "arrival_at", "arrival_flight", "arrival_airport", "hotel",
                   "departure_at", "departure_flight", "departure_airport", "dietary_needs",
                   "accessibility_needs"]

    class Meta:
        model = DelegationMember
        formfield_callback = formfield
        fields = MEMBER_FIELDS
        field_classes = {"email": PublicEmailField}
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "id_document_expiry": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "arrival_at": LocalDateTimeInput(),
            "departure_at": LocalDateTimeInput(),
            "arrival_airport": forms.TextInput(attrs={"maxlength": 3, "size": 3,
                                                      "autocapitalize": "characters"}),
            "departure_airport": forms.TextInput(attrs={"maxlength": 3, "size": 3,
                                                        "autocapitalize": "characters"}),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["arrival_airport"].help_text = _("Three letters (IATA), e.g. HAN.")
        self.fields["departure_airport"].help_text = _("Three letters (IATA), e.g. HAN.")
        # The member's own consent: the focal point ticks it only with their word.
        self.fields["in_list_of_participants"].label = _(
            "Agrees to be named (title, name, delegation) in the published list of "
            "participants")
        self.fields["in_list_of_participants"].help_text = ""  # the label says it all

    def _airport(self, name):
        code = airport_code(self.cleaned_data.get(name))
        error = validate_airport(code)
        if error:
            raise ValidationError(error, code="airport")
        return code

    def _moment(self, name):
        value = self.cleaned_data.get(name)
        error = validate_moment(value)
        if error:
            raise ValidationError(error, code="out_of_range")
        return value

    def clean_arrival_at(self):
        return self._moment("arrival_at")

    def clean_departure_at(self):
        return self._moment("departure_at")

    def clean_arrival_airport(self):
        return self._airport("arrival_airport")

    def clean_departure_airport(self):
        return self._airport("departure_airport")

    def clean_id_document_expiry(self):
        expiry = self.cleaned_data.get("id_document_expiry")
        error = validate_id_document_expiry(expiry, self.event)
        if error:
            raise ValidationError(error, code="expires_too_soon")
        return expiry

    def clean_id_document_number(self):
        return (self.cleaned_data.get("id_document_number") or "").strip()

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        return clean_photo(upload) if upload else None

    def service_fields(self):
        """What the registration service is given for this member: the form's fields, and
        the write-only ones only when something new was entered."""
        data = {name: self.cleaned_data.get(name) for name in self._meta.fields}
        for name in WRITE_ONLY_FIELDS:
            if self.cleaned_data.get(name):
                data[name] = self.cleaned_data[name]
        return data


class BaseMemberFormSet(forms.BaseModelFormSet):
    def clean(self):
        """A row sent as one of the delegation's members must still be one. Django would
        take an id it does not find in the formset's members (another delegation's, or one
        removed by the protocol office since the form was opened) as a new member."""
        super().clean()
        for form in self.forms[:self.initial_form_count()]:
            # A row ticked for removal whose member is gone already asks for nothing.
            if form.instance._state.adding and not self._should_delete_form(form):
                raise ValidationError(_(
                    "A member of the form is no longer on your delegation's list (it may "
                    "have been removed meanwhile): reload the page and enter the members "
                    "again."), code="unknown_member")


def member_formset(*, quota, count):
    """Blank rows for new members, never more than the quota leaves room for."""
    extra = max(0, min(3 if count == 0 else 1, quota - count))
    return modelformset_factory(DelegationMember, form=MemberForm, formset=BaseMemberFormSet,
                                extra=extra, can_delete=True, max_num=quota,
                                validate_max=True, absolute_max=quota)


class MemberFileForm(PrivacyConsentMixin, forms.Form):
    """A spreadsheet of members (logistics.delegations.services.member_import): its kind is
    told by its content there, whatever its name says. It carries personal data like the
    rows of the page, so it asks the same consent (the notice is shown once, under the
    rows)."""

    notice = DELEGATION_REGISTRATION

    def __init__(self, *args, event, **kwargs):
        self.event = event
        super().__init__(*args, **kwargs)

    file = forms.FileField(
        label=_("Spreadsheet of members"),
        help_text=_("Excel workbook (.xlsx) or CSV (UTF-8), at most 5 MB, in the columns of "
                    "the template."),
        widget=forms.FileInput(attrs={"accept": f".csv,.xlsx,text/csv,{XLSX_CONTENT_TYPE}",
                                      "class": "form-control form-control-sm"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(_("The file is %(size)s; the limit is 5 MB.")
                                  % {"size": filesizeformat(upload.size)}, code="too_big")
        return upload
