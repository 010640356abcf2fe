"""The list of participants: delegations in the order of precedence (states, observer states,
then organisations by kind, each in the English alphabetical order), heads of delegation
first, as a page, a PDF and a spreadsheet, with only those who agreed to be named, and only
their title or function, name and delegation."""

import io
import re
import shutil
import subprocess
import unicodedata
from datetime import date, timedelta

import openpyxl
import pytest
from django.urls import reverse

from logistics.core.enums import Role
from logistics.core.names import person_name
from logistics.delegations.enums import DelegationKind, DelegationStatus
from logistics.delegations.queries.participants import participants_list
from logistics.delegations.registration.forms import MemberForm
from logistics.delegations.services.member_import import registration_members_import
from privacy.services.purge import personal_data_purge
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.plan import user_with_role
from tests.factories.registration import InvitationFactory
from tests.logistics.delegations.test_member_import import csv_file
from tests.queries import same_queries

PAGE = reverse("accreditation:participants")
PDF = reverse("accreditation:participants_pdf")
XLSX = reverse("accreditation:participants_xlsx")
# Published fields only: none of these may appear in any format.
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SECRETS = ("HIDDEN", "Kín", "secret@example.org", "X9876543", "1966-06-06")


def member(delegation, family, given="", title="", *, head=False, listed=True, **fields):
    return MemberFactory(delegation=delegation, family_name=family, given_names=given,
                         title=title, is_head=head, in_list_of_participants=listed, **fields)


def state(event, code, kind=DelegationKind.STATE, **fields):
    found = country(code)
    return DelegationFactory(event=event, kind=kind, country=found, name=found.name,
                             size_quota=10, **fields)


@pytest.fixture
def conference(event):
    """Delegations of every kind, created out of order; in each, a member who did not agree
    to be named (with everything a member may hold) and, in France, the head registered
    after the others."""
    ngo = DelegationFactory(event=event, kind=DelegationKind.NGO, name="Access Now")
    member(ngo, "Okafor", "Chidi", "Policy lead")
    igo = DelegationFactory(event=event, kind=DelegationKind.IGO, name="INTERPOL")
    member(igo, "Müller", "Jürgen", "Director, Cybercrime")
    unodc = DelegationFactory(event=event, kind=DelegationKind.UN_ENTITY,
                              name="United Nations Office on Drugs and Crime")
    member(unodc, "Ivanova", "Yelena", "Chief, Treaty Section", head=True)
    palestine = state(event, "PS", DelegationKind.OBSERVER_STATE)
    member(palestine, "الهاشمي", "ليلى", "سفيرة", head=True)
    viet_nam = state(event, "VN")
    member(viet_nam, "Nguyễn", "Thị Lan", "Bộ trưởng", head=True)
    member(viet_nam, "HIDDEN", "Kín", "Secret adviser", listed=False,
           email="secret@example.org", id_document_number="X9876543",
           date_of_birth=date(1966, 6, 6))
    france = state(event, "FR")
    member(france, "Zola", "Émile", "Conseiller")
    member(france, "Abadie", "Claire", "Conseillère")
    member(france, "Dupont", "Marie", "Ministre", head=True)
    china = state(event, "CN")
    member(china, "王", "小明", "大使", head=True)
    ivory = state(event, "CI")
    member(ivory, "Kouassi", "Aya", "Ministre", head=True)
    declined = state(event, "KE", status=DelegationStatus.DECLINED)
    member(declined, "Declined", "Delegate")
    state(event, "BR")  # registered nobody who agreed: not listed
    return event


# What every format lists, in order: (delegation, members as printed).
EXPECTED = [
    ("China", ["王 小明"]),
    ("Côte d'Ivoire", ["KOUASSI Aya"]),
    ("France", ["DUPONT Marie", "ZOLA Émile", "ABADIE Claire"]),
    ("Viet Nam", ["NGUYỄN Thị Lan"]),
    ("State of Palestine", ["الهاشمي ليلى"]),
    ("United Nations Office on Drugs and Crime", ["IVANOVA Yelena"]),
    ("INTERPOL", ["MÜLLER Jürgen"]),
    ("Access Now", ["OKAFOR Chidi"]),
]


