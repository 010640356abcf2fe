"""Builds the delegations of the demo scenario: states from the Country table with their
heads, levels and statuses, organisations and research institutions, their invitation
links and registered members with flights. Delegations go through the protocol office's
service; their members, thousands of rows, are bulk-inserted (the first one validated)."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.utils import timezone

from logistics.core.crypto import document_index
from logistics.core.enums import Role
from logistics.delegations.enums import DelegationKind, DelegationLevel, DelegationStatus
from logistics.delegations.models import Country, Delegation, DelegationMember, Invitation
from logistics.delegations.services.delegations import delegation_create
from logistics.demo import bulk
from logistics.demo import countries as country_data
from logistics.demo import delegations_data as data
from logistics.demo.members import ATTENDING, Members, gender, sizes
from logistics.demo.names import person, short_slug
from logistics.demo.scenario import REFERENCE, staff_users

# The registration form closes this many days before the event.
REGISTRATION_CLOSES_DAYS = 10


@dataclass
class Cast:
    """One copy of the scenario's delegations, as created."""

    copy: int
    delegations: list = field(default_factory=list)
    plenary_signatories: list = field(default_factory=list)
    desk_signatories: list = field(default_factory=list)

    @property
    def attending(self):
        return [d for d in self.delegations if d.status in ATTENDING]


def load_countries():
    """Rows the data migration loads, added again where a test's flush emptied the table.
    Reads codes only: it also runs after a migration back, when the table lacks later
    columns."""
    existing = set(Country.objects.values_list("code", flat=True))
    missing = [Country(code=code, name=name, regional_group=group, un_member=member,
                       names=country_data.COMMITTEE_NAMES.get(code, {}))
               for code, name, group, member in country_data.rows() if code not in existing]
    if missing:
        Country.objects.bulk_create(missing)


def countries_by_code():
    """The Country table by code, loaded first where a flush emptied it."""
    load_countries()
    return {c.code: c for c in Country.objects.all()}


def _pick_states(countries, used, count, first):
    """The reference 110 for the first copy; further copies take the member states left."""
    codes = [c for group in data.STATES.values() for c in data.codes(group)] if first else []
    codes = [c for c in codes if c not in used][:count]
    if len(codes) < count:
        spare = sorted((c for c in countries.values() if c.un_member and c.code not in used
                        and c.code != data.HOST and c.code not in codes), key=lambda c: c.name)
        codes += [c.code for c in spare[:count - len(codes)]]
    used.update(codes)
    return [countries[code] for code in codes]


def _organisation_names():
    names = [(DelegationKind.UN_ENTITY, n) for n in data.UN_ENTITIES]
    names += [(DelegationKind.IGO, n) for n in data.IGOS]
    for a in range(5):  # (region, focus) pairs never repeat: focus = region + a
        for b in range(10):
            names.append((DelegationKind.NGO, f"{data.NGO_REGIONS[b]} "
                          f"{data.NGO_FOCUS[(a + b) % 10]} {data.NGO_FORMS[a]}"))
    for a in range(5):
        for b in range(9):
            names.append((DelegationKind.PRIVATE_SECTOR, f"{data.COMPANY_NAMES[b]} "
                          f"{data.COMPANY_TRADES[(a + b) % 9]} {data.COMPANY_FORMS[a]}"))
    return names


def _numbered(base, count, copy):
    """`count` items from `base`, numbered once it runs out, and by copy after the first."""
    items = []
    for i in range(count):
        kind, name = base[i % len(base)]
        if i >= len(base):
            name = f"{name} {i // len(base) + 1}"
        if copy > 1:
            name = f"{name} · {copy}"
        items.append((kind, name))
    return items


def _research_names():
    return [(code, form.format(city=city)) for form in data.RESEARCH_FORMS
            for city, code in data.RESEARCH_CITIES]


def _scaled(number, count, reference):
    return round(number * count / reference) if reference else number


