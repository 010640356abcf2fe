"""Forms of the accreditation office's set-up: zones, categories, outlets and organisation
quotas. They check types; the rules (codes taken, colours, zones of the event) live in
accreditation.setup.services.office and come back as errors on these fields."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from accreditation.applications.services.applications import FILE_FIELDS
from accreditation.applications.services.imports import MAX_BYTES
from accreditation.enums import MEDIA_KINDS, CategoryKind, IdDocumentKind, MediaRole, OutletKind
from accreditation.setup.models import AccreditationCategory, MediaOutlet, Zone
from logistics.core.ids import CountryChoiceField, ModelChoiceField, ModelMultipleChoiceField
from logistics.core.spreadsheet_files import XLSX_CONTENT_TYPE
from logistics.core.uploads import clean_document, clean_photo
from logistics.delegations.enums import Gender
from logistics.delegations.models import Country, Delegation

INPUT = {"class": "form-control"}
SELECT = {"class": "form-select"}
CHECK = {"class": "form-check-input"}
DOCUMENT = {**INPUT, "accept": "application/pdf,image/jpeg,image/png"}


class ZoneForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=3,
                           help_text=_("One to three capital letters or digits, printed on "
                                       "the badge, e.g. 2."),
                           widget=forms.TextInput(attrs={**INPUT, "autocomplete": "off"}))
    name = forms.CharField(label=_("Name"), max_length=100, widget=forms.TextInput(attrs=INPUT))


class CategoryForm(forms.Form):
    code = forms.CharField(label=_("Letter code"), max_length=3,
                           help_text=_("One to three capital letters or digits, printed on "
                                       "badges."),
                           widget=forms.TextInput(attrs={**INPUT, "autocomplete": "off"}))
    name = forms.CharField(label=_("Name"), max_length=100, widget=forms.TextInput(attrs=INPUT))
    badge_colour = forms.CharField(
        label=_("Badge colour"), max_length=7,
        help_text=_("#RRGGBB, e.g. #C8102E for red."),
        widget=forms.TextInput(attrs={**INPUT, "autocomplete": "off", "dir": "ltr",
                                      "pattern": "#[0-9A-Fa-f]{6}"}))
    zones = ModelMultipleChoiceField(
        label=_("Access zones"), required=False, queryset=Zone.objects.none(),
        help_text=_("Badges already issued keep the zones they were issued with."),
        widget=forms.CheckboxSelectMultiple(attrs=CHECK))
    vetting_required = forms.BooleanField(
        label=_("Security vetting required"), required=False,
        help_text=_("Applications are approved only once security vetting clears them."),
        widget=forms.CheckboxInput(attrs=CHECK))
    quota = forms.IntegerField(label=_("Quota"), required=False, min_value=0,
                               help_text=_("Badges at most; empty: no limit."),
                               widget=forms.NumberInput(attrs={**INPUT, "min": 0}))

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zones"].queryset = Zone.objects.filter(event=event).order_by("code")

    @classmethod
    def initial_for(cls, category):
        return {"code": category.code, "name": category.name,
                "badge_colour": category.badge_colour,
                "zones": [zone.pk for zone in category.zones.all()],
                "vetting_required": category.vetting_required, "quota": category.quota}


class OutletForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, widget=forms.TextInput(attrs=INPUT))
    country = CountryChoiceField(label=_("Country"), queryset=Country.objects.all(),
                                 widget=forms.Select(attrs=SELECT))
    kind = forms.ChoiceField(label=_("Kind"), choices=OutletKind.choices,
                             widget=forms.Select(attrs=SELECT))
    domestic = forms.BooleanField(label=_("Domestic"), required=False,
                                  help_text=_("Based in the host country."),
                                  widget=forms.CheckboxInput(attrs=CHECK))
    quota = forms.IntegerField(label=_("Quota of journalists"), min_value=1, max_value=999,
                               initial=4, widget=forms.NumberInput(attrs={**INPUT, "min": 1}))

    @classmethod
    def initial_for(cls, outlet):
        return {"name": outlet.name, "country": outlet.country_id, "kind": outlet.kind,
                "domestic": outlet.domestic, "quota": outlet.quota}


class QuotaForm(forms.Form):
    category = ModelChoiceField(label=_("Category"),
                                      queryset=AccreditationCategory.objects.none(),
                                      widget=forms.Select(attrs=SELECT))
    organisation = forms.CharField(
        label=_("Organisation"), max_length=200,
        help_text=_("As the applications name it; upper and lower case do not matter."),
        widget=forms.TextInput(attrs=INPUT))
    quota = forms.IntegerField(label=_("Quota"), min_value=1,
                               widget=forms.NumberInput(attrs={**INPUT, "min": 1}))

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = AccreditationCategory.objects.filter(event=event)


# Staff entry and import of applications

# Categories whose people may come with a delegation: its members and its own media.
DELEGATION_KINDS = (CategoryKind.DELEGATE, CategoryKind.HEAD_OF_DELEGATION, *MEDIA_KINDS)
DATE = {**INPUT, "type": "date"}


class ApplicationEntryForm(forms.Form):
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

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        return clean_photo(upload) if upload else None

    def _document(self, name):
        upload = self.cleaned_data.get(name)
        return clean_document(upload) if upload else None

    def clean_letter_of_assignment(self):
        return self._document("letter_of_assignment")

    def clean_press_card(self):
        return self._document("press_card")

    def clean_id_copy(self):
        return self._document("id_copy")

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
