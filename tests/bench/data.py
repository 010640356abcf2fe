"""A plan of any size for the bench: the demo's agencies and committees, N tasks spread
around today (some done, some late, some due this week), each with two coordinating
agencies; one task in ten hangs under another."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model

from logistics.demo import plan as demo
from logistics.enums import Role, TaskStatus
from logistics.models import Event, Task
from logistics.permissions import role_group


def build_plan(size, seed=7):
    Event.objects.all().delete()
    rng = random.Random(seed)
    from django.utils import timezone

    event = demo.create_event(start_date=timezone.localdate() + timedelta(days=21))
    agencies = demo.create_agencies(event)
    committees = list(demo.create_committees(event, agencies).values())
    agency_list = list(agencies.values())
    today = event.today()
    tasks = []
    for n in range(size):
        due = today + timedelta(days=rng.randint(-30, 40))
        status = rng.choice([TaskStatus.PLANNED, TaskStatus.IN_PROGRESS, TaskStatus.IN_PROGRESS,
                             TaskStatus.DONE])
        progress = 100 if status == TaskStatus.DONE else rng.randrange(0, 95, 5)
        tasks.append(Task(event=event, code=f"B-{n:05d}", title=f"Bench task {n}",
                          committee=rng.choice(committees), lead_agency=rng.choice(agency_list),
                          start_date=due - timedelta(days=30), due_date=due, status=status,
                          progress=progress))
    Task.objects.bulk_create(tasks, batch_size=2000)
    through = Task.coordinating_agencies.through
    links = []
    for task in tasks:
        others = [a for a in rng.sample(agency_list, 3) if a.pk != task.lead_agency_id][:2]
        links += [through(task_id=task.pk, agency_id=agency.pk) for agency in others]
    through.objects.bulk_create(links, batch_size=5000)
    parents = tasks[: max(1, size // 10)]
    children = tasks[len(parents):][: size // 10]
    for child, parent in zip(children, parents, strict=False):
        child.parent = parent
    Task.objects.bulk_update(children, ["parent"], batch_size=2000)

    User = get_user_model()
    user, _ = User.objects.get_or_create(username="bench-secretariat")
    user.groups.add(role_group(Role.SECRETARIAT))
    steering, _ = User.objects.get_or_create(username="bench-steering",
                                             defaults={"email": "steering@example.org"})
    steering.groups.add(role_group(Role.STEERING))
    return event, user
