from datetime import date, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from logistics.core.enums import Role
from logistics.programme.enums import SessionKind, SessionStatus
from logistics.side_events.enums import ProposalStatus
from logistics.side_events.models import SideEventProposal
from tests.factories.plan import EventFactory, UserFactory, staff_fixture, user_with_role
from tests.factories.programme import RoomFactory, SessionFactory, VenueFactory, at
from tests.factories.side_events import ABSTRACT, ProposalFactory, ReviewFactory
from tests.html import text_of
from tests.queries import same_queries

# Queued tasks run here and now (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("celery_eager")

PROPOSE = "/side-events/propose/"


officer = staff_fixture(Role.PROGRAMME, "programme")


@pytest.fixture
def second_officer(db):
    return user_with_role(Role.PROGRAMME, username="programme2", first_name="Amina",
                          last_name="Diallo")


@pytest.fixture
def proposal(event):
    return ProposalFactory(event=event, title="Electronic evidence across borders")


def form_data(event, **changes):
    day = event.start_date.isoformat()
    data = {
        "organiser_organisation": "Institute for Cyber Law",
        "organiser_name": "Trần Thị Mai",
        "organiser_email": "mai@icl.example",
        "co_organisers": "Council of Europe\nUNODC",
        "title": "Electronic evidence across borders",
        "abstract": ABSTRACT,
        "format": "workshop",
        "languages": ["en", "fr"],
        "expected_audience": "80",
        "technical_needs": "",
        "preferred_slots": [f"{day}:am", f"{day}:eve"],
        "privacy_consent": "on",
    }
    data.update(changes)
    return data


# The public form


