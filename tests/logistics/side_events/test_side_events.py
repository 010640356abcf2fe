from datetime import timedelta
from functools import partial

import pytest
from django.utils import timezone

from logistics.core.enums import Role
from logistics.core.errors import InvalidTransition, NotAllowed
from logistics.programme.enums import SessionKind, SessionStatus
from logistics.programme.errors import CapacityExceeded, InvalidSession, RoomClash
from logistics.programme.models import Session
from logistics.programme.queries import sessions_on
from logistics.programme.services.sessions import session_cancel
from logistics.side_events.enums import ProposalStatus
from logistics.side_events.errors import (
    ConfirmationUnusable,
    InvalidProposal,
    InvalidReview,
    ProposalsClosed,
    ReviewClosed,
)
from logistics.side_events.models import ProposalReview, SideEventProposal
from logistics.side_events.queries import proposals, reviews_for
from logistics.side_events.services.decisions import (
    proposal_decide,
    proposal_decision_mail_send,
    proposal_schedule,
    proposal_withdraw,
    review_save,
)
from logistics.side_events.services.proposals import (
    MAX_AUDIENCE,
    proposal_confirm,
    proposal_for_token,
    proposal_received_mail_send,
    proposal_submit,
)
from tests.factories.plan import EventFactory, user_with_role
from tests.factories.programme import RoomFactory, SessionFactory, VenueFactory, at
from tests.factories.side_events import ABSTRACT, ProposalFactory, ReviewFactory
from tests.html import text_of
from tests.races import codes, race

# Queued tasks run here and now (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("celery_eager", "site_url")


@pytest.fixture
def officer(db):
    return user_with_role(Role.PROGRAMME, username="programme", first_name="Lan",
                          last_name="Nguyen")


@pytest.fixture
def second_officer(db):
    return user_with_role(Role.PROGRAMME, username="programme2")


@pytest.fixture
def proposal(event):
    return ProposalFactory(event=event, title="Electronic evidence across borders",
                           organiser_email="unodc@example.org", expected_audience=60)


@pytest.fixture
def room(event):
    return RoomFactory(venue=VenueFactory(event=event), name="Room B", capacity=80)


def good(event, **changes):
    day = event.start_date.isoformat()
    fields = {
        "organiser_name": "Trần Thị Mai",
        "organiser_organisation": "Institute for Cyber Law",
        "organiser_email": "mai@icl.example",
        "co_organisers": "  Council of Europe \n\nUNODC\n council of europe \n",
        "title": "  Electronic   evidence across borders ",
        "abstract": ABSTRACT,
        "format": "panel",
        "languages": ["fr", "en"],
        "expected_audience": 80,
        "technical_needs": "Two microphones and a projector.",
        "preferred_slots": [f"{day}:pm", f"{day}:am"],
    }
    return {**fields, **changes}


def submit(event, capture, **changes):
    with capture(execute=True):
        return proposal_submit(event=event, **good(event, **changes))


# The public proposal


def test_submit_saves_a_tidy_proposal_and_mails_its_reference(event, mailoutbox,
                                                              django_capture_on_commit_callbacks):
    proposal = submit(event, django_capture_on_commit_callbacks)
    proposal.refresh_from_db()
    assert proposal.reference.startswith("SE-") and len(proposal.reference) == 9
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.title == "Electronic evidence across borders"
    assert proposal.co_organisers == "Council of Europe\nUNODC"
    assert proposal.languages == ["en", "fr"]  # the event's order
    day = event.start_date.isoformat()
    assert proposal.preferred_slots == [f"{day}:am", f"{day}:pm"]
    [mail] = mailoutbox
    assert mail.to == ["mai@icl.example"]
    assert proposal.reference in mail.subject
    assert proposal.reference in mail.body
    # What the organiser typed stays out (anyone may type anyone's address); our words in.
    assert "Electronic evidence across borders" not in mail.body
    assert f"{day}, Morning; {day}, Afternoon" in mail.body


def test_submit_takes_the_events_and_the_un_languages(db, django_capture_on_commit_callbacks):
    event = EventFactory(languages=["vi", "en"])
    proposal = submit(event, django_capture_on_commit_callbacks,
                      languages=["es", "ar", "vi", "zh"])
    assert proposal.languages == ["vi", "ar", "zh", "es"]
    bare = EventFactory(languages=[])
    assert submit(bare, django_capture_on_commit_callbacks, languages=["ru"]).languages == ["ru"]


