"""Reads for the privacy pages and commands: one person's records, found by what the person
gives (an e-mail address, an application reference, a name with a date of birth), and an
event's anonymous statistics, which a purge must leave as they were."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import TruncDate

from accreditation.applications.models.applications import Application
from accreditation.badges.models import Badge
from accreditation.gates.models import Scan
from logistics.delegations.models import Delegation, DelegationMember, Invitation
from logistics.plan.models import Reminder
from logistics.programme.models import Session
from logistics.side_events.models import SideEventProposal
from logistics.signing.models import Signing
from logistics.speakers.models import SpeakerSlot
from privacy.permissions import ACCREDITATION, LOGISTICS


@dataclass(frozen=True)
class Search:
    """What identifies the person. Every key given must match (an e-mail and a name narrow
    each other); e-mail and names compare without regard to case, never approximately."""

    email: str = ""
    reference: str = ""
    family_name: str = ""
    given_names: str = ""
    date_of_birth: date | None = None

    @classmethod
    def of(cls, *, email="", reference="", family_name="", given_names="", date_of_birth=None):
        return cls(email=(email or "").strip(), reference=(reference or "").strip().upper(),
                   family_name=(family_name or "").strip(),
                   given_names=(given_names or "").strip(), date_of_birth=date_of_birth)

    @property
    def is_enough(self):
        """A key that points at one person: an e-mail, a reference, or a family name with
        the date of birth (a name alone is shared by too many)."""
        return bool(self.email or self.reference
                    or (self.family_name and self.date_of_birth))

    def person_q(self, *, reference_field):
        q = Q()
        if self.email:
            q &= Q(email__iexact=self.email)
        if self.reference:
            q &= Q(**{reference_field: self.reference})
        if self.family_name:
            q &= Q(family_name__iexact=self.family_name)
        if self.given_names:
            q &= Q(given_names__iexact=self.given_names)
        if self.date_of_birth:
            q &= Q(date_of_birth=self.date_of_birth)
        return q


@dataclass
class Found:
    """Everything found about one person, by kind of record."""

    applications: list = field(default_factory=list)
    members: list = field(default_factory=list)
    focal_point_of: list = field(default_factory=list)
    invitations: list = field(default_factory=list)
    proposals: list = field(default_factory=list)
    sessions: list = field(default_factory=list)
    speaker_slots: list = field(default_factory=list)
    signings: list = field(default_factory=list)
    reminders: list = field(default_factory=list)

    def __bool__(self):
        return any(getattr(self, name) for name in self.__dataclass_fields__)

    def events(self):
        """The events the records belong to, each once, in order of their start."""
        found = {}
        for application in self.applications:
            found[application.event_id] = application.event
        for member in self.members:
            found[member.delegation.event_id] = member.delegation.event
        for record in (*self.focal_point_of, *self.proposals, *self.sessions, *self.reminders,
                       *self.signings):
            found[record.event_id] = record.event
        for record in (*self.invitations, *self.speaker_slots):
            found[record.delegation.event_id] = record.delegation.event
        return sorted(found.values(), key=lambda event: (event.start_date, event.pk))

    def ids_by_event(self):
        """{event id: {kind: [ids]}}: what an export names in the audit trail, no more."""
        by_event = {}

        def add(event_id, kind, pk):
            by_event.setdefault(event_id, {}).setdefault(kind, []).append(pk)

        for application in self.applications:
            add(application.event_id, "application", application.pk)
        for member in self.members:
            add(member.delegation.event_id, "delegation_member", member.pk)
        for delegation in self.focal_point_of:
            add(delegation.event_id, "delegation", delegation.pk)
        for proposal in self.proposals:
            add(proposal.event_id, "side_event_proposal", proposal.pk)
        for session in self.sessions:
            add(session.event_id, "session", session.pk)
        for slot in self.speaker_slots:
            add(slot.delegation.event_id, "speaker_slot", slot.pk)
        for signing in self.signings:
            add(signing.event_id, "signing", signing.pk)
        return by_event


def find_person(search, *, scope):
    """The records of the person `search` identifies, limited to `scope` (privacy
    permissions). Applications and delegation members that are the same registration
    (an application made from a member) are found through each other."""
    found = Found()
    if not search.is_enough or not scope:
        return found
    applications, members = {}, {}
    if ACCREDITATION in scope:
        applications = {a.pk: a for a in _applications(
            search.person_q(reference_field="reference"))}
    if LOGISTICS in scope:
        members = {m.pk: m for m in _members(
            search.person_q(reference_field="application__reference"))}
        linked = [a.member_id for a in applications.values()
                  if a.member_id and a.member_id not in members]
        members.update((m.pk, m) for m in _members(Q(pk__in=linked)))
    if ACCREDITATION in scope and members:
        known = {a.member_id for a in applications.values()}
        applications.update((a.pk, a) for a in _applications(
            Q(member_id__in=[pk for pk in members if pk not in known])))
    found.applications = sorted(applications.values(), key=lambda a: (a.created_at, a.pk))
    found.members = sorted(members.values(), key=lambda m: (m.created_at, m.pk))
    if LOGISTICS in scope:
        _other_roles(found, search)
    return found


def _applications(q):
    return list(Application.objects.filter(q)
                .select_related("event", "category", "nationality", "outlet__country",
                                "proposed_outlet_country", "delegation", "member")
                .prefetch_related("transitions", "badges__scans__checkpoint",
                                  "badges__zones", "badges__batches"))


def _members(q):
    return list(DelegationMember.objects.filter(q)
                .select_related("delegation__event", "delegation__country", "nationality"))


def _other_roles(found, search):
    """The person as a delegation's focal point, a side event's organiser, a session's
    organiser, a speaker, a signatory, a reminder's addressee."""
    if search.email:
        found.focal_point_of = list(Delegation.objects.filter(
            focal_point_email__iexact=search.email).select_related("event", "country"))
        found.invitations = list(Invitation.objects.filter(
            email__iexact=search.email).select_related("delegation__event"))
        found.proposals = list(SideEventProposal.objects.filter(
            organiser_email__iexact=search.email).select_related("event", "session"))
        found.sessions = list(Session.objects.filter(
            organiser_email__iexact=search.email).select_related("event", "room"))
        wanted = search.email.casefold()
        # The addresses are a JSON list: narrowed in the database, matched exactly here.
        found.reminders = [
            reminder for reminder in Reminder.objects.filter(
                Q(mail__recipients__icontains=search.email) | Q(mail__cc__icontains=search.email))
            .select_related("event", "mail")
            if wanted in {str(a).casefold() for a in (*reminder.mail.recipients,
                                                      *reminder.mail.cc)}]
    # Speakers and signatories are names on their delegation's records, not registrations:
    # a found member's full name, in the same delegation, is the same person.
    by_delegation = {}
    for member in found.members:
        names = by_delegation.setdefault(member.delegation_id, set())
        for name in (f"{member.given_names} {member.family_name}",
                     f"{member.family_name} {member.given_names}"):
            names.add(" ".join(name.split()).casefold())
    if by_delegation:
        found.speaker_slots = [
            slot for slot in SpeakerSlot.objects.filter(delegation_id__in=by_delegation)
            .select_related("delegation__event", "session")
            if " ".join(slot.speaker_name.split()).casefold() in by_delegation[slot.delegation_id]]
        found.signings = [
            signing for signing in Signing.objects.filter(delegation_id__in=by_delegation)
            .select_related("event", "delegation")
            if " ".join(signing.signatory_name.split()).casefold()
            in by_delegation[signing.delegation_id]]


