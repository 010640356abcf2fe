"""POST /api/v1/applications/bulk/: up to 1,000 applications per call, each checked and
created on its own by the rules of one at a time."""

import re
from functools import partial
from itertools import count

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accreditation.applications.models.applications import Application, Transition
from accreditation.applications.services.applications import application_withdraw
from accreditation.applications.services.bulk import applications_bulk_create
from accreditation.enums import DeliveryStatus
from accreditation.integrations.models import Delivery
from accreditation.integrations.services.webhooks import webhook_register
from accreditation.setup.models import AccreditationCategory
from logistics.core.crypto import document_index
from logistics.delegations.enums import DelegationLevel
from tests.factories.accreditation import OutletFactory, categories, journalist
from tests.factories.delegations import DelegationFactory, country
from tests.factories.plan import EventFactory
from tests.races import race

URL = "/api/v1/applications/bulk/"
_n = count(1)


def item(outlet, /, **fields):
    n = next(_n)
    return {"category": "P", "family_name": f"Phạm {n}", "given_names": "Minh",
            "nationality": "VN", "email": f"minh{n}@tuoitre.example",
            "id_document_kind": "passport", "id_document_number": f"B{n:07d}",
            "outlet": outlet.pk if outlet else None, "media_role": "reporter", **fields}


def post(client, event, items):
    return client.post(URL, {"event": event.pk, "items": items}, format="json")


def test_bulk_creates_each_valid_item_and_reports_each_bad_one(writer, event, cats, outlet):
    items = [item(outlet), item(outlet, email="not-an-email"), item(outlet, delegation=None),
             item(outlet, category="Q"), item(outlet, outlet=None, media_role="")]
    response = post(writer, event, items)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["created"], body["refused"]) == (2, 3)
    results = body["results"]
    assert [r["index"] for r in results] == [0, 1, 2, 3, 4]
    assert [r["code"] for r in results] == [None, "invalid", None, "invalid",
                                            "invalid_application"]
    assert results[1]["errors"] == {"email": ["Enter a valid email address."]}
    assert list(results[3]["errors"]) == ["category"]
    assert set(results[4]["errors"]) == {"outlet", "media_role"}
    created = Application.objects.filter(reference__in=[results[0]["reference"],
                                                        results[2]["reference"]])
    assert sorted(created.values_list("family_name", flat=True)) == sorted(
        [items[0]["family_name"], items[2]["family_name"]])
    assert Application.objects.count() == 2
    assert {(a.status, a.source, a.vetting) for a in created} == {("submitted", "api",
                                                                  "pending")}


def test_bulk_keeps_what_one_at_a_time_keeps(writer, event, cats, outlet):
    response = post(writer, event, [item(outlet, id_document_number="c 123-4567",
                                         family_name="Đỗ")])
    application = Application.objects.get(reference=response.json()["results"][0]["reference"])
    assert application.id_document_number == "c 123-4567"
    assert application.id_document_index  # found again by the duplicate check
    transition = Transition.objects.get(application=application)
    assert (transition.from_status, transition.to_status, transition.actor) == (
        "", "submitted", "API key media portal")


def test_bulk_holds_a_person_already_accredited(writer, event, cats, outlet):
    """Each result reads as a new application's; the held ones wait for the office."""
    existing = journalist(event, outlet=outlet, id_document_number="C7777777",
                          email="known@vna.example")
    response = post(writer, event, [
        item(outlet, id_document_number="c7777777", nationality="VN"),
        item(outlet, email="KNOWN@vna.example"),
        item(outlet, id_document_number="C7777777", nationality="FR"),
    ])
    results = response.json()["results"]
    assert [(r["code"], r["errors"]) for r in results] == [(None, None)] * 3
    created = [Application.objects.get(reference=r["reference"]) for r in results]
    assert [(a.status, a.duplicate_of) for a in created] == [
        ("possible_duplicate", existing), ("possible_duplicate", existing), ("submitted", None)]
    assert [t.reason for t in Transition.objects.filter(application__in=created[:2])] == [
        f"Possible duplicate of {existing.reference}."] * 2


def test_bulk_holds_the_same_person_twice_in_one_call(writer, event, cats, outlet):
    first = item(outlet)
    response = post(writer, event, [
        first, {**item(outlet), "id_document_number": first["id_document_number"]},
        {**item(outlet), "email": first["email"].upper()}])
    results = response.json()["results"]
    assert [(r["code"], r["errors"]) for r in results] == [(None, None)] * 3
    one, two, three = (Application.objects.get(reference=r["reference"]) for r in results)
    assert [(a.status, a.duplicate_of) for a in (one, two, three)] == [
        ("submitted", None), ("possible_duplicate", one), ("possible_duplicate", one)]


def test_a_withdrawn_application_does_not_block_a_new_one(writer, event, cats, outlet):
    old = journalist(event, outlet=outlet, id_document_number="C5555555",
                     email="back@vna.example")
    application_withdraw(application=old, by=None)
    response = post(writer, event, [item(outlet, id_document_number="C5555555",
                                         email="back@vna.example")])
    assert response.json()["created"] == 1


