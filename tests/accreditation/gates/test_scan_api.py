"""POST /api/v1/scans/ and GET /api/v1/scans/offline-kit/: who may call them, what they
answer, and what they refuse."""

import base64
import re
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from django.db import connection
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accreditation.badges import codes
from accreditation.badges.services.badges import badge_issue, badge_mark_lost, badge_revoke
from accreditation.gates.models import Checkpoint, Scan
from accreditation.keys.services import api_key_create
from logistics.core.enums import Role
from tests.accreditation.gates import gate_fixtures as gates
from tests.factories.accreditation import approved, collected_badge, journalist
from tests.factories.plan import user_with_role

_fresh_gates, event, badge = gates._fresh_gates, gates.event, gates.badge
press_gate, plenary_gate = gates.press_gate, gates.plenary_gate

URL = "/api/v1/scans/"
KIT_URL = "/api/v1/scans/offline-kit/"


def key_client(*scopes):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {api_key_create(name='gate', scopes=scopes)[1]}")
    return client


def session_client(user, *, csrf=False):
    client = APIClient(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def body(code, gate, **fields):
    return {"code": code, "checkpoint": gate.pk, "client_scan_id": str(uuid.uuid4()),
            "scanned_at": timezone.now().isoformat(), **fields}


@pytest.fixture
def scanner(db):
    return key_client("scan")


def test_scan_key_gets_allow_with_the_holder(scanner, badge, press_gate):
    response = scanner.post(URL, body(codes.encode(badge), press_gate), format="json")
    assert response.status_code == 200, response.content
    answer = response.json()
    application = badge.application
    assert answer == {
        "result": "allow", "reason": "", "reason_text": "", "repeated": False,
        "scan_id": Scan.objects.get().pk,
        "holder": {"name": application.full_name, "category": "Press", "category_code": "P",
                   "colour": "#FFD100", "organisation": application.outlet.name,
                   "badge_number": badge.number, "photo_url": None},
    }
    scan = Scan.objects.get()
    assert (scan.operator, scan.offline, scan.direction) == ("api-key:gate", False, "in")


def test_denial_gives_the_reason_in_the_requests_language(scanner, badge, press_gate,
                                                           officer):
    badge_revoke(badge=badge, by=officer, reason="Fraudulent letter of assignment.")
    response = scanner.post(URL, body(codes.encode(badge), press_gate), format="json")
    answer = response.json()
    assert (response.status_code, answer["result"], answer["reason"], answer["reason_text"]) == (
        200, "deny", "revoked", "Badge revoked")
    assert answer["holder"]["badge_number"] == badge.number
    arabic = scanner.post(URL, body(codes.encode(badge), press_gate), format="json",
                          HTTP_ACCEPT_LANGUAGE="ar")
    assert arabic.json()["reason"] == "revoked"


def test_unknown_code_has_no_holder(scanner, press_gate):
    answer = scanner.post(URL, body("EAN-13 4006381333931", press_gate), format="json").json()
    assert (answer["result"], answer["reason"], answer["holder"]) == (
        "deny", "unknown_code", None)


def test_retry_with_the_same_client_id_answers_the_same_and_counts_once(scanner, badge,
                                                                         press_gate, officer):
    first = body(codes.encode(badge), press_gate, offline=True)
    answer = scanner.post(URL, first, format="json").json()
    badge_revoke(badge=badge, by=officer, reason="Revoked after the scan.")
    again = scanner.post(URL, first, format="json")
    assert again.status_code == 200
    assert again.json() == {**answer, "repeated": True}
    assert Scan.objects.count() == 1
    assert Scan.objects.get().offline is True


def test_unknown_checkpoint_is_a_400_in_the_error_shape(scanner, badge, press_gate):
    response = scanner.post(URL, {**body(codes.encode(badge), press_gate),
                                  "checkpoint": press_gate.pk + 999}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], list(error["fields"])) == ("unknown_checkpoint", ["checkpoint"])
    Checkpoint.objects.filter(pk=press_gate.pk).update(active=False)
    closed = scanner.post(URL, body(codes.encode(badge), press_gate), format="json")
    assert closed.json()["error"]["code"] == "unknown_checkpoint"
    assert Scan.objects.count() == 0


