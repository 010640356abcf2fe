"""A client generated from the served schema works: an integration's whole job, through code
we did not write.

The schema is fetched from a live server on 127.0.0.1 with a partner's key; a client is
generated from it with openapi-python-client (pinned in pyproject's dev extras, with the
configuration we give integrators: docs/openapi-python-client.yaml) without a warning; mypy
(pinned) finds no error in it, strict; then the partner's job runs through it against the
live server: submit applications in bulk, send their files, page through the sync with its
cursor, approve them, list the badges, download a badge's PDF, post scans at a gate, and
register a webhook. Every answer is read as the generated models, not as raw JSON."""

import datetime
import importlib
import io
import json
import subprocess
import sys
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from accreditation.api import pagination
from accreditation.applications.models.applications import Application
from accreditation.badges import codes
from accreditation.badges.models import Badge
from accreditation.badges.services.badges import badge_collect
from accreditation.enums import CheckpointMode, VettingStatus
from accreditation.gates.models import Checkpoint
from accreditation.keys.services import api_key_create
from accreditation.setup.models import Zone
from tests.factories.plan import EventFactory
from tests.factories.registration import PDF_BYTES, image_bytes

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "docs" / "openapi-python-client.yaml"
BIN = Path(sys.executable).parent
PACKAGE = "accord_client"
PARTNER_SCOPES = ["accreditation:read", "accreditation:write", "accreditation:decide",
                  "personal_data"]


@pytest.fixture
def event(db):
    """An event on now, so that today's scans are judged valid."""
    today = timezone.localdate(timezone=EventFactory.build().tz)
    return EventFactory(start_date=today, end_date=today + datetime.timedelta(days=2))


def run(*command, cwd):
    if not (BIN / command[0]).exists():
        pytest.fail(f"{command[0]} is not installed: pip install -e '.[dev]' (make setup).")
    result = subprocess.run([str(BIN / command[0]), *command[1:]], cwd=cwd, text=True,
                            capture_output=True, timeout=120)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture
def server(live_server):
    """The live server's address on loopback, by number."""
    return f"http://127.0.0.1:{live_server.thread.port}"


@pytest.fixture
def generated(server, tmp_path, transactional_db):
    """The generated package, imported from tmp_path, and the partner's raw key."""
    _key, raw = api_key_create(name="media portal", scopes=PARTNER_SCOPES)
    request = urllib.request.Request(f"{server}/api/schema/?format=json",
                                     headers={"Authorization": f"Bearer {raw}"})
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 (loopback)
        assert answer.headers["Content-Type"].startswith("application/vnd.oai.openapi+json")
        (tmp_path / "schema.json").write_bytes(answer.read())
    code, output = run("openapi-python-client", "generate", "--path", "schema.json",
                       "--output-path", PACKAGE, "--meta", "none", "--config", str(CONFIG),
                       cwd=tmp_path)
    assert code == 0, output
    assert "Warning" not in output, output
    code, output = run("mypy", "--strict", "--no-incremental", PACKAGE, cwd=tmp_path)
    assert code == 0, output
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(PACKAGE), raw
    finally:
        sys.path.remove(str(tmp_path))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def module(package, name):
    return importlib.import_module(f"{package.__name__}.{name}")


