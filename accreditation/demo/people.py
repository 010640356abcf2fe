"""Everyone else the demo accredits: the delegation members (delegate applications, by the
rules of accreditation.applications.services.delegates), the organisers' staff, host security and
liaison officers (imported or entered by the office), the exhibitors and the side-event
participants (day badges, no vetting)."""

from datetime import timedelta

from accreditation.applications.models.applications import Application
from accreditation.applications.services import delegates
from accreditation.demo.pipeline import history, weighted
from accreditation.enums import ApplicationSource, ApplicationStatus
from logistics.core.models.event import Agency
from logistics.delegations.enums import DelegationKind
from logistics.delegations.models import DelegationMember
from logistics.side_events.enums import ProposalStatus
from logistics.side_events.models import SideEventProposal

S = ApplicationStatus

DELEGATE_STATUSES = [(S.APPROVED, 88), (S.SUBMITTED, 4), (S.UNDER_REVIEW, 3),
                     (S.NEEDS_INFORMATION, 2), (S.REJECTED, 1), (S.WITHDRAWN, 2)]
HEAD_STATUSES = [(S.APPROVED, 97), (S.UNDER_REVIEW, 3)]
TEAM_STATUSES = [(S.APPROVED, 92), (S.SUBMITTED, 5), (S.UNDER_REVIEW, 3)]
VISITOR_STATUSES = [(S.APPROVED, 82), (S.SUBMITTED, 12), (S.WITHDRAWN, 6)]

STAFF_PER_COPY = 60
SECURITY_PER_COPY = 90
LIAISON_PER_COPY = 30  # besides the protocol office's own liaison officers
EXHIBITORS = 6  # companies, each with an organisation quota
EXHIBITOR_QUOTA = 6
SIDE_EVENT_ORGANISER_QUOTA = 4

STAFF_FUNCTIONS = ["Protocol assistant", "Interpreter", "Press centre officer", "IT support",
                   "Medical officer", "Venue coordinator", "Transport coordinator",
                   "Registration desk", "Conference officer", "Photographer (host)"]
SECURITY_FUNCTIONS = ["Security officer", "Close protection officer", "Access control",
                      "Cyber incident responder", "Explosives detection",
                      "Fire safety officer", "Traffic police"]
EXHIBITOR_FUNCTIONS = ["Solutions engineer", "Stand manager", "Sales director",
                       "Product specialist"]
HOST_AGENCIES = ("MOFA", "MPS", "NCA", "HANOI", "MCST", "MOST", "NCC", "OPS", "UNODC")
# An event built without the master plan's agencies (a test's): the usual hosts.
FALLBACK_HOSTS = ("Ministry of Foreign Affairs", "Ministry of Public Security",
                  "National Convention Center")


