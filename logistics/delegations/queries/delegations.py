"""Reads of delegations that the staff pages, the reminders and the API share: annotated and
prefetched, so that a page costs the same number of queries for 3 delegations as for 300."""

from datetime import date, datetime, time, timedelta
from itertools import groupby

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from logistics.delegations.enums import STATE_KINDS, DelegationLevel, DelegationStatus
from logistics.delegations.models import Delegation, DelegationMember, Invitation

# What the badge and security vetting need of every member: a date of birth, an ID document
# (its number; the index is empty without one, and is read without decrypting) and a photo.
# A registration with a member lacking one of them is not complete.
BADGE_DETAILS_MISSING = Q(date_of_birth__isnull=True) | Q(id_document_index="") | Q(photo="")
# What a member's registration lacks, for the "incomplete" reminder, the detail page and the
# registration page: the above, and how (and when) they arrive.
MEMBER_INCOMPLETE = BADGE_DETAILS_MISSING | Q(arrival_flight="") | Q(arrival_at__isnull=True)


def level_rank():
    """The head's level as a number, highest rank first (protocol precedence); no level last."""
    return Case(*[When(head_level=value, then=Value(rank))
                  for rank, value in enumerate(DelegationLevel.values)],
                default=Value(len(DelegationLevel.values)), output_field=IntegerField())


