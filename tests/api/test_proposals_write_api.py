"""The programme office's actions on side-event proposals over the API: decide, schedule and
withdraw, through the same services as the review pages. Reviews stay out of every response,
every mail and the schema."""

import json

import pytest

from logistics.programme.enums import SessionKind, SessionStatus
from logistics.programme.models import Session
from logistics.side_events.enums import ProposalStatus
from logistics.side_events.models import SideEventProposal
from logistics.side_events.services.decisions import proposal_schedule
from tests.factories.plan import EventFactory
from tests.factories.programme import RoomFactory, SessionFactory, VenueFactory, at
from tests.factories.side_events import ProposalFactory, ReviewFactory

# Queued tasks run here and now (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("celery_eager", "site_url")

S = ProposalStatus
SECRET_REVIEW = "Secret reviewer remark"


@pytest.fixture
def proposal(event, programme):
    """Submitted, with a review the organiser must never see."""
    proposal = ProposalFactory(event=event, title="Evidence across borders",
                               organiser_email="lan@icl.example", expected_audience=60)
    ReviewFactory(proposal=proposal, reviewer=programme, score=2, comment=SECRET_REVIEW)
    return proposal


@pytest.fixture
def accepted(event):
    return ProposalFactory(event=event, title="Forensics tools", status=S.ACCEPTED,
                           expected_audience=40)


@pytest.fixture
def room_b(event):
    return RoomFactory(venue=VenueFactory(event=event), name="Room B", capacity=80)


def _decide(client, proposal, status):
    return client.post(f"/api/v1/side-event-proposals/{proposal.pk}/decide/",
                       {"status": status}, format="json")


def _schedule(client, proposal, into, start, end, **changes):
    payload = {"room": into.pk, "starts_at": start, "ends_at": end}
    payload.update(changes)
    return client.post(f"/api/v1/side-event-proposals/{proposal.pk}/schedule/", payload,
                       format="json")


def _times(event, start, end, day=0):
    return at(event, start, day=day).isoformat(), at(event, end, day=day).isoformat()


def _error(response, status, code):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code
    return error


def _assert_private(response, proposal):
    content = response.content.decode()
    assert SECRET_REVIEW not in content
    assert proposal.confirm_token not in content
    assert "review" not in content and "score" not in content


# Decide


def test_decide_accept_records_who_and_mails_the_organiser_without_reviews(
        login, programme, proposal, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(login(programme), proposal, "accepted")
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["reference"]) == (
        "accepted", proposal.reference)
    assert response.json()["decided_at"] is not None
    _assert_private(response, proposal)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (S.ACCEPTED, programme)
    [mail] = mailoutbox
    assert mail.to == ["lan@icl.example"]
    assert "accepted" in mail.subject
    assert f"https://accord.example.org/side-events/confirm/{proposal.confirm_token}/" \
        in mail.body
    for text in (mail.subject, mail.body, mail.alternatives[0][0]):
        assert SECRET_REVIEW not in text
        assert "score" not in text.lower()


@pytest.mark.parametrize(("status", "phrase"), [("waitlisted", "waiting list"),
                                                ("rejected", "cannot include")])