def _levels(states, rng):
    """The head's level for each state: the reference mix, heads of state and government
    from the republics listed for them."""
    counts = {level: _scaled(n, len(states), REFERENCE.states)
              for level, n in data.STATE_LEVELS.items()}
    codes = [s.code for s in states]
    levels = {}
    for level, pool in ((DelegationLevel.HEAD_OF_STATE, data.HEAD_OF_STATE_FROM),
                        (DelegationLevel.HEAD_OF_GOVERNMENT, data.HEAD_OF_GOVERNMENT_FROM)):
        for code in [c for c in pool if c in codes and c not in levels][:counts.pop(level)]:
            levels[code] = level
    rest = [level for level, n in counts.items() for _ in range(n)]
    rng.shuffle(rest)
    for code in codes:
        if code not in levels:
            levels[code] = rest.pop() if rest else DelegationLevel.SENIOR_OFFICIAL
    return levels


def _pick_signatories(states, count, rng):
    """The signing states by region, as at the reference event; then any to make `count`."""
    by_region = {"african": [], "asia_pacific": [], "latin_american_caribbean": [],
                 "european_union": [], "other": []}
    for state in states:
        if state.code in data.EUROPEAN_UNION:
            by_region["european_union"].append(state)
        elif state.regional_group in by_region:
            by_region[state.regional_group].append(state)
        else:
            by_region["other"].append(state)
    chosen = []
    for region, quota in data.SIGNATORIES.items():
        pool = by_region[region]
        chosen += rng.sample(pool, min(quota, len(pool)))
    rest = [s for s in states if s not in chosen]
    chosen += rng.sample(rest, max(0, min(count, len(states)) - len(chosen)))
    return chosen[:count]


def _statuses(items, kind_key, rng, keep_attending=()):
    """A status for each item: the reference numbers invited, confirmed and declined (none
    among `keep_attending`), the rest registered."""
    reference = {"state": REFERENCE.states, "organisation": REFERENCE.organisations,
                 "research": REFERENCE.research}[kind_key]
    statuses = {id(item): DelegationStatus.REGISTERED for item in items}
    free = [item for item in items if item not in keep_attending]
    rng.shuffle(free)
    for status, number in data.STATUS_COUNTS[kind_key].items():
        for item in free[:_scaled(number, len(items), reference)]:
            statuses[id(item)] = DelegationStatus(status)
        free = free[_scaled(number, len(items), reference):]
    return statuses


def _head_title(level, country, rng):
    titles = {
        DelegationLevel.HEAD_OF_STATE: [f"President of {country.name}"],
        DelegationLevel.HEAD_OF_GOVERNMENT: ["Prime Minister"],
        DelegationLevel.FOREIGN_MINISTER: ["Minister for Foreign Affairs"],
        DelegationLevel.MINISTER: data.MINISTER_TITLES,
        DelegationLevel.VICE_MINISTER: data.VICE_MINISTER_TITLES,
        DelegationLevel.AMBASSADOR: data.AMBASSADOR_TITLES,
    }
    return rng.choice(titles.get(level, data.SENIOR_OFFICIAL_TITLES))


