"""Badge PDFs for the bench: N approved applications of several categories, each with a photo
(a few distinct 600 × 800 JPEGs, as clean_photo leaves them) and a badge, then one batch of
them all drawn by the service the Celery job runs. Target: 1,000 badges in under 30 s."""

import io
import random
import time
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw

PHOTOS = 8


def _photos(rng):
    names = []
    for n in range(PHOTOS):
        name = f"photos/bench-{n}.jpg"
        if default_storage.exists(name):  # from an earlier run
            names.append(name)
            continue
        image = Image.new("RGB", (600, 800), (235, 235, 235))
        draw = ImageDraw.Draw(image)
        tone = tuple(rng.randrange(90, 200) for _ in range(3))
        draw.ellipse((180, 150, 420, 430), fill=tone)
        draw.rectangle((90, 480, 510, 800), fill=tuple(c // 2 for c in tone))
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=90)
        names.append(default_storage.save(name, ContentFile(out.getvalue())))
    return names


def clear():
    """What every bench made: checkpoints, badges and applications hold their event
    (PROTECT), so they go first (tests/bench/bulk.py does the same)."""
    from tests.bench.bulk import clear as clear_all

    clear_all()


def build_badges(count, seed=11):
    """An event with `count` active badges; returns (event, user, badge ids)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from accreditation.applications.models.applications import Application
    from accreditation.badges.models import Badge
    from accreditation.badges.services.badges import badge_number
    from accreditation.enums import ApplicationSource, ApplicationStatus, VettingStatus
    from accreditation.setup.models import AccreditationCategory
    from accreditation.setup.services.categories import categories_install_defaults
    from logistics.core.enums import Role
    from logistics.core.permissions import role_group
    from logistics.demo import plan as demo

    clear()
    rng = random.Random(seed)
    event = demo.create_event(start_date=timezone.localdate() + timedelta(days=21))
    categories_install_defaults(event=event, by=None)
    categories = list(AccreditationCategory.objects.filter(event=event, code__in="DEPCUN")
                      .prefetch_related("zones"))
    photos = _photos(rng)
    family = ["Nguyễn", "Trần", "Smith", "Dubois", "Müller", "Ivanova", "王", "Okafor",
              "García", "Kowalska"]
    given = ["Thị Mai", "Văn Hùng", "Anna", "Jean-Pierre", "Lukas", "Olga", "小明", "Chidi",
             "María José", "Zofia"]
    applications = []
    for n in range(count):
        applications.append(Application(
            event=event, category=categories[n % len(categories)],
            status=ApplicationStatus.APPROVED, source=ApplicationSource.IMPORT,
            vetting=VettingStatus.CLEARED, family_name=f"{rng.choice(family)} {n}",
            given_names=rng.choice(given), date_of_birth=date(1980, 1, 1 + n % 28),
            email=f"bench{n}@example.org", organisation=f"Organisation {n % 97}",
            photo=photos[n % PHOTOS] if n % 10 else ""))
    Application.objects.bulk_create(applications, batch_size=1000)
    badges, sequences = [], {}
    for application in applications:
        category = application.category
        sequences[category.pk] = sequence = sequences.get(category.pk, 0) + 1
        badges.append(Badge(
            event=event, application=application, category=category, sequence=sequence,
            number=badge_number(event, category, sequence),
            zone_codes=",".join(zone.code for zone in category.zones.all()),
            valid_from=event.start_date - timedelta(days=3), valid_until=event.end_date))
    Badge.objects.bulk_create(badges, batch_size=1000)
    user, _ = get_user_model().objects.get_or_create(username="bench-accreditation")
    user.groups.add(role_group(Role.ACCREDITATION))
    return event, user, [badge.pk for badge in badges]


def bench_badge_batch(count, rows):
    """Rows of (size, what, median ms, p95 ms, queries, note), as run.py prints them."""
    from accreditation.badges.models import Badge, BadgeBatch
    from accreditation.badges.pdf import render_badge
    from accreditation.badges.queries import badges_for_print
    from accreditation.badges.services.batches import batch_run
    from accreditation.enums import BatchStatus

    start = time.perf_counter()
    event, user, ids = build_badges(count)
    rows.append((count, "badges: build the data", (time.perf_counter() - start) * 1000, 0, 0,
                 "bulk insert, not timed against a target"))

    sample = list(badges_for_print(event).filter(pk__in=ids[:20]))
    render_badge(sample[0])  # fonts registered once per process, as in a worker
    start = time.perf_counter()
    sizes = [len(render_badge(badge)) for badge in sample]
    single = (time.perf_counter() - start) * 1000 / len(sample)
    rows.append((count, "one badge PDF (mean)", single, single, 0,
                 f"{sum(sizes) // len(sizes) // 1024} KB each"))

    batch = BadgeBatch.objects.create(event=event, total=len(ids), requested_by=user)
    batch.badges.set(ids)
    start, cpu = time.perf_counter(), time.process_time()
    batch_run(batch_id=batch.pk)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE, (batch.status, batch.error)
    size = batch.file.size
    made = Badge.objects.filter(pk__in=ids, pdf_made_at__isnull=False).count()
    rows.append((count, "badge batch PDF (Celery job's work)", elapsed * 1000, elapsed * 1000,
                 0, f"{count / elapsed:.0f} badges/s ({cpu:.1f} s of CPU); "
                    f"{size / 1024 / 1024:.1f} MB; "
                    f"{made} with their PDF made; target {count} in < 30 s"))
    batch.file.delete(save=False)
    clear()
    return elapsed


def bench_batch_memory(counts, rows):
    """The worker's memory over a batch: for each count, the badges are built here and the
    batch is drawn by batch_run() in a process of its own, as a Celery worker runs it, which
    reports its peak resident memory before and after. Flat means the same peak for 1,000
    and 10,000 badges (the PDF is drawn 50 badges at a time into a temporary file)."""
    import json
    import os
    import subprocess
    import sys

    from accreditation.badges.models import BadgeBatch

    for count in counts:
        event, user, ids = build_badges(count)
        batch = BadgeBatch.objects.create(event=event, total=len(ids), requested_by=user)
        batch.badges.set(ids)
        done = subprocess.run(
            [sys.executable, "-m", "tests.bench.badges", "--run-batch", str(batch.pk)],
            capture_output=True, text=True, timeout=3600, env=os.environ, check=False)
        if done.returncode:
            raise RuntimeError(done.stderr[-3000:])
        report = json.loads(done.stdout.strip().splitlines()[-1])
        seconds = report["seconds"]
        rows.append((count, "badge batch in a worker process", seconds * 1000, seconds * 1000,
                     0, f"peak RSS {report['peak_mb']:.0f} MB (ready: "
                        f"{report['ready_mb']:.0f} MB); {count / seconds:.0f} badges/s; "
                        f"{report['file_mb']:.1f} MB PDF"))
        BadgeBatch.objects.get(pk=batch.pk).file.delete(save=False)
        clear()


def _peak_mb(resource):
    """This process's peak resident memory. Linux's VmHWM, of this program alone: getrusage's
    maximum survives exec, so a child started by a large parent (the bench, after building
    10,000 badges beside the scale-40 data) would report the parent's peak."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_batch(batch_id):
    """In the child: one batch, as the worker's task runs it; prints a JSON report."""
    import json
    import resource

    from accreditation.badges import pdf
    from accreditation.badges.models import BadgeBatch
    from accreditation.badges.services.batches import batch_run

    pdf.render_badge  # noqa: B018 (the renderer imported, as in a worker that has started)
    ready = _peak_mb(resource)
    start = time.perf_counter()
    batch = batch_run(batch_id=batch_id)
    seconds = time.perf_counter() - start
    peak = _peak_mb(resource)
    assert batch.status == "done", (batch.status, batch.error)
    print(json.dumps({"seconds": seconds, "ready_mb": ready, "peak_mb": peak,
                      "file_mb": BadgeBatch.objects.get(pk=batch_id).file.size / 2**20}))


if __name__ == "__main__":
    import argparse

    from tests.bench import run  # noqa: F401 (Django on the bench's database)

    parser = argparse.ArgumentParser()
    parser.add_argument("--run-batch", type=int, help="draw this batch (the child process)")
    parser.add_argument("--counts", default="1000,10000", help="badges per batch")
    args = parser.parse_args()
    if args.run_batch:
        _run_batch(args.run_batch)
    else:
        run.prepare()
        found = []
        bench_batch_memory([int(n) for n in args.counts.split(",")], found)
        run.print_table("Badge batches, the worker's memory", "badges", found)
