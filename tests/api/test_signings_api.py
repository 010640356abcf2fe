"""The signing ceremony over the API: the same rules as the ceremony screen."""

import pytest

from logistics.delegations.enums import DelegationLevel
from logistics.signing.enums import SigningPlace
from logistics.signing.models import Signing
from logistics.signing.services import full_powers_receive, signing_mark_signed
from tests.factories.delegations import DelegationFactory, country
from tests.factories.signing import SigningFactory, StateDelegationFactory

L = DelegationLevel


def signing_of(event, code, level=L.FOREIGN_MINISTER, **fields):
    delegation = StateDelegationFactory(event=event, country=country(code), head_level=level,
                                        head_name=f"Head of {code}")
    return SigningFactory(delegation=delegation, **fields)


@pytest.fixture
def france(event):
    return signing_of(event, "FR", L.HEAD_OF_STATE)


@pytest.fixture
def brazil(event):
    """Signed by an ambassador: needs full powers."""
    return signing_of(event, "BR", L.AMBASSADOR)


@pytest.fixture
def chad(event):
    return signing_of(event, "TD", L.FOREIGN_MINISTER, where=SigningPlace.TREATY_DESK)


def _states(response):
    assert response.status_code == 200, response.content
    return [row["state"] for row in response.json()["results"]]


def test_signing_retrieve_shows_full_powers_state(login, observer, brazil):
    body = login(observer).get(f"/api/v1/signings/{brazil.pk}/").json()
    assert {name: body[name] for name in [
        "state", "country", "where", "order", "signatory_name", "signatory_level",
        "needs_full_powers", "full_powers_verified", "may_sign", "signed_at"]} == {
        "state": "Brazil", "country": "BR", "where": "plenary", "order": None,
        "signatory_name": "Head of BR", "signatory_level": "ambassador",
        "needs_full_powers": True, "full_powers_verified": False, "may_sign": False,
        "signed_at": None}
    assert "full_powers_document" not in body


@pytest.mark.parametrize(("query", "expected"), [
    ("where=treaty_desk", ["Chad"]),
    ("where=plenary&ordering=delegation__name", ["Brazil", "France"]),
    ("signed=true", ["France"]),
    ("signed=false&ordering=delegation__name", ["Brazil", "Chad"]),
    ("search=bra", ["Brazil"]),
])
def test_signing_list_filters(login, observer, protocol, france, brazil, chad, query,
                              expected):
    signing_mark_signed(signing=france, by=protocol)
    assert _states(login(observer).get(f"/api/v1/signings/?{query}")) == expected


def test_signing_list_pages(login, observer, france, brazil, chad):
    body = login(observer).get("/api/v1/signings/?page_size=2").json()
    assert (body["count"], len(body["results"]), body["next"] is not None) == (3, 2, True)


def test_signing_list_query_count_does_not_grow(login, observer, event, same_query_count):
    codes = iter(["DE", "IT", "ES"])
    same_query_count(lambda: login(observer).get("/api/v1/signings/"),
                     lambda n: [signing_of(event, next(codes)) for _ in range(n)])


