"""Builds the planning side of the demo scenario. Bulk inserts rather than the services:
this is a fixture of thousands of rows at scale, not a staff member's change."""

import functools
import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from logistics.core.enums import CommitteeKind
from logistics.core.models.event import Agency, Committee, Event
from logistics.core.permissions import role_group
from logistics.delegations.models import Country
from logistics.demo import plan_data as data
from logistics.plan.enums import TaskStatus
from logistics.plan.models import Task, TaskUpdate

EVENT_NAME = "Signing Ceremony of the United Nations Convention against Cybercrime"


def _email(code):
    return f"{code.lower()}@example.org"


def create_event(*, start_date):
    return Event.objects.create(
        name=EVENT_NAME, slug=f"hanoi-convention-{start_date:%Y}",
        venue="National Convention Center", city="Hanoi",
        start_date=start_date, end_date=start_date + timedelta(days=1),
        time_zone="Asia/Ho_Chi_Minh", languages=["ar", "zh", "en", "fr", "ru", "es", "vi"],
        host_country=Country.objects.filter(code="VN").first(),
    )


def create_agencies(event):
    agencies = {}
    for code, name, kind, _parent in data.AGENCIES:
        agencies[code] = Agency(event=event, code=code, name=name, kind=kind,
                                emails=[_email(code)])
    Agency.objects.bulk_create(agencies.values())
    units = []
    for code, name in data.SECURITY_UNITS:
        units.append(Agency(event=event, code=code, name=name, kind="police",
                            parent=agencies["MPS"], emails=[_email(code)]))
    Agency.objects.bulk_create(units)
    agencies.update({u.code: u for u in units})
    return agencies


def create_committees(event, agencies):
    committees = {}
    for order, (code, name, kind, chair, members) in enumerate(data.COMMITTEES):
        committee = Committee.objects.create(event=event, code=code, name=name, kind=kind,
                                             chair_agency=agencies[chair], order=order)
        committee.member_agencies.set([agencies[chair]] + [agencies[m] for m in members])
        committees[code] = committee
    return committees


def _status_for(fate, due, today, rng):
    if fate == "done" or (fate is None and due < today):
        return TaskStatus.DONE, 100
    if fate == "blocked":
        return TaskStatus.BLOCKED, rng.randrange(20, 50, 5)
    if fate in ("late", "track") or due < today + timedelta(days=7):
        return TaskStatus.IN_PROGRESS, rng.randrange(30, 90, 5)
    return rng.choice([(TaskStatus.PLANNED, 0), (TaskStatus.IN_PROGRESS, rng.randrange(5, 50, 5))])


def _plan_rows(event, agencies, committees, today, rng, suffix):
    tasks, coordination = [], []
    for code, title, committee, lead, coordinating, start, due, fate in data.TASKS:
        due_date = event.start_date + timedelta(days=due)
        if fate == "late":  # late whatever the event's date: some days ago
            due_date = min(due_date, today - timedelta(days=rng.randint(1, 12)))
        start_date = min(event.start_date + timedelta(days=start), due_date)
        status, progress = _status_for(fate, due_date, today, rng)
        task = Task(event=event, code=code + suffix, title=title,
                    committee=committees[committee], lead_agency=agencies[lead],
                    start_date=start_date, due_date=due_date, status=status, progress=progress)
        tasks.append(task)
        coordination.append((task, [agencies[c] for c in coordinating]))
    return tasks, coordination


def _security_plans(event, agencies, parents, today, rng, suffix):
    units = [agencies[code] for code, _ in data.SECURITY_UNITS]
    plans, coordination = [], []
    for number in range(1, data.SECURITY_PLAN_COUNT + 1):
        parent_code, kind = data.SECURITY_PLAN_KINDS[number % len(data.SECURITY_PLAN_KINDS)]
        parent = parents[parent_code + suffix]
        unit = units[number % len(units)]
        due_date = parent.due_date - timedelta(days=rng.randint(0, 6))
        late = rng.random() < 0.08
        fate = "late" if late and due_date < today else None
        status, progress = _status_for(fate, due_date, today, rng)
        plan = Task(event=event, code=f"SP{suffix}-{number:03d}",
                    title=f"{kind}: {unit.name}", committee=parent.committee,
                    lead_agency=unit, parent=parent,
                    start_date=min(parent.start_date, due_date), due_date=due_date,
                    status=status, progress=progress)
        plans.append(plan)
        coordination.append((plan, [agencies["MPS"]] if unit.code != "MPS" else []))
    return plans, coordination


def create_plan(event, agencies, committees, *, scale=1, seed=2025):
    rng = random.Random(seed)
    today = event.today()
    through = Task.coordinating_agencies.through
    deps = Task.depends_on.through
    for copy in range(1, scale + 1):
        suffix = "" if copy == 1 else f".{copy}"
        tasks, coordination = _plan_rows(event, agencies, committees, today, rng, suffix)
        Task.objects.bulk_create(tasks)
        by_code = {t.code: t for t in tasks}
        plans, plan_coordination = _security_plans(event, agencies, by_code, today, rng, suffix)
        Task.objects.bulk_create(plans)
        through.objects.bulk_create(
            through(task_id=task.pk, agency_id=agency.pk)
            for task, others in coordination + plan_coordination for agency in others)
        deps.objects.bulk_create(
            deps(from_task_id=by_code[code + suffix].pk, to_task_id=by_code[dep + suffix].pk)
            for code, needs in data.DEPENDENCIES for dep in needs)


@functools.lru_cache(maxsize=4)
def password_hash(password):
    """One hash for every demo user: hashing is deliberately slow, and they share the
    password. None gives an unusable password."""
    return make_password(password or None)


def create_users(agencies, *, password):
    """One demo user per role. Without a password (DEBUG off) they cannot log in."""
    User = get_user_model()
    hashed = password_hash(password)
    users = {}
    for username, full_name, role, focal_for in data.DEMO_USERS:
        first, _, last = full_name.partition(" ")
        user, _ = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last,
                      "email": f"{username}@example.org", "is_staff": role == "secretariat"},
        )
        user.password = hashed
        user.save()
        user.groups.add(role_group(role))
        for code in focal_for:
            agencies[code].focal_points.add(user)
        users[username] = user
    return users


def create_history(event, users):
    """A first entry in the update log of every task that has moved."""
    author_for = {"MOFA": users["focal.mofa"], "MPS": users["focal.mps"],
                  "NCA": users["focal.nca"]}
    default = users["secretariat"]
    updates = []
    for task in Task.objects.filter(event=event).exclude(status=TaskStatus.PLANNED) \
            .select_related("lead_agency"):
        updates.append(TaskUpdate(
            task=task, author=author_for.get(task.lead_agency.code, default),
            changes={"status": [TaskStatus.PLANNED, task.status], "progress": [0, task.progress]},
            note="Reported at the weekly coordination meeting."))
    TaskUpdate.objects.bulk_create(updates, batch_size=1000)


@transaction.atomic
def build(*, start_date, scale=1, password=None):
    event = create_event(start_date=start_date)
    agencies = create_agencies(event)
    committees = create_committees(event, agencies)
    create_plan(event, agencies, committees, scale=scale)
    users = create_users(agencies, password=password)
    create_history(event, users)
    assert Committee.objects.filter(event=event, kind=CommitteeKind.STEERING).exists()
    return event
