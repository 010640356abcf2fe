"""ID document numbers are encrypted at rest and shown to security vetting officers on the
vetting pages only: not in any other page, admin page or API response, whoever asks (the
secretariat and superusers included).

Pages are listed by URL name. A page another part of the work has not built yet is skipped
with that reason, never passed silently: once it exists, this test covers it."""

from datetime import date, timedelta

import pytest
from django.contrib import admin
from django.db import connection
from django.test import Client
from django.urls import reverse

from accreditation.applications.models.applications import Application
from accreditation.keys.services import api_key_create
from accreditation.vetting.services.decisions import application_vet
from logistics.core.crypto import HasIdDocument, document_index
from logistics.core.enums import Role
from logistics.delegations.enums import DelegationKind, DelegationLevel
from logistics.delegations.models import DelegationMember
from logistics.delegations.services.invitations import registration_submit
from tests.factories.accreditation import journalist
from tests.factories.delegations import DelegationFactory, country
from tests.factories.plan import UserFactory, user_with_role
from tests.factories.registration import InvitationFactory

MEMBER_NUMBER = "ZX9081726"
JOURNALIST_NUMBER = "QW5647382"
# The numbers, and their digits alone (a page that reformats a number still shows it).
SECRETS = (MEMBER_NUMBER, JOURNALIST_NUMBER, "9081726", "5647382")
ROLES = ("secretariat", "superuser", "accreditation", "protocol", "programme", "observer",
         "gate", "vetting")

# (URL name, the object whose pk it takes, or None). Every staff page where an applicant or
# a delegation member appears.
PAGES = [
    ("logistics:delegation_list", None),
    ("logistics:delegation_detail", "delegation"),
    ("logistics:arrivals", None),
    ("accreditation:application_list", None),
    ("accreditation:application_detail", "journalist"),
    ("accreditation:application_detail", "delegate"),
    ("accreditation:badge_list", None),
    ("accreditation:collection", None),
]
ADMIN_PAGES = [
    ("admin:logistics_delegation_change", "delegation"),
]
API = [
    ("member-list", None),
    ("member-detail", "member"),
    ("delegation-detail", "delegation"),
    ("application-list", None),
    ("application-detail", "journalist.reference"),
    ("application-detail", "delegate.reference"),
]

pytestmark = pytest.mark.usefixtures("media_in_tmp")


@pytest.fixture
def people(event, cats, django_capture_on_commit_callbacks):
    """A delegation registered through its link (its member's delegate application made by
    the registration) and a journalist, each with a known ID number."""
    kenya = DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("KE"),
                              name="Kenya", size_quota=3, head_level=DelegationLevel.MINISTER,
                              focal_point_email="mission@kenya.example")
    invitation = InvitationFactory(delegation=kenya, email="mission@kenya.example")
    with django_capture_on_commit_callbacks(execute=True):
        registration_submit(token=invitation.token, details={}, members=[{
            "family_name": "Mohamed", "given_names": "Amina", "is_head": True,
            "nationality": country("KE"), "date_of_birth": date(1963, 10, 10),
            "id_document_number": MEMBER_NUMBER,
            "id_document_expiry": event.end_date + timedelta(days=400)}])
    member = kenya.members.get()
    return {
        "delegation": kenya,
        "member": member,
        "delegate": Application.objects.get(member=member),
        "journalist": journalist(event, id_document_number=JOURNALIST_NUMBER),
    }


@pytest.fixture
def users(db):
    """One user per role; all of them may log in to the admin site (is_staff), so that
    only the admin's own permissions decide what it shows."""
    made = {role: user_with_role(Role(role), username=role, is_staff=True)
            for role in ROLES if role != "superuser"}
    made["superuser"] = UserFactory(username="root", is_staff=True, is_superuser=True)
    return made


def _url(name, target, people):
    """The page's address; `target` names the object it is about, and the attribute the
    address takes when it is not the pk ("journalist.reference")."""
    args = []
    if target:
        key, _dot, attribute = target.partition(".")
        args = [getattr(people[key], attribute or "pk")]
    # Applications are deliberately not in the admin (their moves go through the state
    # machine); every page listed here exists, so a missing one fails.
    return reverse(name, args=args)


def _assert_hidden(response, where):
    body = response.content.decode()
    for secret in SECRETS:
        assert secret not in body, f"{secret} shown on {where} ({response.status_code})"


def _label(page):
    return f"{page[0]}-{page[1] or 'list'}"


@pytest.mark.parametrize("page", PAGES, ids=_label)
def test_no_staff_page_shows_id_numbers(client, people, users, page):
    url = _url(*page, people)
    seen = set()
    for role, user in users.items():
        client.force_login(user)
        response = client.get(url)
        _assert_hidden(response, f"{url} as {role}")
        seen.add(response.status_code)
    assert 200 in seen, f"nobody could open {url}: the check saw no page"