def test_bulk_applies_the_delegation_media_rule(writer, event, cats):
    minister = DelegationFactory(event=event, head_level=DelegationLevel.FOREIGN_MINISTER)
    official = DelegationFactory(event=event, head_level=DelegationLevel.SENIOR_OFFICIAL)
    media = {"category": "P", "outlet": None, "delegation": minister.pk}
    response = post(writer, event, [
        {**item(None), **media, "media_role": "photographer"},
        {**item(None), **media, "media_role": "photographer"},
        {**item(None), **media, "media_role": "camera_operator"},
        {**item(None), **media, "media_role": "photographer",
         "delegation": official.pk},
        {**item(None), "category": "D", "media_role": "", "delegation": minister.pk},
    ])
    assert [r["code"] for r in response.json()["results"]] == [
        None, "delegation_media", None, "delegation_media", None]
    assert Application.objects.filter(delegation=minister).count() == 3


def test_more_than_a_thousand_items_refuse_the_call(writer, event, cats, outlet):
    response = post(writer, event, [item(outlet) for _ in range(1001)])
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "1000" in error["fields"]["items"][0]
    assert not Application.objects.exists()


def test_a_thousand_items_are_fine(writer, event, cats, outlet):
    response = post(writer, event, [item(outlet) for _ in range(1000)])
    assert response.status_code == 200
    assert response.json()["created"] == 1000
    assert Application.objects.count() == 1000
    assert Transition.objects.count() == 1000
    assert len(set(Application.objects.values_list("reference", flat=True))) == 1000


