"""Forms of the protocol office's ceremony pages: the signing ceremony, the speakers list and
bilateral meetings. They check the shape of the input; the services check the rules."""

import json

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from logistics.enums import BilateralStatus, DelegationLevel, PlenaryOrderRule, SigningPlace
from logistics.ids import ModelChoiceField, ModelChoiceFilter
from logistics.models import BilateralMeeting, Delegation
from logistics.queries import bilaterals as bilateral_queries
from logistics.queries import signing as signing_queries
from logistics.services.speakers import TIME_LIMIT_MAX, TIME_LIMIT_MIN
from logistics.uploads import clean_document
from logistics.widgets import NameChoices, QuickSelect, SharedOptions

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeField(forms.DateTimeField):
    """A date and time typed in the event's local time (`tz`), whatever the server's zone."""

    def __init__(self, *, tz=None, **kwargs):
        kwargs.setdefault("widget", forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                        format=LOCAL_FORMAT))
        kwargs.setdefault("input_formats", [LOCAL_FORMAT, "%Y-%m-%d %H:%M"])
        super().__init__(**kwargs)
        self.tz = tz

    def prepare_value(self, value):
        if hasattr(value, "astimezone") and timezone.is_aware(value) and self.tz:
            return value.astimezone(self.tz).replace(tzinfo=None)
        return super().prepare_value(value)

    def to_python(self, value):
        with timezone.override(self.tz or timezone.get_current_timezone()):
            return super().to_python(value)


class DelegationChoiceField(ModelChoiceField):
    """A delegation by name, from lists that run to thousands at a COP-sized event."""

    widget = QuickSelect
    iterator = NameChoices

    def label_from_instance(self, obj):
        return obj.name


class ProtocolForm(forms.Form):
    """Form-control classes on every widget, the Bootstrap way."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = ("form-select form-select-sm" if isinstance(field.widget, forms.Select)
                   else "form-control form-control-sm")
            field.widget.attrs.setdefault("class", css)


# The signing ceremony

class SigningAddForm(ProtocolForm):
    delegation = DelegationChoiceField(label=_("State"), queryset=None,
                                       empty_label=_("Choose a state"))
    where = forms.ChoiceField(label=_("Where"), choices=SigningPlace.choices)
    signatory_name = forms.CharField(label=_("Signatory"), max_length=200, required=False,
                                     help_text=_("Blank: the head of delegation."))
    signatory_title = forms.CharField(label=_("Signatory's title"), max_length=200,
                                      required=False)
    signatory_level = forms.ChoiceField(
        label=_("Signatory's level"), required=False,
        choices=[("", _("As the head of delegation"))] + DelegationLevel.choices)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].queryset = signing_queries.signable_delegations(event)

    def service_kwargs(self):
        data = self.cleaned_data
        return {"delegation": data["delegation"], "where": data["where"],
                "signatory_name": data["signatory_name"] or None,
                "signatory_title": data["signatory_title"] or None,
                "signatory_level": data["signatory_level"] or None}


class FullPowersForm(ProtocolForm):
    document = forms.FileField(
        label=_("Full powers"), required=False,
        help_text=_("The instrument or the copy sent ahead: PDF, JPEG or PNG."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not upload:
            return None
        return clean_document(upload)


class SigningScheduleForm(ProtocolForm):
    where = forms.ChoiceField(label=_("Where"), choices=SigningPlace.choices)
    scheduled_at = LocalDateTimeField(label=_("Time"), required=False)
    order = forms.IntegerField(label=_("Place in the order"), required=False, min_value=1,
                               max_value=1000,
                               help_text=_("Plenary only. Blank: keep its place."))

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheduled_at"].tz = event.tz


class PlenaryOrderForm(ProtocolForm):
    rule = forms.ChoiceField(label=_("Rule"), choices=PlenaryOrderRule.choices)
    letter = forms.CharField(label=_("Drawn letter"), max_length=5, required=False,
                             help_text=_("For the alphabetical order."))

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("rule") == PlenaryOrderRule.ALPHABETICAL_FROM_LETTER
                and not cleaned.get("letter", "").strip()):
            self.add_error("letter", _("Draw one letter, from A to Z."))
        return cleaned


class PositionForm(forms.Form):
    """Move a row: one step up or down, or straight to a place."""

    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")], required=False)
    position = forms.IntegerField(min_value=1, max_value=1000, required=False)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("direction") and cleaned.get("position") is None:
            raise ValidationError(_("Give the place to move to."))
        return cleaned

    def target(self, current):
        """The place asked for, from the row's `current` place (None: not yet placed)."""
        if self.cleaned_data.get("position") is not None:
            return self.cleaned_data["position"]
        if current is None:
            return None
        return current - 1 if self.cleaned_data["direction"] == "up" else current + 1

    def error_text(self):
        return " ".join(message for messages in self.errors.values() for message in messages)


# The speakers list

