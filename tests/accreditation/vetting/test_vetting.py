"""The security vetting queue: who sees it, what it lists and shows, the decisions taken on
it, and what vetting means for the office's approval."""

from datetime import date

import pytest
from django.urls import reverse

from accreditation.applications.models.applications import Application
from accreditation.applications.services.applications import (
    application_approve,
    application_reject,
    application_withdraw,
)
from accreditation.enums import ApplicationStatus, VettingStatus
from accreditation.errors import VettingRequired
from logistics.core.enums import Role
from logistics.core.uploads import clean_photo
from tests.factories.accreditation import journalist
from tests.factories.delegations import country
from tests.factories.plan import UserFactory, user_with_role
from tests.factories.registration import photo_upload
from tests.queries import same_queries

QUEUE = reverse("accreditation:vetting_queue")


@pytest.fixture
def staff(db, secretariat, officer, protocol, observer, gate):
    return {
        "secretariat": secretariat, "accreditation": officer, "protocol": protocol,
        "observer": observer, "gate": gate,
        "programme": user_with_role(Role.PROGRAMME, username="programme"),
        "superuser": UserFactory(username="root", is_staff=True, is_superuser=True),
    }


def _decide(client, application, **data):
    return client.post(reverse("accreditation:vetting_decide", args=[application.pk]), data)


def test_the_queue_is_for_vetting_officers_only(client, event, cats, staff, vetter):
    journalist(event)
    for name, user in staff.items():
        client.force_login(user)
        assert client.get(QUEUE).status_code == 403, name
    client.logout()
    assert client.get(QUEUE).status_code == 302  # to the login page
    client.force_login(vetter)
    assert client.get(QUEUE).status_code == 200


def test_a_superuser_put_in_the_vetting_group_vets(client, event, cats):
    root = user_with_role(Role.VETTING, username="root", is_superuser=True)
    client.force_login(root)
    assert client.get(QUEUE).status_code == 200


def test_only_vetting_officers_can_post_decisions(client, event, cats, staff):
    application = journalist(event)
    for name, user in staff.items():
        client.force_login(user)
        assert _decide(client, application, decision="clear").status_code == 403, name
        response = client.post(reverse("accreditation:vetting_bulk_clear"),
                               {"ids": [application.pk]})
        assert response.status_code == 403, name
    application.refresh_from_db()
    assert application.vetting == VettingStatus.PENDING


def test_the_queue_shows_what_vetting_needs(client, event, cats, vetter, outlet):
    application = journalist(event, family_name="Trần", given_names="Thị Mai",
                             date_of_birth=date(1985, 3, 14), nationality=country("VN"),
                             id_document_number="C 1234-567",
                             id_document_expiry=date(2031, 5, 6), organisation="VNA",
                             outlet=outlet)
    client.force_login(vetter)
    response = client.get(QUEUE)
    page = response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    for shown in (application.reference, "Trần", "Thị Mai", "1985-03-14", "Viet Nam",
                  "Passport", "C 1234-567", "2031-05-06", "VNA"):
        assert shown in page, shown


def test_the_queue_lists_pending_applications_by_default(client, event, cats, vetter):
    pending = journalist(event, family_name="Pending")
    cleared = journalist(event, family_name="Cleared")
    flagged = journalist(event, family_name="Flagged")
    closed = journalist(event, family_name="Closed")
    cats["C"].vetting_required = False
    cats["C"].save()
    unvetted = journalist(event, category_code="C", family_name="Unvetted")
    client.force_login(vetter)
    _decide(client, cleared, decision="clear")
    _decide(client, flagged, decision="flag", reason="Do not accredit", note="Watch list")
    application_withdraw(application=closed, by=None, reason="Changed plans")
    client.get(QUEUE)  # shows (and so empties) the messages that name the decided ones

    def listed(query=""):
        page = client.get(f"{QUEUE}?{query}").content.decode()
        return {a.family_name for a in (pending, cleared, flagged, closed, unvetted)
                if a.reference in page}

    assert listed() == {"Pending"}
    assert listed("vetting=cleared") == {"Cleared"}
    assert listed("vetting=flagged") == {"Flagged"}
    assert listed("vetting=all") == {"Pending", "Cleared", "Flagged"}
    page = client.get(f"{QUEUE}?vetting=flagged").content.decode()
    assert "Watch list" in page and "Do not accredit" in page


def test_the_queue_filters_by_category_nationality_and_search(client, event, cats, vetter):
    press = journalist(event, family_name="Press", nationality=country("VN"))
    french = journalist(event, family_name="Dupont", nationality=country("FR"),
                        id_document_number="15AB12345")
    technician = journalist(event, category_code="T", family_name="Technician",
                            media_role="technician")
    client.force_login(vetter)

    def listed(query):
        page = client.get(f"{QUEUE}?{query}").content.decode()
        return {a.family_name for a in (press, french, technician) if a.reference in page}

    assert listed(f"category={cats['T'].pk}") == {"Technician"}
    assert listed(f"nationality={country('FR').pk}") == {"Dupont"}
    assert listed("q=dupont") == {"Dupont"}
    assert listed(f"q={press.reference.lower()}") == {"Press"}
    # An ID number is found however it is typed, by its index.
    assert listed("q=15ab-12345") == {"Dupont"}
    assert listed("q=nobody") == set()
    assert "No applicant matches these filters." in client.get(f"{QUEUE}?q=nobody").content \
        .decode()


