"""The accreditation part of the demo scenario (SCENARIO.md), loaded by seed_demo after the
delegations and the programme (logistics.core.signals.demo_loaded): the categories and zones,
quotas, 189 media outlets and 400+ journalists per copy, the delegation members' delegate
applications, staff, security and liaison officers, exhibitors and side-event speakers,
badges for the approved, the convention centre's checkpoints and a day of scans.

Applications, transitions, badges and scans are bulk-inserted: nothing here queues a mail
or tells a webhook, and the whole adds a few seconds to seed_demo."""

import random
from datetime import datetime, time

from django.utils import timezone

from accreditation.applications.models.applications import Application
from accreditation.demo import badges, gates, journalists, outlets, people, pipeline
from accreditation.demo.identity import Identities
from accreditation.setup.models import AccreditationCategory, OrganisationQuota, Zone
from accreditation.setup.services.categories import categories_install_defaults
from logistics.core.enums import Role
from logistics.delegations.models import Delegation
from logistics.demo.delegations import countries_by_code
from logistics.demo.delegations_data import LIAISON_OFFICERS
from logistics.demo.scenario import staff_users

# username, full name, role: the accreditation office, security vetting, a gate operator.
DEMO_USERS = [
    ("accreditation", "Trịnh Thu Hằng", Role.ACCREDITATION),
    ("vetting", "Lương Văn Thắng", Role.VETTING),
    ("gate", "Phan Quốc Việt", Role.GATE),
]
# Badges per category, per copy of the scenario: what the committee set aside.
CATEGORY_QUOTAS = {"P": 450, "T": 120, "E": 350, "D": 2600, "C": 150, "Z": 300, "L": 120,
                   "X": 60, "S": 200}
# Side-event speakers come for their hour and see only the exhibition: no vetting for them.
NOT_VETTED = ("S",)


def demo_users(password):
    users = {}
    for username, full_name, role in DEMO_USERS:
        users.update({u.username: u for u in staff_users([(username, full_name)], role,
                                                         password=password)})
    return users


def _categories(event, *, officer, scale):
    categories_install_defaults(event=event, by=officer)
    for code, quota in CATEGORY_QUOTAS.items():
        AccreditationCategory.objects.filter(event=event, code=code).update(
            quota=quota * scale, vetting_required=code not in NOT_VETTED)
    categories = {c.code: c for c in AccreditationCategory.objects.filter(event=event)}
    zones = {}
    for category in categories.values():
        zones[category.pk] = [(z.pk, z.code) for z in category.zones.order_by("code")]
    return categories, zones


def _organisation_quotas(categories, exhibitors, organisers):
    rows = [OrganisationQuota(category=categories["X"], organisation=name,
                              quota=people.EXHIBITOR_QUOTA) for name in exhibitors]
    rows += [OrganisationQuota(category=categories["S"], organisation=name,
                               quota=people.SIDE_EVENT_ORGANISER_QUOTA)
             for name, used in sorted(organisers.items())
             if used >= people.SIDE_EVENT_ORGANISER_QUOTA - 1]
    OrganisationQuota.objects.bulk_create(rows)
    return len(rows)


def horizon(event):
    """The office's "now" in the demo's history: now, or the small hours of the first day
    when the event is already under way or over (its scans come after)."""
    first_day = datetime.combine(event.start_date, time(4, 0), tzinfo=event.tz)
    return min(timezone.now(), first_day)


def build(event, *, scale=1, password=None, seed=2025):
    """Everything, for one event; returns the line for seed_demo's summary."""
    rng = random.Random(f"accreditation-{seed}-{event.slug}")
    users = demo_users(password)
    officer, vetter = users["accreditation"], users["vetting"]
    categories, zones = _categories(event, officer=officer, scale=scale)
    countries = countries_by_code()
    office = pipeline.Office(officer, vetter, horizon(event))
    context = {"categories": categories, "countries": countries, "office": office,
               "identities": Identities(random.Random(rng.random()), event)}

    listed, spare = outlets.build(event, countries=countries, scale=scale,
                                  rng=random.Random(rng.random()))
    attending = list(Delegation.objects.filter(event=event, members__isnull=False).distinct()
                     .select_related("country").order_by("pk"))
    press = journalists.build(event, outlets=listed, spare=spare, delegations=attending,
                              scale=scale, rng=random.Random(rng.random()), **context)
    others = people.People(event, rng=random.Random(rng.random()), **context)
    others.delegates(attending)
    delegate_count = len(others.drafts)
    liaison = staff_users(LIAISON_OFFICERS, Role.PROTOCOL, password=password)
    others.host_teams(scale, liaison)
    exhibitors = people.exhibiting_companies(event, count=people.EXHIBITORS * scale)
    others.exhibitors(exhibitors)
    organisers = others.side_event_participants(people.accepted_side_events(event))
    _organisation_quotas(categories, exhibitors, organisers)
    drafts = pipeline.insert(press + others.drafts)

    issuer = badges.Issuer(event, officer=officer, horizon=office.horizon,
                           rng=random.Random(rng.random()))
    issuer.issue(drafts, zones)
    issued = issuer.insert()

    checkpoints = gates.build_checkpoints(
        event, zones={z.code: z for z in Zone.objects.filter(event=event)}, by=officer)
    day = gates.Day(event, checkpoints, rng=random.Random(rng.random()), scale=scale)
    letters = {c.pk: c.code for c in categories.values()}
    roles = {b.pk: b.application.media_role for b in issued if b.application.media_role}
    day.attend(issued, letters, roles)
    day.mishaps(issued, letters)
    scanned = day.insert()
    allowed, denied = gates.allowed_and_denied(scanned)
    total = Application.objects.filter(event=event).count()
    return (f"Accreditation: {len(listed)} media outlets, {len(press)} journalists' "
            f"applications, {delegate_count} delegates', {total - len(press) - delegate_count} "
            f"others; {len(issued)} badges; {len(checkpoints)} checkpoints, {len(scanned)} "
            f"scans on {event.start_date:%Y-%m-%d} ({allowed} allowed, {denied} denied). "
            f"Logins: {', '.join(username for username, *_ in DEMO_USERS)}.")