BAD_INPUT = [
    ("languages", {"languages": ["de"]}, "Not a language on the list: de"),
    ("languages", {"languages": []}, "Choose at least one language."),
    ("languages", {"languages": "en"}, "Choose the languages from the list."),
    ("expected_audience", {"expected_audience": 0}, "between 1 and"),
    ("expected_audience", {"expected_audience": -5}, "between 1 and"),
    ("expected_audience", {"expected_audience": MAX_AUDIENCE + 1}, "between 1 and"),
    ("expected_audience", {"expected_audience": "many"}, "whole number"),
    ("expected_audience", {"expected_audience": None}, "whole number"),
    ("preferred_slots", {"preferred_slots": ["2001-01-01:am"]}, "is not a day of the event"),
    ("preferred_slots", {"preferred_slots": ["{day}:night"]}, "is not a slot"),
    ("preferred_slots", {"preferred_slots": ["tomorrow"]}, "is not a slot"),
    ("preferred_slots", {"preferred_slots": "{day}:am"}, "from the grid"),
    ("co_organisers", {"co_organisers": "\n".join(f"Org {n}" for n in range(21))}, "at most 20"),
    ("co_organisers", {"co_organisers": "X" * 201}, "at most 200 characters"),
    ("abstract", {"abstract": "Too short."}, "At least 50 characters"),
    ("abstract", {"abstract": "word " * 700}, "At most 3000 characters"),
    ("abstract", {"abstract": "   "}, "cannot be blank"),
    ("technical_needs", {"technical_needs": "x" * 2001}, "At most 2000 characters"),
    ("title", {"title": " "}, "cannot be blank"),
    ("title", {"title": "T" * 301}, "at most 300 characters"),
    ("organiser_name", {"organiser_name": ""}, "cannot be blank"),
    ("organiser_organisation", {"organiser_organisation": ""}, "cannot be blank"),
    ("organiser_email", {"organiser_email": "mai at icl"}, "valid email"),
    ("format", {"format": "concert"}, "is not a valid choice"),
]


@pytest.mark.parametrize(("field", "changes", "message"), BAD_INPUT,
                         ids=[f"{f}-{i}" for i, (f, _c, _m) in enumerate(BAD_INPUT)])
def test_submit_refuses_bad_input_naming_the_field(event, mailoutbox, field, changes, message,
                                                   django_capture_on_commit_callbacks):
    day = event.start_date.isoformat()
    changes = {name: value.replace("{day}", day) if isinstance(value, str) else
               [v.replace("{day}", day) for v in value] if isinstance(value, list) else value
               for name, value in changes.items()}
    with pytest.raises(InvalidProposal) as caught:
        submit(event, django_capture_on_commit_callbacks, **changes)
    assert list(caught.value.fields) == [field]
    assert message in " ".join(caught.value.fields[field])
    assert caught.value.code == "invalid_proposal"
    assert SideEventProposal.objects.count() == 0
    assert mailoutbox == []


def test_submit_names_every_bad_field_at_once(event, django_capture_on_commit_callbacks):
    with pytest.raises(InvalidProposal) as caught:
        submit(event, django_capture_on_commit_callbacks, title="", languages=["xx"],
               expected_audience=0, preferred_slots=["2001-01-01:am"])
    assert set(caught.value.fields) == {"title", "languages", "expected_audience",
                                        "preferred_slots"}


def test_submit_is_refused_once_the_event_has_started(event):
    with pytest.raises(ProposalsClosed) as caught:
        proposal_submit(event=event, now=event.starts_at(), **good(event))
    assert event.name in caught.value.message
    assert SideEventProposal.objects.count() == 0
    proposal = proposal_submit(event=event, now=event.starts_at() - timedelta(seconds=1),
                               **good(event))
    assert proposal.pk


# Blind reviews


def test_review_is_created_then_updated_by_the_same_reviewer(proposal, officer):
    review_save(proposal=proposal, by=officer, score=3, comment="Good idea.")
    review = review_save(proposal=proposal, by=officer, score=5, comment="  Excellent.  ")
    assert ProposalReview.objects.filter(proposal=proposal).count() == 1
    review.refresh_from_db()
    assert (review.score, review.comment) == (5, "Excellent.")


