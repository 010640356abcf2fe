"""A delegation's members from a spreadsheet, uploaded by its focal point through the
registration link: all rows or none, every row's error named, the quota held, the file's
kind told by its content."""

import io
import zipfile
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from logistics.core.errors import ImportRejected
from logistics.delegations.enums import DelegationKind, DelegationStatus
from logistics.delegations.models import DelegationMember
from logistics.delegations.services.member_import import (
    COLUMNS,
    registration_members_import,
    template_file,
)
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.registration import InvitationFactory
from tests.factories.workbooks import workbook
from tests.spreadsheets import FORMULA, MERGED, csv_bytes, xlsx_bytes

HEADER = ["family name", "given names", "date of birth", "nationality", "ID document number",
          "ID document expiry", "head of delegation", "arrival", "arrival flight",
          "arrival airport"]
GOOD = [
    ["Mohamed", "Amina", "1961-10-05", "KE", "A1234567", "2031-01-01", "yes",
     "2030-01-01 10:30", "KQ 870", "han"],
    ["Otieno", "Joseph", "14/02/1985", "Kenya", "B7654321", "", "", "", "", ""],
    ["محمد", "أحمد", "1988-07-01", "Egypt", "", "", "", "", "", ""],
]


def csv_file(rows, header=HEADER, *, delimiter=","):
    return csv_bytes(header, rows, delimiter=delimiter)


def xlsx_file(rows, header=HEADER):
    return xlsx_bytes(header, rows)


@pytest.fixture
def delegation(event):
    return DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("KE"),
                             name="Kenya", size_quota=5, focal_point_email="mission@kenya.example")


@pytest.fixture
def invitation(delegation):
    country("EG")
    return InvitationFactory(delegation=delegation)


def rejected(invitation, data):
    with pytest.raises(ImportRejected) as caught:
        registration_members_import(token=invitation.token, data=data)
    assert not DelegationMember.objects.filter(delegation=invitation.delegation).exists()
    return [str(error) for error in caught.value.errors]


@pytest.mark.parametrize("make", [csv_file, xlsx_file], ids=["csv", "xlsx"])
def test_a_clean_file_adds_every_member(invitation, delegation, make):
    assert registration_members_import(token=invitation.token, data=make(GOOD)) == 3
    members = {m.family_name: m for m in delegation.members.all()}
    amina, joseph, ahmed = members["Mohamed"], members["Otieno"], members["محمد"]
    assert (amina.is_head, amina.date_of_birth, amina.nationality.code, amina.arrival_airport,
            amina.arrival_flight, amina.id_document_number) == (
        True, date(1961, 10, 5), "KE", "HAN", "KQ 870", "A1234567")
    # Times are the host's, as typed in the page.
    assert amina.arrival_at.astimezone(delegation.event.tz).strftime("%H:%M") == "10:30"
    assert (joseph.is_head, joseph.date_of_birth, joseph.nationality.code) == (
        False, date(1985, 2, 14), "KE")
    assert (ahmed.given_names, ahmed.nationality.code, ahmed.id_document_number) == (
        "أحمد", "EG", "")
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.REGISTERED


def test_errors_in_several_rows_add_nobody_and_name_each_row(invitation):
    rows = [
        GOOD[0],
        ["", "No family name", "1980-01-01", "KE", "", "", "", "", "", ""],
        ["Kamau", "", "31/31/1980", "Atlantis", "", "", "", "", "", "XYZW"],
        ["Wanjiru", "", "1980-01-01", "KE", "", "2000-01-01", "", "", "", ""],
    ]
    errors = rejected(invitation, csv_file(rows))
    assert errors[0].startswith('Row 3, column "family name":')
    assert 'Row 4, column "date of birth": “31/31/1980” is not a date' in errors[1]
    assert 'Row 4, column "nationality": Unknown country “Atlantis”' in errors[2]
    assert any(e.startswith('Row 4, column "arrival airport":') for e in errors)
    assert any(e.startswith('Row 5, column "ID document expiry":') for e in errors)
    assert not any(e.startswith("Row 2") for e in errors)


def test_two_heads_are_refused(invitation):
    rows = [GOOD[0], [*GOOD[1][:6], "x", *GOOD[1][7:]]]
    assert rejected(invitation, csv_file(rows)) == [
        "Rows 2, 3 each name a head of delegation; a delegation has one."]


def test_the_quota_holds_counting_the_members_already_registered(invitation, delegation):
    MemberFactory(delegation=delegation, family_name="Already")
    MemberFactory(delegation=delegation, family_name="There")
    rows = [[f"Member {n}", "", "1980-01-01", "KE", "", "", "", "", "", ""] for n in range(4)]
    with pytest.raises(ImportRejected) as caught:
        registration_members_import(token=invitation.token, data=csv_file(rows))
    assert [str(e) for e in caught.value.errors] == [
        "The file has 4 members; Kenya may register 5 and has 2 already, so 3 more at most."]
    assert delegation.members.count() == 2
    assert registration_members_import(token=invitation.token, data=csv_file(rows[:3])) == 3
    assert delegation.members.count() == 5


