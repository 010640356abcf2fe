from datetime import UTC, datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse

from logistics.core.errors import NotAllowed
from logistics.programme.enums import MediaAccess, SessionKind, SessionStatus, SpeakerStatus
from logistics.programme.errors import NothingToPublish
from logistics.programme.models import ProgrammeVersion
from logistics.programme.services.publishing import programme_changes_mail_send, programme_publish
from logistics.programme.services.sessions import session_cancel, session_create, session_update
from tests.factories.delegations import DelegationFactory
from tests.factories.plan import EventFactory
from tests.factories.programme import RoomFactory, SessionFactory, SpeakerSlotFactory, at
from tests.html import text_of

PUBLIC = reverse("programme_public")


@pytest.fixture(autouse=True)
def eager(settings, celery_eager):
    """Queued tasks run here and now (tests/conftest.py, celery_eager); links in mails are
    the site's."""
    settings.SITE_URL = "https://accord.example.org"


@pytest.fixture
def plenary(event, hall):
    return SessionFactory(event=event, room=hall, kind=SessionKind.PLENARY, title="Plenary",
                          starts_at=at(event, 10), ends_at=at(event, 12),
                          chair="President of the Assembly", organiser="Secretariat",
                          organiser_email="plenary@un.example", languages=["en", "fr"])


@pytest.fixture
def seminar(event, room_b):
    return SessionFactory(event=event, room=room_b, kind=SessionKind.SEMINAR,
                          title="Seminar on evidence", starts_at=at(event, 14),
                          ends_at=at(event, 15), organiser="UNODC",
                          organiser_email="seminars@unodc.example")


@pytest.fixture
def publish(officer, django_capture_on_commit_callbacks):
    """Publish as the programme officer and run what is queued after commit (the mail)."""

    def run(event, note=""):
        with django_capture_on_commit_callbacks(execute=True):
            return programme_publish(event=event, by=officer, note=note)

    return run


def test_first_version_snapshots_the_public_sessions(event, officer, hall, plenary, seminar,
                                                     publish):
    version = publish(event, note="For the delegations' briefing.")
    assert version.number == 1
    assert version.published_by == officer
    assert version.note == "For the delegations' briefing."
    assert version.changes == {"previous": None, "added": [], "removed": [], "changed": [],
                               "cancelled": []}
    assert version.sessions[0] == {
        "id": plenary.pk, "kind": "plenary", "title": "Plenary", "room": "Plenary Hall",
        "venue": "National Convention Centre",
        "start": datetime.combine(event.start_date, datetime.min.time().replace(hour=3),
                                  tzinfo=UTC).isoformat(),
        "end": at(event, 12).astimezone(UTC).isoformat(),
        "languages": ["en", "fr"], "media_access": "open",
        "chair": "President of the Assembly", "organiser": "Secretariat", "sequence": 1,
    }
    assert [entry["id"] for entry in version.sessions] == [plenary.pk, seminar.pk]


def test_bilaterals_rehearsals_drafts_and_cancelled_sessions_are_not_published(
        event, hall, room_b, plenary, publish):
    SessionFactory(event=event, room=room_b, kind=SessionKind.BILATERAL, title="Chile – Peru")
    SessionFactory(event=event, room=hall, kind=SessionKind.REHEARSAL, title="Rehearsal",
                   starts_at=at(event, 8), ends_at=at(event, 9))
    SessionFactory(event=event, room=None, status=SessionStatus.DRAFT, title="Draft")
    SessionFactory(event=event, room=room_b, status=SessionStatus.CANCELLED, title="Gone",
                   starts_at=at(event, 16), ends_at=at(event, 17))
    version = publish(event)
    assert [entry["title"] for entry in version.sessions] == ["Plenary"]