@pytest.mark.parametrize("score", [0, 6, "5", True, None, 4.5])
def test_review_refuses_a_score_outside_one_to_five(proposal, officer, score):
    with pytest.raises(InvalidReview) as caught:
        review_save(proposal=proposal, by=officer, score=score)
    assert "from 1 to 5" in caught.value.fields["score"][0]
    assert not ProposalReview.objects.exists()


def test_review_refuses_an_overlong_comment(proposal, officer):
    with pytest.raises(InvalidReview) as caught:
        review_save(proposal=proposal, by=officer, score=3, comment="x" * 4001)
    assert "comment" in caught.value.fields


@pytest.mark.parametrize("role", [Role.PROTOCOL, Role.STEERING, Role.OBSERVER,
                                  Role.FOCAL_POINT])
def test_only_the_programme_office_reviews(proposal, role):
    with pytest.raises(NotAllowed):
        review_save(proposal=proposal, by=user_with_role(role), score=3)
    with pytest.raises(NotAllowed):
        review_save(proposal=proposal, by=None, score=3)


def test_secretariat_may_review(proposal, secretariat):
    assert review_save(proposal=proposal, by=secretariat, score=2).pk


@pytest.mark.parametrize("status", [ProposalStatus.ACCEPTED, ProposalStatus.REJECTED,
                                    ProposalStatus.WITHDRAWN])
def test_reviews_close_once_the_proposal_is_decided(event, officer, status):
    proposal = ProposalFactory(event=event, status=status)
    with pytest.raises(ReviewClosed):
        review_save(proposal=proposal, by=officer, score=3)


def test_a_waitlisted_proposal_can_still_be_reviewed(event, officer):
    proposal = ProposalFactory(event=event, status=ProposalStatus.WAITLISTED)
    assert review_save(proposal=proposal, by=officer, score=4).pk


def test_other_scores_are_hidden_until_the_reviewer_has_scored(proposal, officer,
                                                               second_officer):
    ReviewFactory(proposal=proposal, reviewer=second_officer, score=2, comment="Too narrow.")
    assert reviews_for(proposal, officer) == (None, [], 1)
    row = proposals(proposal.event, user=officer).get()
    assert (row.review_count, row.my_score, row.average_score) == (1, None, None)

    mine = review_save(proposal=proposal, by=officer, score=5)
    own, others, hidden = reviews_for(proposal, officer)
    assert (own, [o.comment for o in others], hidden) == (mine, ["Too narrow."], 0)
    row = proposals(proposal.event, user=officer).get()
    assert (row.review_count, row.my_score, row.average_score) == (2, 5, 3.5)


# Decisions


def test_accepting_records_who_and_mails_the_confirmation_link_without_reviews(
        proposal, officer, second_officer, mailoutbox, django_capture_on_commit_callbacks):
    ReviewFactory(proposal=proposal, reviewer=second_officer, score=2,
                  comment="Secret reviewer remark")
    review_save(proposal=proposal, by=officer, score=5, comment="Another private note")
    with django_capture_on_commit_callbacks(execute=True):
        proposal_decide(proposal=proposal, by=officer, status=ProposalStatus.ACCEPTED)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert proposal.decided_by == officer
    assert proposal.decided_at is not None
    [mail] = mailoutbox
    assert mail.to == ["unodc@example.org"]
    assert "accepted" in mail.subject
    assert f"https://accord.example.org/side-events/confirm/{proposal.confirm_token}/" in mail.body
    html = mail.alternatives[0][0]
    for text in (mail.subject, mail.body, html):
        assert "Secret reviewer remark" not in text
        assert "Another private note" not in text
        assert "score" not in text.lower()
        assert "review" not in text.lower().replace("will review", "")


def test_acceptance_mail_gives_the_time_at_the_venue_whatever_the_servers_zone(
        settings, officer, mailoutbox):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    paris = EventFactory(time_zone="Europe/Paris")
    proposal = ProposalFactory(event=paris, status=ProposalStatus.ACCEPTED)
    proposal_schedule(proposal=proposal, by=officer,
                      room=RoomFactory(venue=VenueFactory(event=paris), name="Salle 2"),
                      starts_at=at(paris, 9), ends_at=at(paris, 10, 30))
    assert proposal_decision_mail_send(proposal_id=proposal.pk, status=ProposalStatus.ACCEPTED)
    [mail] = mailoutbox
    scheduled = f"Salle 2 on {paris.start_date.isoformat()}, 09:00–10:30 (local time)"
    assert scheduled in mail.body and scheduled in text_of(mail.alternatives[0][0])