def test_signing_create_defaults_to_head_of_delegation(login, protocol, event):
    delegation = StateDelegationFactory(event=event, country=country("JP"),
                                        head_name="Iwaya Takeshi", head_level=L.MINISTER)
    response = login(protocol).post("/api/v1/signings/", {
        "event": event.pk, "delegation": delegation.pk, "where": "plenary"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["state"], body["signatory_name"], body["signatory_level"],
            body["needs_full_powers"]) == ("Japan", "Iwaya Takeshi", "minister", True)


def test_signing_create_for_an_organisation_is_refused(login, protocol, event):
    ngo = DelegationFactory(event=event, name="Greenpeace")
    response = login(protocol).post("/api/v1/signings/", {
        "event": event.pk, "delegation": ngo.pk}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "not_a_state"


def test_signing_create_twice_for_a_state_is_refused(login, protocol, event, france):
    response = login(protocol).post("/api/v1/signings/", {
        "event": event.pk, "delegation": france.delegation_id}, format="json")
    assert response.status_code == 400
    assert Signing.objects.count() == 1


def test_signing_create_rejects_delegation_of_another_event(login, protocol, event):
    other = StateDelegationFactory(country=country("PE"))
    response = login(protocol).post("/api/v1/signings/", {
        "event": event.pk, "delegation": other.pk, "signatory_level": "king"}, format="json")
    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == ["signatory_level"]
    response = login(protocol).post("/api/v1/signings/", {
        "event": event.pk, "delegation": other.pk}, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["delegation"]


def test_schedule_without_verified_full_powers_is_refused(login, protocol, brazil):
    response = login(protocol).post(f"/api/v1/signings/{brazil.pk}/schedule/", {
        "where": "plenary", "scheduled_at": "2026-12-10T10:30:00+07:00", "order": 1},
        format="json")
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "full_powers_missing"
    assert "Brazil" in error["message"]
    brazil.refresh_from_db()
    assert (brazil.order, brazil.scheduled_at) == (None, None)


def test_sign_without_verified_full_powers_is_refused(login, protocol, brazil):
    response = login(protocol).post(f"/api/v1/signings/{brazil.pk}/sign/", {}, format="json")
    assert (response.status_code, response.json()["error"]["code"]) == (
        409, "full_powers_missing")
    brazil.refresh_from_db()
    assert brazil.signed_at is None


def test_full_powers_received_verified_then_scheduled_and_signed(login, protocol, brazil):
    client = login(protocol)
    response = client.post(f"/api/v1/signings/{brazil.pk}/verify-full-powers/")
    assert (response.status_code, response.json()["error"]["code"]) == (
        409, "full_powers_not_received")
    response = client.post(f"/api/v1/signings/{brazil.pk}/receive-full-powers/", {},
                           format="json")
    assert response.json()["full_powers_received_at"] is not None
    response = client.post(f"/api/v1/signings/{brazil.pk}/verify-full-powers/")
    assert response.status_code == 200
    assert (response.json()["full_powers_verified"], response.json()["may_sign"]) == (True,
                                                                                      True)
    response = client.post(f"/api/v1/signings/{brazil.pk}/schedule/", {
        "where": "plenary", "scheduled_at": "2026-12-10T10:30:00", "order": 1}, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["order"], response.json()["scheduled_at"]) == (
        1, "2026-12-10T10:30:00+07:00")
    response = client.post(f"/api/v1/signings/{brazil.pk}/sign/", {}, format="json")
    assert response.status_code == 200
    brazil.refresh_from_db()
    assert (brazil.full_powers_verified_by, brazil.signed_at is not None) == (protocol, True)


def test_full_powers_verified_by_a_key_has_no_person(bearer, write_key, protocol, brazil):
    full_powers_receive(signing=brazil, by=protocol)
    response = bearer(write_key).post(f"/api/v1/signings/{brazil.pk}/verify-full-powers/")
    assert response.status_code == 200
    brazil.refresh_from_db()
    assert (brazil.full_powers_verified_at is not None, brazil.full_powers_verified_by) == (
        True, None)


def test_sign_twice_is_refused(login, protocol, france):
    client = login(protocol)
    assert client.post(f"/api/v1/signings/{france.pk}/sign/").status_code == 200
    response = client.post(f"/api/v1/signings/{france.pk}/sign/")
    assert (response.status_code, response.json()["error"]["code"]) == (409, "already_signed")


def test_schedule_keeps_the_place_unless_told(login, protocol, event, france):
    other = signing_of(event, "DE", order=2)
    client = login(protocol)
    response = client.post(f"/api/v1/signings/{france.pk}/schedule/", {
        "where": "plenary", "order": 1}, format="json")
    assert response.json()["order"] == 1
    response = client.post(f"/api/v1/signings/{france.pk}/schedule/", {
        "where": "plenary", "scheduled_at": "2026-12-10T11:00:00+07:00"}, format="json")
    assert (response.json()["order"], response.json()["scheduled_at"]) == (
        1, "2026-12-10T11:00:00+07:00")
    response = client.post(f"/api/v1/signings/{france.pk}/schedule/", {
        "where": "plenary", "order": 2}, format="json")
    assert response.status_code == 400
    assert "Germany" in response.json()["error"]["fields"]["order"][0]
    response = client.post(f"/api/v1/signings/{france.pk}/schedule/", {
        "where": "treaty_desk"}, format="json")
    other.refresh_from_db()
    assert (response.json()["order"], other.order) == (None, 1)


def test_schedule_rejects_bad_input(login, protocol, france):
    response = login(protocol).post(f"/api/v1/signings/{france.pk}/schedule/", {
        "where": "garden", "scheduled_at": "tomorrow", "order": 0}, format="json")
    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == ["order", "scheduled_at", "where"]


def test_order_by_precedence_then_move_by_hand(login, protocol, event, france, brazil):
    germany = signing_of(event, "DE", L.HEAD_OF_GOVERNMENT)
    client = login(protocol)
    response = client.post("/api/v1/signings/order/", {"event": event.pk,
                                                       "rule": "precedence"}, format="json")
    assert response.status_code == 200, response.content
    assert [(row["state"], row["order"]) for row in response.json()] == [
        ("France", 1), ("Germany", 2), ("Brazil", 3)]
    response = client.post(f"/api/v1/signings/{brazil.pk}/move/", {"order": 1}, format="json")
    assert response.status_code == 200
    germany.refresh_from_db()
    assert (response.json()["order"], germany.order) == (1, 3)


def test_order_alphabetically_from_drawn_letter(login, protocol, event, france, brazil):
    signing_of(event, "DE")
    response = login(protocol).post("/api/v1/signings/order/", {
        "event": event.pk, "rule": "alphabetical_from_letter", "letter": "F"}, format="json")
    assert [row["state"] for row in response.json()] == ["France", "Germany", "Brazil"]


def test_order_rejects_missing_letter_and_unknown_rule(login, protocol, event, france):
    client = login(protocol)
    response = client.post("/api/v1/signings/order/", {
        "event": event.pk, "rule": "alphabetical_from_letter"}, format="json")
    assert list(response.json()["error"]["fields"]) == ["letter"]
    response = client.post("/api/v1/signings/order/", {"event": event.pk, "rule": "random"},
                           format="json")
    assert list(response.json()["error"]["fields"]) == ["rule"]
    response = client.post("/api/v1/signings/order/", {
        "event": event.pk, "rule": "alphabetical_from_letter", "letter": "7"}, format="json")
    assert (response.status_code, response.json()["error"]["code"]) == (
        400, "invalid_order_rule")


def test_move_at_the_treaty_desk_is_refused(login, protocol, chad):
    response = login(protocol).post(f"/api/v1/signings/{chad.pk}/move/", {"order": 1},
                                    format="json")
    assert (response.status_code, response.json()["error"]["code"]) == (409, "not_in_plenary")


def test_progress_counts_signatories_against_threshold(login, observer, protocol, event,
                                                       france, chad):
    signing_mark_signed(signing=france, by=protocol)
    response = login(observer).get(f"/api/v1/signings/progress/?event={event.pk}")
    assert response.json() == {"signed": 1, "threshold": 40, "reached": False}
    event.signing_threshold = 1  # the treaty's own figure, the event's setting
    event.save()
    response = login(observer).get(f"/api/v1/signings/progress/?event={event.pk}")
    assert response.json() == {"signed": 1, "threshold": 1, "reached": True}
    response = login(observer).get("/api/v1/signings/progress/?event=x")
    assert (response.status_code, list(response.json()["error"]["fields"])) == (400, ["event"])


@pytest.mark.parametrize(("name", "status"), [
    ("anonymous", 401), ("no_role", 403), ("focal_point", 403), ("observer", 200),
    ("steering", 200), ("programme", 200), ("protocol", 200), ("read_key", 200),
])
def test_signing_reads_by_role(clients, event, france, name, status):
    client = clients(name)
    urls = ["/api/v1/signings/", f"/api/v1/signings/{france.pk}/",
            f"/api/v1/signings/progress/?event={event.pk}"]
    assert {url: client.get(url).status_code for url in urls} == {url: status for url in urls}


@pytest.mark.parametrize(("name", "status"), [
    ("anonymous", 401), ("focal_point", 403), ("observer", 403), ("programme", 403),
    ("read_key", 403), ("protocol", 200), ("secretariat", 200), ("write_key", 200),
])
def test_signing_writes_by_role(clients, event, france, name, status):
    client = clients(name)
    calls = {
        "schedule": (f"/api/v1/signings/{france.pk}/schedule/", {"where": "plenary"}),
        "order": ("/api/v1/signings/order/", {"event": event.pk, "rule": "precedence"}),
        "sign": (f"/api/v1/signings/{france.pk}/sign/", {}),
    }
    statuses = {name: client.post(url, payload, format="json").status_code
                for name, (url, payload) in calls.items()}
    assert statuses == {name: status for name in calls}