def test_next_version_lists_what_moved_went_and_came(event, officer, hall, room_b, plenary,
                                                     seminar, publish):
    publish(event)
    session_update(session=plenary, by=officer, starts_at=at(event, 11),
                   ends_at=at(event, 13))
    session_cancel(session=seminar, by=officer)
    added = session_create(event=event, by=officer, room=room_b, kind=SessionKind.ROUNDTABLE,
                           title="Roundtable", starts_at=at(event, 15), ends_at=at(event, 16))
    version = publish(event)
    assert version.number == 2
    assert version.changes["previous"] == 1
    assert [entry["id"] for entry in version.changes["added"]] == [added.pk]
    assert [entry["id"] for entry in version.changes["removed"]] == [seminar.pk]
    assert version.changes["changed"] == [{
        "id": plenary.pk, "title": "Plenary",
        "fields": {"start": [at(event, 10).astimezone(UTC).isoformat(),
                             at(event, 11).astimezone(UTC).isoformat()],
                   "end": [at(event, 12).astimezone(UTC).isoformat(),
                           at(event, 13).astimezone(UTC).isoformat()]},
    }]


def test_a_room_and_title_change_is_listed_field_by_field(event, officer, room_b, seminar,
                                                          venue, publish):
    publish(event)
    room_c = RoomFactory(venue=venue, name="Room C", capacity=100)
    session_update(session=seminar, by=officer, room=room_c, title="Seminar on e-evidence",
                   media_access=MediaAccess.CLOSED)
    version = publish(event)
    assert version.changes["changed"][0]["fields"] == {
        "title": ["Seminar on evidence", "Seminar on e-evidence"],
        "room": ["Room B", "Room C"],
        "media_access": ["open", "closed"],
    }


def test_publishing_an_unchanged_programme_is_refused(event, plenary, publish, mailoutbox):
    publish(event)
    with pytest.raises(NothingToPublish) as error:
        publish(event, note="Same again.")
    assert error.value.message == ("Nothing has changed since version 1: there is nothing to "
                                   "publish.")
    assert (error.value.code, error.value.http_status) == ("nothing_to_publish", 409)
    assert list(ProgrammeVersion.objects.values_list("number", flat=True)) == [1]
    assert mailoutbox == []


def test_the_first_version_is_published_even_when_empty(event, publish):
    version = publish(event)
    assert (version.number, version.sessions) == (1, [])
    with pytest.raises(NothingToPublish):
        publish(event)


def test_publishing_after_a_change_and_its_undoing_is_refused(event, officer, plenary,
                                                              publish):
    publish(event)
    session_update(session=plenary, by=officer, title="Opening plenary")
    session_update(session=plenary, by=officer, title="Plenary")
    with pytest.raises(NothingToPublish):
        publish(event)


def test_a_bilateral_moving_is_no_public_change(event, officer, room_b, plenary, publish):
    bilateral = SessionFactory(event=event, room=room_b, kind=SessionKind.BILATERAL,
                               organiser_email="protocol@mofa.example")
    publish(event)
    session_update(session=bilateral, by=officer, starts_at=at(event, 16), ends_at=at(event, 17))
    with pytest.raises(NothingToPublish):
        publish(event)
    assert ProgrammeVersion.objects.count() == 1


def test_version_numbers_are_unique_per_event(event, plenary, publish):
    first = publish(event)
    with pytest.raises(IntegrityError):
        ProgrammeVersion.objects.create(event=event, number=first.number)


def test_versions_are_numbered_per_event(event, plenary, publish):
    publish(event)
    other = EventFactory()
    assert publish(other).number == 1


def test_publish_refused_for_an_observer(event, observer, plenary):
    with pytest.raises(NotAllowed):
        programme_publish(event=event, by=observer)
    assert ProgrammeVersion.objects.count() == 0


# Mail

