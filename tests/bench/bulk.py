"""Bulk creation of applications for the bench: ROUNDS calls of 1,000 press applications each
(names in several scripts, passports, e-mails, 189 outlets), first through the service the
API's bulk endpoint calls (applications_bulk_create: checks, duplicate detection, inserts, and
after commit one mail and one webhook delivery queued per application), then through
POST /api/v1/applications/bulk/ with Django's test client (JSON, the serializers' per-item
checks, the response). One webhook is subscribed, as an integration would be. Target: at
least 2,000 applications per second.

Run alone: `.venv/bin/python -m tests.bench.bulk` (the bench's own database, as run.py)."""

import shutil
import statistics
import time
from datetime import date, timedelta

from tests.bench.timing import CountQueries

ROUNDS = 5
PER_CALL = 1000
FAMILY = ["Nguyễn", "Trần", "Smith", "Dubois", "Müller", "Ivanova", "王", "Okafor", "García",
          "Kowalska", "عبد الله"]
GIVEN = ["Thị Mai", "Văn Hùng", "Anna", "Jean-Pierre", "Lukas", "Olga", "小明", "Chidi",
         "María José", "Zofia", "فاطمة"]
COUNTRIES = ["VN", "FR", "DE", "RU", "CN", "NG", "ES", "PL", "US", "EG", "JP", "BR"]


def clear():
    from auditlog.context import disable_auditlog

    from accreditation.applications.models.applications import Application
    from accreditation.badges.models import Badge, BadgeBatch
    from accreditation.gates.models import Checkpoint
    from accreditation.keys.models import ApiKey
    from logistics.core.models.event import Event

    # Whatever the other benches left: these hold their event (PROTECT). Not a staff change:
    # no audit entry per deleted row.
    with disable_auditlog():
        Checkpoint.objects.all().delete()
        BadgeBatch.objects.all().delete()
        Badge.objects.all().delete()
        Application.objects.all().delete()
        ApiKey.objects.filter(name="bench bulk").delete()
        Event.objects.all().delete()


def build():
    """An event with the default categories and 189 outlets, and a key with a webhook."""
    from django.utils import timezone

    from accreditation.enums import OutletKind
    from accreditation.integrations.services.webhooks import webhook_register
    from accreditation.keys.services import api_key_create
    from accreditation.setup.models import MediaOutlet
    from accreditation.setup.services.categories import categories_install_defaults
    from logistics.delegations.models import Country
    from logistics.demo import plan as demo

    clear()
    event = demo.create_event(start_date=timezone.localdate() + timedelta(days=21))
    categories_install_defaults(event=event, by=None)
    countries = list(Country.objects.filter(code__in=COUNTRIES))
    kinds = list(OutletKind.values)
    MediaOutlet.objects.bulk_create([
        MediaOutlet(event=event, name=f"Outlet {n}", country=countries[n % len(countries)],
                    kind=kinds[n % len(kinds)], domestic=n % 3 == 0, quota=8)
        for n in range(189)])
    key, raw = api_key_create(name="bench bulk", scopes=["accreditation:read",
                                                        "accreditation:write"])
    # Nothing listens on the discard port: deliveries are queued, never sent, in the bench.
    webhook_register(api_key=key, url="http://127.0.0.1:9/accord",
                     events=["application.status_changed"])
    return event, raw


def payloads(event, start, count):
    """`count` press applications as an integration sends them (JSON-ready)."""
    from accreditation.setup.models import MediaOutlet

    outlets = list(MediaOutlet.objects.filter(event=event).values_list("pk", flat=True))
    items = []
    for n in range(start, start + count):
        items.append({
            "category": "P", "family_name": f"{FAMILY[n % len(FAMILY)]} {n}",
            "given_names": GIVEN[n % len(GIVEN)], "gender": "female" if n % 2 else "male",
            "date_of_birth": date(1970 + n % 30, 1 + n % 12, 1 + n % 28).isoformat(),
            "nationality": COUNTRIES[n % len(COUNTRIES)], "email": f"bulk{n}@example.org",
            "id_document_kind": "passport", "id_document_number": f"P{n:08d}",
            "id_document_expiry": "2031-06-30", "outlet": outlets[n % len(outlets)],
            "media_role": "reporter", "function": "Correspondent",
            "organisation": f"Outlet {n % len(outlets)}"})
    return items