def test_an_integration_does_its_whole_job_through_a_generated_client(
        generated, server, event, cats, outlet, celery_eager, monkeypatch, officer):
    # The sync holds back rows younger than a few seconds; a partner syncs later than this.
    monkeypatch.setattr(pagination, "SETTLE_SECONDS", 0)
    package, raw = generated
    models = module(package, "models")
    types = module(package, "types")
    client = package.AuthenticatedClient(base_url=server, token=raw,
                                         raise_on_unexpected_status=True)
    started = timezone.now()

    # Submit three journalists in one call.
    people = [models.ApplicationItemRequest(
        category="P", family_name=name, given_names="Thị Mai", nationality="VN",
        email=f"reporter{n}@vna.example", id_document_kind=models.IdDocumentKindEnum.PASSPORT,
        id_document_number=f"C765432{n}", id_document_expiry=datetime.date(2031, 1, 1),
        outlet=outlet.pk, media_role=models.MediaRoleEnum.REPORTER)
        for n, name in enumerate(["Trần", "Nguyễn", "Lê"])]
    bulk = module(package, "api.applications.v1_applications_bulk_create").sync(
        client=client, body=models.ApplicationBulkRequest(event=event.pk, items=people))
    assert isinstance(bulk, models.BulkResponse)
    assert (bulk.created, bulk.refused) == (3, 0), [r.to_dict() for r in bulk.results]
    references = [result.reference for result in bulk.results]
    assert all(isinstance(reference, str) for reference in references)

    # Send each one's photo and documents (multipart); a PHP script named .jpg is refused.
    files = module(package, "api.applications.v1_applications_files_create")
    for reference in references:
        sent = files.sync(reference, client=client, body=models.ApplicationFilesRequest(
            photo=types.File(payload=io.BytesIO(image_bytes((600, 800))),
                             file_name="photo.jpg", mime_type="image/jpeg"),
            letter_of_assignment=types.File(payload=io.BytesIO(PDF_BYTES),
                                            file_name="letter.pdf",
                                            mime_type="application/pdf"),
            press_card=types.File(payload=io.BytesIO(PDF_BYTES), file_name="card.pdf",
                                  mime_type="application/pdf"),
            id_copy=types.File(payload=io.BytesIO(PDF_BYTES), file_name="passport.pdf",
                               mime_type="application/pdf")))
        assert isinstance(sent, models.Application)
        assert (sent.has_photo, sent.has_letter_of_assignment, sent.has_press_card,
                sent.has_id_copy, sent.missing_documents) == (True, True, True, True, [])
    refused = files.sync_detailed(references[0], client=package.AuthenticatedClient(
        base_url=server, token=raw), body=models.ApplicationFilesRequest(
        photo=types.File(payload=io.BytesIO(b"<?php system($_GET['c']); ?>"),
                         file_name="photo.jpg", mime_type="image/jpeg")))
    assert refused.status_code == 400
    assert isinstance(refused.parsed, models.ErrorResponse)
    assert refused.parsed.error.code == "invalid"

    # Sync what changed since the start, two a page, following the cursor.
    listing = module(package, "api.applications.v1_applications_list")
    page = listing.sync(client=client, changed_since=started, page_size=2)
    seen = []
    while True:
        assert isinstance(page, models.PaginatedApplicationList)
        seen += [application.reference for application in page.results]
        assert all(isinstance(a, models.Application) for a in page.results)
        if not page.next_:
            break
        cursor = parse_qs(urlsplit(page.next_).query)["cursor"][0]
        page = listing.sync(client=client, cursor=cursor, page_size=2)
    assert sorted(seen) == sorted(references)
    assert isinstance(page.resume, str)

    # Security vetting clears them (its own pages); the partner approves them.
    Application.objects.filter(reference__in=references).update(vetting=VettingStatus.CLEARED)
    approve = module(package, "api.applications.v1_applications_approve_create")
    for reference in references:
        decided = approve.sync(reference, client=client,
                               body=models.ReasonRequest(reason="Letter checked."))
        assert isinstance(decided, models.Application)
        assert decided.status == models.ApplicationStatusEnum.APPROVED

    # The badges, and one badge's PDF.
    badges = module(package, "api.badges.v1_badges_list").sync(client=client, event=event.pk)
    assert isinstance(badges, models.PaginatedBadgeList)
    assert sorted(badge.application for badge in badges.results) == sorted(references)
    assert {badge.status for badge in badges.results} == {models.BadgeStatusEnum.ACTIVE}
    pdf = module(package, "api.badges.v1_badges_pdf_retrieve").sync(
        badges.results[0].id, client=client)
    assert isinstance(pdf, types.File)
    assert pdf.payload.read().startswith(b"%PDF-")

    # The holders collect their badges at the desk (the office's page); then a gate's key
    # posts scans of the printed codes.
    for badge in Badge.objects.filter(application__reference__in=references):
        badge_collect(badge=badge, by=officer)
    gate = Checkpoint.objects.create(event=event, zone=Zone.objects.get(event=event, code="2"),
                                     name="Press centre door", mode=CheckpointMode.BOTH)
    _key, scan_raw = api_key_create(name="gate", scopes=["scan"])
    scanner = package.AuthenticatedClient(base_url=server, token=scan_raw,
                                          raise_on_unexpected_status=True)
    scan = module(package, "api.scans.v1_scans_create")
    for badge in Badge.objects.filter(application__reference__in=references):
        answer = scan.sync(client=scanner, body=models.ScanRequestRequest(
            code=codes.encode(badge), checkpoint=gate.pk, client_scan_id=str(uuid.uuid4()),
            scanned_at=timezone.now()))
        assert isinstance(answer, models.ScanAnswer)
        assert answer.result == models.ScanResultEnum.ALLOW
        assert answer.holder.badge_number == badge.number

    # Register a webhook; its secret is shown once.
    created = module(package, "api.webhooks.v1_webhooks_create").sync(
        client=client, body=models.WebhookRequest(
            url="https://portal.example.org/accord/events",
            events=[models.WebhookEventEnum.BADGE_ISSUED,
                    models.WebhookEventEnum.APPLICATION_STATUS_CHANGED]))
    assert isinstance(created, models.WebhookCreated)
    assert created.url == "https://portal.example.org/accord/events"
    assert len(created.secret) >= 32
    assert json.loads(json.dumps(created.to_dict()))["events"] == [
        "badge.issued", "application.status_changed"]
