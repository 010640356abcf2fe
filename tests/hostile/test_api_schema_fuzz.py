"""schemathesis against /api/schema/: every operation of the API called with generated
requests, in-process through the WSGI application, by API keys of every scope, on a
database holding a few of each object (so that lists and details answer, not only 401 and
404). No answer may be a server error, and every answer must be one the schema documents,
in the shape it documents.

Bounded: a few examples per operation (FUZZ_EXAMPLES); the data is made once for the
module and rolled back at its end. Beside the drawn examples, every integer parameter (path
and query) of every operation is sent the boundaries of an id, deterministically: 0, -1,
2**31, 2**63 - 1, 2**63 and 10**30 (SQLite holds nothing past 2**63 - 1 and once answered
a 500 for it; PostgreSQL's bigint the same)."""

import json
import os
import uuid
from collections import Counter, defaultdict
from datetime import timedelta

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.schemas import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

FUZZ_EXAMPLES = int(os.environ.get("ACCORD_FUZZ_EXAMPLES", "10"))
ALL_SCOPES = ("read", "write", "accreditation:read", "accreditation:write",
              "accreditation:decide", "scan", "personal_data")
# A key with every scope most often (so that answers carry data), else a key with one.
KEY_SCOPES = [ALL_SCOPES] * 4 + [("read",), ("read", "write"), ("accreditation:read",),
                                 ("accreditation:read", "accreditation:write"),
                                 ("accreditation:read", "accreditation:decide"), ("scan",)]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]

# Filled by the `world` fixture: the keys (scopes -> raw key), and the ids and references of
# the objects made, for the path parameters.
KNOWN = {"keys": {}, "ids": {}, "references": ["A-UNKNOWN0"]}
# Operation label -> the statuses it answered with: the data must have been reached.
ANSWERS = defaultdict(Counter)


def _raw_schema():
    generator = SchemaGenerator()
    return json.loads(OpenApiJsonRenderer().render(generator.get_schema(request=None,
                                                                        public=True)))


schema = schemathesis.openapi.from_dict(
    _raw_schema(),
    # The coverage phase alone would send hundreds of requests per operation.
    config=SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}}))
APP = WSGIHandler()


def _resource(operation):
    """`agencies` for /api/v1/agencies/{id}/: whose ids the path takes."""
    return operation.path.strip("/").split("/")[2]