def _counts(queryset, *fields):
    """{"a|b": n} for the combinations of `fields`, keys readable and sortable."""
    rows = queryset.values(*fields).annotate(n=Count("pk")).order_by(*fields)
    return {"|".join("" if row[f] is None else str(row[f]) for f in fields): row["n"]
            for row in rows}


def event_statistics(event):
    """The anonymous figures kept after a purge: counts only, by category, status,
    nationality, outlet country, delegation, gender, checkpoint and day."""
    applications = Application.objects.filter(event=event)
    members = DelegationMember.objects.filter(delegation__event=event)
    badges = Badge.objects.filter(event=event)
    scans = Scan.objects.filter(checkpoint__event=event)
    return {
        "applications": {
            "total": applications.count(),
            "by_category": _counts(applications, "category__code"),
            "by_status": _counts(applications, "status"),
            "by_vetting": _counts(applications, "vetting"),
            "by_source": _counts(applications, "source"),
            "by_nationality": _counts(applications, "nationality__code"),
            "by_gender": _counts(applications, "gender"),
            "by_outlet_country": _counts(applications, "outlet__country__code"),
            "by_proposed_outlet_country": _counts(applications,
                                                  "proposed_outlet_country__code"),
            "by_delegation": _counts(applications, "delegation__name"),
            "by_organisation": _counts(applications, "organisation"),
        },
        "delegation_members": {
            "total": members.count(),
            "by_delegation": _counts(members, "delegation__name"),
            "by_nationality": _counts(members, "nationality__code"),
            "by_gender": _counts(members, "gender"),
            "heads": members.filter(is_head=True).count(),
        },
        "delegations": _counts(Delegation.objects.filter(event=event), "kind", "status"),
        "badges": {
            "issued": badges.count(),
            "collected": badges.filter(collected_at__isnull=False).count(),
            "printed": badges.filter(printed_at__isnull=False).count(),
            "by_category_status": _counts(badges, "category__code", "status"),
        },
        "scans_per_checkpoint_per_day": _counts(
            scans.annotate(day=TruncDate("scanned_at")), "checkpoint__name", "day", "result"),
        "side_event_proposals": _counts(SideEventProposal.objects.filter(event=event),
                                        "format", "status"),
        "speakers": _counts(SpeakerSlot.objects.filter(session__event=event), "level",
                            "status"),
        "signings": _counts(Signing.objects.filter(event=event), "where",
                            "signatory_level"),
    }
