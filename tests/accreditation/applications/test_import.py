"""Applications imported from CSV or XLSX by the accreditation office: all rows or none,
every error with its row and column, duplicates within the file and with applications
already there refused, and anything that is not a spreadsheet refused as a whole."""

import io
from datetime import date

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accreditation.applications.models.applications import Application, Transition
from accreditation.applications.services.imports import applications_import
from accreditation.enums import ApplicationSource, ApplicationStatus
from logistics.core.errors import ImportRejected, NotAllowed
from tests.factories.accreditation import OutletFactory, journalist
from tests.factories.registration import PDF_BYTES, image_bytes
from tests.factories.workbooks import workbook
from tests.spreadsheets import FORMULA, MERGED

HEADER = ("category,family name,given names,gender,date of birth,nationality,e-mail,"
          "organisation,function,ID document kind,ID document number,ID document expiry,"
          "outlet name,media role")
GOOD_ROWS = [
    "C,Phạm,Minh Châu,female,1990-02-14,VN,chau@mofa.example,MOFA,Protocol officer,"
    "national_id,001190001111,2032-05-01,,",
    "Z,Hoàng,Văn Đức,Male,14/02/1985,Viet Nam,duc@police.example,Hanoi police,Commander,"
    "National identity card,001085002222,01/01/2031,,",
    "P,Dupont,Claire,,1979-11-30,France,claire@afp.example,AFP,Correspondent,Passport,"
    "18AB12345,2029-09-09,agence france-presse,Photographer",
    "L,محمد,أحمد,male,1988-07-01,Egypt,ahmed@example.org,Liaison office,Liaison officer,"
    "passport,A12345678,2030-03-03,,",
]


def csv_bytes(*rows, header=HEADER):
    return ("\n".join([header, *rows]) + "\n").encode()


@pytest.fixture(autouse=True)
def afp(event):
    return OutletFactory(event=event, name="Agence France-Presse")


def errors_of(event, officer, data):
    with pytest.raises(ImportRejected) as rejected:
        applications_import(event=event, by=officer, data=data)
    assert not Application.objects.filter(event=event, source=ApplicationSource.IMPORT).exists()
    return [str(error) for error in rejected.value.errors]


def test_a_clean_file_creates_every_row(event, cats, officer, afp):
    result = applications_import(event=event, by=officer, data=csv_bytes(*GOOD_ROWS))
    assert result.created == 4
    imported = {a.family_name: a for a in Application.objects.filter(event=event)}
    chau, duc, claire, ahmed = (imported[name] for name in ("Phạm", "Hoàng", "Dupont", "محمد"))
    assert (chau.category, chau.gender, chau.date_of_birth, chau.nationality.code) == (
        cats["C"], "female", date(1990, 2, 14), "VN")
    assert (duc.gender, duc.date_of_birth, duc.nationality.code, duc.id_document_kind,
            duc.id_document_expiry) == ("male", date(1985, 2, 14), "VN", "national_id",
                                         date(2031, 1, 1))
    assert duc.id_document_number == "001085002222"
    assert (claire.outlet, claire.media_role, claire.nationality.code) == (
        afp, "photographer", "FR")
    assert (ahmed.given_names, ahmed.category.code) == ("أحمد", "L")
    for application in imported.values():
        assert (application.source, application.status) == (ApplicationSource.IMPORT,
                                                             ApplicationStatus.SUBMITTED)
        assert Transition.objects.get(application=application).by == officer


def test_an_xlsx_file_with_date_cells(event, cats, officer):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Category code", "Family name", "Given names", "Date of birth",
                  "Nationality", "E-mail", "ID document number", "Notes"])
    sheet.append(["c", "Lý", "Thu Hà", date(1992, 5, 6), "vn", "ha@example.org", 123456789,
                  "driver"])
    sheet.append([None, None, None, None, None, None, None, None])
    out = io.BytesIO()
    workbook.save(out)
    assert applications_import(event=event, by=officer, data=out.getvalue()).created == 1
    ha = Application.objects.get(event=event)
    assert (ha.date_of_birth, ha.category.code, ha.id_document_number) == (
        date(1992, 5, 6), "C", "123456789")


