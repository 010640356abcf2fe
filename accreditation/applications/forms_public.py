"""Forms of the public applicant pages: the media application (new, or corrected through the
applicant's link) and the status check. The rules live in services.applications; the form
checks the uploads by content and what a person filling in a form can get wrong, and shows the
service's errors next to the fields they name."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accreditation.applications.forms_uploads import ApplicationUploadsMixin
from accreditation.applications.queries.public import category_for_role, outlets
from accreditation.enums import IdDocumentKind, MediaRole, OutletKind
from accreditation.setup.models import MediaOutlet
from logistics.core.forms import PublicEmailField
from logistics.core.ids import CountryChoiceField, ModelChoiceField
from logistics.core.kept_uploads import KeptUploadsMixin
from logistics.core.privacy_notice import MEDIA_APPLICATION, PrivacyConsentMixin
from logistics.core.uploads import DOCUMENT_MAX_BYTES, PHOTO_MAX_BYTES, PHOTO_MIN_SIZE
from logistics.core.validators import validate_id_document_expiry
from logistics.delegations.enums import Gender
from logistics.delegations.models import Country

INPUT = {"class": "form-control"}
SELECT = {"class": "form-select"}
# Typed in Latin letters and digits whatever the page's direction.
LTR = {**INPUT, "dir": "ltr"}
DOCUMENT_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
DOCUMENTS = ("letter_of_assignment", "press_card", "id_copy")
FILES = ("photo", *DOCUMENTS)
OLDEST_BIRTH = date(1900, 1, 1)


def _date_input():
    return forms.DateInput(attrs={**INPUT, "type": "date"}, format="%Y-%m-%d")


class OutletChoiceField(ModelChoiceField):
    def label_from_instance(self, outlet):
        return f"{outlet.name} ({outlet.country.display_name()})"


class MediaApplicationForm(ApplicationUploadsMixin, KeptUploadsMixin, PrivacyConsentMixin,
                           forms.Form):
    """The journalist's application. With `application`, the same form corrects it: prefilled,
    the ID number and the files kept unless something new is entered. With the visitor's
    `session`, the files sent with a form that comes back are kept (logistics.core.kept_uploads);
    the privacy notice's consent is required (logistics.core.privacy_notice)."""

    notice = MEDIA_APPLICATION

    family_name = forms.CharField(
        label=_("Family name"), max_length=150,
        help_text=_("As in your passport, in any script."),
        widget=forms.TextInput(attrs={**INPUT, "autocomplete": "family-name"}))
    given_names = forms.CharField(
        label=_("Given names"), max_length=150, required=False,
        widget=forms.TextInput(attrs={**INPUT, "autocomplete": "given-name"}))
    gender = forms.ChoiceField(label=_("Gender"), choices=[("", "—"), *Gender.choices],
                               widget=forms.Select(attrs=SELECT))
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=_date_input())
    nationality = CountryChoiceField(
        label=_("Nationality"), queryset=Country.objects.all(), empty_label="—",
        widget=forms.Select(attrs={**SELECT, "autocomplete": "country"}))
    email = PublicEmailField(
        label=_("E-mail"),
        help_text=_("We send the reference and every decision to this address."),
        widget=forms.EmailInput(attrs={**LTR, "autocomplete": "email"}))
    phone = forms.CharField(
        label=_("Phone"), max_length=40,
        help_text=_("With the country code, e.g. +84 24 3825 3536."),
        widget=forms.TextInput(attrs={**LTR, "type": "tel", "autocomplete": "tel"}))
    id_document_kind = forms.ChoiceField(
        label=_("ID document"), choices=[("", "—"), *IdDocumentKind.choices],
        widget=forms.Select(attrs=SELECT))
    id_document_number = forms.CharField(
        label=_("Document number"), max_length=40,
        widget=forms.TextInput(attrs={**LTR, "autocomplete": "off"}))
    id_document_expiry = forms.DateField(label=_("Valid until"), widget=_date_input())
    outlet = OutletChoiceField(
        label=_("Media outlet"), queryset=MediaOutlet.objects.none(), required=False,
        empty_label="—",
        help_text=_("The outlet that assigns you to the event. Not in the list? Name it below."),
        widget=forms.Select(attrs=SELECT))
    proposed_outlet = forms.CharField(
        label=_("Name of the outlet"), max_length=200, required=False,
        widget=forms.TextInput(attrs={**INPUT, "autocomplete": "organization"}))
    proposed_outlet_country = CountryChoiceField(
        label=_("Country of the outlet"), queryset=Country.objects.all(),
        required=False, empty_label="—", widget=forms.Select(attrs=SELECT))
    proposed_outlet_kind = forms.ChoiceField(
        label=_("Kind of outlet"), choices=[("", "—"), *OutletKind.choices], required=False,
        widget=forms.Select(attrs=SELECT))
    media_role = forms.ChoiceField(label=_("Role"), choices=[("", "—"), *MediaRole.choices],
                                   widget=forms.Select(attrs=SELECT))
    function = forms.CharField(
        label=_("Function"), max_length=200,
        help_text=_("Your title at the outlet, e.g. Chief correspondent."),
        widget=forms.TextInput(attrs={**INPUT, "autocomplete": "organization-title"}))
    equipment = forms.CharField(
        label=_("Equipment"), required=False,
        help_text=_("Cameras, tripods, lights, satellite gear you will bring in."),
        widget=forms.Textarea(attrs={**INPUT, "rows": 3}))
    letter_of_assignment = forms.FileField(
        label=_("Letter of assignment"),
        widget=forms.FileInput(attrs={**INPUT, "accept": DOCUMENT_ACCEPT}))
    press_card = forms.FileField(
        label=_("Press card"),
        widget=forms.FileInput(attrs={**INPUT, "accept": DOCUMENT_ACCEPT}))
    id_copy = forms.FileField(
        label=_("Copy of the ID document"),
        widget=forms.FileInput(attrs={**INPUT, "accept": DOCUMENT_ACCEPT}))
    photo = forms.FileField(
        label=_("Photo"),
        widget=forms.FileInput(attrs={**INPUT, "accept": "image/jpeg,image/png"}))

    def __init__(self, *args, event, categories, application=None, **kwargs):
        self.event = event
        self.categories = categories
        self.application = application
        self.category = None
        if application is not None:
            kwargs.setdefault("initial", self._initial(application))
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = outlets(event)
        # Set here, not on the class, so that they are in the reader's language.
        size = filesizeformat(DOCUMENT_MAX_BYTES)
        self.fields["letter_of_assignment"].help_text = gettext(
            "On the outlet's letterhead, signed and dated by the editor-in-chief or another "
            "editor, naming you, your function, this event and its dates. PDF, JPEG or PNG, "
            "at most %(size)s.") % {"size": size}
        self.fields["press_card"].help_text = gettext(
            "Both sides if the card has two. PDF, JPEG or PNG, at most %(size)s.") % {
                "size": size}
        self.fields["id_copy"].help_text = gettext(
            "The page with your photo of the passport or ID card named above. PDF, JPEG or "
            "PNG, at most %(size)s.") % {"size": size}
        self.fields["photo"].help_text = gettext(
            "JPEG or PNG, at least %(width)s×%(height)s pixels, at most %(size)s.") % {
                "width": PHOTO_MIN_SIZE[0], "height": PHOTO_MIN_SIZE[1],
                "size": filesizeformat(PHOTO_MAX_BYTES)}
        self.fields["id_document_expiry"].help_text = gettext(
            "The document must still be valid after %(last)s, the event's last day.") % {
                "last": event.end_date.isoformat()}
        if application is not None:
            number = self.fields["id_document_number"]
            number.required = False
            number.help_text = gettext(
                "Not shown again once sent: leave blank to keep the number on record.")
            for name in FILES:
                self.fields[name].required = False
                self.fields[name].help_text = gettext(
                    "A file is on record: leave empty to keep it, or choose one to replace "
                    "it.") + " " + str(self.fields[name].help_text)

    @staticmethod
    def _initial(application):
        values = {name: getattr(application, name) for name in (
            "family_name", "given_names", "gender", "date_of_birth", "email", "phone",
            "id_document_kind", "id_document_expiry", "proposed_outlet",
            "proposed_outlet_kind", "media_role", "function", "equipment")}
        values.update(nationality=application.nationality_id, outlet=application.outlet_id,
                      proposed_outlet_country=application.proposed_outlet_country_id)
        return values

    # Field checks

    def clean_family_name(self):
        return self.cleaned_data["family_name"].strip()

    def clean_given_names(self):
        return self.cleaned_data["given_names"].strip()

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born >= self.event.today() or born < OLDEST_BIRTH:
            raise ValidationError(gettext("Check the date of birth: %(date)s cannot be right.")
                                  % {"date": born.isoformat()}, code="date_of_birth")
        return born

    def clean_id_document_number(self):
        return self.cleaned_data["id_document_number"].strip()

    def clean_id_document_expiry(self):
        expiry = self.cleaned_data["id_document_expiry"]
        error = validate_id_document_expiry(expiry, self.event)
        if error:
            raise ValidationError(error, code="expires_too_soon")
        return expiry

    def clean(self):
        data = super().clean()
        self._clean_outlet(data)
        role = data.get("media_role")
        if role:
            self.category = category_for_role(self.categories, role)
            if (self.application is not None and self.category is not None
                    and self.category.pk != self.application.category_id):
                self.add_error("media_role", gettext(
                    "Your application is in the %(category)s category; to change to this "
                    "role, write to the accreditation office.")
                    % {"category": self.application.category.name})
        return data

    def _clean_outlet(self, data):
        outlet = data.get("outlet")
        name = (data.get("proposed_outlet") or "").strip()
        data["proposed_outlet"] = name
        if outlet and name:
            self.add_error("proposed_outlet", gettext(
                "You picked %(outlet)s from the list: leave this empty, or pick no outlet "
                "above.") % {"outlet": outlet.name})
            return
        if outlet:
            data["proposed_outlet_country"] = None
            data["proposed_outlet_kind"] = ""
            return
        if not name:
            if "outlet" not in self.errors:
                self.add_error("outlet", gettext("Pick your outlet, or name it below if it is not "
                                           "in the list."))
            return
        known = self.fields["outlet"].queryset.filter(name__iexact=name).first()
        if known is not None:
            # Proposed under the name of an outlet already listed: it is that one.
            data.update(outlet=known, proposed_outlet="", proposed_outlet_country=None,
                        proposed_outlet_kind="")
            return
        if not data.get("proposed_outlet_country") and "proposed_outlet_country" not in \
                self.errors:
            self.add_error("proposed_outlet_country", gettext("Say where the outlet is based."))
        if not data.get("proposed_outlet_kind") and "proposed_outlet_kind" not in self.errors:
            self.add_error("proposed_outlet_kind", gettext("Say what kind of outlet it is."))

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()

    # For the view

    def service_fields(self):
        """What services.applications is given: the person's fields, with what is kept on
        record (ID number, files) left out when nothing new was entered."""
        data = self.without_consent(self.cleaned_data)
        if not data.get("id_document_number"):
            data.pop("id_document_number", None)
        for name in FILES:
            if not data.get(name):
                data.pop(name, None)
        outlet = data.get("outlet")
        data["organisation"] = outlet.name if outlet else data.get("proposed_outlet", "")
        return data

    def error_summary(self):
        """(field id, label, message) of every error, for the summary above the form."""
        lines = []
        for name, errors in self.errors.items():
            field = self.fields.get(name)
            for error in errors:
                lines.append((self[name].auto_id if field else "",
                              field.label if field else "", error))
        return lines

    def proposing(self):
        """Whether the "outlet not in the list" part should show open."""
        return bool(self["proposed_outlet"].value()) or any(
            name in self.errors for name in ("proposed_outlet", "proposed_outlet_country",
                                             "proposed_outlet_kind"))


class StatusForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference"), max_length=20,
        help_text=_("As in the mail we sent you, e.g. A-7K2M9PQR."),
        widget=forms.TextInput(attrs={**LTR, "autocomplete": "off",
                                      "autocapitalize": "characters", "spellcheck": "false"}))
    email = PublicEmailField(
        label=_("E-mail"),
        help_text=_("The address you applied with."),
        widget=forms.EmailInput(attrs={**LTR, "autocomplete": "email"}))
