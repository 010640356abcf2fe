"""Security vetting's note is free text that may hold an ID number: it is shown to vetting
officers and to no one else (issue 11, item 3). The reason vetting writes for the office is
what the office reads.

Two applications of the matrix's world (one waiting for information, one approved with its
badge) are flagged on the vetting queue with a note and a reason, each a recognisable marker;
then every page, API route, admin page and privacy export that can show an application is
requested as every visitor, role and key scope (the rows of docs/PERMISSIONS.md, and the
pages they lead to), and every audit entry, admin log entry, status change and webhook
payload the system wrote is read. The note's marker appears only in vetting's answers."""

import io
import json
import zipfile

import pytest
from auditlog.models import LogEntry
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse

from accreditation.applications.models.applications import Application, Transition
from accreditation.enums import WebhookEvent
from accreditation.integrations.models import Delivery
from accreditation.integrations.services.webhooks import webhook_update
from tests.security.matrix import read_matrix, routes
from tests.security.walk import client_for, send, url_of, walking
from tests.security.world import ROLES, SCOPES, NoArguments, world_for_a_module

pytestmark = pytest.mark.django_db

NOTE = "NOTEMARK-ZQ7X9Y8"
REASON = "REASONMARK-K4PV2W"
COLUMNS = ["anonymous", *map(str, ROLES), *map(str, SCOPES)]
# The URLs that can show an application, its badge, its history or its webhooks.
SHOWING = ("accreditation:", "api:application", "api:badge", "api:api-scan", "api:webhook",
           "privacy:", "admin:", "apply_")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_for_a_module(django_db_blocker, tmp_path_factory) as world:
        o = world.objects
        # A key that hears every event, so that what the flags set off is delivered.
        webhook_update(webhook=o["webhooks"]["accreditation:read"],
                       events=list(WebhookEvent.values))
        vetting = client_for(world, "vetting")
        flagged = [o["application"], o["badge"].application]
        for application in flagged:
            # Flagged, cleared, flagged again: the note changes in the history, too.
            for decision in ("flag", "clear", "flag"):
                vetting.post(reverse("accreditation:vetting_decide", args=[application.pk]),
                             {"decision": decision, "reason": REASON, "note": NOTE})
        o["flagged"] = [Application.objects.get(pk=a.pk) for a in flagged]
        assert {a.vetting_note for a in o["flagged"]} == {NOTE}
        yield world


def _body(response):
    """What the response carries, as text: pages, JSON, CSV, files, and the records inside a
    ZIP (compressed, a marker would not show in its bytes)."""
    data = (b"".join(response.streaming_content) if response.streaming
            else response.content)
    if response.get("Content-Type", "").startswith("application/zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = b"".join(archive.read(name) for name in archive.namelist())
    return data.decode("utf-8", errors="replace")


def _extra_requests(world, column):
    """Requests the matrix rows alone do not make: the other flagged application's pages,
    the queue of flagged applicants, the sync, the audit entries in the admin, an export."""
    o = world.objects
    application, approved = o["flagged"]
    requests = []
    for flagged in (application, approved):
        requests += [
            ("GET", reverse("accreditation:application_detail", args=[flagged.pk]), None),
            ("GET", f"/api/v1/applications/{flagged.reference}/", None),
            ("POST", reverse("privacy:export_download"), {"reference": flagged.reference}),
        ]
    requests += [
        ("GET", reverse("accreditation:vetting_queue") + "?vetting=flagged", None),
        ("GET", reverse("accreditation:vetting_export") + "?vetting=flagged", None),
        ("GET", reverse("accreditation:application_list") + "?vetting=flagged", None),
        ("GET", reverse("accreditation:badge_detail", args=[o["badge"].pk]), None),
        ("GET", "/api/v1/applications/?changed_since=2000-01-01T00:00:00Z", None),
        ("GET", "/api/v1/badges/?changed_since=2000-01-01T00:00:00Z", None),
        ("GET", reverse("admin:auditlog_logentry_changelist"), None),
    ]
    kind = ContentType.objects.get_for_model(Application)
    for pk in LogEntry.objects.filter(content_type=kind).values_list("pk", flat=True):
        requests.append(("GET", reverse("admin:auditlog_logentry_change", args=[pk]), None))
    for webhook in o["webhooks"].values():
        requests.append(("GET", f"/api/v1/webhooks/{webhook.pk}/deliveries/", None))
    return requests


def _answers(world, column):
    """(where, body) of every answer `column` gets."""
    client = client_for(world, column)
    params = {route.name: route.params for route in routes()}
    answers = []
    with walking():
        for row in read_matrix().values():
            if column not in row.cells or not row.name.startswith(SHOWING):
                continue
            try:
                url = url_of(world, row, params.get(row.name, frozenset()), column)
            except NoArguments:
                continue
            answers.append((f"{row.name} {row.method}", _body(send(client, world, row, url))))
        for method, url, data in _extra_requests(world, column):
            with transaction.atomic():
                response = (client.post(url, data) if method == "POST" else client.get(url))
                transaction.set_rollback(True)
            answers.append((f"{method} {url}", _body(response)))
    return answers


@pytest.mark.parametrize("column", COLUMNS)
def test_the_vetting_note_shows_to_vetting_only(world, column):
    answers = _answers(world, column)
    showing = sorted({where for where, body in answers if NOTE in body})
    if column == "vetting":
        # The walk sees what vetting reads: the application's page, the queue, the export.
        assert len(showing) >= 3, showing
    else:
        assert showing == []


@pytest.mark.parametrize("column", ["secretariat", "accreditation"])
def test_the_office_reads_vettings_reason(world, column):
    application = world.objects["flagged"][0]
    url = reverse("accreditation:application_detail", args=[application.pk])
    page = client_for(world, column).get(url).content.decode()
    assert REASON in page and NOTE not in page


def test_no_record_the_office_can_read_holds_the_note(world):
    """The audit trail (its entries' changes, texts, names and data), the admin's own log,
    the status changes and the webhook deliveries."""
    def holding(rows, *fields):
        return [row for row in rows.values(*fields) if NOTE in json.dumps(row, default=str)]

    assert holding(LogEntry.objects, "changes", "changes_text", "object_repr",
                   "serialized_data", "additional_data") == []
    assert holding(AdminLogEntry.objects, "object_repr", "change_message") == []
    assert holding(Transition.objects, "reason") == []
    assert holding(Delivery.objects, "payload", "error") == []
    # The trail says that the note changed, without what it said.
    kind = ContentType.objects.get_for_model(Application)
    noted = [entry.changes["vetting_note"] for entry in LogEntry.objects.filter(
        content_type=kind, changes__has_key="vetting_note")]
    assert noted and {value for pair in noted for value in pair} <= {"", "•••", "None"}
    assert Delivery.objects.filter(event="badge.suspended").exists()
