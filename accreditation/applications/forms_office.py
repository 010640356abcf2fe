"""The office's own ways in for an application: entered on a form, or a file of many."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from accreditation.applications.forms_uploads import ApplicationUploadsMixin
from accreditation.applications.services.applications import FILE_FIELDS
from accreditation.applications.services.imports import MAX_BYTES
from accreditation.enums import MEDIA_KINDS, CategoryKind, IdDocumentKind, MediaRole
from accreditation.setup.forms import INPUT, SELECT
from accreditation.setup.models import MediaOutlet
from logistics.core.ids import CountryChoiceField, ModelChoiceField
from logistics.core.spreadsheet_files import XLSX_CONTENT_TYPE
from logistics.delegations.enums import Gender
from logistics.delegations.models import Country, Delegation

"""The office's own ways in for an application: entered on a form, or a file of many."""

# Categories whose people may come with a delegation: its members and its own media.
DELEGATION_KINDS = (CategoryKind.DELEGATE, CategoryKind.HEAD_OF_DELEGATION, *MEDIA_KINDS)


DATE = {**INPUT, "type": "date"}
DOCUMENT = {**INPUT, "accept": "application/pdf,image/jpeg,image/png"}


class ApplicationEntryForm(ApplicationUploadsMixin, forms.Form):
    """An application entered by the office, for any category: the person, the ID document
    and, for media categories only, the outlet, the role and the letter of assignment."""

    family_name = forms.CharField(label=_("Family name"), max_length=150,
                                  help_text=_("As in the passport, in any script."),
                                  widget=forms.TextInput(attrs=INPUT))
    given_names = forms.CharField(label=_("Given names"), max_length=150, required=False,
                                  widget=forms.TextInput(attrs=INPUT))
    gender = forms.ChoiceField(label=_("Gender"), required=False,
                               choices=[("", "—"), *Gender.choices],
                               widget=forms.Select(attrs=SELECT))
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False,
                                    widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))
    nationality = CountryChoiceField(label=_("Nationality"), required=False,
                                     queryset=Country.objects.all(),
                                     widget=forms.Select(attrs=SELECT))
    email = forms.EmailField(label=_("E-mail"), required=False,
                             help_text=_("Where the decisions are sent."),
                             widget=forms.EmailInput(attrs=INPUT))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False,
                            widget=forms.TextInput(attrs={**INPUT, "type": "tel"}))
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False,
                                   help_text=_("As printed on the badge."),
                                   widget=forms.TextInput(attrs=INPUT))
    function = forms.CharField(label=_("Function"), max_length=200, required=False,
                               widget=forms.TextInput(attrs=INPUT))
    delegation = ModelChoiceField(label=_("Delegation"), required=False,
                                        queryset=Delegation.objects.none(),
                                        widget=forms.Select(attrs=SELECT))
    outlet = ModelChoiceField(label=_("Media outlet"), required=False,
                                    queryset=MediaOutlet.objects.none(),
                                    widget=forms.Select(attrs=SELECT))
    media_role = forms.ChoiceField(label=_("Media role"), choices=MediaRole.choices,
                                   widget=forms.Select(attrs=SELECT))
    equipment = forms.CharField(label=_("Equipment"), required=False, max_length=2000,
                                help_text=_("Cameras, tripods, satellite gear to bring in."),
                                widget=forms.Textarea(attrs={**INPUT, "rows": 2}))
    id_document_kind = forms.ChoiceField(label=_("ID document"), required=False,
                                         choices=[("", "—"), *IdDocumentKind.choices],
                                         widget=forms.Select(attrs=SELECT))
    id_document_number = forms.CharField(
        label=_("ID document number"), max_length=40, required=False,
        help_text=_("Stored encrypted; only security vetting reads it back."),
        widget=forms.TextInput(attrs={**INPUT, "autocomplete": "off", "dir": "ltr"}))
    id_document_expiry = forms.DateField(label=_("ID document expiry"), required=False,
                                         widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))
    photo = forms.FileField(label=_("Photo"), required=False,
                            help_text=_("JPEG or PNG, at least 300×400 pixels, head and "
                                        "shoulders on a plain background."),
                            widget=forms.ClearableFileInput(attrs={
                                **INPUT, "accept": "image/jpeg,image/png"}))
    letter_of_assignment = forms.FileField(label=_("Letter of assignment"), required=False,
                                           widget=forms.ClearableFileInput(attrs=DOCUMENT))
    press_card = forms.FileField(label=_("Press card"), required=False,
                                 widget=forms.ClearableFileInput(attrs=DOCUMENT))
    id_copy = forms.FileField(label=_("Copy of the ID document"), required=False,
                              widget=forms.ClearableFileInput(attrs=DOCUMENT))

    MEDIA_ONLY = ("outlet", "media_role", "equipment", "letter_of_assignment", "press_card")

    def __init__(self, *args, event, category, **kwargs):
        super().__init__(*args, **kwargs)
        self.category = category
        if category.kind in MEDIA_KINDS:
            self.fields["outlet"].queryset = MediaOutlet.objects.filter(event=event)
        else:
            for name in self.MEDIA_ONLY:
                del self.fields[name]
        if category.kind in DELEGATION_KINDS:
            self.fields["delegation"].queryset = Delegation.objects.filter(event=event)
        else:
            del self.fields["delegation"]

    def application_fields(self):
        """Keyword arguments for application_create: the person's fields, without the
        uploads left empty."""
        data = dict(self.cleaned_data)
        data.pop("delegation", None)
        return {name: value for name, value in data.items()
                if not (name in FILE_FIELDS and value is None)}


class ApplicationImportForm(forms.Form):
    file = forms.FileField(
        label=_("File of applications"),
        help_text=_("CSV (UTF-8) or Excel workbook (.xlsx), at most 5 MB and 5,000 rows."),
        widget=forms.ClearableFileInput(attrs={
            "accept": f".csv,.xlsx,text/csv,{XLSX_CONTENT_TYPE}", "class": "form-control"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a CSV file or an Excel workbook (.xlsx)."))
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)})
        return upload
