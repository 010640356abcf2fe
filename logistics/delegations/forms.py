"""The protocol office's forms: a delegation's status and protocol fields, and the bulk
invitation of countries and organisations."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from logistics.core.countries import collation_key, in_order
from logistics.core.enums import Role
from logistics.core.ids import ModelChoiceField, formfield
from logistics.delegations.enums import STATE_KINDS, DelegationKind, DelegationStatus, RegionalGroup
from logistics.delegations.models import Country, Delegation, Invitation
from logistics.delegations.registration.forms import BootstrapMixin

# A pasted line: "kind; name; e-mail", fields separated by semicolons or tabs (a spreadsheet).
LINE_SEPARATOR = re.compile(r"\t|;")
ORGANISATION_KINDS = [(value, label) for value, label in DelegationKind.choices
                      if value not in STATE_KINDS]


class DelegationStatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=DelegationStatus.choices)


def staff_users():
    """Who can be a liaison officer: active users with a staff role."""
    return (get_user_model().objects.filter(is_active=True)
            .filter(Q(groups__name__in=Role.values) | Q(is_superuser=True)).distinct()
            .order_by("first_name", "last_name", "username"))


class StaffChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class DelegationProtocolForm(BootstrapMixin, forms.ModelForm):
    liaison_officer = StaffChoiceField(label=gettext_lazy("Liaison officer"), required=False,
                                       queryset=get_user_model().objects.none())
    size_quota = forms.IntegerField(label=gettext_lazy("Size quota"), min_value=1, max_value=32767)

    class Meta:
        model = Delegation
        formfield_callback = formfield
        fields = ["liaison_officer", "hotel", "size_quota", "focal_point_name",
                  "focal_point_email", "mail_language", "intends_to_sign", "protocol_notes"]
        widgets = {"protocol_notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["liaison_officer"].queryset = staff_users()


def _kind_of(text):
    """A delegation kind from its code or its name (in the page's language or in English),
    in any case; None if unknown."""
    wanted = " ".join(text.replace("_", " ").split()).casefold()
    with override("en"):
        english = {value: str(label) for value, label in DelegationKind.choices}
    for value, label in DelegationKind.choices:
        names = (value.replace("_", " "), str(label), english[value])
        if wanted in (name.casefold() for name in names):
            return value
    return None


def organisation_kind_names():
    """The kinds an organisation line may give, by their names, for messages."""
    return ", ".join(str(label) for _value, label in ORGANISATION_KINDS)


def parse_organisation_lines(text):
    """[(label, kind, name, e-mail)] from pasted lines; ValidationError lists every bad line
    by its number. Blank lines are skipped."""
    rows, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label = _("Line %(number)s") % {"number": number}
        parts = [part.strip() for part in LINE_SEPARATOR.split(line)]
        if len(parts) != 3:
            errors.append(_("%(line)s: write the kind, the name and the focal point's e-mail, "
                            "separated by semicolons.") % {"line": label})
            continue
        kind_text, name, email = parts
        kind = _kind_of(kind_text)
        if kind is None:
            errors.append(_("%(line)s: “%(kind)s” is not a kind of organisation; use one of: "
                            "%(kinds)s.") % {"line": label, "kind": kind_text,
                                             "kinds": organisation_kind_names()})
            continue
        if kind in STATE_KINDS:
            errors.append(_("%(line)s: states are invited from the list of countries.")
                          % {"line": label})
            continue
        if not name:
            errors.append(_("%(line)s: the name is missing.") % {"line": label})
            continue
        if len(name) > Delegation._meta.get_field("name").max_length:
            errors.append(_("%(line)s: the name is longer than 200 characters.")
                          % {"line": label})
            continue
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("%(line)s: “%(email)s” is not a valid e-mail address.")
                          % {"line": label, "email": email})
            continue
        rows.append((label, kind, name, email))
    if errors:
        raise ValidationError(errors)
    return rows


def countries_to_invite(event, group=""):
    """Countries whose delegation to this event has not been invited yet (and has not
    declined), with the existing delegation's focal point e-mail where there is one
    (attribute `email`)."""
    invited = Invitation.objects.filter(delegation__event=event).values("delegation__country")
    declined = Delegation.objects.filter(event=event, status=DelegationStatus.DECLINED,
                                         country__isnull=False).values("country")
    countries = (Country.objects.exclude(pk__in=invited.exclude(delegation__country=None))
                 .exclude(pk__in=declined))
    if event.host_country_id:
        countries = countries.exclude(pk=event.host_country_id)  # the host invites
    if group:
        countries = countries.filter(regional_group=group)
    emails = dict(Delegation.objects.filter(event=event, country__in=countries)
                  .values_list("country_id", "focal_point_email"))
    countries = in_order(countries)
    for country in countries:
        country.email = emails.get(country.pk, "")
    return countries


def declined_states(event, group=""):
    """State delegations of this event that declined (of one regional group, or all), shown
    apart on the invitation page: they are invited again only from their own page."""
    states = (Delegation.objects.filter(event=event, status=DelegationStatus.DECLINED,
                                        country__isnull=False)
              .select_related("country"))
    states = states.filter(country__regional_group=group) if group else states
    return sorted(states, key=lambda state: collation_key(state.country.display_name()))


class DelegationInviteForm(forms.Form):
    """A checkbox and an e-mail per country not yet invited (of one regional group, or all),
    and a box of organisation lines."""

    group = forms.ChoiceField(label=gettext_lazy("Regional group"), required=False,
                              choices=[("", gettext_lazy("All groups")), *RegionalGroup.choices])
    organisations = forms.CharField(
        label=gettext_lazy("Organisations"), required=False, strip=False,  # line numbers as pasted
        widget=forms.Textarea(attrs={
            "rows": 6, "class": "form-control form-control-sm",
            "placeholder": format_lazy("{}; Access Now; focal@accessnow.example",
                                       DelegationKind.NGO.label)}),
        help_text=lazy(lambda: _("One organisation per line: kind; name; focal point's "
                                 "e-mail, separated by semicolons or tabs. Kinds: %(kinds)s.")
                       % {"kinds": organisation_kind_names()}, str)())

    def __init__(self, *args, event, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.countries = countries
        self.rows = []
        for country in countries:
            self.fields[f"c-{country.code}"] = forms.BooleanField(required=False,
                                                                  label=country.display_name())
            self.fields[f"e-{country.code}"] = forms.EmailField(
                required=False, initial=country.email, label=gettext_lazy("Focal point's e-mail"))
            self.rows.append((country, self[f"c-{country.code}"], self[f"e-{country.code}"]))

    def clean_organisations(self):
        return parse_organisation_lines(self.cleaned_data.get("organisations", ""))

    def clean(self):
        cleaned = super().clean()
        chosen = []
        for country in self.countries:
            email = cleaned.get(f"e-{country.code}")
            if not cleaned.get(f"c-{country.code}"):
                if email and f"e-{country.code}" in self.changed_data:
                    self.add_error(f"e-{country.code}", _(
                        "%(country)s: an e-mail is entered but the box is not ticked: tick it "
                        "to invite %(country)s, or clear the e-mail.")
                        % {"country": country.display_name()})
                continue
            if f"e-{country.code}" in self.errors:
                continue  # the field's own error names it
            if not email:
                self.add_error(f"e-{country.code}", _(
                    "%(country)s: enter the focal point's e-mail.")
                    % {"country": country.display_name()})
                continue
            chosen.append((country, email))
        cleaned["countries"] = chosen
        if not chosen and not cleaned.get("organisations") and not self.errors:
            raise ValidationError(_("Choose at least one country or paste at least one "
                                    "organisation."))
        return cleaned

    def error_lines(self):
        """Every error as one line that names its country or organisation line."""
        lines = []
        for name, errors in self.errors.items():
            if name.startswith("e-"):
                country = self.fields[f"c-{name[2:]}"].label
                lines += [e if e.startswith(country) else f"{country}: {e}" for e in errors]
            else:
                lines += list(errors)
        return lines
