"""Forms of the programme office: sessions, rooms, venues and publishing. They only read
and check input; the services in logistics.programme.services.sessions and .publishing write."""

import re
from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from logistics.core.ids import ModelChoiceField, ModelMultipleChoiceField
from logistics.core.widgets import QuickSelect
from logistics.delegations.models import Delegation
from logistics.programme import queries as programme_queries
from logistics.programme.enums import MediaAccess, SessionKind, SessionStatus
from logistics.programme.models import HostLeader, Venue

# ISO 639 codes with an optional region or script: en, fr, ar, zh-Hans, pt-BR.
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def parse_languages(value):
    """["en", "fr"] from "en, FR ,fr"; raises ValidationError naming each bad code."""
    codes, bad = [], []
    for part in re.split(r"[,;\s]+", value or ""):
        if not part:
            continue
        head, _sep, tail = part.partition("-")
        code = head.lower() + (f"-{tail}" if tail else "")
        if not LANGUAGE_CODE.match(code):
            bad.append(part)
        elif code not in codes:
            codes.append(code)
    if bad:
        raise forms.ValidationError(
            _("Not a language code: %(codes)s. Give codes such as en, fr, ar, separated by "
              "commas.") % {"codes": ", ".join(bad)})
    return codes


class RoomChoiceField(ModelChoiceField):
    """A room by venue, name and seats, from lists that run to hundreds at a COP-sized
    event (the queryset must select the venue)."""

    widget = QuickSelect

    def label_from_instance(self, room):
        return _("%(venue)s · %(room)s (%(capacity)s seats)") % {
            "venue": room.venue.name, "room": room.name, "capacity": room.capacity}


class _StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for bound in self.fields.values():
            widget = bound.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class SessionForm(_StyledForm):
    """A session, its times in the event's local time."""

    # The service's names of fields this form names otherwise (views.refusals).
    SERVICE_FIELDS = {"starts_at": "starts", "ends_at": "ends"}

    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    room = RoomChoiceField(label=_("Room"), queryset=None, required=False,
                           empty_label=_("Not placed yet"))
    draft = forms.BooleanField(
        label=_("Keep as a draft"), required=False, initial=False,
        help_text=_("Leave unticked to book the room: the session is scheduled and checked "
                    "for clashes. Tick to pencil it in without a booking (nothing is checked "
                    "until it is scheduled). A session without a room is always a draft."))
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_day = forms.DateField(label=_("Ends on another day"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}),
                              help_text=_("Only for a session that runs past midnight."))
    languages = forms.CharField(label=_("Languages of interpretation"), required=False,
                                max_length=200, help_text=_("Codes separated by commas, e.g. "
                                                            "en, fr, ar."))
    media_access = forms.ChoiceField(label=_("Media access"), choices=MediaAccess.choices,
                                     initial=MediaAccess.OPEN)
    chair = forms.CharField(label=_("Chair"), max_length=200, required=False)
    organiser = forms.CharField(label=_("Organiser"), max_length=200, required=False)
    organiser_email = forms.EmailField(label=_("Organiser's e-mail"), required=False,
                                       help_text=_("Told by mail when a published version "
                                                   "moves or cancels the session."))
    expected_audience = forms.IntegerField(label=_("Expected audience"), required=False,
                                           min_value=0, max_value=1_000_000)
    delegations = ModelMultipleChoiceField(
        label=_("Delegations taking part"), queryset=None, required=False,
        help_text=_("Their heads of delegation are checked for clashes."),
        widget=forms.SelectMultiple(attrs={"size": 6}))
    host_leader = ModelChoiceField(label=_("Host leader"), queryset=None, required=False)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["room"].queryset = programme_queries.rooms(event)
        self.fields["delegations"].queryset = (Delegation.objects.filter(event=event)
                                               .order_by("name", "pk"))
        self.fields["host_leader"].queryset = HostLeader.objects.filter(event=event)

    @classmethod
    def initial_for(cls, session):
        tz = session.event.tz
        starts, ends = session.starts_at.astimezone(tz), session.ends_at.astimezone(tz)
        return {
            "kind": session.kind, "title": session.title, "room": session.room_id,
            "draft": session.status == SessionStatus.DRAFT, "day": starts.date(),
            "starts": starts.time().replace(second=0, microsecond=0),
            "ends": ends.time().replace(second=0, microsecond=0),
            "end_day": ends.date() if ends.date() != starts.date() else None,
            "languages": ", ".join(session.languages or []),
            "media_access": session.media_access, "chair": session.chair,
            "organiser": session.organiser, "organiser_email": session.organiser_email,
            "expected_audience": session.expected_audience,
            "delegations": [d.pk for d in session.delegations.all()],
            "host_leader": session.host_leader_id,
        }

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_languages(self):
        return parse_languages(self.cleaned_data.get("languages"))

    def clean(self):
        data = super().clean()
        day, starts, ends = data.get("day"), data.get("starts"), data.get("ends")
        if day and starts and ends:
            tz = self.event.tz
            end_day = data.get("end_day") or day
            data["starts_at"] = datetime.combine(day, starts, tzinfo=tz)
            data["ends_at"] = datetime.combine(end_day, ends, tzinfo=tz)
            if data["ends_at"] <= data["starts_at"]:
                field = "end_day" if data.get("end_day") else "ends"
                self.add_error(field, _("A session must end after it starts."))
        return data

    def service_fields(self):
        """The keyword arguments of session_create and session_update."""
        data = self.cleaned_data
        placed = data["room"] is not None and not data["draft"]
        return {
            "kind": data["kind"], "title": data["title"], "room": data["room"],
            "starts_at": data["starts_at"], "ends_at": data["ends_at"],
            "languages": data["languages"], "media_access": data["media_access"],
            "chair": data["chair"].strip(), "organiser": data["organiser"].strip(),
            "organiser_email": data["organiser_email"],
            "expected_audience": data["expected_audience"],
            "status": SessionStatus.SCHEDULED if placed else SessionStatus.DRAFT,
            "delegations": list(data["delegations"]), "host_leader": data["host_leader"],
        }


