"""Forms of the side-event pages: the public proposal, the staff review and schedule forms,
and the list's filters. The rules live in services.side_events; the forms show its errors
next to the fields they name."""

from datetime import date, datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from logistics.core.forms import PublicEmailField
from logistics.core.privacy_notice import CONSENT, SIDE_EVENT_PROPOSAL, PrivacyConsentMixin
from logistics.core.widgets import QuickSelect
from logistics.programme.forms import RoomChoiceField
from logistics.side_events.enums import (
    REVIEW_SCORE_MAX,
    REVIEW_SCORE_MIN,
    ProposalStatus,
    SideEventFormat,
)
from logistics.side_events.errors import InvalidProposal
from logistics.side_events.models import SideEventProposal
from logistics.side_events.queries import language_choices, rooms
from logistics.side_events.services import decisions
from logistics.side_events.services import proposals as side_events

INPUT = {"class": "form-control"}


class ProposalForm(PrivacyConsentMixin, forms.Form):
    notice = SIDE_EVENT_PROPOSAL

    organiser_organisation = forms.CharField(
        label=_("Organiser"), max_length=200,
        help_text=_("The organisation that proposes the side event."),
        widget=forms.TextInput(attrs={**INPUT, "autocomplete": "organization"}))
    organiser_name = forms.CharField(
        label=_("Contact person"), max_length=200,
        widget=forms.TextInput(attrs={**INPUT, "autocomplete": "name"}))
    organiser_email = PublicEmailField(
        label=_("E-mail"),
        help_text=_("We send the reference and the decision to this address."),
        widget=forms.EmailInput(attrs={**INPUT, "autocomplete": "email"}))
    co_organisers = forms.CharField(
        label=_("Co-organisers"), required=False,
        widget=forms.Textarea(attrs={**INPUT, "rows": 3}))
    title = forms.CharField(label=_("Title"), max_length=300,
                            widget=forms.TextInput(attrs=INPUT))
    abstract = forms.CharField(
        label=_("Abstract"),
        widget=forms.Textarea(attrs={**INPUT, "rows": 8}))
    format = forms.ChoiceField(label=_("Format"), choices=SideEventFormat.choices,
                               widget=forms.RadioSelect(attrs={"class": "form-check-input"}))
    languages = forms.MultipleChoiceField(
        label=_("Languages"), help_text=_("The languages the side event is held in."),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    expected_audience = forms.IntegerField(
        label=_("Expected audience"),
        widget=forms.NumberInput(attrs={**INPUT, "min": 1, "max": side_events.MAX_AUDIENCE}))
    technical_needs = forms.CharField(
        label=_("Technical needs"), required=False,
        help_text=_("Projector, microphones, interpretation, streaming, a stand..."),
        widget=forms.Textarea(attrs={**INPUT, "rows": 3}))
    preferred_slots = forms.MultipleChoiceField(
        label=_("Preferred slots"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every day and part of the day that would suit you."))

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        # Set here, not on the class, so that they are in the reader's language.
        self.fields["co_organisers"].help_text = _(
            "One organisation per line, at most %(max)s.") % {"max": side_events.CO_ORGANISERS_MAX}
        self.fields["abstract"].help_text = _(
            "What the side event is about and who speaks: %(min)s to %(max)s characters.") % {
                "min": side_events.ABSTRACT_MIN_CHARS, "max": side_events.ABSTRACT_MAX_CHARS}
        self.fields["expected_audience"].help_text = _(
            "How many people you expect, at most %(max)s.") % {"max": side_events.MAX_AUDIENCE}
        self.fields["languages"].choices = language_choices(event)
        self.slots = side_events.slot_choices(event)
        self.fields["preferred_slots"].choices = [(value, value) for value, _d, _p in self.slots]

    def clean(self):
        """The service's checks, so that every error shows at once, each at its field."""
        data = super().clean()
        fields = {name: data.get(name) for name in self.fields if name != CONSENT}
        fields["languages"] = fields["languages"] or []
        fields["preferred_slots"] = fields["preferred_slots"] or []
        try:
            side_events.proposal_build(event=self.event, **fields)
        except InvalidProposal as error:
            already = set(self.errors)
            for name, messages in error.fields.items():
                if name in self.fields and name not in already:
                    for message in messages:
                        self.add_error(name, message)
                elif name not in self.fields:
                    self.add_error(None, messages)
        return data

    def slot_grid(self):
        """Rows of the preferred-slot grid: (day, [(value, part, checked), ...])."""
        chosen = set(self["preferred_slots"].value() or [])
        rows = {}
        for value, day, part in self.slots:
            rows.setdefault(day, []).append((value, part, value in chosen))
        return list(rows.items())

    def error_summary(self):
        """(field id, label, message) of every error, for the summary above the form."""
        lines = []
        for name, errors in self.errors.items():
            field = self.fields.get(name)
            for error in errors:
                lines.append((self[name].auto_id if field else "", field.label if field else "",
                              error))
        return lines


class ReviewForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Score"), coerce=int,
        choices=[(n, str(n)) for n in range(REVIEW_SCORE_MIN, REVIEW_SCORE_MAX + 1)],
        help_text=_("1 weak, 5 excellent."),
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}))
    comment = forms.CharField(label=_("Comment"), required=False,
                              max_length=decisions.REVIEW_COMMENT_MAX_CHARS,
                              help_text=_("Seen by the other reviewers, never by the organiser."),
                              widget=forms.Textarea(attrs={**INPUT, "rows": 4}))