def test_proposal_form_shows_languages_and_the_slot_grid(client, event):
    response = client.get(PROPOSE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Propose a side event" in html
    assert 'name="languages" value="fr"' in html
    day = event.end_date.isoformat()
    for part in ("am", "pm", "eve"):
        assert f'value="{day}:{part}"' in html
    assert 'href="/logout/"' not in html and "Dashboard" not in html  # no staff navigation


def test_proposal_form_sends_and_thanks_with_the_reference(client, event, mailoutbox,
                                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PROPOSE, form_data(event))
    assert response.status_code == 302
    assert response["Location"] == reverse("side_event_thanks")
    proposal = SideEventProposal.objects.get()
    assert proposal.event == event
    assert proposal.format == "workshop"
    assert proposal.expected_audience == 80
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert proposal.reference in page.content.decode()
    [mail] = mailoutbox
    assert proposal.reference in mail.body


def test_thank_you_page_needs_a_proposal_just_sent(client, event, proposal):
    response = client.get(reverse("side_event_thanks"))
    assert response.status_code == 302
    assert response["Location"] == PROPOSE


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"languages": []}, "languages", "This field is required."),
    ({"languages": ["de"]}, "languages", "Select a valid choice."),
    ({"expected_audience": "0"}, "expected_audience", "between 1 and 2000"),
    ({"expected_audience": "lots"}, "expected_audience", "Enter a whole number."),
    ({"preferred_slots": ["2001-01-01:am"]}, "preferred_slots", "Select a valid choice."),
    ({"abstract": "Short."}, "abstract", "At least 50 characters"),
    ({"organiser_email": "not-an-address"}, "organiser_email", "Enter a valid email address."),
    ({"format": ""}, "format", "This field is required."),
    ({"co_organisers": "A" * 201}, "co_organisers", "at most 200 characters"),
])
def test_proposal_form_shows_each_error_at_its_field_and_in_the_summary(
        client, event, mailoutbox, changes, field, message):
    response = client.post(PROPOSE, form_data(event, **changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="proposal-errors"' in html
    assert f'data-testid="error-{field}">' in html
    field_error = html.split(f'data-testid="error-{field}">')[1].split("</div>")[0]
    assert message in field_error
    assert SideEventProposal.objects.count() == 0
    assert mailoutbox == []


def test_proposal_form_shows_all_errors_at_once_and_keeps_the_input(client, event):
    response = client.post(PROPOSE, form_data(event, title="", expected_audience="0",
                                              abstract="Short."))
    html = response.content.decode()
    for field in ("title", "expected_audience", "abstract"):
        assert f'data-testid="error-{field}"' in html
    assert "Trần Thị Mai" in html
    assert f'value="{event.start_date.isoformat()}:am" id' in html
    assert "checked" in html.split(f'value="{event.start_date.isoformat()}:am"')[1][:60]


def test_proposal_form_is_closed_once_the_event_has_started(client, db):
    EventFactory(start_date=date(2020, 1, 1), end_date=date(2020, 1, 2))
    response = client.get(PROPOSE)
    assert "Side-event proposals are closed" in response.content.decode()
    response = client.post(PROPOSE, {})
    assert "Side-event proposals are closed" in response.content.decode()
    assert SideEventProposal.objects.count() == 0


def test_proposal_form_without_any_event_is_not_found(client, db):
    assert client.get(PROPOSE).status_code == 404


# The confirmation link


def test_confirm_page_shows_the_side_event_then_confirms_it(client, event, officer):
    proposal = ProposalFactory(event=event, status=ProposalStatus.ACCEPTED, title="Cyber panel")
    room = RoomFactory(venue=VenueFactory(event=event), name="Room B")
    session = SessionFactory(event=event, room=room, kind=SessionKind.SIDE_EVENT,
                             title="Cyber panel", starts_at=at(event, 14),
                             ends_at=at(event, 15, 30))
    SideEventProposal.objects.filter(pk=proposal.pk).update(session=session)
    ReviewFactory(proposal=proposal, reviewer=officer, comment="Private remark", score=4)
    url = reverse("side_event_confirm", args=[proposal.confirm_token])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Cyber panel" in html and "Confirm the side event" in html
    assert f"Room B, {event.start_date.isoformat()}, 14:00–15:30" in text_of(html)
    assert "Private remark" not in html
    response = client.post(url)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.confirmed_at is not None
    html = client.get(url).content.decode()
    assert "You confirmed this side event" in html
    assert client.post(url).status_code == 302  # again: nothing changes
    confirmed_at = proposal.confirmed_at
    proposal.refresh_from_db()
    assert proposal.confirmed_at == confirmed_at


def test_confirm_page_shows_the_time_at_the_venue_whatever_the_servers_zone(client, settings,
                                                                          db):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    paris = EventFactory(time_zone="Europe/Paris")
    proposal = ProposalFactory(event=paris, status=ProposalStatus.ACCEPTED)
    session = SessionFactory(event=paris, room=RoomFactory(venue=VenueFactory(event=paris),
                                                           name="Salle 2"),
                             kind=SessionKind.SIDE_EVENT, starts_at=at(paris, 9),
                             ends_at=at(paris, 10, 30))
    SideEventProposal.objects.filter(pk=proposal.pk).update(session=session)
    html = client.get(reverse("side_event_confirm", args=[proposal.confirm_token])) \
        .content.decode()
    assert f"Salle 2, {paris.start_date.isoformat()}, 09:00–10:30" in text_of(html)


@pytest.mark.parametrize("status", [ProposalStatus.SUBMITTED, ProposalStatus.REJECTED,
                                    ProposalStatus.WITHDRAWN])
def test_confirm_page_of_a_proposal_not_accepted_is_not_found(client, event, status):
    proposal = ProposalFactory(event=event, status=status)
    url = reverse("side_event_confirm", args=[proposal.confirm_token])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 404
        assert "This link cannot be used" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.confirmed_at is None


def test_confirm_page_of_an_unknown_or_expired_link_is_not_found(client, db):
    response = client.get(reverse("side_event_confirm", args=["nope"]))
    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    event = EventFactory(start_date=date(2020, 1, 1), end_date=date(2020, 1, 2))
    proposal = ProposalFactory(event=event, status=ProposalStatus.ACCEPTED)
    response = client.get(reverse("side_event_confirm", args=[proposal.confirm_token]))
    assert response.status_code == 404
    assert "expired" in response.content.decode()


# Staff pages

STAFF_PAGES = ["list", "detail"]


def staff_url(name, proposal):
    if name == "list":
        return reverse("logistics:proposal_list")
    return reverse("logistics:proposal_detail", args=[proposal.pk])


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_pages_send_anonymous_users_to_login(client, proposal, name):
    response = client.get(staff_url(name, proposal))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_staff_pages_live_under_the_programme_not_beside_the_public_form(client, proposal):
    assert reverse("logistics:proposal_list") == "/programme/side-events/"
    assert reverse("logistics:proposal_detail", args=[proposal.pk]) == (
        f"/programme/side-events/{proposal.pk}/")
    # The public trying /side-events/ is not sent to the staff login but to the public form.
    assert client.get("/side-events/")["Location"] == "/side-events/propose/"
    assert client.get(f"/side-events/{proposal.pk}/").status_code == 404


@pytest.mark.parametrize("role", [Role.PROTOCOL, Role.STEERING, Role.OBSERVER,
                                  Role.FOCAL_POINT, None])
@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_pages_refuse_other_roles(client, proposal, name, role):
    client.force_login(user_with_role(role) if role else UserFactory())
    assert client.get(staff_url(name, proposal)).status_code == 403


@pytest.mark.parametrize("role", [Role.PROGRAMME, Role.SECRETARIAT])
@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_pages_open_to_the_programme_office(client, proposal, name, role):
    client.force_login(user_with_role(role))
    response = client.get(staff_url(name, proposal))
    assert response.status_code == 200
    assert "Electronic evidence across borders" in response.content.decode()


@pytest.mark.parametrize("action", ["proposal_review", "proposal_decide", "proposal_schedule"])
def test_staff_actions_are_post_only_and_refuse_other_roles(client, proposal, action):
    url = reverse(f"logistics:{action}", args=[proposal.pk])
    client.force_login(user_with_role(Role.PROGRAMME))
    assert client.get(url).status_code == 405
    client.force_login(user_with_role(Role.PROTOCOL))
    assert client.post(url, {"status": "accepted", "score": "5"}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_list_is_empty_with_a_clear_message(client, event, officer):
    client.force_login(officer)
    assert "No side event has been proposed yet." in client.get(
        reverse("logistics:proposal_list")).content.decode()
    ProposalFactory(event=event)
    html = client.get(reverse("logistics:proposal_list") + "?status=rejected").content.decode()
    assert "No proposal matches these filters." in html


def test_list_filters_by_status_format_search_and_my_review(client, event, officer):
    mine = ProposalFactory(event=event, title="Ransomware response", format="workshop")
    ProposalFactory(event=event, title="Child protection online", format="panel",
                    status=ProposalStatus.ACCEPTED)
    ReviewFactory(proposal=mine, reviewer=officer, score=4)
    client.force_login(officer)
    url = reverse("logistics:proposal_list")

    def titles(query):
        page = client.get(url + query).context["page"]
        return sorted(p.title for p in page)

    assert titles("") == ["Child protection online", "Ransomware response"]
    assert titles("?status=accepted") == ["Child protection online"]
    assert titles("?format=workshop") == ["Ransomware response"]
    assert titles("?q=ransom") == ["Ransomware response"]
    assert titles(f"?q={mine.reference}") == ["Ransomware response"]
    assert titles("?reviewed=mine") == ["Ransomware response"]
    assert titles("?reviewed=not_mine") == ["Child protection online"]


def test_list_shows_the_average_only_once_i_have_scored(client, proposal, officer,
                                                        second_officer):
    ReviewFactory(proposal=proposal, reviewer=second_officer, score=2)
    ReviewFactory(proposal=proposal, reviewer=UserFactory(), score=3)
    client.force_login(officer)
    url = reverse("logistics:proposal_list")
    html = client.get(url).content.decode()
    assert html.split('data-testid="average">')[1].split("</td>")[0].count("2.5") == 0
    row = client.get(url).context["page"][0]
    assert (row.review_count, row.my_score, row.average_score) == (2, None, None)
    ReviewFactory(proposal=proposal, reviewer=officer, score=4)
    html = client.get(url).content.decode()
    assert "3.0" in html.split('data-testid="average">')[1].split("</td>")[0]


def _add_rows(event, officer, count):
    room = RoomFactory(venue=VenueFactory(event=event))
    for n in range(count):
        proposal = ProposalFactory(event=event, status=ProposalStatus.ACCEPTED)
        ReviewFactory(proposal=proposal, reviewer=officer)
        ReviewFactory(proposal=proposal)
        SideEventProposal.objects.filter(pk=proposal.pk).update(
            session=SessionFactory(event=event, room=room, starts_at=at(event, 8 + n),
                                   ends_at=at(event, 9 + n)))


def test_list_query_count_does_not_grow_with_rows(client, event, officer):
    client.force_login(officer)
    url = reverse("logistics:proposal_list")
    _add_rows(event, officer, 1)
    assert len(client.get(url).context["page"]) == 1
    response = same_queries(lambda: client.get(url), lambda: _add_rows(event, officer, 2))
    assert len(response.context["page"]) == 3


def test_detail_hides_other_scores_until_i_have_scored(client, proposal, officer,
                                                       second_officer):
    ReviewFactory(proposal=proposal, reviewer=second_officer, score=2,
                  comment="Needs a regional balance")
    client.force_login(officer)
    url = reverse("logistics:proposal_detail", args=[proposal.pk])
    html = client.get(url).content.decode()
    assert "Needs a regional balance" not in html
    assert "Amina Diallo" not in html
    assert "1 other reviewer has scored this proposal" in html

    response = client.post(reverse("logistics:proposal_review", args=[proposal.pk]),
                           {"score": "4", "comment": "Good speakers"})
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "Needs a regional balance" in html
    assert "Amina Diallo" in html
    assert "Average of 2 scores: 3.0" in html


def test_review_form_refuses_a_bad_score_next_to_the_field(client, proposal, officer):
    client.force_login(officer)
    response = client.post(reverse("logistics:proposal_review", args=[proposal.pk]),
                           {"score": "9", "comment": ""})
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert not proposal.reviews.exists()


def test_decision_buttons_accept_and_mail_the_organiser(client, proposal, officer, mailoutbox,
                                                        django_capture_on_commit_callbacks):
    client.force_login(officer)
    url = reverse("logistics:proposal_detail", args=[proposal.pk])
    html = client.get(url).content.decode()
    assert 'value="accepted"' in html and 'value="rejected"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("logistics:proposal_decide", args=[proposal.pk]),
                               {"status": "accepted"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert len(mailoutbox) == 1
    html = client.get(url).content.decode()
    assert "Not confirmed yet" in html
    assert 'value="accepted"' not in html


def test_a_refused_decision_is_shown_as_an_error(client, event, officer):
    proposal = ProposalFactory(event=event, status=ProposalStatus.REJECTED)
    client.force_login(officer)
    response = client.post(reverse("logistics:proposal_decide", args=[proposal.pk]),
                           {"status": "accepted"}, follow=True)
    assert "it cannot become “Accepted”" in response.content.decode()


def test_schedule_form_books_the_side_event_and_shows_clashes(client, event, officer):
    proposal = ProposalFactory(event=event, status=ProposalStatus.ACCEPTED, title="Cyber panel")
    room = RoomFactory(venue=VenueFactory(event=event), name="Room B", capacity=100)
    SessionFactory(event=event, room=room, title="Press briefing", starts_at=at(event, 14),
                   ends_at=at(event, 15))
    client.force_login(officer)
    url = reverse("logistics:proposal_schedule", args=[proposal.pk])
    data = {"room": room.pk, "day": event.start_date.isoformat(), "starts": "14:30",
            "ends": "16:00"}
    response = client.post(url, data)
    assert response.status_code == 409  # the clash's status, as the bilateral's form answers
    assert "Room B is booked 14:00–15:00 for “Press briefing”." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.session is None

    response = client.post(url, {**data, "starts": "15:00"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    session = proposal.session
    assert (session.kind, session.status) == (SessionKind.SIDE_EVENT, SessionStatus.SCHEDULED)
    assert session.starts_at == at(event, 15)
    html = client.get(reverse("logistics:proposal_detail", args=[proposal.pk])).content.decode()
    assert "Scheduled in Room B" in html


def test_schedule_form_refuses_an_end_before_the_start(client, event, officer):
    proposal = ProposalFactory(event=event, status=ProposalStatus.ACCEPTED)
    room = RoomFactory(venue=VenueFactory(event=event))
    client.force_login(officer)
    response = client.post(reverse("logistics:proposal_schedule", args=[proposal.pk]),
                           {"room": room.pk, "day": event.start_date.isoformat(),
                            "starts": "15:00", "ends": "14:00"})
    assert response.status_code == 400
    assert "A session must end after it starts." in response.content.decode()


def test_schedule_of_a_proposal_not_accepted_is_refused(client, proposal, officer):
    room = RoomFactory(venue=VenueFactory(event=proposal.event))
    client.force_login(officer)
    response = client.post(reverse("logistics:proposal_schedule", args=[proposal.pk]),
                           {"room": room.pk, "day": proposal.event.start_date.isoformat(),
                            "starts": "14:00", "ends": "15:00"}, follow=True)
    assert "Only an accepted side event can be scheduled" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.session is None


def test_staff_pages_of_another_event_are_not_found(client, officer, event):
    other = ProposalFactory(event=EventFactory(start_date=event.start_date + timedelta(days=90),
                                               end_date=event.start_date + timedelta(days=91)))
    client.force_login(officer)
    assert client.get(reverse("logistics:proposal_detail", args=[other.pk])).status_code == 404


def test_withdraw_button_withdraws_and_frees_the_room(client, event, officer):
    proposal = ProposalFactory(event=event, status=ProposalStatus.ACCEPTED)
    room = RoomFactory(venue=VenueFactory(event=event))
    client.force_login(officer)
    client.post(reverse("logistics:proposal_schedule", args=[proposal.pk]),
                {"room": room.pk, "day": event.start_date.isoformat(), "starts": "14:00",
                 "ends": "15:00"})
    response = client.post(reverse("logistics:proposal_decide", args=[proposal.pk]),
                           {"status": "withdrawn"}, follow=True)
    assert f"{proposal.reference}: Withdrawn." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    assert proposal.session.status == SessionStatus.CANCELLED


def test_public_form_reads_right_to_left_in_arabic(client, event):
    client.cookies["django_language"] = "ar"
    html = client.get(PROPOSE).content.decode()
    assert 'dir="rtl"' in html
    assert "bootstrap.rtl.min.css" in html


def test_the_organisers_mails_are_written_in_the_language_of_the_proposal(
        client, event, officer, mailoutbox, django_capture_on_commit_callbacks):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(PROPOSE, form_data(event)).status_code == 302
    proposal = SideEventProposal.objects.get()
    assert proposal.mail_language == "es"
    with translation.override("es"):
        received = _("Side-event proposal received: %(reference)s") % {
            "reference": proposal.reference}
    assert mailoutbox[0].subject == received != (
        f"Side-event proposal received: {proposal.reference}")