def _one_of_known(pick):
    """A known value, looked up when drawn: the strategies are built (and checked) before
    the `world` fixture has made the objects."""
    def known(n):
        values = pick() or [0]
        return values[n % len(values)]
    return st.integers(min_value=0, max_value=999).map(known)


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Half of the time, an id or reference that exists: the detail, the actions and their
    answers are then exercised, not only 404."""
    known = {}
    if not path_parameters:
        return st.just(path_parameters)
    # The ids of the path's own kind of object: PostgreSQL's sequences run on across tests,
    # so an agency's id is seldom also a badge's (on SQLite each table starts again at 1).
    if "id" in path_parameters:
        resource = _resource(context.operation)
        known["id"] = _one_of_known(lambda: KNOWN["ids"].get(resource))
    if "reference" in path_parameters:
        known["reference"] = _one_of_known(lambda: KNOWN["references"])
    if not known:
        return st.just(path_parameters)
    return st.one_of(st.just(path_parameters),
                     st.fixed_dictionaries(known).map(lambda v: {**path_parameters, **v}))


@schema.hook
def flatmap_query(context, query):
    """Half of the time, a known event for the lists and summaries that filter by one."""
    if "event" not in (query or {}):
        return st.just(query)
    known_event = _one_of_known(lambda: KNOWN["ids"].get("events"))
    return st.one_of(st.just(query), known_event.map(lambda pk: {**query, "event": pk}))


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """A few of each object, made once inside a transaction rolled back at the end."""
    # The WSGI handler would close the test's connection at the end of each request (the
    # test client keeps it open the same way).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            KNOWN.update(_make_world())
            yield KNOWN
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


def _make_world():
    from accreditation.badges import codes
    from accreditation.enums import CheckpointMode
    from accreditation.gates.models import Checkpoint
    from accreditation.gates.services import scans
    from accreditation.integrations.services.webhooks import webhook_register
    from accreditation.keys.services import api_key_create
    from accreditation.setup.models import Zone
    from logistics.core.enums import Role
    from logistics.plan.enums import TaskStatus
    from logistics.plan.services.master_plan import task_update_progress
    from tests.factories.accreditation import (
        OutletFactory,
        approved,
        categories,
        collected_badge,
        journalist,
    )
    from tests.factories.delegations import DelegationFactory, MemberFactory, country
    from tests.factories.plan import (
        AgencyFactory,
        CommitteeFactory,
        EventFactory,
        TaskFactory,
        user_with_role,
    )
    from tests.factories.programme import RoomFactory, SessionFactory, VenueFactory
    from tests.factories.protocol import PlenaryFactory, SpeakerSlotFactory
    from tests.factories.side_events import ProposalFactory
    from tests.factories.signing import SigningFactory, StateDelegationFactory

    scans.forget_checkpoints()
    today = timezone.localdate()
    event = EventFactory(start_date=today, end_date=today + timedelta(days=2))
    secretariat = user_with_role(Role.SECRETARIAT, username="fuzz-secretariat")
    agencies = [AgencyFactory(event=event, code=code) for code in ("MPS", "MOFA", "MOH")]
    committee = CommitteeFactory(event=event, code="SEC")
    tasks = [TaskFactory(event=event, committee=committee, lead_agency=agency,
                         due_date=today + timedelta(days=10 + n))
             for n, agency in enumerate(agencies)]
    task_update_progress(task=tasks[0], by=secretariat, status=TaskStatus.IN_PROGRESS,
                         progress=40, note="Perimeter agreed")
    delegations = [DelegationFactory(event=event) for _ in range(3)]
    members = [MemberFactory(delegation=d) for d in delegations for _ in range(2)]
    venue = VenueFactory(event=event)
    rooms = [RoomFactory(venue=venue, capacity=100 + n) for n in range(2)]
    sessions = [SessionFactory(event=event, room=rooms[0])]
    plenary = PlenaryFactory(event=event, room=rooms[1])
    slots = [SpeakerSlotFactory(session=plenary, delegation=d) for d in delegations[:2]]
    proposals = [ProposalFactory(event=event) for _ in range(2)]
    signings = [SigningFactory(delegation=StateDelegationFactory(event=event,
                                                                 country=country("KE")))]
    categories(event)
    OutletFactory(event=event)
    applications = [journalist(event) for _ in range(3)]
    badge = collected_badge(applications[0])
    approved(applications[1])
    gate = Checkpoint.objects.create(event=event, zone=Zone.objects.get(event=event, code="2"),
                                     name="Press centre door", mode=CheckpointMode.BOTH)
    scans.scan_record(code=codes.encode(badge), checkpoint_id=gate.pk,
                      client_scan_id=str(uuid.uuid4()), scanned_at=timezone.now())
    keys, webhooks = {}, {}
    for scopes in dict.fromkeys(KEY_SCOPES):
        key, raw = api_key_create(name=f"fuzz {' '.join(scopes)}", scopes=list(scopes))
        keys[scopes] = raw
        webhooks[scopes] = webhook_register(api_key=key, url="https://hooks.example.org/accord",
                                            events=["application.status_changed"])
    ids = {"events": [event], "agencies": agencies, "committees": [committee],
           "tasks": tasks, "task-updates": list(tasks[0].updates.all()),
           "delegations": delegations, "members": members, "rooms": rooms,
           "sessions": [*sessions, plenary], "speakers": slots,
           "side-event-proposals": proposals, "signings": signings, "badges": [badge],
           # A key sees only its own subscriptions: the one of the key used most often.
           "webhooks": [webhooks[ALL_SCOPES]]}
    return {"keys": keys, "ids": {kind: [o.pk for o in objects] for kind, objects in ids.items()},
            "references": [a.reference for a in applications]}


@schema.hook
def flatmap_case(context, case):
    """Each request with the key of some scopes."""

    def with_key(scopes):
        if scopes not in KNOWN["keys"]:  # collecting the schema's examples: no data yet
            return case
        case.headers = {**(case.headers or {}),
                        "Authorization": f"Bearer {KNOWN['keys'][scopes]}"}
        return case

    return st.sampled_from(KEY_SCOPES).map(with_key)


@schema.hook
def after_call(context, case, response):
    ANSWERS[case.operation.label][response.status_code] += 1


# One test per operation, with its own id: schemathesis' own parametrize() gives every
# operation the same test id, and pytest-xdist, which schedules tests by id, then runs the
# first operation over and over instead of each.
OPERATIONS = [pytest.param(result.ok(), id=result.ok().label)
              for result in schema.get_all_operations()]


@pytest.mark.parametrize("operation", OPERATIONS)
def test_api_answers_as_its_schema_says(operation, world, db):
    # First the operation on objects that exist, with the key of every scope: whatever the
    # draws below, each read reaches the data once.
    _known_case(operation).call_and_validate(app=APP, checks=CHECKS)

    @given(case=operation.as_strategy())
    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def answers_as_documented(case):
        case.call_and_validate(app=APP, checks=CHECKS)

    answers_as_documented()


BOUNDARIES = [0, -1, 2**31, 2**63 - 1, 2**63, 10**30]


def _integer_parameters():
    """(operation, location, name) of every integer path and query parameter."""
    for result in schema.get_all_operations():
        operation = result.ok()
        for parameter in operation.iter_parameters():
            node = parameter.definition.get("schema", {})
            if parameter.location in (ParameterLocation.PATH, ParameterLocation.QUERY) and (
                    "integer" in (node.get("type"), node.get("items", {}).get("type"))):
                yield pytest.param(operation, parameter.location, parameter.name,
                                   id=f"{operation.label} {parameter.name}")


def _known_case(operation, *, path=None, query=None):
    """The operation on objects that exist (its path's id or reference, the event its query
    may take), sent with the key of every scope; `path` and `query` override."""
    known = {"id": KNOWN["ids"].get(_resource(operation), [1])[0],
             "reference": KNOWN["references"][-1], "format": ".json"}
    names = {location: {p.name for p in operation.iter_parameters() if p.location == location}
             for location in (ParameterLocation.PATH, ParameterLocation.QUERY)}
    event = {"event": KNOWN["ids"]["events"][0]} if "event" in names[ParameterLocation.QUERY] \
        else {}
    return operation.Case(
        path_parameters={**{n: known.get(n, 1) for n in names[ParameterLocation.PATH]},
                         **(path or {})},
        query={**event, **(query or {})},
        headers={"Authorization": f"Bearer {KNOWN['keys'][ALL_SCOPES]}"})


@pytest.mark.parametrize(("operation", "location", "name"), list(_integer_parameters()))
def test_api_answers_the_boundaries_of_an_id(operation, location, name, world, db):
    """Each boundary in one parameter, the others as an object that exists: an answer the
    schema documents, never a server error; in the path, not found."""
    for value in BOUNDARIES:
        in_path = location == ParameterLocation.PATH
        case = _known_case(operation, path={name: value} if in_path else None,
                           query=None if in_path else {name: value})
        response = case.call_and_validate(app=APP, checks=CHECKS)
        if in_path:
            assert response.status_code == 404, (value, response.status_code)


def test_fuzzing_reached_the_data():
    """Every read answered 2xx at least once, and most operations did: the keys and data
    did their job (writes with generated bodies are mostly, and rightly, refused)."""
    # A summary of the fuzzing above it in this module: run alone, it has nothing to judge.
    assert ANSWERS, "run the whole module: this checks what its fuzzing tests reached"
    reached = [label for label, statuses in ANSWERS.items()
               if any(200 <= status < 300 for status in statuses)]
    print({label: dict(statuses) for label, statuses in sorted(ANSWERS.items())})
    unread = sorted(label for label in set(ANSWERS) - set(reached) if label.startswith("GET"))
    assert not unread
    assert len(reached) >= 0.5 * len(ANSWERS), sorted(set(ANSWERS) - set(reached))