@pytest.mark.parametrize(("status", "phrase"), [(ProposalStatus.WAITLISTED, "waiting list"),
                                                (ProposalStatus.REJECTED, "cannot include")])
def test_waitlist_and_reject_mails_carry_no_link_and_no_review(
        proposal, officer, mailoutbox, status, phrase, django_capture_on_commit_callbacks):
    review_save(proposal=proposal, by=officer, score=1, comment="Weak speakers")
    with django_capture_on_commit_callbacks(execute=True):
        proposal_decide(proposal=proposal, by=officer, status=status)
    [mail] = mailoutbox
    assert phrase in mail.body
    assert "/side-events/confirm/" not in mail.body
    assert "Weak speakers" not in mail.body and "Weak speakers" not in mail.alternatives[0][0]


def test_a_waitlisted_proposal_can_be_accepted_later(proposal, officer):
    proposal_decide(proposal=proposal, by=officer, status=ProposalStatus.WAITLISTED)
    proposal_decide(proposal=proposal, by=officer, status=ProposalStatus.ACCEPTED)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED


@pytest.mark.parametrize(("start", "decision"), [
    (ProposalStatus.ACCEPTED, ProposalStatus.ACCEPTED),
    (ProposalStatus.ACCEPTED, ProposalStatus.REJECTED),
    (ProposalStatus.REJECTED, ProposalStatus.ACCEPTED),
    (ProposalStatus.WITHDRAWN, ProposalStatus.WAITLISTED),
])
def test_decisions_follow_the_transitions(event, officer, start, decision):
    proposal = ProposalFactory(event=event, status=start)
    with pytest.raises(InvalidTransition) as caught:
        proposal_decide(proposal=proposal, by=officer, status=decision)
    assert proposal.reference in caught.value.message
    proposal.refresh_from_db()
    assert proposal.status == start


@pytest.mark.parametrize("status", ["withdrawn", "submitted", "maybe", ""])
def test_only_accept_waitlist_and_reject_are_decisions(proposal, officer, status):
    with pytest.raises(InvalidTransition) as caught:
        proposal_decide(proposal=proposal, by=officer, status=status)
    assert "is not a decision" in caught.value.message


def test_only_the_programme_office_decides(proposal, protocol):
    with pytest.raises(NotAllowed):
        proposal_decide(proposal=proposal, by=protocol, status=ProposalStatus.ACCEPTED)


def test_a_superseded_decision_is_not_mailed(proposal, officer, mailoutbox):
    proposal_decide(proposal=proposal, by=officer, status=ProposalStatus.WAITLISTED)
    proposal_decide(proposal=proposal, by=officer, status=ProposalStatus.ACCEPTED)
    assert proposal_decision_mail_send(proposal_id=proposal.pk,
                                       status=ProposalStatus.WAITLISTED) is False
    assert proposal_decision_mail_send(proposal_id=proposal.pk,
                                       status=ProposalStatus.ACCEPTED) is True
    assert len(mailoutbox) == 1


def test_a_decision_is_mailed_once_however_often_its_task_runs(proposal, officer, mailoutbox):
    proposal_decide(proposal=proposal, by=officer, status=ProposalStatus.WAITLISTED)
    assert proposal_decision_mail_send(proposal_id=proposal.pk,
                                       status=ProposalStatus.WAITLISTED) is True
    assert proposal_decision_mail_send(proposal_id=proposal.pk,
                                       status=ProposalStatus.WAITLISTED) is False
    proposal_decide(proposal=proposal, by=officer, status=ProposalStatus.ACCEPTED)
    assert proposal_decision_mail_send(proposal_id=proposal.pk,
                                       status=ProposalStatus.ACCEPTED) is True
    assert proposal_decision_mail_send(proposal_id=proposal.pk,
                                       status=ProposalStatus.ACCEPTED) is False
    assert [("waiting list" in m.body, "confirm" in m.body.lower()) for m in mailoutbox] == [
        (True, False), (False, True)]


def test_the_reference_is_mailed_once_and_again_after_a_failed_send(proposal, mailoutbox,
                                                                      settings):
    settings.EMAIL_BACKEND = "tests.logistics.side_events.test_side_events.BrokenMailBackend"
    with pytest.raises(OSError):
        proposal_received_mail_send(proposal_id=proposal.pk)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert proposal_received_mail_send(proposal_id=proposal.pk) is True
    assert proposal_received_mail_send(proposal_id=proposal.pk) is False
    assert [proposal.reference in m.body for m in mailoutbox] == [True]