class _Specs:
    """What each delegation of a copy will be: a dict of its fields, its head and home."""

    def __init__(self, rng, countries, officers):
        self.rng, self.countries, self.officers = rng, countries, officers
        # Organisations' staff come from anywhere, the host country more than most.
        self.nationalities = [countries[c] for group in data.STATES.values()
                              for c in data.codes(group)] + [countries[data.HOST]] * 15

    def state_specs(self, states, signatories):
        rng = self.rng
        levels = _levels(states, rng)
        statuses = _statuses(states, "state", rng, keep_attending=signatories)
        specs = []
        for n, state in enumerate(states):
            level = levels[state.code]
            head = person(rng, state, gender(rng, 0.35))
            quota = {DelegationLevel.HEAD_OF_STATE: 30, DelegationLevel.HEAD_OF_GOVERNMENT: 25,
                     DelegationLevel.FOREIGN_MINISTER: 20}.get(level) \
                or rng.choice([12, 15, 15, 18, 20])
            focal = person(rng, state, None)
            specs.append({
                "kind": DelegationKind.STATE, "country": state, "name": state.name,
                "status": statuses[id(state)], "head": head, "head_level": level,
                "head_title": _head_title(level, state, rng), "size_quota": quota,
                "focal_point_name": focal.full_name,
                "focal_point_email": f"focal.{short_slug(state.name)}@example.org",
                "liaison_officer": self.officers[n % len(self.officers)],
                "hotel": rng.choice(data.HOTELS[:4] if level in (
                    DelegationLevel.HEAD_OF_STATE, DelegationLevel.HEAD_OF_GOVERNMENT)
                    else data.HOTELS),
                "protocol_notes": rng.choice(data.PROTOCOL_NOTES) if rng.random() < 0.2
                else "",
                "intends_to_sign": state in signatories,
                "region": state.regional_group, "home": state, "head_home": state,
            })
        return specs

    def organisation_specs(self, names):
        rng = self.rng
        statuses = _statuses(names, "organisation", rng)
        specs = []
        for item in names:
            kind, name = item
            head_home = rng.choice(self.nationalities)
            quota = rng.choice([6, 8, 10, 12] if kind in (DelegationKind.UN_ENTITY,
                                                          DelegationKind.IGO)
                               else [4, 6, 8, 10])
            specs.append(self._organisation(kind, name, statuses[id(item)], head_home, quota,
                                            home=None))
        return specs

    def research_specs(self, names):
        rng = self.rng
        statuses = _statuses(names, "research", rng)
        specs = []
        for item in names:
            code, name = item
            home = self.countries[code]
            specs.append(self._organisation(DelegationKind.RESEARCH, name, statuses[id(item)],
                                            home, rng.choice([3, 4, 5, 6, 8]), home=home))
        return specs

    def _organisation(self, kind, name, status, head_home, quota, home):
        rng = self.rng
        focal = person(rng, home, None)
        return {
            "kind": kind, "country": None, "name": name, "status": status,
            "head": person(rng, head_home, gender(rng)), "head_home": head_home,
            "head_level": DelegationLevel.SENIOR_OFFICIAL,
            "head_title": rng.choice(data.ORGANISATION_HEAD_TITLES[kind]), "size_quota": quota,
            "focal_point_name": focal.full_name,
            "focal_point_email": f"focal.{short_slug(name)}@example.net",
            "liaison_officer": None, "hotel": rng.choice(data.HOTELS[4:]),
            "protocol_notes": "", "intends_to_sign": False,
            "region": home.regional_group if home else "", "home": home,
        }


SERVICE_FIELDS = ("head_level", "head_title", "status", "size_quota", "focal_point_name",
                  "focal_point_email", "liaison_officer", "hotel", "protocol_notes",
                  "intends_to_sign")


def _fields(spec, rng, now):
    fields = {name: spec[name] for name in SERVICE_FIELDS}
    known = spec["status"] not in (DelegationStatus.INVITED, DelegationStatus.DECLINED)
    fields["head_name"] = spec["head"].full_name if known else ""
    if not known:
        fields["head_title"] = ""
        if spec["kind"] != DelegationKind.STATE:
            fields["head_level"] = ""
    if spec["status"] in ATTENDING:
        fields["registered_at"] = now - timedelta(days=rng.randint(1, 30),
                                                  minutes=rng.randint(0, 600))
    return {"kind": spec["kind"], "country": spec["country"], "name": spec["name"], **fields}


def _create(event, specs, rng, now, *, through_service):
    """The delegations of one copy: through the protocol office's service (the reference
    event's), or validated like it, the first one of each copy, and inserted in bulk."""
    if through_service:
        return [delegation_create(event=event, by=None, **_fields(spec, rng, now))
                for spec in specs]
    rows = [Delegation(event=event, **_fields(spec, rng, now)) for spec in specs]
    if rows:
        rows[0].full_clean()
    return bulk.insert(Delegation, rows)