class People:
    def __init__(self, event, *, categories, countries, identities, office, rng):
        self.event, self.categories, self.countries = event, categories, countries
        self.ids, self.office, self.rng = identities, office, rng
        self.drafts = []

    def _add(self, category, status, *, submitted_at, source, actor="", days=(), **fields):
        application = Application(event=self.event, category=category, source=source,
                                  **fields)
        draft = history(self.rng, application, status, submitted_at=submitted_at,
                        office=self.office, actor=actor, vetted=category.vetting_required)
        draft.days = days
        self.drafts.append(draft)
        return draft

    def _before_horizon(self, moment=None, *, days=30):
        """`moment` if it is well before the horizon, else some time before it."""
        latest = self.office.horizon - timedelta(hours=6)
        if moment is not None and moment <= latest:
            return moment
        return latest - timedelta(hours=self.rng.uniform(1, days * 24))

    def delegates(self, delegations):
        """One application per member of an attending delegation, as the registration makes
        it: the head in the head-of-delegation category, the others as delegates."""
        head_category, delegate_category = delegates.delegate_categories(self.event)
        members = {}
        for member in (DelegationMember.objects.filter(delegation__in=delegations)
                       .select_related("nationality").order_by("pk")):
            members.setdefault(member.delegation_id, []).append(member)
        for delegation in delegations:
            rows = members.get(delegation.pk, [])
            shared = delegates.shared_emails(rows)
            registered = self._before_horizon(delegation.registered_at)
            for member in rows:
                status = weighted(self.rng, HEAD_STATUSES if member.is_head
                                  else DELEGATE_STATUSES)
                self._add(head_category if member.is_head else delegate_category, status,
                          submitted_at=registered + timedelta(seconds=self.rng.randint(1, 90)),
                          source=ApplicationSource.DELEGATION, actor=delegates.ACTOR,
                          delegation=delegation, member=member,
                          **delegates.member_details(member, delegation, shared))

    def _team(self, category, organisations, count, functions, source):
        vn = self.countries["VN"]
        for _ in range(count):
            fields = self.ids.person(vn, domain="example.org", national_id=True)
            self._add(category, weighted(self.rng, TEAM_STATUSES),
                      submitted_at=self._before_horizon(days=25), source=source,
                      organisation=self.rng.choice(organisations),
                      function=self.rng.choice(functions), **fields)

    def host_teams(self, scale, liaison_officers):
        """The organisers' staff, host security (imported from the units' lists) and the
        liaison officers (the protocol office's own among them)."""
        agencies = Agency.objects.filter(event=self.event)
        hosts = [a.name for a in agencies if a.code in HOST_AGENCIES] or list(FALLBACK_HOSTS)
        units = [a.name for a in agencies if a.parent_id] or hosts
        self._team(self.categories["C"], hosts, STAFF_PER_COPY * scale, STAFF_FUNCTIONS,
                   ApplicationSource.IMPORT)
        self._team(self.categories["Z"], units, SECURITY_PER_COPY * scale, SECURITY_FUNCTIONS,
                   ApplicationSource.IMPORT)
        mofa = next((a.name for a in agencies if a.code == "MOFA"), "Ministry of Foreign Affairs")
        self._team(self.categories["L"], [mofa], LIAISON_PER_COPY * scale, ["Liaison officer"],
                   ApplicationSource.STAFF)
        vn = self.countries["VN"]
        for user in liaison_officers:
            fields = self.ids.person(vn, domain="example.org", national_id=True)
            fields.update(family_name=user.last_name or user.username,
                          given_names=user.first_name, email=user.email)
            self._add(self.categories["L"], S.APPROVED, submitted_at=self._before_horizon(days=25),
                      source=ApplicationSource.STAFF, organisation=mofa,
                      function="Liaison officer", **fields)

    def exhibitors(self, companies):
        """A few people per exhibiting company, within the company's organisation quota."""
        nationalities = [c for c in self.countries.values() if c.un_member]
        for company in companies:
            home = self.rng.choice(nationalities)
            for _ in range(self.rng.randint(2, EXHIBITOR_QUOTA)):
                self._add(self.categories["X"], weighted(self.rng, TEAM_STATUSES),
                          submitted_at=self._before_horizon(days=20),
                          source=ApplicationSource.STAFF, organisation=company,
                          function=self.rng.choice(EXHIBITOR_FUNCTIONS),
                          **self.ids.person(home, domain="example.net"))

    def side_event_participants(self, proposals):
        """The speakers of each accepted side event: a badge for the day of their event
        only."""
        nationalities = [c for c in self.countries.values() if c.un_member]
        used = {}
        for proposal in proposals:
            organiser = proposal.organiser_organisation
            room = SIDE_EVENT_ORGANISER_QUOTA - used.get(organiser, 0)
            count = min(self.rng.randint(1, 3), room)
            used[organiser] = used.get(organiser, 0) + count
            day = proposal.session.starts_at.astimezone(self.event.tz).date()
            for _ in range(count):
                self._add(self.categories["S"], weighted(self.rng, VISITOR_STATUSES),
                          submitted_at=self._before_horizon(days=15),
                          source=ApplicationSource.STAFF, organisation=organiser[:200],
                          function="Side-event speaker", days=(day, day),
                          **self.ids.person(self.rng.choice(nationalities),
                                            domain="example.net"))
        return used


def exhibiting_companies(event, *, count):
    """Companies of the private-sector delegations that also exhibit."""
    names = (event.delegations.filter(kind=DelegationKind.PRIVATE_SECTOR).order_by("pk")
             .values_list("name", flat=True))
    return [name[:200] for name in names[:count]]


def accepted_side_events(event):
    return list(SideEventProposal.objects.filter(
        event=event, status=ProposalStatus.ACCEPTED, session__isnull=False)
        .select_related("session").order_by("pk"))
