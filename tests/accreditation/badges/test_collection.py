"""The collection desk: find the person, compare the ID with the application, tick the box,
hand the badge over; once, and never a revoked badge. A person without a badge is told why."""

import io
import re
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from accreditation.badges.models import Badge
from accreditation.badges.services.badges import badge_issue, badge_reissue, badge_revoke
from accreditation.enums import BadgeStatus
from tests.factories.accreditation import approved, journalist
from tests.factories.delegations import country

DESK = "accreditation:collection"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def person(event, cats):
    application = journalist(event, family_name="Lê", given_names="Văn Hùng",
                             nationality=country("VN"), date_of_birth=date(1979, 4, 30),
                             id_document_kind="passport", id_document_number="N1234567",
                             id_document_expiry=date(2031, 6, 1))
    out = io.BytesIO()
    Image.new("RGB", (300, 400), (120, 120, 120)).save(out, format="JPEG")
    application.photo.save("photo.jpg", ContentFile(out.getvalue()), save=True)
    return application


@pytest.fixture
def badge(person):
    return badge_issue(application_id=approved(person).pk)


def _desk(client, **params):
    return client.get(reverse(DESK), params)


def test_desk_finds_the_person_by_name_reference_or_badge_number(client, badge, person,
                                                                 officer):
    client.force_login(officer)
    for query in ("Văn Hùng", "lê", person.reference, badge.number, badge.number[-5:]):
        page = _desk(client, q=query).content.decode()
        assert 'data-testid="person"' in page, query
        assert badge.number in page


def test_desk_shows_what_to_compare_and_not_the_document_number(client, badge, person,
                                                                officer):
    client.force_login(officer)
    page = _desk(client, application=person.pk).content.decode()
    assert reverse("accreditation:application_file", args=[person.pk, "photo"]) in page
    assert "Lê" in page and "Văn Hùng" in page
    assert "Viet" in page  # nationality
    assert "1979-04-30" in page
    assert "Passport" in page and "2031-06-01" in page
    assert "N1234567" not in page
    assert 'data-testid="hand-over"' in page and 'name="id_checked"' in page


def test_desk_lists_several_matches_to_choose_from(client, event, cats, officer):
    for given in ("Anna", "Anne"):
        badge_issue(application_id=approved(journalist(event, family_name="Schmidt",
                                                       given_names=given)).pk)
    client.force_login(officer)
    page = _desk(client, q="Schmidt").content.decode()
    assert page.count('data-testid="result"') == 2
    assert 'data-testid="person"' not in page
    assert 'data-testid="no-result"' in _desk(client, q="Nobody").content.decode()


def test_hand_over_needs_the_id_check_box(client, badge, person, officer):
    client.force_login(officer)
    url = reverse("accreditation:badge_collect", args=[badge.pk])
    response = client.post(url, {})
    assert response.status_code == 400
    assert 'data-testid="check-error"' in response.content.decode()
    badge.refresh_from_db()
    assert badge.collected_at is None
    response = client.post(url, {"id_checked": "on"})
    assert response["Location"] == f"{reverse(DESK)}?application={person.pk}"
    badge.refresh_from_db()
    assert badge.collected_at is not None and badge.collected_by == officer
    page = client.get(response["Location"]).content.decode()
    assert "is handed over to Văn Hùng Lê" in page
    assert 'data-testid="handed-over"' in page and 'data-testid="hand-over"' not in page


def test_hand_over_happens_once(client, badge, officer, secretariat):
    client.force_login(officer)
    url = reverse("accreditation:badge_collect", args=[badge.pk])
    client.post(url, {"id_checked": "on"})
    badge.refresh_from_db()
    first = badge.collected_at
    client.force_login(secretariat)
    response = client.post(url, {"id_checked": "on"}, follow=True)
    assert "already handed over" in response.content.decode()
    badge.refresh_from_db()
    assert (badge.collected_at, badge.collected_by) == (first, officer)