class VenueForm(_StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class RoomForm(_StyledForm):
    venue = ModelChoiceField(label=_("Venue"), queryset=None)
    name = forms.CharField(label=_("Name"), max_length=200)
    capacity = forms.IntegerField(label=_("Capacity (seats)"), min_value=1,
                                  max_value=1_000_000)
    access_zone = forms.CharField(
        label=_("Access zone"), max_length=20, required=False,
        help_text=_("The accreditation zone a badge must carry to enter this room: the "
                    "letter or code the badges print for that zone (for example, the plenary "
                    "area or the press centre). Blank: any badge holder may enter."))
    interpretation_booths = forms.IntegerField(label=_("Interpretation booths"), min_value=0,
                                               max_value=50, initial=0)
    streaming = forms.BooleanField(label=_("Streaming"), required=False)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = Venue.objects.filter(event=event)

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_access_zone(self):
        return self.cleaned_data["access_zone"].strip().upper()


class PublishForm(_StyledForm):
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Shown with the version, e.g. what the update is for."))


class SessionMoveForm(forms.Form):
    """Where the programme grid drops a session: a room and a start on the quarter hour of a
    day of the event (or of the day it is on now, a briefing the day before). It keeps its
    length; everything else is session_update's to check."""

    room = ModelChoiceField(label=_("Room"), queryset=None)
    day = forms.DateField(label=_("Day"))
    starts = forms.TimeField(label=_("Starts"))

    def __init__(self, *args, event, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.event, self.session = event, session
        self.fields["room"].queryset = programme_queries.rooms(event)

    def clean_starts(self):
        starts = self.cleaned_data["starts"]
        if starts.minute % programme_queries.SLOT_MINUTES or starts.second or starts.microsecond:
            raise forms.ValidationError(_("A session starts on the quarter hour."))
        return starts

    def clean_day(self):
        day = self.cleaned_data["day"]
        event = self.event
        if day not in programme_queries.event_days(event) \
                and day != self.session.starts_at.astimezone(event.tz).date():
            raise forms.ValidationError(
                _("The grid moves a session within the event, %(first)s to %(last)s; "
                  "change its day in its form.") % {
                    "first": event.start_date.isoformat(), "last": event.end_date.isoformat()})
        return day

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("starts"):
            session = self.session
            data["starts_at"] = datetime.combine(data["day"], data["starts"],
                                                 tzinfo=self.event.tz)
            data["ends_at"] = data["starts_at"] + (session.ends_at - session.starts_at)
        return data

    def service_fields(self):
        """The keyword arguments of session_update: the place, not the status (a draft
        moved stays a draft)."""
        data = self.cleaned_data
        return {"room": data["room"], "starts_at": data["starts_at"], "ends_at": data["ends_at"]}
