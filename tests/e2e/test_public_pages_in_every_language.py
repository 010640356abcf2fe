"""Issue 15, item 3: the public pages in the UN languages the staff UI does not speak (French,
Russian, Spanish, Chinese) on a phone and a laptop, walked like the English and Arabic desks
(tests/e2e/desks.py): nothing sideways, no console error, no axe finding; each page in its
language, offering all seven; and a staff page asked for in one of them shown in the
committee's language, offering the staff's three."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from config.languages import LANGUAGES, STAFF_LANGUAGES
from logistics.core.enums import Role
from logistics.programme.services.publishing import programme_publish
from tests.e2e.conftest import PASSWORD
from tests.e2e.desks import LAPTOP, PHONE
from tests.factories.accreditation import categories
from tests.factories.plan import EventFactory, user_with_role
from tests.factories.programme import SessionFactory
from tests.factories.registration import InvitationFactory

EVENT_NAME = "Signing Ceremony of the United Nations Convention against Cybercrime"
DESKS = [(language, size) for language in ("fr", "ru", "es", "zh-hans")
         for size in (LAPTOP, PHONE)]
# Each page's heading in English, shown in the desk's language.
PAGES = [("apply_media", "Apply for media accreditation"),
         ("apply_status", "Check your application"),
         ("side_event_propose", "Propose a side event"), ("programme_public", "Programme")]


@pytest.fixture
def public_event(transactional_db):
    today = timezone.localdate(timezone=EventFactory.build().tz)
    event = EventFactory(name=EVENT_NAME, start_date=today + timedelta(days=20),
                         end_date=today + timedelta(days=22))
    categories(event)
    SessionFactory(event=event, title="Press briefing on the arrangements for the ceremony")
    secretariat = user_with_role(Role.SECRETARIAT, username="sec", password=PASSWORD)
    programme_publish(event=event, by=secretariat)
    return event, InvitationFactory(delegation__event=event)


def _offered(page):
    return set(page.locator("#language option").evaluate_all(
        "options => options.map(option => option.value)"))


@pytest.mark.parametrize("desk", DESKS, indirect=True,
                         ids=lambda value: f"{value[0]}-{value[1].name}")
def test_public_pages_speak_every_un_language(desk, public_event):
    _event, invitation = public_event
    for name, english in PAGES:
        page = desk.open(reverse(name), step=name)
        assert page.evaluate("document.documentElement.lang") == desk.language
        with translation.override(desk.language):
            expected = gettext(english)
        assert page.locator("main h1").first.inner_text() == expected, f"{desk}: {name}"
        assert _offered(page) == {code for code, _name in LANGUAGES}
    page = desk.open(reverse("register", args=[invitation.token]), step="registration")
    assert page.evaluate("document.documentElement.lang") == desk.language

    page = desk.open(reverse("login"), step="login")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert _offered(page) == set(STAFF_LANGUAGES)