def test_only_organisers_of_changed_or_removed_sessions_are_mailed(
        event, officer, venue, hall, room_b, plenary, seminar, publish, mailoutbox):
    untouched = SessionFactory(event=event, room=RoomFactory(venue=venue), title="Exhibition",
                               kind=SessionKind.EXHIBITION,
                               organiser_email="exhibition@host.example")
    publish(event)
    assert mailoutbox == []
    session_update(session=plenary, by=officer, starts_at=at(event, 11), ends_at=at(event, 13))
    session_cancel(session=seminar, by=officer)
    session_create(event=event, by=officer, room=room_b, kind=SessionKind.ROUNDTABLE,
                   title="New roundtable", starts_at=at(event, 16), ends_at=at(event, 17),
                   organiser_email="new@host.example")
    publish(event, note="The plenary starts an hour later.")
    assert sorted(message.to[0] for message in mailoutbox) == [
        "plenary@un.example", "seminars@unodc.example"]
    assert untouched.organiser_email not in [m.to[0] for m in mailoutbox]
    plenary_mail = next(m for m in mailoutbox if m.to == ["plenary@un.example"])
    assert plenary_mail.subject == f"[{event.name}] The programme changed: version 2"
    assert "Starts: " in plenary_mail.body
    assert f"{event.start_date:%Y-%m-%d} 10:00 → {event.start_date:%Y-%m-%d} 11:00" in (
        plenary_mail.body)
    assert "The plenary starts an hour later." in plenary_mail.body
    assert "https://accord.example.org/public/programme/" in plenary_mail.body
    html, mimetype = plenary_mail.alternatives[0]
    assert mimetype == "text/html"
    assert "“Plenary”" in html
    seminar_mail = next(m for m in mailoutbox if m.to == ["seminars@unodc.example"])
    assert "Seminar on evidence" in seminar_mail.body
    assert "No longer in the programme" in seminar_mail.body
    assert "Plenary" not in seminar_mail.body.split("concern sessions")[1].split("--")[0]


def test_one_mail_per_address_lists_all_its_sessions(event, officer, plenary, seminar,
                                                     publish, mailoutbox):
    session_update(session=seminar, by=officer, organiser_email="PLENARY@un.example")
    publish(event)
    session_update(session=plenary, by=officer, title="Plenary, first meeting")
    session_update(session=seminar, by=officer, title="Seminar on e-evidence")
    publish(event)
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert "“Plenary, first meeting”" in body
    assert "“Seminar on e-evidence”" in body


def test_speakers_of_a_changed_plenary_are_mailed(event, officer, plenary, publish, mailoutbox):
    chile = DelegationFactory(event=event, name="Chile", focal_point_email="mision@chile.example")
    peru = DelegationFactory(event=event, name="Peru", focal_point_email="mision@peru.example")
    SpeakerSlotFactory(session=plenary, delegation=chile)
    SpeakerSlotFactory(session=plenary, delegation=peru, status=SpeakerStatus.WITHDRAWN)
    publish(event)
    session_update(session=plenary, by=officer, starts_at=at(event, 11), ends_at=at(event, 13))
    publish(event)
    assert sorted(message.to[0] for message in mailoutbox) == [
        "mision@chile.example", "plenary@un.example"]


def test_a_session_without_organiser_email_mails_no_one(event, officer, hall, publish,
                                                        mailoutbox):
    quiet = SessionFactory(event=event, room=hall, organiser_email="")
    publish(event)
    session_update(session=quiet, by=officer, title="Renamed")
    version = publish(event)
    assert len(version.changes["changed"]) == 1
    assert mailoutbox == []


def test_the_mail_task_for_an_address_no_longer_concerned_sends_nothing(
        event, officer, plenary, publish, mailoutbox):
    publish(event)
    session_update(session=plenary, by=officer, title="Plenary, first meeting")
    version = publish(event)
    assert len(mailoutbox) == 1
    assert programme_changes_mail_send(version_id=version.pk,
                                       address="someone@else.example") == 0
    assert len(mailoutbox) == 1


def test_a_change_mail_delivered_twice_is_sent_once(event, officer, plenary, publish,
                                                    mailoutbox, settings):
    publish(event)
    session_update(session=plenary, by=officer, title="Plenary, first meeting")
    version = publish(event)
    assert len(mailoutbox) == 1
    # The second copy of the message (kept for the resend sweep after its publish did reach
    # the broker), in another case: claimed already, it sends nothing.
    assert programme_changes_mail_send(version_id=version.pk,
                                       address="PLENARY@un.example") == 0
    assert len(mailoutbox) == 1