@pytest.mark.parametrize(("cells", "errors"), [
    pytest.param({"merged": ["A2:A3"]},
                 ['Row 3, column "category": ' + MERGED.format("A2:A3")], id="merged-down"),
    pytest.param({"merged": ["F4:H4"]},
                 ['Row 4, column "e-mail": ' + MERGED.format("F4:H4"),
                  'Row 4, column "organisation": ' + MERGED.format("F4:H4")],
                 id="merged-across"),
    pytest.param({"formulas": {"B2": "=C2", "F5": '="EG"'}},
                 ['Row 2, column "family name": ' + FORMULA,
                  'Row 5, column "nationality": ' + FORMULA], id="formulas-without-values"),
])
def test_a_merged_cell_or_a_formula_without_its_value_is_named(event, cats, officer, cells,
                                                                errors):
    rows = [row.split(",") for row in [HEADER, *GOOD_ROWS]]
    assert errors_of(event, officer, workbook(rows, **cells)) == errors


def test_every_row_error_is_reported_and_nothing_is_written(event, cats, officer):
    journalist(event, email="taken@example.org")
    rows = [
        GOOD_ROWS[0],
        "C,Lê,An,male,31/02/1990,VN,an@example.org,,,,,,,",  # 3: no 31 February
        "Q,Võ,Bình,,1990-01-01,VN,binh@example.org,,,,,,,",  # 4: unknown category
        "C,Đỗ,Cúc,,1990-01-01,Atlantis,cuc@example.org,,,,,,,",  # 5: unknown country
        "C,Phạm,Minh,,1990-01-01,VN,CHAU@mofa.example,,,,,,,",  # 6: e-mail as row 2: no error
        "Z,Trịnh,Dũng,,1990-01-01,VN,dung@example.org,,,national_id,001190001111,,,",  # 7: ok
        "C,Mai,Em,,1990-01-01,VN,taken@example.org,,,,,,,",  # 8: an application's e-mail: ok
        "C,,Giang,,1990-01-01,VN,giang@example.org,,,,,,,",  # 9: no family name
        "P,Lam,Hương,,1990-01-01,VN,huong@example.org,,,,,,Le Monde,reporter",  # 10: outlet
        "C,Tạ,Khánh,,1990-01-01,VN,khanh@example.org,,,,,,,photographer",  # 11: not media
        "C,Tô,Linh,robot,2090-01-01,VN,not-an-email,,,visa,,,,",  # 12: four errors
    ]
    errors = errors_of(event, officer, csv_bytes(*rows))
    assert errors == [
        'Row 3, column "date of birth": “31/02/1990” is not a date: write YYYY-MM-DD or '
        'DD/MM/YYYY.',
        'Row 4, column "category": No category “Q” in this event.',
        'Row 5, column "nationality": Unknown country “Atlantis”: give its ISO code (VN) or '
        'its English name.',
        'Row 9, column "family name": The family name is missing.',
        'Row 10, column "outlet name": No outlet “Le Monde” in the list: add it first.',
        'Row 11, column "media role": Only media categories have an outlet and a media role; '
        'Organiser staff is not one.',
        'Row 12, column "gender": “robot” is not a gender: female, male or other.',
        'Row 12, column "date of birth": The date of birth is not in the past.',
        'Row 12, column "e-mail": “not-an-email” is not an e-mail address.',
        'Row 12, column "ID document kind": “visa” is not an ID document: passport or '
        'national ID.',
    ]
    assert Application.objects.count() == 1


def test_a_duplicate_of_an_existing_document_is_held_not_refused(event, cats, officer):
    """The office is told which application it may duplicate, never why (the other row's
    e-mail differs: only the document could have matched, and the message does not say)."""
    existing = journalist(event, id_document_number="C7654321")
    row = (f"C,Trần,Mai,,1985-01-01,{existing.nationality.code},other@example.org,,,"
           "passport,c 765-4321,,,")
    result = applications_import(event=event, by=officer, data=csv_bytes(row))
    held = Application.objects.get(family_name="Trần", given_names="Mai")
    assert (held.status, held.duplicate_of) == ("possible_duplicate", existing)
    assert (result.created, result.held) == (1, ((held.reference, existing.reference),))


def test_media_rows_need_outlet_and_role(event, cats, officer):
    row = "P,Lam,Hương,,1990-01-01,VN,huong@example.org,,,,,,,"
    assert errors_of(event, officer, csv_bytes(row)) == [
        'Row 2, column "outlet name": A media category needs the outlet.',
        'Row 2, column "media role": A media category needs the media role.']