@pytest.fixture
def reader(db):
    return user_with_role(Role.OBSERVER, username="observer-list")


def test_the_list_follows_the_order_of_precedence_heads_first(conference):
    found = participants_list(conference)
    assert [(row.name, [person_name(m.family_name, m.given_names) for m in row.members])
            for row in found.delegations] == EXPECTED
    assert [heading for heading, _ in found.sections()] == [
        "States", "Observer states", "United Nations entities",
        "Intergovernmental organisations", "Non-governmental organisations"]
    assert (found.listed, found.left_out) == (10, 1)


def test_the_page_lists_in_that_order_and_counts_who_is_left_out(client, reader, conference):
    client.force_login(reader)
    page = client.get(PAGE)
    assert page.status_code == 200
    text = page.content.decode()
    positions = [text.index(name) for _, names in EXPECTED for name in names]
    assert positions == sorted(positions)
    assert "1 registered participant did not agree to be named and is not listed." in text
    for secret in (*SECRETS, "DECLINED"):
        assert secret not in text


def test_the_page_keeps_the_english_order_in_arabic(client, reader, conference):
    client.force_login(reader)
    client.post(reverse("set_language"), {"language": "ar", "next": PAGE})
    text = client.get(PAGE).content.decode()
    # كوت ديفوار, فرنسا, فيتنام: in Arabic's own order Côte d'Ivoire would come last.
    names = [country(code).display_name("ar") for code in ("CN", "CI", "FR", "VN")]
    positions = [text.index(name) for name in names]
    assert positions == sorted(positions)


def test_the_page_costs_the_same_queries_for_one_delegation_as_for_three(
        client, reader, event):
    client.force_login(reader)

    def add(count):
        for _ in range(count):
            delegation = DelegationFactory(event=event)
            member(delegation, "Head", head=True)
            member(delegation, "Other")
            member(delegation, "Unlisted", listed=False)

    add(1)
    response = same_queries(lambda: client.get(PAGE), lambda: add(2))
    assert response.context["participants"].listed == 6


def pdf_text(data):
    path = shutil.which("pdftotext")
    assert path, "pdftotext (poppler-utils) is needed: scripts/system-deps.sh --test"
    text = subprocess.run([path, "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode()
    # Arabic reads back in its presentation forms, between embedding marks.
    return BIDI_MARKS.sub("", unicodedata.normalize("NFKC", text))


def test_the_pdf_reads_back_in_every_script_in_order(client, reader, conference):
    client.force_login(reader)
    response = client.get(PDF)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    text = pdf_text(response.content)
    flat = " ".join(text.split())
    positions = [flat.index(name) for _, names in EXPECTED for name in names]
    assert positions == sorted(positions)
    assert "1 registered participant did not agree to be named" in flat
    for secret in (*SECRETS, "DECLINED"):
        assert secret not in flat


def test_the_spreadsheet_reads_back_with_only_published_fields(client, reader, conference):
    client.force_login(reader)
    response = client.get(XLSX)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Section", "Delegation", "Name", "Family name", "Given names",
                       "Title or function", "Head of delegation"]
    listed = [row for row in rows[1:] if row[2]]
    assert [(row[1], row[2]) for row in listed] == [
        (name, printed) for name, names in EXPECTED for printed in names]
    assert [row[6] for row in listed if row[1] == "France"] == ["Yes", None, None]
    assert rows[-1][0] == "1 registered participant did not agree to be named and is not listed."
    cells = " ".join(str(value) for row in rows for value in row if value is not None)
    for secret in (*SECRETS, "DECLINED"):
        assert secret not in cells


def test_the_spreadsheet_keeps_what_the_public_typed_as_text(client, reader, event):
    delegation = DelegationFactory(event=event, name="=HYPERLINK(\"http://x\")")
    member(delegation, "@SUM(A1)", "+1", "=1+2")
    client.force_login(reader)
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(XLSX).content)).active
    row = [cell for cell in sheet[2]]
    assert [cell.value for cell in row[1:6]] == [
        "'=HYPERLINK(\"http://x\")", "'@SUM(A1) +1", "'@SUM(A1)", "'+1", "'=1+2"]
    assert all(cell.data_type == "s" for cell in row[1:6])