def test_the_call_itself_must_make_sense(writer, event, cats, outlet):
    assert post(writer, event, []).status_code == 400
    response = writer.post(URL, {"event": event.pk, "items": {"a": 1}}, format="json")
    assert response.status_code == 400
    response = writer.post(URL, {"event": 999999, "items": [item(outlet)]}, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["event"]
    assert not Application.objects.exists()


def test_an_item_that_is_not_an_object_is_refused_alone(writer, event, cats, outlet):
    response = post(writer, event, ["Trần Thị Mai", item(outlet)])
    results = response.json()["results"]
    assert results[0]["code"] == "invalid"
    assert "non_field_errors" in results[0]["errors"]
    assert results[1]["reference"]


def test_items_are_read_in_the_calls_event(writer, event, cats, outlet):
    other = EventFactory(slug="other-event")
    response = post(writer, other, [item(outlet)])
    results = response.json()["results"]
    # The other event has no categories and not this outlet.
    assert results[0]["code"] == "invalid"
    assert set(results[0]["errors"]) == {"category", "outlet"}


def test_bulk_mails_each_applicant_and_tells_the_webhooks(writer, event, cats, outlet,
                                                          subscriber, celery_eager, mailoutbox,
                                                          django_capture_on_commit_callbacks):
    hook = webhook_register(api_key=writer.key, url=subscriber.url,
                            events=["application.status_changed"])
    items = [item(outlet), item(outlet, email=""), item(outlet, email="bad")]
    with django_capture_on_commit_callbacks(execute=True):
        response = post(writer, event, items)
    assert response.json()["created"] == 2
    references = {r["reference"] for r in response.json()["results"] if r["reference"]}
    # One mail: the item without an e-mail gets none.
    assert [mail.to for mail in mailoutbox] == [[items[0]["email"]]]
    assert {body["application"]["reference"] for body in subscriber.bodies()} == references
    assert {body["application"]["status"] for body in subscriber.bodies()} == {"submitted"}
    assert {d.status for d in Delivery.objects.filter(webhook=hook)} == {
        DeliveryStatus.DELIVERED}


def test_bulk_needs_the_write_scope(reader, key_client, event, cats, outlet):
    assert post(reader, event, [item(outlet)]).status_code == 403
    decider = key_client("accreditation:decide")
    assert post(decider, event, [item(outlet)]).status_code == 403
    assert not Application.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_bulk_calls_with_one_person_at_once_make_it_live_once():
    """Each call has its own journalist and both have the same photographer: whichever
    commits second finds the first's (by its check, or, when both checked before either
    wrote, by the database's constraint and then the one-by-one path) and holds its own as a
    possible duplicate, answered as created all the same."""
    event = EventFactory()
    categories(event)
    press = AccreditationCategory.objects.get(event=event, code="P")
    vn = country("VN")
    outlet = OutletFactory(event=event)

    def person(n, passport):
        return {"category": press, "family_name": f"Lý {n}", "nationality": vn,
                "email": f"ly{n}@example.org", "id_document_number": passport,
                "outlet": outlet, "media_role": "photographer"}

    def call(items):
        results = applications_bulk_create(event=event, items=items)
        return [o.error.code if o.error else "created" for o in results]

    outcomes = race(partial(call, [person(1, "P1111111"), person(3, "P3333333")]),
                    partial(call, [person(2, "P2222222"), person(4, "p 3333333")]))

    # Both created; the database let one be live, and the other is held, whichever lost.
    assert outcomes == [["created"] * 2, ["created"] * 2]
    third = Application.objects.filter(event=event, id_document_index=document_index("P3333333"))
    assert sorted(third.values_list("status", flat=True)) == ["possible_duplicate", "submitted"]
    held = third.get(status="possible_duplicate")
    assert held.duplicate_of == third.get(status="submitted")


def test_many_mails_and_deliveries_are_split_by_the_worker(writer, event, cats, outlet,
                                                           subscriber, celery_eager, mailoutbox,
                                                           django_capture_on_commit_callbacks):
    from logistics.core.queueing import SPLIT_BY_WORKER_AFTER

    webhook_register(api_key=writer.key, url=subscriber.url,
                     events=["application.status_changed"])
    count = SPLIT_BY_WORKER_AFTER + 5
    with django_capture_on_commit_callbacks(execute=True):
        response = post(writer, event, [item(outlet) for _ in range(count)])
    assert response.json()["created"] == count
    assert len(mailoutbox) == count
    assert len(subscriber.received) == count
    assert Delivery.objects.filter(status=DeliveryStatus.DELIVERED).count() == count


# Whose number an item names must not show in how the call makes its items either.

PROBED = {"document": "id_document_number", "email": "email"}
OTHER_KEY = {"document": "email", "email": "id_document_number"}
# Each call's items: "value" names the probed number or address, "other" is someone else,
# ("other", i) someone else with the other key (address or number) of item i.
CALLS = {
    "the value twice, then another": ["value", "value", "other"],
    "the value, another, the value": ["value", "other", "value"],
    "the value, then its other key": ["value", ("other", 0)],
}
SOMEONES = {"document": "L1234567", "email": "held@vna.example"}
FREE = {"document": "F7654321", "email": "free@vna.example"}


def _items(outlet, kind, value, call):
    items = []
    for spec in CALLS[call]:
        if spec == "value":
            items.append(item(outlet, **{PROBED[kind]: value}))
        elif spec == "other":
            items.append(item(outlet))
        else:
            shared = OTHER_KEY[kind]
            items.append(item(outlet, **{shared: items[spec[1]][shared].upper()}))
    return items


def _sql_shape(captured):
    """The statements run, with the rows of each executemany ("3 times: INSERT ..."), literals
    and savepoint names aside (ids, references, times, indexes and addresses differ by
    nature from one call to the next; a NULL id is a literal too)."""
    shapes = []
    for query in captured:
        rows, sql = re.fullmatch(r"(\d+ times: )?(.*)", query["sql"], re.DOTALL).groups()
        sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
        sql = re.sub(r'"s\d+_x\d+"', "<savepoint>", sql)
        sql = re.sub(r"(?<![\w\"])(-?\d+(\.\d+)?|NULL)\b", "0", sql)
        shapes.append((rows or "") + sql)
    return shapes


def _in_one_call(writer, event, items):
    return [r["reference"] for r in post(writer, event, items).json()["results"]]


def _one_at_a_time(writer, event, items):
    return [writer.post("/api/v1/applications/", {"event": event.pk, **one},
                        format="json").json()["reference"] for one in items]


@pytest.mark.parametrize("send", [_in_one_call, _one_at_a_time],
                         ids=["in one call", "one at a time"])
@pytest.mark.parametrize("call", list(CALLS))
@pytest.mark.parametrize("kind", list(PROBED))
def test_applications_are_made_alike_whoever_holds_the_numbers_they_name(
        writer, event, cats, outlet, kind, call, send):
    """Items are created in the order sent (their ids read back with accreditation:read,
    which a portal holds beside write), by the same statements, whether the ID number or
    address an item names is someone's (so that it is held) or free (so that a later item
    naming it again is held as its duplicate). The same items sent one at a time are the
    baseline: each is made alike too."""
    seen = {}
    for world, value in (("someone's", SOMEONES[kind]), ("free", FREE[kind])):
        with transaction.atomic():
            journalist(event, outlet=outlet, **{PROBED[kind]: SOMEONES[kind]})
            items = _items(outlet, kind, value, call)
            with CaptureQueriesContext(connection) as captured:
                references = send(writer, event, items)
                # Read now: the next request empties the connection's log it is a view of.
                statements = _sql_shape(captured)
            ids = [writer.get(f"/api/v1/applications/{reference}/").json()["id"]
                   for reference in references]
            seen[world] = (sorted(range(len(ids)), key=ids.__getitem__), statements)
            transaction.set_rollback(True)
    assert seen["someone's"][0] == seen["free"][0] == list(range(len(CALLS[call])))
    assert seen["someone's"][1] == seen["free"][1]
    assert any("INSERT" in statement for statement in seen["free"][1])