def test_bad_filters_are_reported_not_crashed_on(client, event, cats, vetter):
    journalist(event, family_name="Pending")
    client.force_login(vetter)
    other = journalist(event, family_name="Other", nationality=country("FR"))
    response = client.get(f"{QUEUE}?category=999999&vetting=nonsense&nationality=abc&q=pend")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="filter-errors"' in page
    # The filters that make sense still apply: pending applicants named "pend...".
    assert "Pending" in page and other.reference not in page


def test_an_empty_queue_says_so(client, event, cats, vetter):
    client.force_login(vetter)
    assert "Nobody is waiting for security vetting." in client.get(QUEUE).content.decode()


def test_clearing_from_the_queue_records_who_and_keeps_the_filters(client, event, cats,
                                                                   vetter):
    application = journalist(event)
    client.force_login(vetter)
    response = _decide(client, application, decision="clear", query="q=Tr%E1%BA%A7n&page=2")
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?q=Tr%E1%BA%A7n&page=2#vetting-{application.pk}"
    application.refresh_from_db()
    assert (application.vetting, application.vetted_by) == (VettingStatus.CLEARED, vetter)
    assert application.vetted_at is not None


def test_flagging_needs_a_reason_for_the_office(client, event, cats, vetter):
    """The note is vetting's own: a flag with a note alone says nothing the office may
    read, and is refused."""
    application = journalist(event)
    client.force_login(vetter)
    _decide(client, application, decision="flag", reason="   ", note="Name on a watch list")
    application.refresh_from_db()
    assert application.vetting == VettingStatus.PENDING
    response = client.get(QUEUE)
    assert ("Say why the applicant is flagged, in words the accreditation office may read."
            in response.content.decode())
    _decide(client, application, decision="flag", reason="Do not accredit.",
            note="Name on a watch list")
    application.refresh_from_db()
    assert (application.vetting, application.vetting_reason, application.vetting_note) == (
        VettingStatus.FLAGGED, "Do not accredit.", "Name on a watch list")


def test_an_unknown_decision_changes_nothing(client, event, cats, vetter):
    application = journalist(event)
    client.force_login(vetter)
    assert _decide(client, application, decision="approve").status_code == 302
    assert client.get(reverse("accreditation:vetting_decide", args=[application.pk])) \
        .status_code == 405
    assert _decide(client, Application(pk=999999)).status_code == 404
    application.refresh_from_db()
    assert application.vetting == VettingStatus.PENDING


def test_a_closed_application_cannot_be_vetted(client, event, cats, vetter, officer):
    application = journalist(event)
    application_reject(application=application, by=officer, reason="No letter")
    client.force_login(vetter)
    _decide(client, application, decision="clear")
    application.refresh_from_db()
    assert application.vetting == VettingStatus.PENDING
    assert "This application is closed." in client.get(QUEUE).content.decode()


def test_bulk_clear_clears_the_ticked_rows_only(client, event, cats, vetter):
    first, second, third = (journalist(event) for _ in range(3))
    client.force_login(vetter)
    response = client.post(reverse("accreditation:vetting_bulk_clear"),
                           {"ids": [first.pk, third.pk, "x", "²"], "query": "vetting=pending"})
    assert response["Location"] == f"{QUEUE}?vetting=pending"
    states = dict(Application.objects.values_list("pk", "vetting"))
    assert (states[first.pk], states[second.pk], states[third.pk]) == (
        VettingStatus.CLEARED, VettingStatus.PENDING, VettingStatus.CLEARED)
    assert "2 applicants cleared." in client.get(QUEUE).content.decode()


def test_bulk_clear_without_ticks_says_so(client, event, cats, vetter):
    journalist(event)
    client.force_login(vetter)
    client.post(reverse("accreditation:vetting_bulk_clear"), {})
    assert "Tick the applicants to clear first." in client.get(QUEUE).content.decode()
    assert not Application.objects.filter(vetting=VettingStatus.CLEARED).exists()


def test_approval_waits_for_clearance_given_on_the_queue(client, event, cats, vetter,
                                                        officer):
    application = journalist(event)
    with pytest.raises(VettingRequired, match="before security vetting clears them"):
        application_approve(application=application, by=officer)
    client.force_login(vetter)
    _decide(client, application, decision="flag", reason="Check with the police")
    with pytest.raises(VettingRequired, match="vetting: flagged"):
        application_approve(application=application, by=officer)
    _decide(client, application, decision="clear")
    application_approve(application=application, by=officer)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_queue_queries_do_not_grow_with_rows(client, event, cats, vetter):
    client.force_login(vetter)
    journalist(event)

    def add():
        journalist(event, category_code="T", media_role="technician")
        journalist(event, nationality=country("FR"))

    response = same_queries(lambda: client.get(QUEUE), add)
    assert response.content.decode().count('data-testid="vetting-row"') == 3


def test_the_queue_shows_the_applicants_photo(client, event, cats, vetter, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    with_photo = journalist(event, photo=clean_photo(photo_upload()))
    without = journalist(event)
    client.force_login(vetter)
    page = client.get(QUEUE).content.decode()
    url = reverse("accreditation:application_file", kwargs={"pk": with_photo.pk,
                                                            "kind": "photo"})
    assert f'src="{url}"' in page
    assert page.count("<img ") == 1 and "No photo" in page
    assert without.reference in page
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "image/jpeg")