@pytest.mark.parametrize("url", [PAGE, PDF, XLSX], ids=["page", "pdf", "xlsx"])
def test_nobody_who_did_not_agree_is_in_any_format(client, reader, event, url):
    delegation = state(event, "FR")
    member(delegation, "Dupont", "Marie", head=True, listed=False)
    member(delegation, "Martin", "Paul")
    client.force_login(reader)
    content = client.get(url).content
    text = (pdf_text(content) if url == PDF else
            " ".join(str(c.value) for row in openpyxl.load_workbook(io.BytesIO(content))
                     .active.iter_rows() for c in row) if url == XLSX else content.decode())
    assert "MARTIN" in text and "DUPONT" not in text and "Marie" not in text


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.ACCREDITATION, Role.VETTING,
                                  Role.GATE])
@pytest.mark.parametrize("url", [PAGE, PDF, XLSX], ids=["page", "pdf", "xlsx"])
def test_roles_that_do_not_read_delegations_are_refused(client, conference, role, url):
    client.force_login(user_with_role(role, username=f"no-{role}"))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [PAGE, PDF, XLSX], ids=["page", "pdf", "xlsx"])
def test_anonymous_visitors_are_sent_to_sign_in(client, conference, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]


# Consent, asked on the registration form and in the member import.

def test_the_registration_form_asks_and_defaults_to_not_published(event):
    form = MemberForm(event=event)
    assert "in_list_of_participants" in form.fields
    assert form["in_list_of_participants"].value() is False
    unticked = MemberForm({"family_name": "Tran"}, event=event)
    ticked = MemberForm({"family_name": "Tran", "in_list_of_participants": "on"}, event=event)
    assert unticked.is_valid() and ticked.is_valid(), (unticked.errors, ticked.errors)
    assert unticked.service_fields()["in_list_of_participants"] is False
    assert ticked.service_fields()["in_list_of_participants"] is True


def test_the_member_import_reads_the_consent_column_and_defaults_to_no(event):
    delegation = state(event, "KE")
    invitation = InvitationFactory(delegation=delegation)
    data = csv_file([["Mohamed", "Amina", "yes"], ["Otieno", "Joseph", "no"],
                     ["Kamau", "Wanjiru", ""]],
                    header=["family name", "given names", "in the list of participants"])
    registration_members_import(token=invitation.token, data=data)
    assert dict(delegation.members.values_list("family_name", "in_list_of_participants")) == {
        "Mohamed": True, "Otieno": False, "Kamau": False}
    data = csv_file([["Wairimu", "Grace"]], header=["family name", "given names"])
    registration_members_import(token=invitation.token, data=data)
    assert delegation.members.get(family_name="Wairimu").in_list_of_participants is False


def test_the_protocol_office_records_the_consent_over_the_api(login, protocol, event):
    delegation = state(event, "KE")
    client = login(protocol)
    created = client.post("/api/v1/members/", {"delegation": delegation.pk,
                                               "family_name": "Ruto"}, format="json")
    assert created.status_code == 201 and created.json()["in_list_of_participants"] is False
    pk = created.json()["id"]
    changed = client.patch(f"/api/v1/members/{pk}/", {"in_list_of_participants": True},
                           format="json")
    assert changed.status_code == 200
    assert [m.family_name for row in participants_list(event).delegations
            for m in row.members] == ["Ruto"]


def test_a_purge_takes_everyone_off_the_list(event):
    delegation = state(event, "FR")
    member(delegation, "Dupont", "Marie", head=True)
    event.start_date = event.end_date = event.today() - timedelta(days=3)
    event.save()
    personal_data_purge(event=event, days=0)
    found = participants_list(event)
    assert (found.delegations, found.listed, found.left_out) == ([], 0, 1)