def member_count():
    """The number of members registered, counted for each row shown: a join and GROUP BY
    over all the members (100,000 at scale 40) cost more than the page, and its paginator's
    count again."""
    counted = (DelegationMember.objects.filter(delegation=OuterRef("pk")).order_by()
               .values("delegation").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def delegations(event):
    """Delegations of an event with what a list row shows: country, liaison officer, the
    number of members registered and the registered head's names (head_family_name,
    head_given_names; None before registration)."""
    head = DelegationMember.objects.filter(delegation=OuterRef("pk"), is_head=True)
    return (Delegation.objects.filter(event=event)
            .select_related("country", "liaison_officer")
            .annotate(member_count=member_count(), level_rank=level_rank(),
                      head_family_name=Subquery(head.values("family_name")[:1]),
                      head_given_names=Subquery(head.values("given_names")[:1])))


def delegation_detail_qs(event):
    return (Delegation.objects.filter(event=event)
            .select_related("country", "liaison_officer", "credentials_checked_by")
            .prefetch_related(
                Prefetch("members", queryset=DelegationMember.objects
                         .select_related("nationality").order_by("-is_head", "family_name",
                                                                  "given_names", "pk")),
                Prefetch("invitations", queryset=Invitation.objects.order_by("-created_at",
                                                                             "-pk")),
                # The signing concept builds on delegations, not the other way: its model is
                # reached through the relation, not imported.
                Prefetch("signings", queryset=Delegation.signings.rel.related_model.objects
                         .select_related("full_powers_verified_by")),
            ))


def live_invitation(delegation):
    """The delegation's current link (prefetched invitations are used when present)."""
    return next((i for i in delegation.invitations.all() if i.revoked_at is None), None)


def registration_link(invitation):
    """The link as its mail carries it, rebuilt from the encrypted token for those who may
    send it (to read out on the phone or paste in a note verbale); None unless the link
    still works: a revoked or expired one is never shown again."""
    if invitation is None or not invitation.is_usable:
        return None
    return settings.SITE_URL + invitation.get_absolute_url()


def delegation_signing(delegation):
    """The delegation's signature of the treaty (one per event), prefetched, or None."""
    return next(iter(delegation.signings.all()), None)


def incomplete_q():
    """Delegations whose registration lacks the credentials document, or a member's date of
    birth, ID document, photo or arrival flight (MEMBER_INCOMPLETE)."""
    lacking = DelegationMember.objects.filter(delegation=OuterRef("pk")).filter(
        MEMBER_INCOMPLETE)
    return Q(credentials_document="") | Q(Exists(lacking))


def badge_details_missing(member):
    """What the badge and vetting need that `member` lacks (BADGE_DETAILS_MISSING), named."""
    lacks = []
    if member.date_of_birth is None:
        lacks.append(_("date of birth"))
    if not member.id_document_index:
        lacks.append(_("ID document"))
    if not member.photo:
        lacks.append(_("photo"))
    return lacks


def member_lacks(member):
    """Everything `member`'s registration lacks (MEMBER_INCOMPLETE), named."""
    lacks = badge_details_missing(member)
    if not member.arrival_flight or member.arrival_at is None:
        lacks.append(_("arrival flight and time"))
    return lacks


def missing_items(delegation):
    """What the registration still lacks: (credentials missing, [(member, [what])])."""
    members = [(member, lacks) for member in delegation.members.all()
               if (lacks := member_lacks(member))]
    return not delegation.credentials_document, members


def credentials_name(delegation):
    """What a delegation's credentials are called: a state's note verbale, an organisation's
    nomination letter."""
    return _("note verbale") if delegation.kind in STATE_KINDS else _("nomination letter")


def registration_gaps(delegation):
    """What a received registration still lacks, counted, for the detail page: {"identity",
    "photos", "flights" (members without a date of birth or ID document, without a photo,
    without an arrival flight and time), "credentials"
    (True when the document is missing), "members" ([(member, [what])], as missing_items),
    "summary" (one sentence, "" when nothing is missing)}."""
    credentials_missing, members = missing_items(delegation)
    everyone = delegation.members.all()
    identity = sum(1 for member in everyone
                   if member.date_of_birth is None or not member.id_document_index)
    photos = sum(1 for member in everyone if not member.photo)
    flights = sum(1 for member in everyone
                  if not member.arrival_flight or member.arrival_at is None)
    items = []
    if identity:
        items.append(ngettext("the date of birth or ID document of %(count)s member",
                              "the dates of birth or ID documents of %(count)s members",
                              identity) % {"count": identity})
    if photos:
        items.append(ngettext("a photo for %(count)s member", "photos for %(count)s members",
                              photos) % {"count": photos})
    if flights:
        items.append(ngettext("an arrival flight for %(count)s member",
                              "arrival flights for %(count)s members", flights)
                     % {"count": flights})
    if credentials_missing:
        items.append(_("the %(document)s") % {"document": credentials_name(delegation)})
    summary = (_("Registration received; still missing: %(items)s.")
               % {"items": ", ".join(items)}) if items else ""
    return {"identity": identity, "photos": photos, "flights": flights,
            "credentials": credentials_missing, "members": members, "summary": summary}


def _day_bounds(event, day):
    """The day at the venue as [start, end) instants; None for a day at the edge of the
    calendar (0001-01-01, 9999-12-31), whose bounds in UTC do not exist."""
    if not date.min + timedelta(days=1) < day < date.max - timedelta(days=1):
        return None
    starts = datetime.combine(day, time.min, tzinfo=event.tz)
    return starts, starts + timedelta(days=1)


def _travellers(event):
    return (DelegationMember.objects.filter(delegation__event=event)
            .exclude(delegation__status=DelegationStatus.DECLINED)
            .select_related("delegation", "delegation__liaison_officer"))


def _travelling_on(event, day, kind):
    bounds = _day_bounds(event, day)
    if bounds is None:
        return _travellers(event).none()
    starts, ends = bounds
    return (_travellers(event).filter(**{f"{kind}_at__gte": starts, f"{kind}_at__lt": ends})
            .order_by(f"{kind}_airport", f"{kind}_at", f"{kind}_flight", "delegation__name",
                      "delegation_id", "-is_head", "family_name", "given_names", "pk"))


def arrivals_on(event, day):
    """Members arriving on `day` (a date at the venue), by airport, time and flight, each
    delegation's members together, its head first."""
    return _travelling_on(event, day, "arrival")


def departures_on(event, day):
    return _travelling_on(event, day, "departure")


def travel_board(members, kind):
    """Members of arrivals_on or departures_on (kind "arrival" or "departure") as the board
    shows them: one row per delegation and flight (same time and flight), grouped by airport,
    with totals. {"people", "delegations", "airports": [{"code", "people", "delegations",
    "rows": [{"at", "flight", "delegation", "members" (head first), "hotels"}]}]}."""
    airports, everyone, delegations_seen = [], 0, set()
    for code, at_airport in groupby(members, key=lambda m: getattr(m, f"{kind}_airport")):
        rows, seen = [], set()
        for (at, flight, _delegation_id), group in groupby(
                at_airport, key=lambda m: (getattr(m, f"{kind}_at"),
                                           getattr(m, f"{kind}_flight"), m.delegation_id)):
            group = list(group)
            hotels = []
            for member in group:
                hotel = member.hotel or member.delegation.hotel
                if hotel and hotel not in hotels:
                    hotels.append(hotel)
            rows.append({"at": at, "flight": flight, "delegation": group[0].delegation,
                         "members": group, "hotels": hotels})
            seen.add(group[0].delegation_id)
        people = sum(len(row["members"]) for row in rows)
        airports.append({"code": code, "rows": rows, "people": people,
                         "delegations": len(seen)})
        everyone += people
        delegations_seen |= seen
    return {"people": everyone, "delegations": len(delegations_seen), "airports": airports}


def _local_day(moment, event):
    return moment.astimezone(event.tz).date() if moment is not None else None


def travel_span(event):
    """(first, last): the first and last day at the venue on which someone arrives or
    departs, or (None, None). One pass over the members, with no date computed per row
    (the distinct travel days of a hundred thousand members took most of the board's time)."""
    found = _travellers(event).select_related(None).order_by().aggregate(
        first_arrival=Min("arrival_at"), first_departure=Min("departure_at"),
        last_arrival=Max("arrival_at"), last_departure=Max("departure_at"))
    firsts = [m for m in (found["first_arrival"], found["first_departure"]) if m]
    lasts = [m for m in (found["last_arrival"], found["last_departure"]) if m]
    return (_local_day(min(firsts), event) if firsts else None,
            _local_day(max(lasts), event) if lasts else None)


def travel_neighbours(event, day):
    """(previous, next): the nearest days before and after `day` (at the venue) on which
    someone arrives or departs, None where there is none. One pass over the members."""
    bounds = _day_bounds(event, day)
    if bounds is None:
        return None, None
    starts, ends = bounds
    found = _travellers(event).select_related(None).order_by().aggregate(
        arrival_before=Max("arrival_at", filter=Q(arrival_at__lt=starts)),
        departure_before=Max("departure_at", filter=Q(departure_at__lt=starts)),
        arrival_after=Min("arrival_at", filter=Q(arrival_at__gte=ends)),
        departure_after=Min("departure_at", filter=Q(departure_at__gte=ends)))
    before = [m for m in (found["arrival_before"], found["departure_before"]) if m]
    after = [m for m in (found["arrival_after"], found["departure_after"]) if m]
    return (_local_day(max(before), event) if before else None,
            _local_day(min(after), event) if after else None)


def event_delegations(event):
    return Delegation.objects.filter(event=event).select_related("country").order_by("name")