class SpeakerFieldsForm(ProtocolForm):
    speaker_name = forms.CharField(label=_("Speaker"), max_length=200)
    speaker_title = forms.CharField(label=_("Title"), max_length=200, required=False)
    level = forms.ChoiceField(label=_("Level"), choices=DelegationLevel.choices)
    language = forms.CharField(label=_("Language"), max_length=10,
                               widget=forms.TextInput(attrs={"placeholder": _("en, fr, ar…")}))
    time_limit_minutes = forms.IntegerField(label=_("Time limit (minutes)"),
                                            min_value=TIME_LIMIT_MIN,
                                            max_value=TIME_LIMIT_MAX, initial=5)


class SpeakerInscribeForm(SpeakerFieldsForm):
    delegation = DelegationChoiceField(label=_("Delegation"), queryset=None,
                                       empty_label=_("Choose a delegation"))
    level = forms.ChoiceField(
        label=_("Level"), required=False,
        choices=[("", _("As the head of delegation"))] + DelegationLevel.choices,
        help_text=_("The speaker's level sets the place in the order of precedence."))
    field_order = ["delegation", "speaker_name", "speaker_title", "level", "language",
                   "time_limit_minutes"]

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        delegation = self.fields["delegation"]
        delegation.queryset = (bilateral_queries.event_delegations(session.event_id)
                               .exclude(speaker_slots__session=session))
        # One read of the delegations for the select and for the levels of their heads,
        # which accord.js puts in the level field when a delegation is chosen.
        offered = list(delegation.queryset.values_list("pk", "name", "head_level"))
        delegation.widget.share(SharedOptions((pk, name) for pk, name, _level in offered),
                                delegation.empty_label)
        delegation.widget.attrs.update({
            "data-head-levels": json.dumps({str(pk): level for pk, _name, level in offered
                                            if level}),
            "data-level-field": self["level"].auto_id,
        })

    def clean(self):
        cleaned = super().clean()
        delegation = cleaned.get("delegation")
        if delegation is not None and not cleaned.get("level"):
            if delegation.head_level:
                cleaned["level"] = delegation.head_level
            else:
                self.add_error("level", _("%(delegation)s has no level for its head of "
                                          "delegation: choose the speaker's level.")
                               % {"delegation": delegation.name})
        return cleaned


# Bilateral meetings

class BilateralRequestForm(ProtocolForm):
    requester = DelegationChoiceField(label=_("Requested by"), queryset=None,
                                      empty_label=_("Choose a delegation"))
    counterpart = DelegationChoiceField(label=_("With delegation"), queryset=None,
                                        required=False, empty_label="—")
    host_leader = ModelChoiceField(label=_("Or with host leader"), queryset=None,
                                         required=False, empty_label="—")
    subject = forms.CharField(label=_("Subject"), max_length=300, required=False)
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=5,
                                          max_value=240, initial=30)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        delegations = bilateral_queries.event_delegations(event)
        self.fields["requester"].queryset = delegations
        self.fields["counterpart"].queryset = delegations
        self.fields["host_leader"].queryset = bilateral_queries.host_leaders(event)


class BilateralScheduleForm(ProtocolForm):
    room = ModelChoiceField(label=_("Room"), queryset=None, widget=QuickSelect,
                                  empty_label=_("Choose a room"))
    starts_at = LocalDateTimeField(label=_("Start"))

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = bilateral_queries.event_rooms(event)
        self.fields["room"].label_from_instance = lambda room: _(
            "%(room)s · %(seats)s seats (%(venue)s)") % {
            "room": room.name, "seats": room.capacity, "venue": room.venue.name}
        self.fields["room"].help_text = _(
            "Rooms for up to %(seats)s people first, smallest first.") % {
            "seats": bilateral_queries.BILATERAL_ROOM_SEATS}
        starts_at = self.fields["starts_at"]
        starts_at.tz = event.tz
        # The date picker offers the event's days only (the service refuses any other).
        starts_at.widget.attrs.update({"min": f"{event.start_date.isoformat()}T00:00",
                                       "max": f"{event.end_date.isoformat()}T23:59"})


class BilateralFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=BilateralStatus.choices,
                                         empty_label=_("All"))
    delegation = ModelChoiceFilter(label=_("Delegation"),
                                                  queryset=Delegation.objects.none(),
                                                  method="with_delegation",
                                                  empty_label=_("All"),
                                                  widget=QuickSelect(attrs=QuickSelect.SMALL))

    class Meta:
        model = BilateralMeeting
        fields = []

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["delegation"].queryset = bilateral_queries.event_delegations(event)

    def with_delegation(self, queryset, name, value):
        return queryset.filter(Q(requester=value) | Q(counterpart=value))


class DelegationBilateralRequestForm(ProtocolForm):
    """A delegation's own request, through its registration link: whom it asks to meet."""

    counterpart = DelegationChoiceField(label=_("With delegation"), queryset=None,
                                        required=False, empty_label="—")
    host_leader = ModelChoiceField(label=_("Or with host leader"), queryset=None,
                                         required=False, empty_label="—")
    subject = forms.CharField(label=_("Subject"), max_length=300, required=False)
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=5,
                                          max_value=240, initial=30)

    def __init__(self, *args, delegation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counterpart"].queryset = (
            bilateral_queries.event_delegations(delegation.event).exclude(pk=delegation.pk))
        self.fields["host_leader"].queryset = bilateral_queries.host_leaders(delegation.event)