@pytest.mark.parametrize(("change", "field"), [
    ({"code": ""}, "code"),
    ({"code": "x" * 1001}, "code"),
    ({"checkpoint": "north"}, "checkpoint"),
    ({"client_scan_id": ""}, "client_scan_id"),
    ({"client_scan_id": "x" * 65}, "client_scan_id"),
    ({"client_scan_id": "a b; drop"}, "client_scan_id"),
    ({"scanned_at": "yesterday"}, "scanned_at"),
    ({"direction": "sideways"}, "direction"),
    ({"offline": "perhaps"}, "offline"),
])
def test_bad_fields_are_refused_and_nothing_is_recorded(scanner, badge, press_gate, change,
                                                        field):
    response = scanner.post(URL, {**body(codes.encode(badge), press_gate), **change},
                            format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], list(error["fields"])) == ("invalid", [field])
    assert Scan.objects.count() == 0


def test_missing_fields_are_each_named(scanner):
    response = scanner.post(URL, {}, format="json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {
        "code", "checkpoint", "client_scan_id", "scanned_at"}


def test_a_time_far_in_the_future_is_refused(scanner, badge, press_gate):
    later = (timezone.now() + timedelta(hours=2)).isoformat()
    response = scanner.post(URL, body(codes.encode(badge), press_gate, scanned_at=later),
                            format="json")
    assert response.status_code == 400
    assert "clock" in response.json()["error"]["fields"]["scanned_at"][0]


def test_direction_out_is_counted_at_a_checkpoint_that_counts_both(scanner, badge, press_gate):
    answer = scanner.post(URL, body(codes.encode(badge), press_gate, direction="out"),
                          format="json").json()
    assert answer["result"] == "allow"
    assert Scan.objects.get().direction == "out"


@pytest.mark.parametrize("who", ["anonymous", "revoked_key"])
def test_no_valid_credentials_is_401(who, badge, press_gate):
    client = APIClient()
    if who == "revoked_key":
        from accreditation.keys.services import api_key_revoke

        key, raw = api_key_create(name="old", scopes=["scan"])
        api_key_revoke(key=key)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = client.post(URL, body(codes.encode(badge), press_gate), format="json")
    assert response.status_code == 401
    assert client.get(KIT_URL).status_code == 401
    assert Scan.objects.count() == 0


@pytest.mark.parametrize("scopes", [["read"], ["accreditation:read"],
                                    ["accreditation:read", "accreditation:write",
                                     "accreditation:decide"]])
