"""Writes to bilateral meetings and the host leaders they are held with, for the protocol
office. A scheduled bilateral is a Session of kind bilateral, booked through
services.programme: the room and the people taking part (both heads of delegation, the host
leader) are checked for clashes there, under its row locks."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from logistics.bilaterals.enums import BILATERAL_TRANSITIONS, BilateralStatus
from logistics.bilaterals.errors import InvalidBilateral
from logistics.bilaterals.models import BilateralMeeting
from logistics.core import permissions
from logistics.core.errors import InvalidTransition
from logistics.delegations.models import Delegation
from logistics.programme.enums import MediaAccess, SessionKind, SessionStatus
from logistics.programme.models import HostLeader
from logistics.programme.services import sessions as programme

DURATION_MIN, DURATION_MAX = 5, 240
OPEN_STATUSES = (BilateralStatus.REQUESTED, BilateralStatus.SCHEDULED)


def _check_officer(by):
    permissions.require(by, permissions.can_manage_delegations,
                        _("Only the protocol office can arrange bilateral meetings."))


def _locked(bilateral):
    return (BilateralMeeting.objects.select_for_update(of=("self",))
            .select_related("requester", "counterpart", "host_leader", "session")
            .get(pk=bilateral.pk))


def _with(bilateral):
    return bilateral.counterpart.name if bilateral.counterpart_id else str(bilateral.host_leader)


def _check_within_event(event, starts_at, ends_at):
    """A bilateral is held during the event: from its first day to its last, local dates."""
    tz = event.tz
    first = datetime.combine(event.start_date, time.min, tzinfo=tz)
    after = datetime.combine(event.end_date + timedelta(days=1), time.min, tzinfo=tz)
    if first <= starts_at and ends_at <= after:
        return
    message = _("A bilateral is held during the event, from %(first)s to %(last)s (local "
                "dates); %(start)s is outside.") % {
        "first": date_format(event.start_date, "j F Y"),
        "last": date_format(event.end_date, "j F Y"),
        "start": date_format(starts_at.astimezone(tz), "j F Y, H:i")}
    raise InvalidBilateral(message, fields={"starts_at": [message]})


def _check_duration(duration):
    if (isinstance(duration, bool) or not isinstance(duration, int)
            or not DURATION_MIN <= duration <= DURATION_MAX):
        message = _("A bilateral lasts from %(min)s to %(max)s minutes.") % {
            "min": DURATION_MIN, "max": DURATION_MAX}
        raise InvalidBilateral(message, fields={"duration_minutes": [message]})


@transaction.atomic
def bilateral_request(*, event, requester, counterpart=None, host_leader=None, subject="",
                      duration_minutes=30, by):
    """Record that `requester` asks to meet another delegation or a host leader (exactly one
    of them). A second open request between the same two is refused."""
    _check_officer(by)
    if (counterpart is None) == (host_leader is None):
        message = _("Choose whom %(delegation)s asks to meet: another delegation or a host "
                    "leader, not both.") % {"delegation": requester.name}
        raise InvalidBilateral(message, fields={"counterpart": [message]})
    if requester.event_id != event.pk:
        raise InvalidBilateral(_("%(delegation)s attends another event.")
                               % {"delegation": requester.name},
                               fields={"requester": [_("Another event's delegation.")]})
    if counterpart is not None:
        if counterpart.pk == requester.pk:
            message = _("%(delegation)s cannot request a bilateral with itself.") % {
                "delegation": requester.name}
            raise InvalidBilateral(message, fields={"counterpart": [message]})
        if counterpart.event_id != event.pk:
            message = _("%(delegation)s attends another event.") % {
                "delegation": counterpart.name}
            raise InvalidBilateral(message, fields={"counterpart": [message]})
    if host_leader is not None and host_leader.event_id != event.pk:
        message = _("%(leader)s is a host leader of another event.") % {"leader": host_leader}
        raise InvalidBilateral(message, fields={"host_leader": [message]})
    _check_duration(duration_minutes)
    subject = (subject or "").strip()
    if len(subject) > 300:
        message = _("The subject is longer than 300 characters.")
        raise InvalidBilateral(message, fields={"subject": [message]})
    # Lock both delegations, in primary-key order, so that two officers entering the same
    # pair, from either side, make one request (and cannot deadlock).
    both = sorted({requester.pk} | ({counterpart.pk} if counterpart is not None else set()))
    list(Delegation.objects.select_for_update().filter(pk__in=both).order_by("pk")
         .values_list("pk", flat=True))
    pair = (Q(counterpart=counterpart) if counterpart is not None
            else Q(host_leader=host_leader))
    same = Q(requester=requester) & pair
    if counterpart is not None:
        same |= Q(requester=counterpart, counterpart=requester)
    if BilateralMeeting.objects.filter(same, event=event, status__in=OPEN_STATUSES).exists():
        message = _("A bilateral between %(requester)s and %(other)s is already requested or "
                    "scheduled.") % {"requester": requester.name,
                                     "other": counterpart.name if counterpart else host_leader}
        raise InvalidBilateral(message, fields={"counterpart": [message]})
    bilateral = BilateralMeeting(event=event, requester=requester, counterpart=counterpart,
                                 host_leader=host_leader, subject=subject,
                                 duration_minutes=duration_minutes)
    bilateral.full_clean()
    bilateral.save()
    return bilateral


@transaction.atomic
def bilateral_schedule(*, bilateral, room, starts_at, by):
    """Book the bilateral into `room` from `starts_at` for its duration, or move it there.
    Refused outside the event's days (InvalidBilateral). The programme's checks refuse a busy
    room (RoomClash) or a head of delegation or host leader already elsewhere (PersonClash);
    nothing is written then."""
    _check_officer(by)
    if not isinstance(starts_at, datetime) or timezone.is_naive(starts_at):
        message = _("Give the start with its time zone.")
        raise InvalidBilateral(message, fields={"starts_at": [message]})
    if room is None:
        message = _("Choose a room.")
        raise InvalidBilateral(message, fields={"room": [message]})
    bilateral = _locked(bilateral)
    if BilateralStatus.SCHEDULED not in BILATERAL_TRANSITIONS[bilateral.status]:
        raise InvalidTransition(
            _("The bilateral of %(requester)s with %(other)s is %(status)s: it cannot be "
              "scheduled.") % {"requester": bilateral.requester.name, "other": _with(bilateral),
                               "status": bilateral.get_status_display().lower()})
    ends_at = starts_at + timedelta(minutes=bilateral.duration_minutes)
    _check_within_event(bilateral.event, starts_at, ends_at)
    # The protocol office's right to book is checked above; the programme services act for
    # it as the system (by=None), their own gate being the programme office's.
    # A declined bilateral's session is cancelled, and stays so: taken up again, it is
    # booked anew.
    if bilateral.session is None or bilateral.session.status == SessionStatus.CANCELLED:
        session = programme.session_create(
            event=bilateral.event, by=None, kind=SessionKind.BILATERAL,
            title=_("Bilateral: %(requester)s – %(other)s") % {
                "requester": bilateral.requester.name, "other": _with(bilateral)},
            room=room, starts_at=starts_at, ends_at=ends_at, media_access=MediaAccess.CLOSED,
            status=SessionStatus.SCHEDULED,
            delegations=[d for d in (bilateral.requester, bilateral.counterpart) if d],
            host_leader=bilateral.host_leader)
        bilateral.session = session
    else:
        programme.session_update(session=bilateral.session, by=None, room=room,
                                 starts_at=starts_at, ends_at=ends_at,
                                 status=SessionStatus.SCHEDULED)
    bilateral.status = BilateralStatus.SCHEDULED
    bilateral.full_clean()
    bilateral.save()
    return bilateral


@transaction.atomic
def bilateral_set_status(*, bilateral, by, status):
    """Mark a scheduled bilateral held, decline one (a scheduled one's session is cancelled
    and its room freed), or take a declined request up again. Scheduling goes through
    bilateral_schedule, which needs a room and a time."""
    _check_officer(by)
    bilateral = _locked(bilateral)
    if status == BilateralStatus.SCHEDULED:
        message = _("Schedule a bilateral by choosing its room and its time.")
        raise InvalidBilateral(message, fields={"status": [message]})
    if status == bilateral.status:
        return bilateral
    if status not in BilateralStatus.values or status not in BILATERAL_TRANSITIONS[
            bilateral.status]:
        label = (BilateralStatus(status).label.lower() if status in BilateralStatus.values
                 else str(status))
        raise InvalidTransition(
            _("The bilateral of %(requester)s with %(other)s is %(current)s; it cannot become "
              "%(new)s.") % {"requester": bilateral.requester.name, "other": _with(bilateral),
                             "current": bilateral.get_status_display().lower(), "new": label})
    if (status == BilateralStatus.HELD and bilateral.session is not None
            and bilateral.session.starts_at > timezone.now()):
        message = _("The bilateral of %(requester)s with %(other)s has not started yet; mark "
                    "it held once it has taken place.") % {
            "requester": bilateral.requester.name, "other": _with(bilateral)}
        raise InvalidTransition(message, fields={"status": [message]})
    if status == BilateralStatus.DECLINED and bilateral.session is not None:
        programme.session_cancel(session=bilateral.session, by=None)
    bilateral.status = status
    bilateral.save(update_fields=["status", "updated_at"])
    return bilateral


def _clean_leader(leader):
    leader.name, leader.title = leader.name.strip(), leader.title.strip()
    leader.full_clean()


@transaction.atomic
def host_leader_create(*, event, by, name, title):
    """A leader of the host country whom delegations may ask to meet."""
    _check_officer(by)
    leader = HostLeader(event=event, name=name, title=title)
    _clean_leader(leader)
    leader.save()
    return leader


@transaction.atomic
def host_leader_update(*, host_leader, by, **fields):
    _check_officer(by)
    unknown = set(fields) - {"name", "title"}
    if unknown:
        raise InvalidBilateral(_("Unknown fields: %(names)s")
                               % {"names": ", ".join(sorted(unknown))})
    leader = HostLeader.objects.select_for_update().get(pk=host_leader.pk)
    for name, value in fields.items():
        setattr(leader, name, value)
    _clean_leader(leader)
    leader.save()
    return leader