def build_copy(event, copy, *, counts, rng, countries, used, officers, now):
    """One copy of the cast: its specs drawn first (members and statuses included), then
    the delegations created through the service, their links and members in bulk."""
    builder = _Specs(rng, countries, officers)
    states = _pick_states(countries, used, counts.states, first=copy == 1)
    signatories = _pick_signatories(states, counts.signatories, rng) if copy == 1 else []
    organisations = _numbered(_organisation_names(), counts.organisations
                              + counts.states - len(states), copy)
    research = _numbered(_research_names(), counts.research, copy)
    specs = (builder.state_specs(states, signatories)
             + builder.organisation_specs(organisations)
             + builder.research_specs(research))
    sizes(specs, counts.members, rng)
    members = Members(event, rng, builder.nationalities, now)
    member_rows = {}
    for index, spec in enumerate(specs):
        if spec["status"] in ATTENDING:
            member_rows[index] = members.rows(spec)
            members.settle(spec, member_rows[index])
    cast = Cast(copy=copy)
    cast.delegations = _create(event, specs, rng, now, through_service=copy == 1)
    _invitations(event, cast.delegations, rng, now)
    _members(cast.delegations, member_rows)
    by_country = {d.country_id: d for d in cast.delegations if d.country_id}
    signing = [by_country[s.pk] for s in signatories]
    desk = _treaty_desk(signing, len(signing) - counts.plenary_signings, rng)
    cast.plenary_signatories = [d for d in signing if d not in desk]
    cast.desk_signatories = desk
    return cast


def _treaty_desk(signing, count, rng):
    """Who signs at the treaty desk rather than in the plenary: the lower-ranked first."""
    if count <= 0:
        return []
    low = [d for d in signing if d.head_level in (DelegationLevel.AMBASSADOR,
                                                  DelegationLevel.SENIOR_OFFICIAL,
                                                  DelegationLevel.VICE_MINISTER)]
    chosen = rng.sample(low, min(count, len(low)))
    rest = [d for d in signing if d not in chosen]
    return chosen + rng.sample(rest, count - len(chosen))


def _invitations(event, delegations, rng, now):
    """Every delegation still coming got its link by mail some weeks ago."""
    expires = event.registration_closes_at()
    bulk.insert(Invitation, [
        Invitation(delegation=d, email=d.focal_point_email, expires_at=expires,
                   sent_at=now - timedelta(days=rng.randint(20, 45)))
        for d in delegations
        if d.status != DelegationStatus.DECLINED and d.focal_point_email])


def _members(delegations, member_rows):
    """Bulk insert (thousands of rows): the first member is validated as the service would."""
    rows = [DelegationMember(delegation=delegations[index], **fields)
            for index, members in member_rows.items() for fields in members]
    for row in rows:  # bulk_create skips save(), which keeps the index in step
        row.id_document_index = document_index(row.id_document_number)
    if rows:
        rows[0].full_clean()
    bulk.insert(DelegationMember, rows)


def set_registration_deadline(event):
    """Links stop working some days before the event, so that the reminders have a date."""
    closes = datetime.combine(event.start_date - timedelta(days=REGISTRATION_CLOSES_DAYS),
                              time(18, 0), tzinfo=event.tz)
    event.registration_deadline = closes
    type(event).objects.filter(pk=event.pk).update(registration_deadline=closes)


def build(event, *, counts=REFERENCE, scale=1, password=None, rng):
    """`scale` copies of the cast; returns one Cast per copy (the first is the reference
    event's, with the signatories)."""
    countries = countries_by_code()
    officers = staff_users(data.LIAISON_OFFICERS, Role.PROTOCOL, password=password)
    set_registration_deadline(event)
    now = timezone.now()
    used = {data.HOST}
    return [build_copy(event, copy, counts=counts, rng=rng, countries=countries, used=used,
                       officers=officers, now=now)
            for copy in range(1, scale + 1)]