def test_keys_without_the_scan_scope_are_403(scopes, badge, press_gate):
    client = key_client(*scopes)
    response = client.post(URL, body(codes.encode(badge), press_gate), format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert client.get(KIT_URL).status_code == 403
    assert Scan.objects.count() == 0


def test_gate_operator_scans_with_the_session_and_its_csrf_token(gate, badge, press_gate):
    client = session_client(gate, csrf=True)
    without = client.post(URL, body(codes.encode(badge), press_gate), format="json")
    assert without.status_code == 403
    page = client.get(f"/accreditation/gates/scan/?checkpoint={press_gate.pk}")
    token = page.cookies["csrftoken"].value
    response = client.post(URL, body(codes.encode(badge), press_gate), format="json",
                           HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200, response.content
    assert response.json()["result"] == "allow"
    assert Scan.objects.get().operator == "gate"


@pytest.mark.parametrize("role", [Role.PROTOCOL, Role.VETTING, Role.OBSERVER])
def test_staff_without_the_gate_role_are_403(role, badge, press_gate):
    client = session_client(user_with_role(role, username=f"u-{role}"))
    assert client.post(URL, body(codes.encode(badge), press_gate),
                       format="json").status_code == 403
    assert client.get(KIT_URL).status_code == 403


def test_scan_costs_three_statements(scanner, badge, press_gate):
    """The key, the badge with its holder, the insert: the gate comes from the process's
    cache, the key's last use is written at most once a minute, and a retry is found by
    the insert's conflict rather than by looking first."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    code = codes.encode(badge)
    scanner.post(URL, body(code, press_gate), format="json")
    with CaptureQueriesContext(connection) as context:
        response = scanner.post(URL, body(code, press_gate), format="json")
    assert response.json()["result"] == "allow"
    statements = [q["sql"].split()[0] for q in context.captured_queries
                  if "SAVEPOINT" not in q["sql"]]  # the test's transaction, not the request's
    assert statements == ["SELECT", "SELECT", "INSERT"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="psycopg prepares on PostgreSQL")
def test_scan_statements_are_prepared_on_postgresql(scanner, badge, press_gate):
    """What keeps a scan fast on PostgreSQL: its statements run on Django's own cursor, and
    the connection's settings have psycopg prepare them, so PostgreSQL plans each once per
    connection (planning the badge's joins costs ten times running them)."""
    code = codes.encode(badge)
    for _ in range(6):  # past the prepare threshold (DB_PREPARE_THRESHOLD, 5)
        assert scanner.post(URL, body(code, press_gate), format="json").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = " ".join(row[0] for row in cursor.fetchall())
    assert '"accreditation_badge"' in prepared
    assert 'INSERT INTO "accreditation_scan"' in prepared


def test_no_module_reaches_into_the_connection_s_private_parts():
    """Query-count tests and production must run one cursor: no source module builds its own
    from Django's private connection methods."""
    private = re.compile(r"\.(make_cursor|make_debug_cursor|queries_logged|_cursor)\b")
    root = Path(__file__).resolve().parents[3]
    found = [f"{path.relative_to(root)}:{number}"
             for app in ("logistics", "accreditation", "privacy", "config")
             for path in sorted((root / app).rglob("*.py"))
             for number, line in enumerate(path.read_text().splitlines(), 1)
             if private.search(line)]
    assert found == []


def test_offline_kit_lists_the_key_revocations_and_collections(scanner, event, cats, badge,
                                                                press_gate, plenary_gate,
                                                                officer):
    revoked = collected_badge(journalist(event))
    badge_revoke(badge=revoked, by=officer, reason="Withdrawn.")
    lost = collected_badge(journalist(event))
    badge_mark_lost(badge=lost, by=officer)
    waiting = badge_issue(application_id=approved(journalist(event)).pk)
    Checkpoint.objects.create(event=event, zone=press_gate.zone, name="Closed door",
                              active=False)
    response = scanner.get(KIT_URL, {"checkpoint": press_gate.pk})
    assert response.status_code == 200
    kit = response.json()
    assert kit["revoked"] == sorted([revoked.pk, lost.pk])
    assert kit["collected"] == [badge.pk]
    assert waiting.pk not in kit["collected"] + kit["revoked"]
    assert kit["checkpoints"] == [
        {"id": plenary_gate.pk, "name": "Plenary entrance", "zone_code": "1", "mode": "entry"},
        {"id": press_gate.pk, "name": "Press centre door", "zone_code": "2", "mode": "both"},
    ]
    assert (kit["event"], kit["time_zone"]) == (event.pk, "Asia/Ho_Chi_Minh")
    der = base64.b64decode(kit["public_key"])
    assert serialization.load_der_public_key(der).public_numbers() == \
        codes.public_key().public_numbers()


def test_offline_kit_queries_do_not_grow_with_badges(scanner, event, cats, press_gate,
                                                     django_assert_max_num_queries):
    collected_badge(journalist(event))
    scanner.get(KIT_URL, {"checkpoint": press_gate.pk})
    with django_assert_max_num_queries(6) as few:
        scanner.get(KIT_URL, {"checkpoint": press_gate.pk})
    for _ in range(3):
        collected_badge(journalist(event))
    with django_assert_max_num_queries(len(few)):
        kit = scanner.get(KIT_URL, {"checkpoint": press_gate.pk}).json()
    assert len(kit["collected"]) == 4


def test_offline_kit_of_an_unknown_checkpoint_is_a_400(scanner, press_gate):
    response = scanner.get(KIT_URL, {"checkpoint": "999999"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unknown_checkpoint"


def test_gate_operator_gets_the_kit_of_the_current_event(gate, event, badge, press_gate):
    kit = session_client(gate).get(KIT_URL).json()
    assert (kit["event"], kit["collected"]) == (event.pk, [badge.pk])


def test_scan_endpoints_are_in_the_schema_with_examples(officer):
    client = Client()
    client.force_login(user_with_role(Role.SECRETARIAT, username="sec"))
    schema = client.get("/api/schema/?format=json").json()
    scan = schema["paths"]["/api/v1/scans/"]["post"]
    assert set(scan["responses"]) >= {"200", "400", "401", "403"}
    assert "examples" in scan["requestBody"]["content"]["application/json"]
    assert "examples" in scan["responses"]["200"]["content"]["application/json"]
    kit = schema["paths"]["/api/v1/scans/offline-kit/"]["get"]
    assert "examples" in kit["responses"]["200"]["content"]["application/json"]


def test_holder_photo_is_the_staff_pages_photo_of_the_application(scanner, badge, press_gate,
                                                                   gate):
    from accreditation.applications.models.applications import Application

    Application.objects.filter(pk=badge.application_id).update(photo="photos/mai.jpg")
    answer = scanner.post(URL, body(codes.encode(badge), press_gate), format="json").json()
    assert answer["holder"]["photo_url"] == (
        f"/accreditation/applications/{badge.application_id}/file/photo/")


def test_a_client_scan_id_reused_for_another_code_or_gate_is_refused(scanner, badge,
                                                                       press_gate,
                                                                       plenary_gate):
    first = body(codes.encode(badge), press_gate)
    assert scanner.post(URL, first, format="json").json()["result"] == "allow"
    for changed in ({"code": "garbage"}, {"checkpoint": plenary_gate.pk}):
        response = scanner.post(URL, {**first, **changed}, format="json")
        assert response.status_code == 409, changed
        assert response.json()["error"]["code"] == "scan_conflict"
        assert "holder" not in response.json()
    assert Scan.objects.count() == 1


def test_online_the_servers_clock_decides_offline_the_devices(scanner, badge, press_gate):
    # Badges open from three days before the event: four days before, this one did not.
    days_ago = (timezone.now() - timedelta(days=4)).isoformat()
    online = scanner.post(URL, body(codes.encode(badge), press_gate, scanned_at=days_ago),
                          format="json")
    assert online.json()["result"] == "allow"  # judged now, not at the device's time
    hour_ago = timezone.now() - timedelta(hours=1)
    offline = scanner.post(URL, body(codes.encode(badge), press_gate,
                                     scanned_at=hour_ago.isoformat(), offline=True),
                           format="json")
    assert offline.json()["result"] == "allow"
    recorded = Scan.objects.get(offline=True).scanned_at
    assert abs((recorded - hour_ago).total_seconds()) < 1  # the device's time, kept


# Which clock a scan is judged at: what the schema says, and that the server does it.

def _described(schema, path, field):
    ref = schema["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    name = ref["$ref"].rsplit("/", 1)[-1]
    return schema["components"]["schemas"][name]["properties"][field]["description"]


@pytest.mark.parametrize(("offline", "ago", "judged_at"), [
    (False, timedelta(hours=2), "server"),      # online: the scanner's clock is not believed
    (True, timedelta(hours=2), "scanned_at"),   # offline, within the day: its own time
    (True, timedelta(days=2), "server"),        # offline, older than a day: the server's
])
def test_the_schema_says_which_clock_a_scan_is_judged_at(scanner, badge, press_gate, offline,
                                                         ago, judged_at):
    schema = scanner.get("/api/schema/?format=json").json()
    described = _described(schema, URL, "scanned_at")
    assert "online scan (offline false) is judged and recorded at the server's time" in described
    assert "offline upload (offline true) is judged and recorded at this time" in described
    assert "within the last 24 hours" in described
    assert "scanned_at" in _described(schema, URL, "offline")
    # Nothing, in the schema or the docs, still says a scan is judged by the scanner's clock.
    said = [schema["paths"][URL]["post"].get("description", ""), described,
            *(path.read_text() for path in Path("docs").glob("*.md")),
            Path("README.md").read_text()]
    assert not [text for text in said if "checked against it" in text
                or re.search(r"(judged|checked) (at|against) the (scanner|device)'s", text)]
    # And the server does what it says.
    scanned_at = timezone.now() - ago
    before = timezone.now()
    response = scanner.post(URL, body(codes.encode(badge), press_gate, offline=offline,
                                      scanned_at=scanned_at.isoformat()), format="json")
    assert response.status_code == 200, response.content
    recorded = Scan.objects.get().scanned_at
    if judged_at == "server":
        assert recorded >= before
    else:
        assert abs(recorded - scanned_at) < timedelta(seconds=1)