def resolved(event, items):
    """The same items as the endpoint hands them to the service: codes and ids resolved."""
    from accreditation.applications.api.serializers import Lookups, resolve

    lookups = Lookups(event)
    lookups.prefetch(items)
    out = []
    for item in items:
        data = resolve(item, lookups)
        for name in ("date_of_birth", "id_document_expiry"):
            data[name] = date.fromisoformat(data[name])
        out.append(data)
    return out


def _row(label, timings, cpu, queries, created):
    per_second = sorted(PER_CALL / (ms / 1000) for ms in timings)
    timings = sorted(timings)
    return (PER_CALL, label, statistics.median(timings), timings[-1], queries,
            f"{statistics.median(per_second):,.0f} applications/s (median of {len(timings)} "
            f"calls; slowest {per_second[0]:,.0f}/s; {statistics.median(cpu):,.0f} ms of "
            f"this process's CPU per call); {created:,} created; target ≥ 2,000/s")


def bench_bulk(rows, rounds=ROUNDS, broker_dir=None):
    """Rows of (size, what, median ms, slowest ms, queries per call, note), as run.py prints
    them. Returns the service path's median applications per second."""
    from django.test import Client

    from accreditation.applications.models.applications import Application
    from accreditation.applications.services.bulk import applications_bulk_create
    from accreditation.enums import ApplicationSource, DeliveryStatus
    from accreditation.integrations.models import Delivery

    event, raw = build()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    # Once through both paths first, as a worker that has served a request already: imports,
    # the encryption keys, the URL resolver.
    applications_bulk_create(event=event, items=resolved(event, payloads(event, 0, 20)),
                             source=ApplicationSource.API, actor="bench")
    client.post("/api/v1/applications/bulk/", {"event": event.pk,
                                               "items": payloads(event, 20, 20)},
                content_type="application/json")
    Application.objects.filter(event=event).delete()
    timings, cpu, queries, n = [], [], 0, 40
    for _ in range(rounds):
        items = resolved(event, payloads(event, n, PER_CALL))
        n += PER_CALL
        with CountQueries() as counted:
            start, used = time.perf_counter(), time.process_time()
            outcomes = applications_bulk_create(event=event, items=items,
                                                source=ApplicationSource.API, actor="bench")
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - used) * 1000)
        queries = counted.count
        assert all(outcome.application for outcome in outcomes), [
            outcome.error.message for outcome in outcomes if outcome.error][:3]
    created = Application.objects.filter(event=event).count()
    rows.append(_row("bulk create: service", timings, cpu, queries, created))
    service = PER_CALL / (statistics.median(timings) / 1000)

    timings, cpu = [], []
    for _ in range(rounds):
        body = {"event": event.pk, "items": payloads(event, n, PER_CALL)}
        n += PER_CALL
        with CountQueries() as counted:
            start, used = time.perf_counter(), time.process_time()
            response = client.post("/api/v1/applications/bulk/", body,
                                   content_type="application/json")
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - used) * 1000)
        queries = counted.count
        assert response.status_code == 200, response.content[:500]
        assert response.json()["created"] == PER_CALL, response.json()["results"][:3]
    created = Application.objects.filter(event=event).count() - created
    rows.append(_row("bulk create: POST applications/bulk/", timings, cpu, queries, created))
    pending = Delivery.objects.filter(status=DeliveryStatus.PENDING).count()
    rows.append((PER_CALL, "bulk create: webhook deliveries queued", 0, 0, 0,
                 f"{pending:,} (one subscriber)"))
    if broker_dir is not None:
        for folder in ("queue", "control"):  # drop the queued messages, keep the folders
            shutil.rmtree(broker_dir / folder, ignore_errors=True)
            (broker_dir / folder).mkdir(parents=True)
    clear()
    return service


def main():
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from tests.bench import run

    setup_test_environment()
    call_command("migrate", verbosity=0)
    rows = []
    bench_bulk(rows, broker_dir=run.BENCH_VAR / "broker")
    run._print_table("Bulk creation of applications", "items", rows)


if __name__ == "__main__":
    main()
