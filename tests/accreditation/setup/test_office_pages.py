"""The accreditation office's pages: who gets in, the set-up of categories, zones, outlets
and quotas through them, staff entry, and no ID document number in any of their HTML."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from accreditation.applications.models.applications import Application, Transition
from accreditation.enums import ApplicationSource, ApplicationStatus
from accreditation.gates.models import Checkpoint
from accreditation.setup.models import AccreditationCategory, MediaOutlet, OrganisationQuota, Zone
from logistics.core.enums import Role
from tests.factories.accreditation import OutletFactory, approved, journalist
from tests.factories.delegations import country
from tests.factories.plan import EventFactory, user_with_role
from tests.factories.registration import PDF_BYTES, image_bytes, pdf_pages, pdf_upload, photo_upload

SECRET_NUMBER = "XK9381527"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """The disk; the tests of the staff's uploads ask for `media` as well, which runs them on
    a bucket too (tests/plugins/file_storage.py)."""
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def application(event, cats, outlet):
    return journalist(event, outlet=outlet, id_document_number=SECRET_NUMBER,
                      photo=photo_upload(), letter_of_assignment=pdf_upload())


def office_urls(application, cats):
    zone = Zone.objects.filter(event=application.event).first()
    return [
        reverse("accreditation:setup"),
        reverse("accreditation:category_edit", args=[cats["P"].pk]),
        reverse("accreditation:zone_add"),
        reverse("accreditation:zone_edit", args=[zone.pk]),
        reverse("accreditation:outlet_add"),
        reverse("accreditation:outlet_edit", args=[application.outlet_id]),
        reverse("accreditation:quota_add"),
        reverse("accreditation:application_add"),
        reverse("accreditation:application_add") + f"?category={cats['P'].pk}",
        reverse("accreditation:application_import"),
        reverse("accreditation:application_import_template"),
    ]


def reader_urls(application):
    return [reverse("accreditation:application_list"),
            reverse("accreditation:application_detail", args=[application.pk])]


# Who gets in


def test_anonymous_visitors_are_sent_to_the_login(client, application, cats):
    for url in office_urls(application, cats) + reader_urls(application):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


@pytest.mark.parametrize("role", [Role.PROTOCOL, Role.PROGRAMME, Role.GATE, Role.OBSERVER,
                                  Role.STEERING])
def test_other_staff_are_refused(client, application, cats, role):
    client.force_login(user_with_role(role, username=f"user-{role}"))
    for url in office_urls(application, cats) + reader_urls(application):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("role", [Role.ACCREDITATION, Role.SECRETARIAT])
def test_the_office_and_the_secretariat_see_every_page(client, application, cats, role):
    client.force_login(user_with_role(role, username=f"user-{role}"))
    for url in office_urls(application, cats) + reader_urls(application):
        assert client.get(url).status_code == 200, url


def test_security_vetting_reads_the_queue_but_not_the_setup(client, application, cats,
                                                            vetter):
    client.force_login(vetter)
    for url in reader_urls(application):
        assert client.get(url).status_code == 200, url
    for url in office_urls(application, cats):
        assert client.get(url).status_code == 403, url


def test_security_vetting_sees_no_decision_buttons(client, application, vetter):
    client.force_login(vetter)
    page = client.get(reverse("accreditation:application_detail", args=[application.pk]))
    assert b'name="action"' not in page.content
    assert b"bulk-bar" not in client.get(reverse("accreditation:application_list")).content


def test_a_refused_post_changes_nothing(client, application, protocol):
    client.force_login(protocol)
    response = client.post(reverse("accreditation:application_decide", args=[application.pk]),
                           {"action": "reject", "reason": "no"})
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


# No ID document number, anywhere


def test_no_id_document_number_in_any_office_page(client, application, cats, officer, vetter):
    client.force_login(officer)
    urls = office_urls(application, cats) + reader_urls(application) + [
        reverse("accreditation:application_list") + "?q=" + application.family_name,
        reverse("accreditation:application_list") + "?duplicates=no"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        if response.get("Content-Type", "").startswith("text/html"):
            assert SECRET_NUMBER not in response.content.decode(), url
    detail = client.get(reverse("accreditation:application_detail", args=[application.pk]))
    assert "number on file" in detail.content.decode()
    # Not for security vetting either: they read it on their own pages.
    client.force_login(vetter)
    for url in reader_urls(application):
        assert SECRET_NUMBER not in client.get(url).content.decode(), url


def test_a_missing_number_is_said_to_be_missing(client, event, cats, officer):
    application = journalist(event, id_document_number="")
    client.force_login(officer)
    page = client.get(reverse("accreditation:application_detail", args=[application.pk]))
    assert "number missing" in page.content.decode()


# The set-up page


def test_setup_lists_categories_with_colour_zones_vetting_quota_and_use(client, event, cats,
                                                                        officer, outlet):
    AccreditationCategory.objects.filter(pk=cats["P"].pk).update(quota=400)
    approved(journalist(event, outlet=outlet), officer=officer)
    journalist(event, outlet=outlet)
    client.force_login(officer)
    page = client.get(reverse("accreditation:setup")).content.decode()
    # the colour itself comes from the categories stylesheet (no inline style under the CSP)
    assert "#FFD100" in page and f'cat-{cats["P"].pk}' in page
    assert page.count('data-testid="category-row"') == 12
    rows = page.split('data-testid="category-row"')
    press = next(row for row in rows if ">P<" in row)
    assert "<bdi>400</bdi>" in press
    assert "<bdi>1</bdi>" in press  # one approved, one waiting
    assert "Required" in press
    assert "Vietnam News Agency" in page


def test_setup_installs_the_defaults_once(client, event, officer):
    client.force_login(officer)
    response = client.post(reverse("accreditation:setup"), follow=True)
    assert "Added 6 zones and 12 categories." in response.content.decode()
    assert AccreditationCategory.objects.filter(event=event).count() == 12
    again = client.post(reverse("accreditation:setup"), follow=True)
    assert "already there" in again.content.decode()
    assert AccreditationCategory.objects.filter(event=event).count() == 12


def test_setup_page_searches_and_pages_outlets(client, event, cats, officer):
    for n in range(30):
        OutletFactory(event=event, name=f"Agence {n:02d}")
    OutletFactory(event=event, name="Xinhua", country=country("CN"))
    client.force_login(officer)
    first = client.get(reverse("accreditation:setup")).content.decode()
    assert first.count('data-testid="outlet-row"') == 25
    assert "31 outlets" in first
    found = client.get(reverse("accreditation:setup") + "?q=china").content.decode()
    assert found.count('data-testid="outlet-row"') == 1 and "Xinhua" in found
    second = client.get(reverse("accreditation:setup") + "?page=2").content.decode()
    assert second.count('data-testid="outlet-row"') == 6


def test_setup_page_queries_do_not_grow_with_rows(client, event, cats, officer,
                                                  django_assert_max_num_queries):
    client.force_login(officer)
    journalist(event, outlet=OutletFactory(event=event))
    OrganisationQuota.objects.create(category=cats["N"], organisation="NGO", quota=3)
    client.get(reverse("accreditation:setup"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("accreditation:setup"))
    for n in range(40):  # the outlets' and the quotas' lists run to a second page
        outlet = OutletFactory(event=event)
        journalist(event, outlet=outlet)
        OrganisationQuota.objects.create(category=cats["N"], organisation=f"NGO {n}", quota=3)
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("accreditation:setup"))


# Categories


def edit_category(client, category, **changes):
    data = {"code": category.code, "name": category.name,
            "badge_colour": category.badge_colour,
            "zones": [zone.pk for zone in category.zones.all()],
            "vetting_required": "on" if category.vetting_required else "", "quota": ""}
    data.update(changes)
    return client.post(reverse("accreditation:category_edit", args=[category.pk]), data)


def test_category_edit_saves_code_colour_zones_vetting_and_quota(client, event, cats, officer):
    client.force_login(officer)
    plenary = Zone.objects.get(event=event, code="1")
    response = edit_category(client, cats["P"], code="pr", name="Press and media",
                             badge_colour="#ffa500", zones=[plenary.pk], vetting_required="",
                             quota="450")
    assert response.status_code == 302
    press = AccreditationCategory.objects.get(pk=cats["P"].pk)
    assert (press.code, press.name, press.badge_colour, press.vetting_required, press.quota) \
        == ("PR", "Press and media", "#FFA500", False, 450)
    assert list(press.zones.all()) == [plenary]
    assert LogEntry.objects.filter(object_id=str(press.pk), user=officer).exists()


@pytest.mark.parametrize("changes, field, message", [
    ({"code": "D"}, "code", "already used by “Delegate”"),
    ({"badge_colour": "red"}, "badge_colour", "#RRGGBB"),
    ({"badge_colour": "#12345G"}, "badge_colour", "#RRGGBB"),
    ({"code": "P!"}, "code", "capital letters or digits"),
    ({"name": ""}, "name", "required"),
    ({"quota": "-1"}, "quota", "greater than or equal to 0"),
])
def test_category_edit_refuses_bad_input_and_changes_nothing(client, cats, officer, changes,
                                                             field, message):
    client.force_login(officer)
    response = edit_category(client, cats["P"], **changes)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    press = AccreditationCategory.objects.get(pk=cats["P"].pk)
    assert (press.code, press.badge_colour, press.name) == ("P", "#FFD100", "Press")


def test_category_edit_offers_only_this_events_zones(client, event, cats, officer):
    other = EventFactory()
    foreign = Zone.objects.create(event=other, code="9", name="Elsewhere")
    client.force_login(officer)
    response = edit_category(client, cats["P"], zones=[foreign.pk])
    assert response.status_code == 400
    assert "zones" in response.context["form"].errors
    assert foreign not in cats["P"].zones.all()


def test_category_of_another_event_is_not_found(client, cats, officer):
    other = EventFactory()
    from tests.factories.accreditation import categories

    foreign = categories(other)["P"]
    client.force_login(officer)
    assert client.get(reverse("accreditation:category_edit", args=[foreign.pk])).status_code \
        == 404


# Zones


def test_zone_add_and_edit(client, event, cats, officer):
    client.force_login(officer)
    response = client.post(reverse("accreditation:zone_add"), {"code": "7", "name": "Garden"})
    assert response.status_code == 302
    zone = Zone.objects.get(event=event, code="7")
    response = client.post(reverse("accreditation:zone_edit", args=[zone.pk]),
                           {"code": "g", "name": "Garden terrace"})
    assert response.status_code == 302
    zone.refresh_from_db()
    assert (zone.code, zone.name) == ("G", "Garden terrace")


def test_zone_code_taken_is_refused(client, event, cats, officer):
    client.force_login(officer)
    response = client.post(reverse("accreditation:zone_add"), {"code": "2", "name": "Press"})
    assert response.status_code == 400
    assert "already used by the zone “Press centre”" in response.content.decode()
    assert Zone.objects.filter(event=event, code="2").count() == 1


def test_zone_still_used_by_a_checkpoint_is_not_deleted(client, event, cats, officer):
    zone = Zone.objects.create(event=event, code="8", name="Car park")
    Checkpoint.objects.create(event=event, zone=zone, name="Gate 8")
    client.force_login(officer)
    response = client.post(reverse("accreditation:zone_edit", args=[zone.pk]),
                           {"delete": "1"}, follow=True)
    assert "still has checkpoints (Gate 8)" in response.content.decode()
    assert Zone.objects.filter(pk=zone.pk).exists()


def test_zone_opened_by_a_category_is_not_deleted(client, event, cats, officer):
    zone = Zone.objects.get(event=event, code="2")
    client.force_login(officer)
    response = client.post(reverse("accreditation:zone_edit", args=[zone.pk]),
                           {"delete": "1"}, follow=True)
    assert "still open the zone" in response.content.decode()
    assert Zone.objects.filter(pk=zone.pk).exists()


def test_an_unused_zone_is_deleted(client, event, cats, officer):
    zone = Zone.objects.create(event=event, code="8", name="Car park")
    client.force_login(officer)
    response = client.post(reverse("accreditation:zone_edit", args=[zone.pk]), {"delete": "1"})
    assert response.status_code == 302
    assert not Zone.objects.filter(pk=zone.pk).exists()


# Outlets


def outlet_data(**changes):
    data = {"name": "Thông tấn xã Việt Nam", "country": country("VN").pk,
            "kind": "news_agency", "domestic": "on", "quota": "6"}
    data.update(changes)
    return data


def test_outlet_add_and_edit(client, event, officer):
    client.force_login(officer)
    assert client.post(reverse("accreditation:outlet_add"), outlet_data()).status_code == 302
    outlet = MediaOutlet.objects.get(event=event)
    assert (outlet.name, outlet.domestic, outlet.quota) == ("Thông tấn xã Việt Nam", True, 6)
    response = client.post(reverse("accreditation:outlet_edit", args=[outlet.pk]),
                           outlet_data(quota="2", domestic=""))
    assert response.status_code == 302
    outlet.refresh_from_db()
    assert (outlet.domestic, outlet.quota) == (False, 2)


@pytest.mark.parametrize("changes, field, message", [
    ({"name": "vietnam news agency"}, "name", "already in the list"),
    ({"quota": "0"}, "quota", "greater than or equal to 1"),
    ({"kind": "blog"}, "kind", "Select a valid choice"),
    ({"country": "999999"}, "country", "Select a valid choice"),
])
def test_outlet_bad_input_is_refused(client, event, outlet, officer, changes, field, message):
    client.force_login(officer)
    response = client.post(reverse("accreditation:outlet_add"), outlet_data(**changes))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert MediaOutlet.objects.filter(event=event).count() == 1


# Organisation quotas


def test_quota_add_and_delete(client, event, cats, officer):
    client.force_login(officer)
    response = client.post(reverse("accreditation:quota_add"),
                           {"category": cats["N"].pk, "organisation": " Red  Cross ",
                            "quota": "3"})
    assert response.status_code == 302
    quota = OrganisationQuota.objects.get()
    assert (quota.organisation, quota.quota) == ("Red Cross", 3)
    duplicate = client.post(reverse("accreditation:quota_add"),
                            {"category": cats["N"].pk, "organisation": "red cross",
                             "quota": "5"})
    assert duplicate.status_code == 400
    assert "already has a quota" in duplicate.content.decode()
    assert client.get(reverse("accreditation:quota_delete", args=[quota.pk])).status_code \
        == 405
    assert client.post(reverse("accreditation:quota_delete", args=[quota.pk])).status_code \
        == 302
    assert not OrganisationQuota.objects.exists()


def test_quota_for_a_category_of_another_event_is_refused(client, event, cats, officer):
    from tests.factories.accreditation import categories

    foreign = categories(EventFactory())["N"]
    client.force_login(officer)
    response = client.post(reverse("accreditation:quota_add"),
                           {"category": foreign.pk, "organisation": "Oxfam", "quota": "3"})
    assert response.status_code == 400
    assert not OrganisationQuota.objects.exists()


# Staff entry


def test_entry_starts_with_the_category(client, event, cats, officer):
    client.force_login(officer)
    page = client.get(reverse("accreditation:application_add")).content.decode()
    assert page.count("?category=") == 12


def test_entry_form_has_media_fields_only_for_media_categories(client, cats, officer):
    client.force_login(officer)
    url = reverse("accreditation:application_add")
    press = client.get(f"{url}?category={cats['P'].pk}").context["form"]
    staff = client.get(f"{url}?category={cats['C'].pk}").context["form"]
    assert {"outlet", "media_role", "letter_of_assignment", "press_card"} <= set(press.fields)
    assert not {"outlet", "media_role", "letter_of_assignment", "press_card"} & set(staff.fields)
    assert "delegation" not in staff.fields


def entry_data(**changes):
    data = {"family_name": "Nguyễn", "given_names": "Văn An", "gender": "male",
            "date_of_birth": "1980-05-04", "nationality": country("VN").pk,
            "email": "an@example.org", "organisation": "Hanoi police", "function": "Officer",
            "id_document_kind": "national_id", "id_document_number": "001080012345",
            "id_document_expiry": "2030-01-01"}
    data.update(changes)
    return data


def test_staff_enter_an_application(client, event, cats, officer, mailoutbox, media,
                                    django_capture_on_commit_callbacks, celery_eager):
    client.force_login(officer)
    url = reverse("accreditation:application_add") + f"?category={cats['Z'].pk}"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**entry_data(), "photo": photo_upload()})
    application = Application.objects.get(event=event)
    assert response.status_code == 302
    assert response["Location"] == reverse("accreditation:application_detail",
                                           args=[application.pk])
    assert (application.source, application.category, application.status) == (
        ApplicationSource.STAFF, cats["Z"], ApplicationStatus.SUBMITTED)
    assert application.id_document_number == "001080012345"
    assert application.photo.read()[:2] == b"\xff\xd8"
    assert Transition.objects.get(application=application).by == officer
    assert [m.to for m in mailoutbox] == [["an@example.org"]]


def test_staff_enter_a_journalist_with_outlet_role_and_letter(client, event, cats, outlet,
                                                               officer, media):
    client.force_login(officer)
    url = reverse("accreditation:application_add") + f"?category={cats['P'].pk}"
    response = client.post(url, {**entry_data(), "outlet": outlet.pk,
                                 "media_role": "photographer",
                                 "letter_of_assignment": pdf_upload()})
    assert response.status_code == 302
    application = Application.objects.get(event=event)
    assert (application.outlet, application.media_role) == (outlet, "photographer")
    assert pdf_pages(application.letter_of_assignment.read()) == pdf_pages(PDF_BYTES)


def test_staff_entry_refuses_bad_uploads_and_holds_duplicates(client, event, cats, officer,
                                                               media):
    client.force_login(officer)
    url = reverse("accreditation:application_add") + f"?category={cats['Z'].pk}"
    script = photo_upload()
    script.file.seek(0)
    script.file.write(b"#!/bin/sh\nrm -rf /\n")
    script.file.truncate()
    script.size = 20
    script.file.seek(0)
    bad = client.post(url, {**entry_data(), "photo": script})
    assert bad.status_code == 400
    assert "JPEG or PNG" in " ".join(bad.context["form"].errors["photo"])
    small = client.post(url, {**entry_data(), "photo": photo_upload(size=(100, 100))})
    assert "at least 300×400" in " ".join(small.context["form"].errors["photo"])
    assert not Application.objects.exists()
    assert client.post(url, entry_data(), follow=True).status_code == 200
    first = Application.objects.get()
    again = client.post(url, entry_data(email="other@example.org"), follow=True)
    held = Application.objects.exclude(pk=first.pk).get()
    assert (held.status, held.duplicate_of) == ("possible_duplicate", first)
    # Which application, never why (here only the ID document could match).
    assert [str(m) for m in again.context["messages"]] == [
        f"{held.reference} entered for {held.full_name}.",
        f"{held.reference} is held as a possible duplicate of {first.reference}."]


def test_staff_entry_of_a_journalist_needs_an_outlet(client, event, cats, officer):
    client.force_login(officer)
    url = reverse("accreditation:application_add") + f"?category={cats['P'].pk}"
    response = client.post(url, {**entry_data(), "media_role": "reporter"})
    assert response.status_code == 400
    assert "Pick the outlet" in " ".join(response.context["form"].errors["outlet"])


def test_staff_entry_press_card_must_be_a_document(client, event, cats, outlet, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(officer)
    url = reverse("accreditation:application_add") + f"?category={cats['P'].pk}"
    fake = SimpleUploadedFile("card.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = client.post(url, {**entry_data(), "outlet": outlet.pk, "media_role": "editor",
                                 "press_card": fake})
    assert response.status_code == 400
    assert "PDF, JPEG or PNG" in " ".join(response.context["form"].errors["press_card"])
    png = SimpleUploadedFile("card.png", image_bytes(fmt="PNG"), "image/png")
    ok = client.post(url, {**entry_data(), "outlet": outlet.pk, "media_role": "editor",
                           "press_card": png})
    assert ok.status_code == 302


def test_setup_page_pages_the_quotas_apart_from_the_outlets(client, event, cats, officer):
    client.force_login(officer)
    for n in range(30):
        OrganisationQuota.objects.create(category=cats["N"], organisation=f"NGO {n:02}",
                                         quota=3)
        OutletFactory(event=event, name=f"Outlet {n:02}")
    first = client.get(reverse("accreditation:setup")).content.decode()
    assert "NGO 00" in first and "NGO 29" not in first
    assert "Outlet 00" in first and "Outlet 29" not in first
    assert "?quotas_page=2" in first and "?page=2" in first
    # The quotas' second page keeps the outlets' page, and the other way round.
    both = client.get(reverse("accreditation:setup"), {"page": 2, "quotas_page": 2})
    text = both.content.decode()
    assert "NGO 29" in text and "NGO 00" not in text
    assert "Outlet 29" in text and "Outlet 00" not in text
    assert "?page=2&amp;quotas_page=1" in text