class ScheduleForm(forms.Form):
    """Room, day and times at the venue; the times are the event's local time."""

    room = RoomChoiceField(label=_("Room"), queryset=None,
                           widget=QuickSelect(attrs={"class": "form-select"}))
    day = forms.TypedChoiceField(label=_("Day"), coerce=date.fromisoformat,
                                 widget=forms.Select(attrs={"class": "form-select"}))
    starts = forms.TimeField(label=_("Start"),
                             widget=forms.TimeInput(attrs={**INPUT, "type": "time"}))
    ends = forms.TimeField(label=_("End"), widget=forms.TimeInput(attrs={**INPUT, "type": "time"}))

    # Where the programme's errors go on this form (views.refusals).
    SERVICE_FIELDS = {"expected_audience": "room", "starts_at": "starts", "ends_at": "ends"}

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["room"].queryset = rooms(event)
        self.fields["day"].choices = [(day.isoformat(), date_format(day, "Y-m-d (D)"))
                                      for day in side_events.event_days(event)]

    def times(self):
        """(starts_at, ends_at): aware datetimes at the venue."""
        data = self.cleaned_data
        tz = self.event.tz
        return (datetime.combine(data["day"], data["starts"], tzinfo=tz),
                datetime.combine(data["day"], data["ends"], tzinfo=tz))


REVIEWED_CHOICES = [("mine", _("Reviewed by me")), ("not_mine", _("Not yet reviewed by me"))]


class ProposalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProposalStatus.choices,
                                         empty_label=_("All"))
    format = django_filters.ChoiceFilter(label=_("Format"), choices=SideEventFormat.choices,
                                         empty_label=_("All"))
    reviewed = django_filters.ChoiceFilter(label=_("My review"), choices=REVIEWED_CHOICES,
                                           method="filter_reviewed", empty_label=_("All"))

    class Meta:
        model = SideEventProposal
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(reference__icontains=value) | Q(title__icontains=value)
                               | Q(organiser_organisation__icontains=value)
                               | Q(organiser_name__icontains=value)
                               | Q(co_organisers__icontains=value))

    def filter_reviewed(self, queryset, name, value):
        # `my_score` is annotated by queries.side_events.proposals for the reader.
        return queryset.filter(my_score__isnull=value != "mine")
