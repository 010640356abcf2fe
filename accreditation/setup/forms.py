"""Forms of the accreditation office's set-up: zones, categories, outlets and organisation
quotas. They check types; the rules (codes taken, colours, zones of the event) live in
accreditation.setup.services.office and come back as errors on these fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.enums import OutletKind
from accreditation.setup.models import AccreditationCategory, Zone
from logistics.core.ids import CountryChoiceField, ModelChoiceField, ModelMultipleChoiceField
from logistics.delegations.models import Country

INPUT = {"class": "form-control"}
SELECT = {"class": "form-select"}
CHECK = {"class": "form-check-input"}


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


