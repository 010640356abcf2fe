"""Delegations and their members over the API."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from logistics.delegations.enums import (
    DelegationKind,
    DelegationLevel,
    DelegationStatus,
    RegionalGroup,
)
from logistics.delegations.models import Delegation, DelegationMember
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.signing import StateDelegationFactory

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
PASSPORT = "C7788991"
MEMBER_PERSONAL = {"date_of_birth", "email", "arrival_at", "arrival_flight", "arrival_airport",
                   "departure_at", "departure_flight", "departure_airport", "hotel",
                   "dietary_needs", "accessibility_needs"}
DELEGATION_PERSONAL = {"focal_point_name", "focal_point_email", "hotel"}


@pytest.fixture
def kenya(event):
    return StateDelegationFactory(
        event=event, country=country("KE"), head_name="H.E. Musalia Mudavadi",
        head_level=DelegationLevel.FOREIGN_MINISTER, status=DelegationStatus.REGISTERED,
        intends_to_sign=True, size_quota=3, focal_point_name="Wanjiru Kamau",
        focal_point_email="mission@kenya.example", hotel="Sheraton Hanoi")


@pytest.fixture
def chile(event):
    return StateDelegationFactory(event=event, country=country("CL"), head_name="Sra. Ana Ruiz",
                                  head_level=DelegationLevel.AMBASSADOR)


@pytest.fixture
def ngo(event):
    return DelegationFactory(event=event, name="Tổ chức Hòa bình Xanh",
                             status=DelegationStatus.CONFIRMED)


@pytest.fixture
def head(kenya):
    return MemberFactory(
        delegation=kenya, family_name="Mudavadi", given_names="Musalia", is_head=True,
        date_of_birth=date(1960, 9, 21), email="mudavadi@kenya.example",
        arrival_at=datetime(2026, 12, 9, 14, 35, tzinfo=HANOI), arrival_flight="KQ 870",
        arrival_airport="HAN", hotel="Sheraton Hanoi", dietary_needs="Halal",
        id_document_number=PASSPORT, id_document_expiry=date(2031, 1, 1))


def _names(response):
    assert response.status_code == 200, response.content
    return sorted(row["name"] for row in response.json()["results"])


def test_delegation_retrieve_shows_country_group_and_members(login, protocol, kenya, head):
    body = login(protocol).get(f"/api/v1/delegations/{kenya.pk}/").json()
    assert {name: body[name] for name in [
        "kind", "country", "country_name", "regional_group", "name", "head_level", "status",
        "member_count", "intends_to_sign", "focal_point_email", "hotel", "has_credentials"]} == {
        "kind": "state", "country": "KE", "country_name": "Kenya",
        "regional_group": "african", "name": "Kenya", "head_level": "foreign_minister",
        "status": "registered", "member_count": 1, "intends_to_sign": True,
        "focal_point_email": "mission@kenya.example", "hotel": "Sheraton Hanoi",
        "has_credentials": False}


@pytest.mark.parametrize(("query", "expected"), [
    ("kind=state", ["Chile", "Kenya"]),
    ("kind=ngo&kind=state", ["Chile", "Kenya", "Tổ chức Hòa bình Xanh"]),
    ("regional_group=african", ["Kenya"]),
    ("regional_group=latin_american_caribbean", ["Chile"]),
    ("status=registered&status=confirmed", ["Kenya", "Tổ chức Hòa bình Xanh"]),
    ("head_level=ambassador", ["Chile"]),
    ("intends_to_sign=true", ["Kenya"]),
    ("intends_to_sign=false", ["Chile", "Tổ chức Hòa bình Xanh"]),
    ("search=mudavadi", ["Kenya"]),
    ("search=hòa bình", ["Tổ chức Hòa bình Xanh"]),
    ("country=cl", ["Chile"]),
])
def test_delegation_list_filters(login, observer, kenya, chile, ngo, query, expected):
    assert _names(login(observer).get(f"/api/v1/delegations/?{query}")) == expected


def test_delegation_list_filters_by_event(login, observer, kenya):
    other = DelegationFactory(name="Elsewhere")
    response = login(observer).get(f"/api/v1/delegations/?event={other.event_id}")
    assert _names(response) == ["Elsewhere"]


def test_delegation_list_rejects_unknown_filter_values(login, observer, kenya):
    response = login(observer).get("/api/v1/delegations/?regional_group=nordic&status=lost")
    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == ["regional_group", "status"]


def test_delegation_list_pages(login, observer, kenya, chile, ngo):
    client = login(observer)
    first = client.get("/api/v1/delegations/?page_size=2&ordering=name").json()
    second = client.get("/api/v1/delegations/?page_size=2&ordering=name&page=2").json()
    assert first["count"] == 3
    assert [row["name"] for row in first["results"] + second["results"]] == [
        "Chile", "Kenya", "Tổ chức Hòa bình Xanh"]
    assert second["next"] is None


def test_delegation_list_orders_by_precedence(login, observer, event, kenya, chile):
    StateDelegationFactory(event=event, country=country("FR"),
                           head_level=DelegationLevel.HEAD_OF_STATE)
    response = login(observer).get("/api/v1/delegations/?ordering=level_rank")
    assert [row["name"] for row in response.json()["results"]] == ["France", "Kenya", "Chile"]


def test_delegation_list_query_count_does_not_grow(login, observer, event, same_query_count):
    def add(n):
        for _ in range(n):
            delegation = DelegationFactory(event=event)
            MemberFactory(delegation=delegation)

    same_query_count(lambda: login(observer).get("/api/v1/delegations/"), add)


def test_member_list_query_count_does_not_grow(login, protocol, kenya, same_query_count):
    def add(n):
        for _ in range(n):
            MemberFactory(delegation=kenya, nationality=country("KE"))

    same_query_count(lambda: login(protocol).get("/api/v1/members/"), add)


def test_member_list_filters_by_delegation(login, observer, kenya, chile, head):
    MemberFactory(delegation=chile, family_name="Ruiz")
    response = login(observer).get(f"/api/v1/members/?delegation={chile.pk}")
    assert [row["family_name"] for row in response.json()["results"]] == ["Ruiz"]
    response = login(observer).get(f"/api/v1/members/?delegation={kenya.pk}&is_head=true")
    assert [row["family_name"] for row in response.json()["results"]] == ["Mudavadi"]


# Personal data


@pytest.mark.parametrize("name", ["protocol", "secretariat", "personal_key"])
def test_member_personal_data_for_protocol_and_keys(clients, head, name):
    body = clients(name).get(f"/api/v1/members/{head.pk}/").json()
    assert set(body) >= MEMBER_PERSONAL
    assert (body["date_of_birth"], body["arrival_at"], body["arrival_flight"]) == (
        "1960-09-21", "2026-12-09T14:35:00+07:00", "KQ 870")


@pytest.mark.parametrize("name", ["observer", "steering", "programme", "read_key",
                                  "write_key"])
def test_member_personal_data_hidden_from_other_staff_and_plain_keys(clients, head, name):
    client = clients(name)
    body = client.get(f"/api/v1/members/{head.pk}/").json()
    assert (body["family_name"], MEMBER_PERSONAL & set(body)) == ("Mudavadi", set())
    row = client.get("/api/v1/members/").json()["results"][0]
    assert MEMBER_PERSONAL & set(row) == set()


@pytest.mark.parametrize("name", ["observer", "steering", "programme", "read_key"])
def test_delegation_focal_point_and_hotel_hidden_from_other_staff(clients, kenya, name):
    body = clients(name).get(f"/api/v1/delegations/{kenya.pk}/").json()
    assert (body["name"], DELEGATION_PERSONAL & set(body)) == ("Kenya", set())


@pytest.mark.parametrize("name", ["protocol", "secretariat", "personal_key", "observer"])
def test_id_document_number_never_in_any_response(clients, kenya, head, name):
    client = clients(name)
    urls = ["/api/v1/members/", f"/api/v1/members/{head.pk}/", "/api/v1/delegations/",
            f"/api/v1/delegations/{kenya.pk}/", f"/api/v1/members/?delegation={kenya.pk}"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert PASSPORT not in response.content.decode()
        assert "id_document" not in response.content.decode()


def test_id_document_number_not_in_member_write_response(login, protocol, kenya, head):
    response = login(protocol).patch(f"/api/v1/members/{head.pk}/", {"title": "Minister"},
                                     format="json")
    assert response.status_code == 200
    assert PASSPORT not in response.content.decode()
    assert "id_document" not in response.content.decode()


def test_member_id_document_number_cannot_be_written(login, protocol, head):
    response = login(protocol).patch(f"/api/v1/members/{head.pk}/",
                                     {"id_document_number": "X0000000"}, format="json")
    assert response.status_code == 200
    head.refresh_from_db()
    assert head.id_document_number == PASSPORT


# Delegation writes


def test_delegation_create_by_protocol_names_state_after_country(login, protocol, event):
    response = login(protocol).post("/api/v1/delegations/", {
        "event": event.pk, "kind": "state", "country": "VN", "head_name": "Bùi Thanh Sơn",
        "head_level": "foreign_minister", "size_quota": 12, "intends_to_sign": True},
        format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["name"], body["country"], body["regional_group"], body["status"],
            body["member_count"]) == ("Viet Nam", "VN", "asia_pacific", "invited", 0)
    delegation = Delegation.objects.get(pk=body["id"])
    assert (delegation.head_name, delegation.size_quota) == ("Bùi Thanh Sơn", 12)


def test_delegation_create_by_write_key(bearer, write_key, event):
    response = bearer(write_key).post("/api/v1/delegations/", {
        "event": event.pk, "kind": "igo", "name": "African Union"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["country"] is None


def test_delegation_create_rejects_bad_fields(login, protocol, event):
    response = login(protocol).post("/api/v1/delegations/", {
        "event": event.pk, "kind": "empire", "country": "XX", "head_level": "emperor",
        "size_quota": 0, "focal_point_email": "not an e-mail"}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert sorted(error["fields"]) == ["country", "focal_point_email", "head_level", "kind",
                                       "size_quota"]
    assert Delegation.objects.count() == 0


def test_delegation_create_state_without_country_is_refused(login, protocol, event):
    response = login(protocol).post("/api/v1/delegations/", {
        "event": event.pk, "kind": "state", "name": "Atlantis"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert Delegation.objects.count() == 0


def test_delegation_create_second_for_a_country_is_refused(login, protocol, event, kenya):
    response = login(protocol).post("/api/v1/delegations/", {
        "event": event.pk, "kind": "state", "country": "KE"}, format="json")
    assert response.status_code == 400
    assert Delegation.objects.filter(country__code="KE").count() == 1


def test_delegation_patch_protocol_fields(login, protocol, kenya):
    response = login(protocol).patch(f"/api/v1/delegations/{kenya.pk}/", {
        "hotel": "Lotte Hotel Hanoi", "size_quota": 5, "liaison_officer": protocol.pk,
        "protocol_notes": "Arrives with a camera crew."}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["hotel"], body["size_quota"], body["liaison_officer"],
            body["liaison_officer_name"]) == ("Lotte Hotel Hanoi", 5, protocol.pk, "protocol")


def test_delegation_patch_registration_fields_is_refused(login, protocol, kenya):
    response = login(protocol).patch(f"/api/v1/delegations/{kenya.pk}/", {
        "head_name": "Someone else", "kind": "ngo", "hotel": "Lotte Hotel Hanoi"},
        format="json")
    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == ["head_name", "kind"]
    kenya.refresh_from_db()
    assert (kenya.head_name, kenya.hotel) == ("H.E. Musalia Mudavadi", "Sheraton Hanoi")


def test_delegation_put_with_unchanged_details_is_accepted(login, protocol, kenya):
    client = login(protocol)
    body = client.get(f"/api/v1/delegations/{kenya.pk}/").json()
    body["protocol_notes"] = "Motorcade of three cars."
    response = client.put(f"/api/v1/delegations/{kenya.pk}/", body, format="json")
    assert response.status_code == 200, response.content
    kenya.refresh_from_db()
    assert kenya.protocol_notes == "Motorcade of three cars."


def test_delegation_quota_below_members_is_refused(login, protocol, kenya, head):
    MemberFactory(delegation=kenya)
    response = login(protocol).patch(f"/api/v1/delegations/{kenya.pk}/", {"size_quota": 1},
                                     format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "quota_exceeded"


def test_delegation_liaison_officer_must_be_staff(login, protocol, kenya, no_role):
    response = login(protocol).patch(f"/api/v1/delegations/{kenya.pk}/",
                                     {"liaison_officer": no_role.pk}, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["liaison_officer"]


def test_delegation_status_action_moves_along(login, protocol, chile):
    response = login(protocol).post(f"/api/v1/delegations/{chile.pk}/status/",
                                    {"status": "confirmed"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "confirmed"
    chile.refresh_from_db()
    assert chile.status == DelegationStatus.CONFIRMED


def test_delegation_status_action_refuses_a_move_protocol_does_not_make(login, protocol,
                                                                       chile):
    response = login(protocol).post(f"/api/v1/delegations/{chile.pk}/status/",
                                    {"status": "departed"}, format="json")
    assert response.status_code == 409
    error = response.json()["error"]
    assert (error["code"], error["message"]) == (
        "invalid_transition", "A delegation that is invited cannot become departed.")


def test_delegation_status_action_rejects_unknown_status(login, protocol, chile):
    response = login(protocol).post(f"/api/v1/delegations/{chile.pk}/status/",
                                    {"status": "vanished"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["status"]


def test_delegation_status_cannot_be_patched(login, protocol, chile):
    response = login(protocol).patch(f"/api/v1/delegations/{chile.pk}/",
                                     {"status": "declined"}, format="json")
    assert response.status_code == 200
    chile.refresh_from_db()
    assert chile.status == DelegationStatus.INVITED


# Member writes


def test_member_create_by_protocol(login, protocol, kenya):
    response = login(protocol).post("/api/v1/members/", {
        "delegation": kenya.pk, "family_name": "Wanjiku", "given_names": "Grace",
        "gender": "female", "nationality": "KE", "email": "grace@kenya.example",
        "arrival_at": "2026-12-09T08:00:00+03:00", "arrival_flight": "KQ 870",
        "arrival_airport": "han"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["nationality"], body["arrival_at"], body["arrival_airport"]) == (
        "KE", "2026-12-09T12:00:00+07:00", "HAN")
    assert DelegationMember.objects.get(pk=body["id"]).delegation == kenya


def test_member_create_reads_a_time_without_offset_at_the_venue(login, protocol, kenya):
    response = login(protocol).post("/api/v1/members/", {
        "delegation": kenya.pk, "family_name": "Otieno",
        "arrival_at": "2026-12-09T08:00:00"}, format="json")
    assert response.status_code == 201, response.content
    member = DelegationMember.objects.get(pk=response.json()["id"])
    assert member.arrival_at == datetime(2026, 12, 9, 8, 0, tzinfo=kenya.event.tz)


def test_member_create_beyond_quota_is_refused(login, protocol, kenya):
    MemberFactory.create_batch(3, delegation=kenya)
    response = login(protocol).post("/api/v1/members/", {
        "delegation": kenya.pk, "family_name": "Fourth"}, format="json")
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "quota_exceeded"
    assert "3" in error["message"]
    assert kenya.members.count() == 3


def test_member_create_rejects_bad_fields(login, protocol, kenya):
    response = login(protocol).post("/api/v1/members/", {
        "delegation": kenya.pk, "family_name": "", "gender": "robot",
        "date_of_birth": "21/09/1960", "email": "nope", "nationality": "ZZ"}, format="json")
    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == [
        "date_of_birth", "email", "family_name", "gender", "nationality"]
    assert kenya.members.count() == 0


def test_member_create_rejects_bad_airport_and_departure_before_arrival(login, protocol,
                                                                        kenya):
    response = login(protocol).post("/api/v1/members/", {
        "delegation": kenya.pk, "family_name": "Kamau", "arrival_airport": "Noi Bai"},
        format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["arrival_airport"]
    response = login(protocol).post("/api/v1/members/", {
        "delegation": kenya.pk, "family_name": "Kamau",
        "arrival_at": "2026-12-09T08:00:00+07:00",
        "departure_at": "2026-12-08T08:00:00+07:00"}, format="json")
    assert response.status_code == 400
    assert kenya.members.count() == 0


def test_member_new_head_replaces_the_old(login, protocol, kenya, head):
    response = login(protocol).post("/api/v1/members/", {
        "delegation": kenya.pk, "family_name": "Ruto", "is_head": True}, format="json")
    assert response.status_code == 201
    head.refresh_from_db()
    assert head.is_head is False


def test_member_update_and_remove(login, protocol, head):
    client = login(protocol)
    response = client.patch(f"/api/v1/members/{head.pk}/", {"dietary_needs": "Vegetarian"},
                            format="json")
    assert (response.status_code, response.json()["dietary_needs"]) == (200, "Vegetarian")
    assert client.delete(f"/api/v1/members/{head.pk}/").status_code == 204
    assert DelegationMember.objects.filter(pk=head.pk).exists() is False


def test_member_cannot_move_to_another_delegation(login, protocol, head, chile):
    response = login(protocol).patch(f"/api/v1/members/{head.pk}/",
                                     {"delegation": chile.pk}, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["delegation"]


# Who may


@pytest.mark.parametrize(("name", "status"), [
    ("anonymous", 401), ("no_role", 403), ("focal_point", 403), ("observer", 200),
    ("steering", 200), ("protocol", 200), ("programme", 200), ("secretariat", 200),
    ("read_key", 200), ("write_key", 200),
])
def test_delegation_reads_by_role(clients, kenya, head, name, status):
    client = clients(name)
    urls = ["/api/v1/delegations/", f"/api/v1/delegations/{kenya.pk}/", "/api/v1/members/",
            f"/api/v1/members/{head.pk}/"]
    assert {url: client.get(url).status_code for url in urls} == {url: status for url in urls}


@pytest.fixture
def delegation_writes(event, kenya, chile, head):
    return {
        "delegation_create": ("post", "/api/v1/delegations/", {
            "event": event.pk, "kind": DelegationKind.RESEARCH, "name": "Viện Hàn lâm"}, 201),
        "delegation_update": ("patch", f"/api/v1/delegations/{kenya.pk}/",
                              {"hotel": "Daewoo"}, 200),
        "delegation_status": ("post", f"/api/v1/delegations/{chile.pk}/status/",
                              {"status": "confirmed"}, 200),
        "member_create": ("post", "/api/v1/members/", {
            "delegation": kenya.pk, "family_name": "Kamau"}, 201),
        "member_update": ("patch", f"/api/v1/members/{head.pk}/", {"title": "Minister"}, 200),
        "member_remove": ("delete", f"/api/v1/members/{head.pk}/", None, 204),
    }


@pytest.mark.parametrize("name", ["protocol", "secretariat", "write_key"])
def test_delegation_writes_allowed(clients, delegation_writes, name):
    client = clients(name)
    statuses = {key: getattr(client, method)(url, payload, format="json").status_code
                for key, (method, url, payload, _) in delegation_writes.items()}
    assert statuses == {key: expected for key, (*_, expected) in delegation_writes.items()}


@pytest.mark.parametrize(("name", "status"), [
    ("anonymous", 401), ("focal_point", 403), ("observer", 403), ("steering", 403),
    ("programme", 403), ("read_key", 403),
])
def test_delegation_writes_refused(clients, delegation_writes, kenya, name, status):
    client = clients(name)
    statuses = {key: getattr(client, method)(url, payload, format="json").status_code
                for key, (method, url, payload, _) in delegation_writes.items()}
    assert statuses == {key: status for key in delegation_writes}
    assert (Delegation.objects.count(), kenya.members.count()) == (2, 1)


def test_regional_groups_cover_the_filter(login, observer, kenya):
    for group in RegionalGroup.values:
        assert login(observer).get(
            f"/api/v1/delegations/?regional_group={group}").status_code == 200


def test_delegation_create_with_a_liaison_officer_who_is_not_staff_is_refused(
        login, protocol, event, no_role):
    response = login(protocol).post("/api/v1/delegations/", {
        "event": event.pk, "kind": "ngo", "name": "Amnesty", "liaison_officer": no_role.pk},
        format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "liaison_officer": ["norole is not a staff member."]}


def test_delegation_credentials_checked_once_uploaded(login, protocol, kenya):
    client = login(protocol)
    response = client.post(f"/api/v1/delegations/{kenya.pk}/check-credentials/")
    assert (response.status_code, response.json()["error"]["code"]) == (
        409, "credentials_missing")
    Delegation.objects.filter(pk=kenya.pk).update(credentials_document="credentials/nv.pdf")
    response = client.post(f"/api/v1/delegations/{kenya.pk}/check-credentials/")
    assert response.status_code == 200
    body = response.json()
    assert (body["has_credentials"], body["credentials_checked_at"] is not None) == (True,
                                                                                     True)
    assert "credentials/nv.pdf" not in response.content.decode()


def test_delegation_credentials_check_refused_to_observer(login, observer, kenya):
    response = login(observer).post(f"/api/v1/delegations/{kenya.pk}/check-credentials/")
    assert response.status_code == 403
