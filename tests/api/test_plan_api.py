"""Events, agencies and committees over the API."""

import pytest

from logistics.core.models.event import Agency, Committee, Event
from tests.factories.plan import AgencyFactory, CommitteeFactory, EventFactory
from tests.queries import same_queries


def test_event_create_by_secretariat(login, secretariat):
    response = login(secretariat).post("/api/v1/events/", {
        "name": "Lễ mở ký Công ước", "slug": "signing-2031", "venue": "National Convention "
        "Center", "city": "Hà Nội", "start_date": "2031-10-25", "end_date": "2031-10-26",
        "time_zone": "Asia/Ho_Chi_Minh", "languages": ["en", "vi", "ar"]}, format="json")
    assert response.status_code == 201, response.content
    event = Event.objects.get(slug="signing-2031")
    assert (event.name, event.languages) == ("Lễ mở ký Công ước", ["en", "vi", "ar"])


def test_event_create_rejects_end_before_start(login, secretariat):
    response = login(secretariat).post("/api/v1/events/", {
        "name": "x", "slug": "x", "start_date": "2031-10-25", "end_date": "2031-10-24"},
        format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["end_date"]


def test_event_create_rejects_unknown_time_zone(login, secretariat):
    response = login(secretariat).post("/api/v1/events/", {
        "name": "x", "slug": "x", "start_date": "2031-10-25", "end_date": "2031-10-26",
        "time_zone": "Mars/Olympus_Mons"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["time_zone"]


def test_event_update_checks_dates_against_stored_ones(login, secretariat, event):
    response = login(secretariat).patch(f"/api/v1/events/{event.pk}/", {
        "end_date": event.start_date.replace(year=event.start_date.year - 1).isoformat()},
        format="json")
    assert response.status_code == 400


def test_event_update_by_secretariat(login, secretariat, event):
    response = login(secretariat).patch(f"/api/v1/events/{event.pk}/",
                                        {"digest_hour": 6}, format="json")
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.digest_hour == 6


def test_agency_create_by_secretariat(login, secretariat, event, agency):
    response = login(secretariat).post("/api/v1/agencies/", {
        "event": event.pk, "code": "MPS-A80", "name": "Cục Cảnh vệ", "kind": "police",
        "parent": agency.pk, "emails": ["a80@example.org"]}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["parent"], body["parent_code"], body["emails"]) == (
        agency.pk, "MPS", ["a80@example.org"])


def test_agency_create_rejects_duplicate_code(login, secretariat, event, agency):
    response = login(secretariat).post("/api/v1/agencies/", {
        "event": event.pk, "code": "MPS", "name": "Again"}, format="json")
    assert response.status_code == 400
    assert Agency.objects.filter(code="MPS").count() == 1


def test_agency_create_rejects_bad_email(login, secretariat, event):
    response = login(secretariat).post("/api/v1/agencies/", {
        "event": event.pk, "code": "X", "name": "X", "emails": ["not-an-address"]},
        format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["emails"]


def test_agency_create_rejects_parent_of_another_event(login, secretariat, event):
    foreign = AgencyFactory(event=EventFactory())
    response = login(secretariat).post("/api/v1/agencies/", {
        "event": event.pk, "code": "X", "name": "X", "parent": foreign.pk}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"parent": ["Belongs to another event."]}
    assert not Agency.objects.filter(code="X").exists()


def test_agency_update_refuses_loop_of_parents(login, secretariat, event, agency):
    unit = AgencyFactory(event=event, parent=agency)
    response = login(secretariat).patch(f"/api/v1/agencies/{agency.pk}/",
                                        {"parent": unit.pk}, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["parent"]


def test_agency_cannot_move_to_another_event(login, secretariat, agency):
    response = login(secretariat).patch(f"/api/v1/agencies/{agency.pk}/",
                                        {"event": EventFactory().pk}, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["event"]


def test_agency_filters_and_search(login, observer, event, agency, other_agency):
    AgencyFactory(event=event, code="MPS-K02", name="Bộ Tư lệnh Cảnh vệ", parent=agency)
    AgencyFactory(code="ELSEWHERE")
    client = login(observer)

    def codes(query):
        return [row["code"] for row in client.get(f"/api/v1/agencies/?{query}").json()
                ["results"]]

    assert codes(f"event={event.pk}") == ["MOFA", "MPS", "MPS-K02"]
    assert codes("parent=MPS") == ["MPS-K02"]
    assert codes("search=cảnh vệ") == ["MPS-K02"]


def test_committee_create_shows_member_codes(login, secretariat, event, agency, other_agency):
    response = login(secretariat).post("/api/v1/committees/", {
        "event": event.pk, "code": "PRO", "name": "Protocol and Reception",
        "kind": "subcommittee", "chair_agency": other_agency.pk,
        "member_agencies": [agency.pk, other_agency.pk]}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["chair_agency_code"], sorted(body["member_agency_codes"])) == (
        "MOFA", ["MOFA", "MPS"])


def test_committee_create_rejects_member_of_another_event(login, secretariat, event):
    foreign = AgencyFactory(event=EventFactory())
    response = login(secretariat).post("/api/v1/committees/", {
        "event": event.pk, "code": "PRO", "name": "Protocol",
        "member_agencies": [foreign.pk]}, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["member_agencies"]
    assert not Committee.objects.filter(code="PRO").exists()


def test_committee_update_members(login, secretariat, committee, agency, other_agency):
    response = login(secretariat).patch(f"/api/v1/committees/{committee.pk}/",
                                        {"member_agencies": [other_agency.pk]}, format="json")
    assert response.status_code == 200
    assert list(committee.member_agencies.all()) == [other_agency]


def test_event_list_query_count_does_not_grow(login, observer, same_query_count):
    client = login(observer)
    same_query_count(lambda: client.get("/api/v1/events/"), EventFactory.create_batch)


def test_agency_list_query_count_does_not_grow(login, observer, event):
    client = login(observer)
    parent = AgencyFactory(event=event)
    response = same_queries(lambda: client.get("/api/v1/agencies/"),
                            lambda: AgencyFactory.create_batch(2, event=event, parent=parent))
    assert response.json()["count"] == 3


def test_committee_list_query_count_does_not_grow(login, observer, event, agency,
                                                  other_agency, same_query_count):
    client = login(observer)

    def add(n):
        for committee in CommitteeFactory.create_batch(n, event=event, chair_agency=agency):
            committee.member_agencies.set([agency, other_agency])

    same_query_count(lambda: client.get("/api/v1/committees/"), add)


@pytest.mark.parametrize("endpoint", ["events", "agencies", "committees"])
def test_plan_list_pagination(login, observer, event, endpoint):
    for _ in range(3):
        if endpoint == "events":
            EventFactory()
        elif endpoint == "agencies":
            AgencyFactory(event=event)
        else:
            CommitteeFactory(event=event)
    body = login(observer).get(f"/api/v1/{endpoint}/?page_size=2").json()
    assert (len(body["results"]), body["next"]) == (
        2, f"http://testserver/api/v1/{endpoint}/?page=2&page_size=2")
