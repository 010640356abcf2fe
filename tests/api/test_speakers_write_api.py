"""Changing the speakers list over the API: inscribe, change, move, mark spoken or withdrawn
and order by precedence, through the same services as the protocol office's page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from logistics.delegations.enums import DelegationLevel
from logistics.programme.enums import SessionKind, SessionStatus, SpeakerStatus
from logistics.speakers.models import SpeakerSlot
from logistics.speakers.services import speaker_set_status
from tests.factories.delegations import country
from tests.factories.plan import EventFactory
from tests.factories.programme import RoomFactory, SessionFactory, VenueFactory, at
from tests.factories.signing import StateDelegationFactory

L = DelegationLevel


@pytest.fixture
def hall(event):
    return RoomFactory(venue=VenueFactory(event=event), name="Plenary Hall", capacity=500)


@pytest.fixture
def debate(event, hall):
    return SessionFactory(event=event, room=hall, kind=SessionKind.HIGH_LEVEL_DEBATE,
                          title="High-level debate", starts_at=at(event, 10),
                          ends_at=at(event, 13))


@pytest.fixture
def seminar(event, hall):
    return SessionFactory(event=event, room=hall, kind=SessionKind.SEMINAR,
                          title="Seminar on cybercrime", starts_at=at(event, 14),
                          ends_at=at(event, 16))


def state(event, code, level=L.MINISTER):
    return StateDelegationFactory(event=event, country=country(code), head_level=level,
                                  head_name=f"Head of {code}")


def slot_of(session, code, *, order=None, level=L.MINISTER, minutes_ago=0):
    return SpeakerSlot.objects.create(
        session=session, delegation=state(session.event, code), level=level, order=order,
        speaker_name=f"Speaker of {code}", language="fr", time_limit_minutes=5,
        inscribed_at=timezone.now() - timedelta(minutes=minutes_ago))


@pytest.fixture
def france(debate):
    return slot_of(debate, "FR", order=1)


@pytest.fixture
def senegal(debate):
    return slot_of(debate, "SN", order=2)


@pytest.fixture
def chile(debate):
    return slot_of(debate, "CL", order=3)


def inscription(for_session, by_delegation, **changes):
    payload = {"session": for_session.pk, "delegation": by_delegation.pk,
               "speaker_name": "Nguyễn Thị Hằng", "speaker_title": "Minister of Justice",
               "level": "minister", "language": "vi"}
    payload.update(changes)
    return payload


def _order(session):
    return list(SpeakerSlot.objects.filter(session=session, order__isnull=False)
                .order_by("order").values_list("delegation__country__code", flat=True))


def _error(response, status, code):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code
    return error


# Inscribe


def test_inscribe_puts_the_statement_last(login, protocol, event, debate, france):
    viet_nam = state(event, "VN")
    response = login(protocol).post("/api/v1/speakers/", inscription(
        debate, viet_nam, inscribed_at=f"{event.start_date.isoformat()}T09:15:00"),
        format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert {name: body[name] for name in [
        "session", "delegation", "delegation_name", "speaker_name", "speaker_title", "level",
        "language", "time_limit_minutes", "order", "status", "inscribed_at"]} == {
        "session": debate.pk, "delegation": viet_nam.pk, "delegation_name": "Viet Nam",
        "speaker_name": "Nguyễn Thị Hằng", "speaker_title": "Minister of Justice",
        "level": "minister", "language": "vi", "time_limit_minutes": 5, "order": 2,
        "status": "inscribed",
        # Without an offset, read at the venue (Asia/Ho_Chi_Minh).
        "inscribed_at": f"{event.start_date.isoformat()}T09:15:00+07:00"}
    assert _order(debate) == ["FR", "VN"]


def test_inscribe_normalises_the_language_code(login, secretariat, event, debate):
    response = login(secretariat).post("/api/v1/speakers/", inscription(
        debate, state(event, "CN"), language="ZH-Hans", time_limit_minutes=7), format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["language"], response.json()["time_limit_minutes"]) == (
        "zh-Hans", 7)


@pytest.mark.parametrize(("changes", "code", "fields"), [
    ({"speaker_name": ""}, "invalid", ["speaker_name"]),
    ({"speaker_name": "x" * 201}, "invalid", ["speaker_name"]),
    ({"level": "king"}, "invalid", ["level"]),
    ({"level": None}, "invalid", ["level"]),
    ({"time_limit_minutes": 0}, "invalid", ["time_limit_minutes"]),
    ({"time_limit_minutes": 31}, "invalid", ["time_limit_minutes"]),
    ({"time_limit_minutes": "long"}, "invalid", ["time_limit_minutes"]),
    ({"language": ""}, "invalid", ["language"]),
    ({"language": "english!"}, "invalid_speaker", ["language"]),
    ({"inscribed_at": "yesterday"}, "invalid", ["inscribed_at"]),
    ({"session": 999999}, "invalid", ["session"]),
    ({"delegation": "France"}, "invalid", ["delegation"]),
    ({"order": 1}, "invalid", ["order"]),
    ({"status": "spoken"}, "invalid", ["status"]),
], ids=lambda value: str(value)[:40])
def test_inscribe_refuses_bad_input_naming_the_field(login, protocol, event, debate, changes,
                                                     code, fields):
    response = login(protocol).post("/api/v1/speakers/",
                                    inscription(debate, state(event, "VN"), **changes),
                                    format="json")
    error = _error(response, 400, code)
    assert sorted(error["fields"]) == fields
    assert SpeakerSlot.objects.count() == 0


def test_inscribe_names_every_missing_field(login, protocol):
    error = _error(login(protocol).post("/api/v1/speakers/", {}, format="json"), 400,
                   "invalid")
    assert sorted(error["fields"]) == ["delegation", "language", "level", "session",
                                       "speaker_name"]


def test_inscribe_on_a_session_without_a_speakers_list_is_refused(login, protocol, event,
                                                                  seminar):
    error = _error(login(protocol).post("/api/v1/speakers/",
                                        inscription(seminar, state(event, "VN")),
                                        format="json"), 400, "invalid_speaker")
    assert "Seminar on cybercrime" in error["message"]
    assert list(error["fields"]) == ["session"]


def test_inscribe_on_a_cancelled_session_is_refused(login, protocol, event, debate):
    debate.status = SessionStatus.CANCELLED
    debate.save()
    error = _error(login(protocol).post("/api/v1/speakers/",
                                        inscription(debate, state(event, "VN")),
                                        format="json"), 400, "invalid_speaker")
    assert list(error["fields"]) == ["session"]


def test_inscribe_a_delegation_of_another_event_is_refused(login, protocol, debate):
    other = state(EventFactory(), "PE")
    error = _error(login(protocol).post("/api/v1/speakers/", inscription(debate, other),
                                        format="json"), 400, "invalid_speaker")
    assert list(error["fields"]) == ["delegation"]
    assert SpeakerSlot.objects.count() == 0


def test_inscribe_twice_is_refused(login, protocol, debate, france):
    error = _error(login(protocol).post("/api/v1/speakers/",
                                        inscription(debate, france.delegation),
                                        format="json"), 409, "already_inscribed")
    assert error["message"] == "France is already on the speakers list of “High-level debate”."
    assert list(error["fields"]) == ["delegation"]
    assert SpeakerSlot.objects.count() == 1


def test_inscribe_after_withdrawing_says_to_put_it_back(login, protocol, debate, france):
    speaker_set_status(slot=france, by=protocol, status=SpeakerStatus.WITHDRAWN)
    error = _error(login(protocol).post("/api/v1/speakers/",
                                        inscription(debate, france.delegation),
                                        format="json"), 409, "already_inscribed")
    assert "(withdrawn): put it back on the list instead" in error["message"]


# Change


def test_patch_changes_the_speaker_and_keeps_the_place(login, protocol, france, senegal):
    response = login(protocol).patch(f"/api/v1/speakers/{senegal.pk}/", {
        "speaker_name": "Yassine Fall", "level": "foreign_minister", "language": "EN",
        "time_limit_minutes": 8}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["speaker_name"], body["level"], body["language"], body["time_limit_minutes"],
            body["order"]) == ("Yassine Fall", "foreign_minister", "en", 8, 2)
    senegal.refresh_from_db()
    assert (senegal.speaker_name, senegal.level) == ("Yassine Fall", "foreign_minister")


def test_patch_with_a_read_back_body_changes_nothing(login, protocol, france):
    client = login(protocol)
    url = f"/api/v1/speakers/{france.pk}/"
    before = client.get(url).json()
    response = client.patch(url, before, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == before


@pytest.mark.parametrize(("changes", "code", "fields"), [
    ({"speaker_name": "  "}, "invalid", ["speaker_name"]),
    ({"time_limit_minutes": 45}, "invalid", ["time_limit_minutes"]),
    ({"level": "emperor"}, "invalid", ["level"]),
    ({"language": "fr_FR"}, "invalid_speaker", ["language"]),
    ({"status": "spoken"}, "invalid", ["status"]),
    ({"order": 3}, "invalid", ["order"]),
    ({"delegation": "other"}, "invalid", ["delegation"]),
    ({"inscribed_at": "2020-01-01T00:00:00Z"}, "invalid", ["inscribed_at"]),
], ids=lambda value: str(value)[:40])
def test_patch_refuses_bad_input_naming_the_field(login, protocol, france, changes, code,
                                                  fields):
    response = login(protocol).patch(f"/api/v1/speakers/{france.pk}/", changes, format="json")
    error = _error(response, 400, code)
    assert sorted(error["fields"]) == fields
    france.refresh_from_db()
    assert (france.speaker_name, france.time_limit_minutes, france.language, france.status,
            france.order) == ("Speaker of FR", 5, "fr", SpeakerStatus.INSCRIBED, 1)


def test_patch_cannot_move_a_statement_to_another_session(login, protocol, france, seminar):
    error = _error(login(protocol).patch(f"/api/v1/speakers/{france.pk}/",
                                         {"session": seminar.pk}, format="json"), 400,
                   "invalid")
    assert error["fields"] == {"session": ["Cannot be changed once created."]}


def test_put_and_delete_are_not_offered(login, protocol, france):
    client = login(protocol)
    assert client.put(f"/api/v1/speakers/{france.pk}/", {}, format="json").status_code == 405
    assert client.delete(f"/api/v1/speakers/{france.pk}/").status_code == 405


# Move


def test_move_shifts_the_others(login, protocol, debate, france, senegal, chile):
    response = login(protocol).post(f"/api/v1/speakers/{chile.pk}/move/", {"order": 1},
                                    format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["delegation_name"], response.json()["order"]) == ("Chile", 1)
    assert _order(debate) == ["CL", "FR", "SN"]


@pytest.mark.parametrize(("payload", "code"), [
    ({}, "invalid"), ({"order": 0}, "invalid"), ({"order": "first"}, "invalid"),
    ({"order": None}, "invalid"), ({"order": 4}, "invalid_speaker"),
])
def test_move_refuses_a_bad_place(login, protocol, debate, france, senegal, chile, payload,
                                  code):
    response = login(protocol).post(f"/api/v1/speakers/{chile.pk}/move/", payload,
                                    format="json")
    error = _error(response, 400, code)
    assert list(error["fields"]) == ["order"]
    assert _order(debate) == ["FR", "SN", "CL"]


def test_move_says_which_places_exist(login, protocol, france, senegal, chile):
    error = _error(login(protocol).post(f"/api/v1/speakers/{chile.pk}/move/", {"order": 4},
                                        format="json"), 400, "invalid_speaker")
    assert error["fields"] == {"order": ["Choose a place from 1 to 3."]}


def test_move_of_a_withdrawn_statement_is_refused(login, protocol, debate, france, senegal):
    speaker_set_status(slot=senegal, by=protocol, status=SpeakerStatus.WITHDRAWN)
    error = _error(login(protocol).post(f"/api/v1/speakers/{senegal.pk}/move/", {"order": 1},
                                        format="json"), 400, "invalid_speaker")
    assert "Senegal has withdrawn" in error["message"]
    assert _order(debate) == ["FR"]


def test_move_of_an_unknown_statement_is_not_found(login, protocol):
    _error(login(protocol).post("/api/v1/speakers/999999/move/", {"order": 1}, format="json"),
           404, "not_found")


# Status


def test_status_spoken_keeps_the_place_and_withdrawn_closes_the_gap(login, protocol, debate,
                                                                    france, senegal, chile):
    client = login(protocol)
    spoken = client.post(f"/api/v1/speakers/{france.pk}/status/", {"status": "spoken"},
                         format="json")
    assert (spoken.status_code, spoken.json()["status"], spoken.json()["order"]) == (
        200, "spoken", 1)
    withdrawn = client.post(f"/api/v1/speakers/{senegal.pk}/status/", {"status": "withdrawn"},
                            format="json")
    assert (withdrawn.status_code, withdrawn.json()["status"], withdrawn.json()["order"]) == (
        200, "withdrawn", None)
    assert _order(debate) == ["FR", "CL"]
    back = client.post(f"/api/v1/speakers/{senegal.pk}/status/", {"status": "inscribed"},
                       format="json")
    assert (back.status_code, back.json()["order"]) == (200, 3)


def test_status_spoken_cannot_become_withdrawn(login, protocol, france):
    speaker_set_status(slot=france, by=protocol, status=SpeakerStatus.SPOKEN)
    error = _error(login(protocol).post(f"/api/v1/speakers/{france.pk}/status/",
                                        {"status": "withdrawn"}, format="json"), 409,
                   "invalid_transition")
    assert error["message"] == ("The statement of France is spoken; it cannot become "
                                "withdrawn.")
    france.refresh_from_db()
    assert france.status == SpeakerStatus.SPOKEN


@pytest.mark.parametrize("payload", [{}, {"status": "gone"}, {"status": ""},
                                     {"status": None}])
def test_status_refuses_unknown_statuses(login, protocol, france, payload):
    error = _error(login(protocol).post(f"/api/v1/speakers/{france.pk}/status/", payload,
                                        format="json"), 400, "invalid")
    assert list(error["fields"]) == ["status"]
    france.refresh_from_db()
    assert france.status == SpeakerStatus.INSCRIBED


# Order by precedence


def test_order_by_precedence(login, protocol, event, debate):
    slot_of(debate, "SN", order=1, level=L.MINISTER, minutes_ago=30)
    spoken = slot_of(debate, "CL", order=2, level=L.AMBASSADOR, minutes_ago=20)
    slot_of(debate, "FR", order=3, level=L.HEAD_OF_STATE, minutes_ago=5)
    slot_of(debate, "MA", order=4, level=L.MINISTER, minutes_ago=40)
    speaker_set_status(slot=spoken, by=protocol, status=SpeakerStatus.SPOKEN)
    slot_of(SessionFactory(event=event, kind=SessionKind.PLENARY, starts_at=at(event, 9, day=1),
                           ends_at=at(event, 10, day=1)), "BE", order=1)
    response = login(protocol).post("/api/v1/speakers/order/", {"session": debate.pk},
                                    format="json")
    assert response.status_code == 200, response.content
    assert [(row["delegation_name"], row["order"]) for row in response.json()] == [
        ("Chile", 1), ("France", 2), ("Morocco", 3), ("Senegal", 4)]
    assert _order(debate) == ["CL", "FR", "MA", "SN"]


@pytest.mark.parametrize(("payload", "message"), [
    ({}, "This field is required."),
    ({"session": 999999}, "Invalid pk"),
    ({"session": "plenary"}, "Incorrect type"),
    ("seminar", "has no speakers list"),
])
def test_order_refuses_a_bad_session(login, protocol, seminar, payload, message):
    if payload == "seminar":
        payload = {"session": seminar.pk}
    error = _error(login(protocol).post("/api/v1/speakers/order/", payload, format="json"),
                   400, "invalid")
    assert list(error["fields"]) == ["session"]
    assert message in error["fields"]["session"][0]


# Who may


@pytest.fixture
def speaker_writes(event, debate, france, senegal):
    return {
        "inscribe": ("post", "/api/v1/speakers/", inscription(debate, state(event, "VN")),
                     201),
        "update": ("patch", f"/api/v1/speakers/{france.pk}/", {"time_limit_minutes": 3}, 200),
        "move": ("post", f"/api/v1/speakers/{senegal.pk}/move/", {"order": 1}, 200),
        "status": ("post", f"/api/v1/speakers/{france.pk}/status/", {"status": "spoken"}, 200),
        "order": ("post", "/api/v1/speakers/order/", {"session": debate.pk}, 200),
    }


def _state_of(debate):
    return sorted(SpeakerSlot.objects.filter(session=debate).values_list(
        "delegation__country__code", "order", "status", "time_limit_minutes"))


@pytest.mark.parametrize("name", ["protocol", "secretariat", "write_key"])
def test_speaker_writes_by_allowed_roles(clients, speaker_writes, name):
    client = clients(name)
    results = {action: getattr(client, method)(url, payload, format="json").status_code
               for action, (method, url, payload, _status) in speaker_writes.items()}
    assert results == {action: status for action, (*_r, status) in speaker_writes.items()}


@pytest.mark.parametrize(("name", "status"), [
    ("anonymous", 401), ("no_role", 403), ("focal_point", 403), ("observer", 403),
    ("steering", 403), ("programme", 403), ("read_key", 403),
])
def test_speaker_writes_refused(clients, debate, speaker_writes, name, status):
    before = _state_of(debate)
    client = clients(name)
    results = {action: getattr(client, method)(url, payload, format="json").status_code
               for action, (method, url, payload, _status) in speaker_writes.items()}
    assert results == dict.fromkeys(speaker_writes, status)
    assert _state_of(debate) == before