class BrokenMailBackend:
    """A mail server that refuses the connection."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("connection refused")


# The organiser's confirmation


def test_confirm_link_confirms_an_accepted_side_event_once(proposal, officer):
    proposal_decide(proposal=proposal, by=officer, status=ProposalStatus.ACCEPTED)
    first = proposal_confirm(token=proposal.confirm_token)
    again = proposal_confirm(token=proposal.confirm_token,
                             now=timezone.now() + timedelta(hours=1))
    assert first.confirmed_at is not None
    assert again.confirmed_at == first.confirmed_at


def test_confirm_link_refuses_unknown_tokens(db):
    for token in ("", "not-a-token"):
        with pytest.raises(ConfirmationUnusable) as caught:
            proposal_confirm(token=token)
        assert "not valid" in caught.value.message


@pytest.mark.parametrize("status", [ProposalStatus.SUBMITTED, ProposalStatus.WAITLISTED,
                                    ProposalStatus.REJECTED, ProposalStatus.WITHDRAWN])
def test_confirm_link_works_only_for_accepted_side_events(event, status):
    proposal = ProposalFactory(event=event, status=status)
    with pytest.raises(ConfirmationUnusable) as caught:
        proposal_confirm(token=proposal.confirm_token)
    assert "not an accepted side event" in caught.value.message
    proposal.refresh_from_db()
    assert proposal.confirmed_at is None


def test_confirm_link_expires_when_the_event_starts(event):
    proposal = ProposalFactory(event=event, status=ProposalStatus.ACCEPTED)
    with pytest.raises(ConfirmationUnusable) as caught:
        proposal_confirm(token=proposal.confirm_token, now=event.starts_at())
    assert "expired" in caught.value.message
    assert proposal_for_token(proposal.confirm_token,
                              now=event.starts_at() - timedelta(minutes=1)) == proposal


# Scheduling


def accepted(event):
    return ProposalFactory(event=event, status=ProposalStatus.ACCEPTED, title="Cyber panel",
                           organiser_organisation="UNODC", organiser_email="unodc@example.org",
                           languages=["en", "fr"], expected_audience=60)


def test_scheduling_books_a_side_event_session_in_the_programme(event, room, officer):
    proposal = accepted(event)
    session = proposal_schedule(proposal=proposal, by=officer, room=room,
                                starts_at=at(event, 14), ends_at=at(event, 15, 30))
    proposal.refresh_from_db()
    assert proposal.session == session
    assert (session.kind, session.status, session.title) == (
        SessionKind.SIDE_EVENT, SessionStatus.SCHEDULED, "Cyber panel")
    assert (session.organiser, session.organiser_email) == ("UNODC", "unodc@example.org")
    assert (session.languages, session.expected_audience) == (["en", "fr"], 60)
    assert list(sessions_on(event, event.start_date)) == [session]


def test_scheduling_again_moves_the_same_session(event, room, officer):
    proposal = accepted(event)
    first = proposal_schedule(proposal=proposal, by=officer, room=room,
                              starts_at=at(event, 14), ends_at=at(event, 15))
    moved = proposal_schedule(proposal=proposal, by=officer, room=room,
                              starts_at=at(event, 9, day=1), ends_at=at(event, 10, day=1))
    assert moved.pk == first.pk
    assert Session.objects.count() == 1
    assert moved.starts_at == at(event, 9, day=1)


def test_scheduling_after_its_session_was_cancelled_books_a_new_one(event, room, officer):
    proposal = accepted(event)
    first = proposal_schedule(proposal=proposal, by=officer, room=room,
                              starts_at=at(event, 14), ends_at=at(event, 15))
    session_cancel(session=first, by=officer)
    second = proposal_schedule(proposal=proposal, by=officer, room=room,
                               starts_at=at(event, 14), ends_at=at(event, 15))
    proposal.refresh_from_db()
    first.refresh_from_db()
    assert second.pk != first.pk
    assert proposal.session == second
    assert (first.status, second.status) == (SessionStatus.CANCELLED, SessionStatus.SCHEDULED)


def test_scheduling_into_a_booked_room_names_the_clash_and_writes_nothing(event, room,
                                                                          officer):
    SessionFactory(event=event, room=room, title="Press briefing", starts_at=at(event, 14),
                   ends_at=at(event, 15))
    proposal = accepted(event)
    with pytest.raises(RoomClash) as caught:
        proposal_schedule(proposal=proposal, by=officer, room=room,
                          starts_at=at(event, 14, 30), ends_at=at(event, 16))
    assert caught.value.message == "Room B is booked 14:00–15:00 for “Press briefing”."
    proposal.refresh_from_db()
    assert proposal.session is None
    assert Session.objects.count() == 1


def test_scheduling_into_a_room_too_small_is_refused(event, officer):
    small = RoomFactory(venue=VenueFactory(event=event), name="Annex", capacity=20)
    with pytest.raises(CapacityExceeded) as caught:
        proposal_schedule(proposal=accepted(event), by=officer, room=small,
                          starts_at=at(event, 14), ends_at=at(event, 15))
    assert caught.value.message == "Annex seats 20; the session expects 60."


def test_scheduling_outside_the_event_days_is_refused(event, room, officer):
    with pytest.raises(InvalidSession) as caught:
        proposal_schedule(proposal=accepted(event), by=officer, room=room,
                          starts_at=at(event, 14, day=-1), ends_at=at(event, 15, day=-1))
    assert "starts_at" in caught.value.fields


def test_scheduling_needs_a_room_and_an_end_after_the_start(event, room, officer):
    proposal = accepted(event)
    with pytest.raises(InvalidSession) as caught:
        proposal_schedule(proposal=proposal, by=officer, room=None,
                          starts_at=at(event, 14), ends_at=at(event, 15))
    assert "room" in caught.value.fields
    with pytest.raises(InvalidSession) as caught:
        proposal_schedule(proposal=proposal, by=officer, room=room,
                          starts_at=at(event, 14), ends_at=at(event, 14))
    assert "ends_at" in caught.value.fields


@pytest.mark.parametrize("status", [ProposalStatus.SUBMITTED, ProposalStatus.WAITLISTED,
                                    ProposalStatus.REJECTED])
def test_only_accepted_proposals_are_scheduled(event, room, officer, status):
    proposal = ProposalFactory(event=event, status=status)
    with pytest.raises(InvalidTransition):
        proposal_schedule(proposal=proposal, by=officer, room=room,
                          starts_at=at(event, 14), ends_at=at(event, 15))
    assert not Session.objects.exists()


def test_only_the_programme_office_schedules(event, room, protocol):
    with pytest.raises(NotAllowed):
        proposal_schedule(proposal=accepted(event), by=protocol, room=room,
                          starts_at=at(event, 14), ends_at=at(event, 15))


def test_withdrawing_a_scheduled_side_event_frees_its_room(event, room, officer):
    proposal = accepted(event)
    session = proposal_schedule(proposal=proposal, by=officer, room=room,
                                starts_at=at(event, 14), ends_at=at(event, 15))
    proposal_withdraw(proposal=proposal, by=officer)
    proposal.refresh_from_db()
    session.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    assert session.status == SessionStatus.CANCELLED
    with pytest.raises(InvalidTransition):
        proposal_withdraw(proposal=proposal, by=officer)


@pytest.mark.django_db(transaction=True)
def test_two_officers_deciding_at_once_one_decision_wins():
    event = EventFactory()
    proposal = ProposalFactory(event=event)
    officers = [user_with_role(Role.PROGRAMME, username=f"officer{n}") for n in (1, 2)]

    def decide(officer, status):
        proposal_decide(proposal=proposal, by=officer, status=status)
        return status

    outcomes = codes(race(partial(decide, officers[0], ProposalStatus.ACCEPTED),
                          partial(decide, officers[1], ProposalStatus.REJECTED),
                          refusals=(InvalidTransition,)))
    assert "invalid_transition" in outcomes
    winner = next(outcome for outcome in outcomes if outcome != "invalid_transition")
    proposal.refresh_from_db()
    assert proposal.status == winner


def test_awaiting_confirmation_lists_accepted_side_events_not_yet_confirmed(event, officer):
    from logistics.side_events.queries import awaiting_confirmation

    waiting = ProposalFactory(event=event, status=ProposalStatus.ACCEPTED)
    confirmed = ProposalFactory(event=event, status=ProposalStatus.ACCEPTED)
    proposal_confirm(token=confirmed.confirm_token)
    ProposalFactory(event=event, status=ProposalStatus.WAITLISTED)
    assert list(awaiting_confirmation(event)) == [waiting]