@pytest.mark.parametrize("page", ADMIN_PAGES, ids=_label)
def test_no_admin_page_shows_id_numbers(client, people, users, page):
    url = _url(*page, people)
    for role, user in users.items():
        client.force_login(user)
        _assert_hidden(client.get(url), f"{url} as {role}")
    client.force_login(users["superuser"])
    assert client.get(url).status_code == 200


def test_no_admin_form_or_list_has_the_number_field(rf, users):
    """Whatever is registered in the admin now or later: the number is no field, column or
    inline of it."""
    request = rf.get("/admin/")
    request.user = users["superuser"]
    checked = 0
    for model, model_admin in admin.site._registry.items():
        admins = [(model, model_admin)] + [
            (inline.model, inline) for inline in model_admin.get_inline_instances(request)]
        for shown_model, shown in admins:
            if not issubclass(shown_model, HasIdDocument):
                continue
            checked += 1
            names = {*shown.get_fields(request), *shown.get_readonly_fields(request),
                     *getattr(shown, "list_display", ()), *getattr(shown, "search_fields", ())}
            assert not {"id_document_number", "id_document_index"} & names, shown
    assert checked >= 1  # the delegation's members, inline


@pytest.mark.parametrize("endpoint", API, ids=_label)
def test_no_api_response_shows_id_numbers(people, users, endpoint):
    url = _url(*endpoint, people)
    _key, raw = api_key_create(name="everything", scopes=[
        "read", "write", "accreditation:read", "accreditation:write", "accreditation:decide",
        "scan"])
    keyed = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = keyed.get(url)
    _assert_hidden(response, f"{url} with an API key")
    assert response.status_code == 200, response.content
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        _assert_hidden(client.get(url), f"{url} as {role}")


def test_the_vetting_queue_shows_the_numbers_to_vetting_officers_only(client, people, users):
    url = reverse("accreditation:vetting_queue")
    for role, user in users.items():
        client.force_login(user)
        response = client.get(url)
        if role == "vetting":
            assert response.status_code == 200
            assert MEMBER_NUMBER in response.content.decode()
            assert JOURNALIST_NUMBER in response.content.decode()
        else:
            assert response.status_code == 403, role
            _assert_hidden(response, f"the vetting queue as {role}")


def test_the_vetting_export_is_for_vetting_officers_only(client, people, users):
    url = reverse("accreditation:vetting_export")
    for role, user in users.items():
        client.force_login(user)
        response = client.get(url)
        if role == "vetting":
            assert MEMBER_NUMBER in response.content.decode("utf-8")
        else:
            assert response.status_code == 403, role


def test_vetting_leaves_the_number_where_it_was(people, users):
    application_vet(application=people["journalist"], by=users["vetting"], cleared=True)
    application = Application.objects.get(pk=people["journalist"].pk)
    assert application.id_document_number == JOURNALIST_NUMBER


def _raw(model, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id_document_number, id_document_index FROM "  # noqa: S608
                       f"{model._meta.db_table} WHERE id = %s", [pk])
        return cursor.fetchone()


def test_the_database_holds_ciphertext_not_numbers(people):
    for model, pk, number in ((DelegationMember, people["member"].pk, MEMBER_NUMBER),
                              (Application, people["delegate"].pk, MEMBER_NUMBER),
                              (Application, people["journalist"].pk, JOURNALIST_NUMBER)):
        stored, index = _raw(model, pk)
        assert stored.startswith("gAAAA")  # a Fernet token
        assert number not in stored and number[2:] not in stored
        assert index == document_index(number) and number not in index
    # Two encryptions of one number differ: equal numbers are not visible as equal rows.
    assert _raw(DelegationMember, people["member"].pk)[0] != \
        _raw(Application, people["delegate"].pk)[0]


def test_the_index_finds_a_number_however_it_is_typed(event, cats):
    assert document_index("c 1234-567") == document_index("C1234567") != ""
    assert document_index("C1234568") != document_index("C1234567")
    assert document_index("  ") == ""
    typed = journalist(event, id_document_number="c 1234-567", nationality=country("VN"))
    found = Application.objects.filter(id_document_index=document_index("C1234567"))
    assert list(found) == [typed]
    again = journalist(event, id_document_number="C1234567", nationality=country("VN"))
    assert (again.status, again.duplicate_of) == ("possible_duplicate", typed)
    with pytest.raises(TypeError, match="encrypted"):
        Application.objects.filter(id_document_number="C1234567").exists()