def test_formulas_are_never_run_and_blank_rows_are_skipped(invitation, delegation):
    rows = [HEADER, ["Ann", None, "1980-01-01", "KE"], [None, None, None], ["  ", "", None],
            ["'=SUM(A1)", "Bob", "1980-01-01", "KE"]]
    data = workbook(rows, formulas={"B2": '=HYPERLINK("http://evil.example","x")'},
                    values_saved={"B2": "x"})
    assert registration_members_import(token=invitation.token, data=data) == 2
    saved = dict(delegation.members.values_list("family_name", "given_names"))
    # A formula cell is read for its saved value, never as a formula; text that a
    # spreadsheet would run, written as text, comes back as it was typed.
    assert saved == {"Ann": "x", "=SUM(A1)": "Bob"}


@pytest.mark.parametrize(("cells", "errors"), [
    pytest.param({"merged": ["A2:A3"]},
                 ['Row 3, column "family name": ' + MERGED.format("A2:A3")], id="merged-down"),
    pytest.param({"merged": ["A4:B4"]},
                 ['Row 4, column "given names": ' + MERGED.format("A4:B4")],
                 id="merged-across-into-an-optional-column"),
    pytest.param({"formulas": {"A2": "=B2", "D3": '="KE"'}},
                 ['Row 2, column "family name": ' + FORMULA,
                  'Row 3, column "nationality": ' + FORMULA], id="formulas-without-values"),
])
def test_a_merged_cell_or_a_formula_without_its_value_is_named(invitation, cells, errors):
    assert rejected(invitation, workbook([HEADER, *GOOD], **cells)) == errors


def _zip_that_is_not_a_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return out.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


@pytest.mark.parametrize(("data", "message"), [
    pytest.param(PNG, "The file is neither a CSV file in UTF-8 nor an Excel workbook (.xlsx).",
                 id="image-named-xlsx"),
    pytest.param(_zip_that_is_not_a_workbook(),
                 "The file is a zip archive but not an Excel workbook (.xlsx) that can be read.",
                 id="zip-named-xlsx"),
    pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
                 "Old Excel files (.xls) cannot be read; save the file as .xlsx or CSV.",
                 id="old-xls"),
    pytest.param(b"", "The file is empty.", id="empty"),
    pytest.param(csv_file([]), "The file has a header row but no data rows.", id="header-only"),
    pytest.param(csv_file([["1980-01-01"]], header=["date of birth"]),
                 'The file has no "family name" column.', id="no-family-name"),
])
def test_a_file_that_is_not_a_list_of_members_is_refused(invitation, data, message):
    assert rejected(invitation, data) == [message]


def test_the_template_has_the_columns_the_upload_reads_and_imports_as_it_is(invitation,
                                                                             delegation):
    for fmt in ("csv", "xlsx"):
        data = template_file(fmt)
        assert registration_members_import(token=invitation.token, data=data) == 1
        DelegationMember.objects.filter(delegation=delegation).delete()
    sheet = openpyxl.load_workbook(io.BytesIO(template_file("xlsx"))).active
    assert [cell.value for cell in sheet[1]] == [column.header for column in COLUMNS]


def test_the_upload_page_shows_each_rows_error_and_keeps_nothing(client, invitation, delegation):
    url = reverse("register_members_upload", args=[invitation.token])
    bad = [GOOD[0], ["", "x", "1980-01-01", "KE", "", "", "", "", "", ""]]
    upload = io.BytesIO(xlsx_file(bad))
    upload.name = "members.xlsx"
    response = client.post(url, {"f-file": upload, "f-privacy_consent": "on"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file has 1 error. No member was added." in page
    assert "Row 3, column &quot;family name&quot;: This field is required." in page
    assert delegation.members.count() == 0
    upload = io.BytesIO(xlsx_file(GOOD))
    upload.name = "members.xlsx"
    response = client.post(url, {"f-file": upload, "f-privacy_consent": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("register", args=[invitation.token])
    assert "3 members added from the file." in response.content.decode()
    assert delegation.members.count() == 3
    delegation.refresh_from_db()
    assert delegation.privacy_consent_at is not None


def test_the_upload_asks_the_same_consent_as_the_rows(client, invitation, delegation):
    """The file carries the members' personal data: without the box ticked, nothing."""
    url = reverse("register_members_upload", args=[invitation.token])
    upload = io.BytesIO(xlsx_file(GOOD))
    upload.name = "members.xlsx"
    response = client.post(url, {"f-file": upload})
    assert response.status_code == 200
    assert 'data-testid="error-privacy_consent"' in response.content.decode()
    assert delegation.members.count() == 0
    delegation.refresh_from_db()
    assert delegation.privacy_consent_at is None


def test_a_link_that_does_not_work_uploads_nothing(client, invitation, delegation):
    upload = io.BytesIO(csv_file(GOOD))
    upload.name = "members.csv"
    response = client.post(reverse("register_members_upload", args=["not-a-token"]),
                           {"f-file": upload, "f-privacy_consent": "on"})
    assert response.status_code == 404
    assert client.get(reverse("register_members_template",
                              args=["not-a-token", "xlsx"])).status_code == 404
    assert delegation.members.count() == 0


def test_the_template_downloads_in_both_formats(client, invitation):
    for fmt, kind in (("xlsx", "spreadsheetml"), ("csv", "text/csv")):
        response = client.get(reverse("register_members_template", args=[invitation.token, fmt]))
        assert response.status_code == 200
        assert kind in response["Content-Type"]
        assert f'filename="members.{fmt}"' in response["Content-Disposition"]
    assert client.get(reverse("register_members_template",
                              args=[invitation.token, "exe"])).status_code == 404
