"""The public pages and the mails in the six UN languages and the host's; the staff UI in the
committee's three (config.languages).

What a page or mail shows is recorded as it is rendered (every message looked up in the
catalogues): each of Accord's own messages shown must be translated in the page's language.
A message missing from a public-only catalogue means its file is not in PUBLIC_SOURCES."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation.trans_real import DjangoTranslation

from accreditation.applications import mail as accreditation_mail
from accreditation.applications.models.applications import Transition
from accreditation.enums import ApplicationStatus
from config.languages import LANGUAGES, PUBLIC_ONLY_LANGUAGES, STAFF_LANGUAGES
from logistics.core.enums import ReminderKind
from logistics.delegations import mail as delegation_mail
from logistics.plan.models import Reminder
from logistics.programme import mail as notifications_programme
from logistics.programme.models import ProgrammeVersion
from logistics.reminders import mail as notifications
from logistics.side_events import mail as notifications_side_events
from logistics.side_events.enums import ProposalStatus
from tests.factories.accreditation import OutletFactory, categories, journalist
from tests.factories.plan import EventFactory
from tests.factories.registration import InvitationFactory
from tests.factories.side_events import ProposalFactory
from tests.logistics.core.test_translations import LOCALE, parse_po

ALL = [code for code, _name in LANGUAGES]


def _keys(language):
    """The messages a catalogue translates: "context\\x04msgid" for one with a context."""
    entries = parse_po(LOCALE / translation.to_locale(language) / "LC_MESSAGES" / "django.po")
    return {f"{e['msgctxt']}\x04{e['msgid']}" if "msgctxt" in e else e["msgid"]
            for e in entries if e["msgid"] and all(e["msgstr"].values())}


# Accord's own messages: the staff catalogue holds every one (test_translations checks it).
OURS = _keys("vi")


@pytest.fixture
def shown(monkeypatch):
    """The messages looked up while rendering, with the language each was looked up in."""
    seen = set()
    gettext, ngettext = DjangoTranslation.gettext, DjangoTranslation.ngettext

    def recording_gettext(self, message):
        seen.add((translation.get_language(), message))
        return gettext(self, message)

    def recording_ngettext(self, singular, plural, number):
        seen.add((translation.get_language(), singular))
        return ngettext(self, singular, plural, number)

    monkeypatch.setattr(DjangoTranslation, "gettext", recording_gettext)
    monkeypatch.setattr(DjangoTranslation, "ngettext", recording_ngettext)
    return seen


def _untranslated(shown, language):
    """Accord's messages shown in `language` that its catalogue does not translate."""
    if language == "en":
        return []
    translated = _keys(language)
    return sorted(message for lang, message in shown
                  if lang == language and message in OURS and message not in translated)


@pytest.fixture
def world(db, settings):
    settings.SITE_URL = "https://accord.example.org"
    start = timezone.localdate() + timedelta(days=30)
    event = EventFactory(start_date=start, end_date=start + timedelta(days=1))
    categories(event)
    outlet = OutletFactory(event=event)
    invitation = InvitationFactory(delegation__event=event)
    return {"event": event, "outlet": outlet, "invitation": invitation}


def _get(client, language, url, method="get", data=None):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = getattr(client, method)(url, data or {})
    assert response.status_code in (200, 400), (url, response.status_code)
    assert response["Content-Language"] == language
    return response.content.decode()


@pytest.mark.parametrize("language", ALL)
def test_every_public_page_is_whole_in_each_language(client, world, shown, language):
    event, invitation = world["event"], world["invitation"]
    application = journalist(event, outlet=world["outlet"])
    pages = [
        ("get", reverse("apply_media"), None),
        ("post", reverse("apply_media"), {}),  # every field's error
        ("get", reverse("apply_status"), None),
        ("post", reverse("apply_status"), {"reference": "A-NONE", "email": "x@example.org"}),
        ("post", reverse("apply_status"), {"reference": application.reference,
                                           "email": application.email}),
        ("get", reverse("apply_correct", args=[application.token]), None),
        ("get", reverse("register", args=[invitation.token]), None),
        ("post", reverse("register", args=[invitation.token]), {}),
        ("get", reverse("register_bilaterals", args=[invitation.token]), None),
        ("get", reverse("programme_public"), None),
        ("get", reverse("side_event_propose"), None),
        ("post", reverse("side_event_propose"), {}),
    ]
    for method, url, data in pages:
        page = _get(client, language, url, method, data)
        assert f'<html lang="{language}"' in page, url
    assert _untranslated(shown, language) == []


@pytest.mark.parametrize("language", ALL)
def test_every_mail_to_applicants_delegations_and_organisers_is_whole_in_their_language(
        world, shown, language):
    event, invitation = world["event"], world["invitation"]
    delegation = invitation.delegation
    delegation.mail_language = language
    delegation.save()
    application = journalist(event, outlet=world["outlet"], mail_language=language)
    proposal = ProposalFactory(event=event, mail_language=language, decided_at=timezone.now())
    shown.clear()  # what the set-up looked up, in the test's language
    messages = [accreditation_mail.status_message(Transition(
        application=application, to_status=status, from_status=ApplicationStatus.SUBMITTED,
        reason="—")) for status in accreditation_mail.SUBJECTS]
    messages.append(delegation_mail.invitation_message(invitation))
    for kind in (ReminderKind.REGISTRATION_DUE, ReminderKind.REGISTRATION_INCOMPLETE,
                 ReminderKind.REGISTRATION_RECHECK):
        messages.append(notifications.reminder_message(Reminder(
            event=event, kind=kind, delegation=delegation, level=3, for_date=event.today())))
    messages.append(notifications_side_events.proposal_received_message(proposal))
    for status in (ProposalStatus.ACCEPTED, ProposalStatus.WAITLISTED, ProposalStatus.REJECTED):
        proposal.status = status
        messages.append(notifications_side_events.proposal_decision_message(proposal))
    messages.append(notifications.reminder_message(Reminder(
        event=event, kind=ReminderKind.PROPOSAL_CONFIRMATION, proposal=proposal, level=1,
        for_date=event.today())))
    version = ProgrammeVersion(event=event, number=2, published_at=timezone.now(),
                               changes={"changed": [], "removed": []})
    messages.append(notifications_programme.changes_message(
        version, [], delegation.focal_point_email))

    assert len(messages) == len(accreditation_mail.SUBJECTS) + 10
    assert {message.language for message in messages} == {language}
    # Nothing of a mail, its context included, is looked up in another language.
    assert {lang for lang, _message in shown} == {language}
    assert _untranslated(shown, language) == []


@pytest.mark.parametrize("language", PUBLIC_ONLY_LANGUAGES)
def test_staff_pages_fall_back_to_the_committees_language(client, world, officer, language):
    """A French browser at the login, or a journalist's language cookie: the staff page is
    in the committee's language, and its switch offers only the staff's three."""
    for url in (reverse("login"), reverse("accreditation:application_list")):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        if url != reverse("login"):
            client.force_login(officer)
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert f'<html lang="{settings.LANGUAGE_CODE}"' in page
        offered = {code for code in ALL if f'<option value="{code}"' in page}
        assert offered == set(STAFF_LANGUAGES)


def test_the_public_pages_offer_all_seven_languages(client, world):
    page = _get(client, "en", reverse("apply_media"))
    assert {code for code in ALL if f'<option value="{code}"' in page} == set(ALL)