def test_decide_waitlist_or_reject_mails_without_link_or_review(
        login, secretariat, proposal, mailoutbox, status, phrase,
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(login(secretariat), proposal, status)
    assert (response.status_code, response.json()["status"]) == (200, status)
    [mail] = mailoutbox
    assert phrase in mail.body
    assert "/side-events/confirm/" not in mail.body
    assert SECRET_REVIEW not in mail.body and SECRET_REVIEW not in mail.alternatives[0][0]


def test_decide_by_a_key_is_made_by_no_person(bearer, write_key, proposal, mailoutbox,
                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(bearer(write_key), proposal, "waitlisted")
    assert response.status_code == 200, response.content
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (S.WAITLISTED, None)
    assert len(mailoutbox) == 1


def test_decide_mails_nothing_until_the_transaction_commits(login, programme, proposal,
                                                           mailoutbox):
    assert _decide(login(programme), proposal, "accepted").status_code == 200
    assert mailoutbox == []


@pytest.mark.parametrize("payload", [{}, {"status": "withdrawn"}, {"status": "submitted"},
                                     {"status": "maybe"}, {"status": ""}, {"status": None},
                                     {"status": ["accepted"]}])
def test_decide_refuses_what_is_not_a_decision(login, programme, proposal, mailoutbox,
                                               payload, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(programme).post(
            f"/api/v1/side-event-proposals/{proposal.pk}/decide/", payload, format="json")
    error = _error(response, 400, "invalid")
    assert list(error["fields"]) == ["status"]
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_at) == (S.SUBMITTED, None)
    assert mailoutbox == []


@pytest.mark.parametrize(("start", "decision"), [
    (S.REJECTED, "accepted"), (S.ACCEPTED, "rejected"), (S.ACCEPTED, "waitlisted"),
    (S.WITHDRAWN, "accepted"),
])
def test_decide_follows_the_transitions(login, programme, event, mailoutbox, start, decision,
                                        django_capture_on_commit_callbacks):
    proposal = ProposalFactory(event=event, status=start)
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(login(programme), proposal, decision)
    error = _error(response, 409, "invalid_transition")
    assert proposal.reference in error["message"]
    proposal.refresh_from_db()
    assert proposal.status == start
    assert mailoutbox == []


def test_a_waitlisted_proposal_can_be_accepted(login, programme, event):
    proposal = ProposalFactory(event=event, status=S.WAITLISTED)
    assert _decide(login(programme), proposal, "accepted").json()["status"] == "accepted"


def test_decide_on_an_unknown_proposal_is_not_found(login, programme):
    response = login(programme).post("/api/v1/side-event-proposals/999999/decide/",
                                     {"status": "accepted"}, format="json")
    _error(response, 404, "not_found")


# Schedule


def test_schedule_books_a_side_event_session(login, programme, event, accepted, room_b):
    day = event.start_date.isoformat()
    response = _schedule(login(programme), accepted, room_b, f"{day}T14:00:00",
                         f"{day}T15:30:00")
    assert response.status_code == 200, response.content
    body = response.json()
    accepted.refresh_from_db()
    assert (body["status"], body["session"]) == ("accepted", accepted.session_id)
    session = Session.objects.get(pk=accepted.session_id)
    assert (session.kind, session.status, session.room, session.title,
            session.expected_audience) == (SessionKind.SIDE_EVENT, SessionStatus.SCHEDULED,
                                           room_b, "Forensics tools", 40)
    # Without an offset, the times are read at the venue.
    assert (session.starts_at, session.ends_at) == (at(event, 14), at(event, 15, 30))
    _assert_private(response, accepted)


def test_schedule_again_moves_the_same_session(login, programme, event, accepted, room_b):
    client = login(programme)
    first = _schedule(client, accepted, room_b, *_times(event, 9, 10)).json()["session"]
    moved = _schedule(client, accepted, room_b, *_times(event, 16, 17, day=1))
    assert (moved.status_code, moved.json()["session"]) == (200, first)
    assert Session.objects.get(pk=first).starts_at == at(event, 16, day=1)
    assert Session.objects.count() == 1


def test_schedule_into_a_booked_room_is_refused_naming_the_clash(login, programme, event,
                                                                 accepted, room_b):
    SessionFactory(event=event, room=room_b, kind=SessionKind.SEMINAR, title="Seminar",
                   starts_at=at(event, 10), ends_at=at(event, 11))
    error = _error(_schedule(login(programme), accepted, room_b, *_times(event, 10, 12)), 409,
                   "room_clash")
    assert "Room B" in error["message"] and "“Seminar”" in error["message"]
    accepted.refresh_from_db()
    assert accepted.session is None
    assert Session.objects.count() == 1


def test_schedule_into_a_room_too_small_is_refused(login, programme, event, room_b):
    crowd = ProposalFactory(event=event, status=S.ACCEPTED, expected_audience=150)
    error = _error(_schedule(login(programme), crowd, room_b, *_times(event, 10, 12)), 409,
                   "capacity_exceeded")
    assert "Room B" in error["message"]
    assert Session.objects.count() == 0


@pytest.mark.parametrize("status", [S.SUBMITTED, S.WAITLISTED, S.REJECTED])
def test_only_accepted_side_events_are_scheduled(login, programme, event, room_b, status):
    proposal = ProposalFactory(event=event, status=status)
    error = _error(_schedule(login(programme), proposal, room_b, *_times(event, 10, 12)), 409,
                   "invalid_transition")
    assert proposal.reference in error["message"]
    assert Session.objects.count() == 0


@pytest.mark.parametrize(("changes", "field"), [
    ({"room": None}, "room"),
    ({"room": 999999}, "room"),
    ({"room": "Room B"}, "room"),
    ({"starts_at": None}, "starts_at"),
    ({"starts_at": "tomorrow morning"}, "starts_at"),
    ({"ends_at": ""}, "ends_at"),
    ("ends before it starts", "ends_at"),
    ("no fields", None),
])
def test_schedule_refuses_bad_input_naming_the_field(login, programme, event, accepted,
                                                     room_b, changes, field):
    start, end = _times(event, 10, 12)
    client = login(programme)
    if changes == "no fields":
        response = client.post(f"/api/v1/side-event-proposals/{accepted.pk}/schedule/", {},
                               format="json")
        fields = ["ends_at", "room", "starts_at"]
    elif changes == "ends before it starts":
        response = _schedule(client, accepted, room_b, end, start)
        fields = [field]
    else:
        response = _schedule(client, accepted, room_b, start, end, **changes)
        fields = [field]
    error = _error(response, 400, "invalid")
    assert sorted(error["fields"]) == fields
    assert Session.objects.count() == 0


def test_schedule_into_a_room_of_another_event_is_refused(login, programme, accepted):
    elsewhere = RoomFactory(venue=VenueFactory(event=EventFactory()), name="Far away")
    error = _error(_schedule(login(programme), accepted, elsewhere,
                             *_times(accepted.event, 10, 12)), 400, "invalid_session")
    assert list(error["fields"]) == ["room"]
    assert Session.objects.count() == 0


def test_schedule_outside_the_event_days_is_refused(login, programme, event, accepted,
                                                    room_b):
    error = _error(_schedule(login(programme), accepted, room_b,
                             *_times(event, 10, 12, day=5)), 400, "invalid_session")
    assert list(error["fields"]) == ["starts_at"]
    assert Session.objects.count() == 0


# Withdraw


def test_withdraw_cancels_the_booked_session(login, programme, event, accepted, room_b):
    session = proposal_schedule(proposal=accepted, by=programme, room=room_b,
                                starts_at=at(event, 10), ends_at=at(event, 11))
    response = login(programme).post(
        f"/api/v1/side-event-proposals/{accepted.pk}/withdraw/", format="json")
    assert (response.status_code, response.json()["status"]) == (200, "withdrawn")
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    _assert_private(response, accepted)


@pytest.mark.parametrize("status", [S.REJECTED, S.WITHDRAWN])
def test_withdraw_a_closed_proposal_is_refused(login, programme, event, status):
    proposal = ProposalFactory(event=event, status=status)
    error = _error(login(programme).post(
        f"/api/v1/side-event-proposals/{proposal.pk}/withdraw/", format="json"), 409,
        "invalid_transition")
    assert proposal.reference in error["message"]
    proposal.refresh_from_db()
    assert proposal.status == status


# Who may


@pytest.fixture
def proposal_writes(event, proposal, accepted, room_b):
    start, end = _times(event, 10, 12)
    withdrawn = ProposalFactory(event=event, title="Training judges")
    base = "/api/v1/side-event-proposals"
    return {
        "decide": (f"{base}/{proposal.pk}/decide/", {"status": "accepted"}),
        "schedule": (f"{base}/{accepted.pk}/schedule/",
                     {"room": room_b.pk, "starts_at": start, "ends_at": end}),
        "withdraw": (f"{base}/{withdrawn.pk}/withdraw/", {}),
    }


def _statuses(event):
    return sorted(SideEventProposal.objects.filter(event=event)
                  .values_list("title", "status", "session"))


@pytest.mark.parametrize("name", ["programme", "secretariat", "write_key"])
def test_proposal_writes_by_allowed_roles(clients, event, proposal_writes, name):
    client = clients(name)
    results = {action: client.post(url, payload, format="json").status_code
               for action, (url, payload) in proposal_writes.items()}
    assert results == dict.fromkeys(proposal_writes, 200)
    assert [status for _title, status, _session in _statuses(event)] == [
        S.ACCEPTED, S.ACCEPTED, S.WITHDRAWN]


@pytest.mark.parametrize(("name", "status"), [
    ("anonymous", 401), ("no_role", 403), ("focal_point", 403), ("observer", 403),
    ("steering", 403), ("protocol", 403), ("read_key", 403),
])
def test_proposal_writes_refused(clients, event, proposal_writes, mailoutbox, name, status,
                                 django_capture_on_commit_callbacks):
    before = _statuses(event)
    client = clients(name)
    with django_capture_on_commit_callbacks(execute=True):
        results = {action: client.post(url, payload, format="json").status_code
                   for action, (url, payload) in proposal_writes.items()}
    assert results == dict.fromkeys(proposal_writes, status)
    assert _statuses(event) == before
    assert Session.objects.count() == 0
    assert mailoutbox == []


# The schema


def test_schema_documents_the_actions_without_reviews(login, observer):
    schema = login(observer).get("/api/schema/?format=json").json()
    base = "/api/v1/side-event-proposals/{id}"
    for action in ("decide", "schedule", "withdraw"):
        operation = schema["paths"][f"{base}/{action}/"]["post"]
        assert {"200", "409"} <= set(operation["responses"])
    decide = schema["paths"][f"{base}/decide/"]["post"]
    assert "invalid_transition" in decide["responses"]["409"]["description"]
    schedule = schema["paths"][f"{base}/schedule/"]["post"]
    assert "room_clash" in schedule["responses"]["409"]["description"]
    components = schema["components"]["schemas"]
    assert set(components["ProposalScheduleRequest"]["properties"]) == {
        "room", "starts_at", "ends_at"}
    assert set(components["ProposalDecisionEnum"]["enum"]) == {
        "accepted", "waitlisted", "rejected"}
    assert "confirm_token" not in json.dumps(schema)
    for name, component in components.items():
        if name.startswith("Proposal"):
            assert not {p for p in component.get("properties", {})
                        if "review" in p or "score" in p}, name