def test_revoked_badge_is_not_handed_over(client, badge, person, officer):
    badge_revoke(badge=badge, by=officer, reason="Fake letter of assignment.")
    client.force_login(officer)
    response = client.post(reverse("accreditation:badge_collect", args=[badge.pk]),
                           {"id_checked": "on"}, follow=True)
    assert "cannot be handed over" in response.content.decode()
    badge.refresh_from_db()
    assert badge.collected_at is None
    page = _desk(client, application=person.pk).content.decode()
    assert 'data-testid="why-no-badge"' in page and "Fake letter of assignment." in page
    assert 'data-testid="hand-over"' not in page


def test_reissued_badge_is_the_one_handed_over(client, badge, person, officer):
    new = badge_reissue(badge=badge, by=officer, reason="Misprinted name.")
    client.force_login(officer)
    page = _desk(client, application=person.pk).content.decode()
    assert new.number in page
    assert reverse("accreditation:badge_collect", args=[new.pk]) in page
    assert reverse("accreditation:badge_collect", args=[badge.pk]) not in page


@pytest.mark.parametrize("state, says", [
    ("submitted", "a badge is issued only once it is approved"),
    ("approved", "its badge is being issued"),
])
def test_person_without_a_badge_is_told_why(client, event, cats, officer, state, says):
    application = journalist(event, family_name="Haddad")
    if state == "approved":
        approved(application)
    client.force_login(officer)
    page = _desk(client, q="Haddad").content.decode()
    assert 'data-testid="why-no-badge"' in page and says in page
    assert Badge.objects.count() == 0


def test_expiring_document_is_flagged(client, event, cats, officer):
    application = journalist(event, id_document_expiry=event.start_date)
    badge_issue(application_id=approved(application).pk)
    client.force_login(officer)
    page = _desk(client, application=application.pk).content.decode()
    assert 'data-testid="id-expires"' in page


def test_desk_is_the_offices(client, badge, officer, secretariat, vetter, gate):
    url = reverse(DESK)
    collect = reverse("accreditation:badge_collect", args=[badge.pk])
    for user in (vetter, gate):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(collect, {"id_checked": "on"}).status_code == 403
    badge.refresh_from_db()
    assert badge.collected_at is None and badge.status == BadgeStatus.ACTIVE
    for user in (officer, secretariat):
        client.force_login(user)
        assert client.get(url).status_code == 200


def test_desk_of_another_events_person_is_not_found(client, badge, officer):
    client.force_login(officer)
    assert _desk(client, application=999999).status_code == 404
    assert client.post(reverse("accreditation:badge_collect", args=[999999]),
                       {"id_checked": "on"}).status_code == 404


# (number as typed on the application, what the desk shows, what it never shows). The tail
# is of the normalised number, at most four characters and never more than half of it.
TAILS = [
    ("N1234567", "•••• 4567", ("N1234567", "1234567", "N123", "234567")),
    ("c 12-34 567", "•••• 4567", ("C1234567", "12-34 567", "1234567", "c 12")),
    ("AB1234", "•••• 234", ("AB1234", "B1234", "1234")),
    ("X9", "•••• 9", ("X9",)),
    ("7", "••••", ()),
]


@pytest.mark.parametrize("number, shown, hidden", TAILS)
def test_desk_shows_the_last_characters_of_the_document_number_only(
        client, event, cats, officer, number, shown, hidden):
    application = journalist(event, family_name="Okafor", id_document_number=number)
    badge = badge_issue(application_id=approved(application).pk)
    client.force_login(officer)
    # The desk, and the desk again after a refused hand-over (the form's own page).
    pages = [_desk(client, application=application.pk),
             client.post(reverse("accreditation:badge_collect", args=[badge.pk]), {})]
    for response in pages:
        page = response.content.decode()
        assert 'data-testid="document-tail"' in page
        assert f'<bdi dir="ltr">{shown}</bdi>' in page
        # What is random on the page (CSRF tokens, file names, the reference) may hold "X9"
        # or "1234" by chance; the number would show as a word of its own.
        words = re.sub(r"[A-Za-z0-9_-]{12,}", " ", page.replace(application.reference, " "))
        for text in hidden:
            assert text not in words, text


def test_desk_shows_no_tail_without_a_number(client, event, cats, officer):
    application = journalist(event, id_document_number="")
    badge_issue(application_id=approved(application).pk)
    client.force_login(officer)
    page = _desk(client, application=application.pk).content.decode()
    assert 'data-testid="document-tail"' not in page and "••••" not in page