def test_a_failed_change_mail_gives_its_claim_back(event, officer, plenary, publish,
                                                  mailoutbox, settings):
    publish(event)
    session_update(session=plenary, by=officer, title="Plenary, first meeting")
    version = programme_publish(event=event, by=officer)  # its task not run
    settings.EMAIL_BACKEND = "tests.logistics.programme.test_publishing.RefusingBackend"
    with pytest.raises(ConnectionRefusedError):
        programme_changes_mail_send(version_id=version.pk, address="plenary@un.example")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # The task's retry sends it; then even a redelivered copy sends nothing more.
    assert programme_changes_mail_send(version_id=version.pk, address="plenary@un.example") == 1
    assert programme_changes_mail_send(version_id=version.pk, address="plenary@un.example",
                                       redelivered=True) == 0
    assert len(mailoutbox) == 1


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


# The public page

def test_public_page_shows_the_published_not_the_live_programme(client, event, officer,
                                                                plenary, publish):
    publish(event)
    session_update(session=plenary, by=officer, title="Plenary (live, unpublished)")
    response = client.get(PUBLIC)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Plenary" in content
    assert "unpublished" not in content
    assert "10:00–12:00" in text_of(content)
    assert "Plenary Hall, National Convention Centre" in content
    assert "Version 1, published" in content


def test_public_page_shows_the_changelog_since_the_previous_version(client, event, officer,
                                                                    plenary, seminar, publish):
    publish(event)
    session_update(session=plenary, by=officer, starts_at=at(event, 11), ends_at=at(event, 13))
    session_cancel(session=seminar, by=officer)
    publish(event)
    content = client.get(PUBLIC).content.decode()
    assert "What changed since version 1" in content
    changes = content.split('data-testid="changes"')[1].split("</ul>")[0]
    assert "“<bdi>Plenary</bdi>”" in changes
    assert "“<bdi>Seminar on evidence</bdi>”" in changes
    assert "11:00–13:00" in text_of(content)


def test_public_page_leaves_out_bilaterals(client, event, room_b, plenary, publish):
    SessionFactory(event=event, room=room_b, kind=SessionKind.BILATERAL,
                   title="Chile – Viet Nam bilateral")
    publish(event)
    content = client.get(PUBLIC).content.decode()
    assert "Plenary" in content
    assert "Chile – Viet Nam" not in content


def test_public_page_before_publishing_says_so(client, event, plenary):
    content = client.get(PUBLIC).content.decode()
    assert "The programme has not been published yet." in content
    assert "Plenary" not in content


def test_public_page_without_any_event_says_so(client, db):
    response = client.get(PUBLIC)
    assert response.status_code == 200
    assert "The programme has not been published yet." in response.content.decode()


def test_public_page_picks_the_event_by_slug(client, event, plenary, publish):
    publish(event)
    other = EventFactory(start_date=event.start_date)
    assert "Plenary" in client.get(PUBLIC, {"event": event.slug}).content.decode()
    assert "Plenary" not in client.get(PUBLIC, {"event": other.slug}).content.decode()
    assert client.get(PUBLIC, {"event": "no-such-event"}).status_code == 404


def test_public_page_needs_no_login_and_has_no_staff_navigation(client, event, plenary,
                                                                publish):
    publish(event)
    content = client.get(PUBLIC).content.decode()
    assert reverse("logistics:task_list") not in content
    assert 'name="language"' in content


def test_public_page_reads_right_to_left_in_arabic(client, event, plenary, publish):
    publish(event)
    client.cookies["django_language"] = "ar"
    content = client.get(PUBLIC, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in content
    assert "bootstrap.rtl.min.css" in content


@pytest.mark.parametrize("count", [1, 3])
def test_public_page_queries_do_not_grow_with_sessions(client, event, venue, count, publish,
                                                       django_assert_num_queries):
    for n in range(count):
        SessionFactory(event=event, room=RoomFactory(venue=venue), starts_at=at(event, 9 + n),
                       ends_at=at(event, 10 + n))
    publish(event)
    with django_assert_num_queries(2):
        response = client.get(PUBLIC)
    assert response.content.decode().count('data-testid="public-session"') == count