@pytest.mark.parametrize("data, message", [
    (image_bytes(fmt="PNG"), "neither a CSV file in UTF-8 nor an Excel workbook"),
    (b"PK\x03\x04 not really a zip", "not an Excel workbook (.xlsx) that can be read"),
    (b"\xd0\xcf\x11\xe0old excel", "Old Excel files (.xls) cannot be read"),
    (PDF_BYTES, "neither a CSV file in UTF-8 nor an Excel workbook"),
    (b"", "The file is empty."),
    (HEADER.encode() + b"\n", "The file has a header row but no data rows."),
    (b"family name,e-mail\nLe,le@example.org\n", 'The file has no "category" column.'),
    (b"category,family name,surname\nC,Le,Le\n", "The column appears more than once."),
])
def test_a_file_that_is_not_an_import_is_refused_whole(event, cats, officer, data, message):
    errors = errors_of(event, officer, data)
    assert message in " ".join(errors)


def test_too_many_rows(event, cats, officer):
    rows = [f"C,Name {n},,,,VN,,,,,,,," for n in range(5001)]
    assert errors_of(event, officer, csv_bytes(*rows)) == [
        "The file has more than 5000 rows; split it."]


def test_only_the_office_imports(event, cats, protocol):
    with pytest.raises(NotAllowed):
        applications_import(event=event, by=protocol, data=csv_bytes(*GOOD_ROWS))
    assert not Application.objects.exists()


# The pages


def upload(data, name="people.csv"):
    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_import_page_imports_a_file(client, event, cats, officer):
    client.force_login(officer)
    response = client.post(reverse("accreditation:application_import"),
                           {"file": upload(csv_bytes(*GOOD_ROWS))}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accreditation:application_list")
    assert "4 applications imported." in response.content.decode()
    assert Application.objects.filter(event=event).count() == 4


def test_import_page_lists_the_errors(client, event, cats, officer):
    client.force_login(officer)
    bad = "C,Tô,Linh,robot,1990-01-01,VN,linh@example.org,,,,,,,"
    response = client.post(reverse("accreditation:application_import"),
                           {"file": upload(csv_bytes(GOOD_ROWS[0], bad, bad))})
    assert response.status_code == 400
    page = response.content.decode()
    assert "The file has 2 errors. Nothing was imported." in page
    assert ("Row 3, column &quot;gender&quot;: “robot” is not a gender: female, male or "
            "other.") in page
    assert not Application.objects.exists()


def test_import_page_names_the_rows_held_as_possible_duplicates(client, event, cats,
                                                                 officer):
    client.force_login(officer)
    response = client.post(reverse("accreditation:application_import"),
                           {"file": upload(csv_bytes(GOOD_ROWS[0], GOOD_ROWS[0]))},
                           follow=True)
    first, second = Application.objects.order_by("created_at", "id")
    # Which one, never why (the same e-mail and the same document, here).
    assert [str(m) for m in response.context["messages"]] == [
        "2 applications imported.",
        f"{second.reference} is held as a possible duplicate of {first.reference}."]


def test_import_page_refuses_other_kinds_of_file(client, event, cats, officer):
    client.force_login(officer)
    response = client.post(reverse("accreditation:application_import"),
                           {"file": upload(PDF_BYTES, name="letter.pdf")})
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "Upload a CSV file or an Excel workbook (.xlsx)."]


def test_import_page_refuses_a_big_file(client, event, cats, officer):
    client.force_login(officer)
    big = upload(b"category,family name\n" + b"C,x\n" * (1_400_000), name="big.csv")
    response = client.post(reverse("accreditation:application_import"), {"file": big})
    assert response.status_code == 400
    assert "the limit is 5.0" in " ".join(response.context["form"].errors["file"])


def test_the_template_round_trips(client, event, cats, officer):
    client.force_login(officer)
    response = client.get(reverse("accreditation:application_import_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="applications-import.xlsx"' in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    headers = [cell.value for cell in sheet[1]]
    assert headers == HEADER.split(",")
    sheet.append(["C", "Vũ", "Hà", "female", "1991-01-01", "VN", "ha@example.org", "MOFA"])
    out = io.BytesIO()
    workbook.save(out)
    assert applications_import(event=event, by=officer, data=out.getvalue()).created == 1
    csv = client.get(reverse("accreditation:application_import_template"), {"format": "csv"})
    assert csv.content.decode("utf-8-sig").strip() == HEADER
    assert client.get(reverse("accreditation:application_import_template"),
                      {"format": "pdf"}).status_code == 404
