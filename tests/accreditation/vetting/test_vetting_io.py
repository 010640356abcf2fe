"""Vetting batches exchanged with the security services: the CSV export of the applicants to
vet, and the import of their results (all rows or none)."""

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accreditation.applications.models.applications import Application
from accreditation.applications.services.applications import application_reject
from accreditation.enums import VettingStatus
from accreditation.vetting.queries import vetting_queue
from accreditation.vetting.services import vetting_io
from accreditation.vetting.services.decisions import application_vet
from logistics.core.errors import ImportRejected, NotAllowed
from tests.factories.accreditation import journalist
from tests.factories.delegations import country

EXPORT = reverse("accreditation:vetting_export")
IMPORT = reverse("accreditation:vetting_import")


def _rows(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:])))


def _results(*rows, header=("reference", "result", "reason", "note"), delimiter=","):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _upload(client, data, name="results.csv"):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data, "text/csv")})


def _vetting(*applications):
    states = dict(Application.objects.values_list("pk", "vetting"))
    return [states[a.pk] for a in applications]


# Export


def test_export_is_a_utf8_csv_for_excel_with_what_vetting_needs(client, event, cats, vetter,
                                                                outlet):
    application = journalist(event, family_name="Trần", given_names="Thị Mai",
                             date_of_birth=date(1985, 3, 14), nationality=country("VN"),
                             id_document_number="C1234567", id_document_expiry=date(2031, 5, 6),
                             organisation="Vietnam News Agency", outlet=outlet)
    client.force_login(vetter)
    response = client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=\"vetting-")
    assert response["Cache-Control"] == "private, no-store"
    assert _rows(response) == [{
        "reference": application.reference, "family_name": "Trần", "given_names": "Thị Mai",
        "date_of_birth": "1985-03-14", "nationality": "VN", "id_document_kind": "passport",
        "id_document_number": "C1234567", "id_document_expiry": "2031-05-06",
        "organisation": "Vietnam News Agency", "category": "P", "result": "", "reason": "",
        "note": "",
    }]


def test_export_holds_the_filtered_rows_pending_by_default(client, event, cats, vetter):
    pending = journalist(event)
    cleared = journalist(event)
    technician = journalist(event, category_code="T", media_role="technician")
    application_vet(application=cleared, by=vetter, cleared=True)
    client.force_login(vetter)
    assert [r["reference"] for r in _rows(client.get(EXPORT))] == [pending.reference,
                                                                   technician.reference]
    assert [r["reference"] for r in _rows(client.get(f"{EXPORT}?category={cats['T'].pk}"))] \
        == [technician.reference]
    assert [r["reference"] for r in _rows(client.get(f"{EXPORT}?vetting=cleared"))] == [
        cleared.reference]


def test_export_is_capped(client, event, cats, vetter, monkeypatch):
    monkeypatch.setattr(vetting_io, "MAX_ROWS", 2)
    first, second, _third = (journalist(event) for _ in range(3))
    client.force_login(vetter)
    assert [r["reference"] for r in _rows(client.get(EXPORT))] == [first.reference,
                                                                   second.reference]


def test_export_defuses_cells_a_spreadsheet_would_run(client, event, cats, vetter):
    journalist(event, family_name="=HYPERLINK(\"http://evil.example\")", given_names="+1")
    client.force_login(vetter)
    row = _rows(client.get(EXPORT))[0]
    assert (row["family_name"], row["given_names"]) == (
        "'=HYPERLINK(\"http://evil.example\")", "'+1")


def test_only_vetting_officers_export_or_import(client, event, cats, officer, secretariat,
                                                gate):
    journalist(event)
    for user in (officer, secretariat, gate):
        client.force_login(user)
        assert client.get(EXPORT).status_code == 403
        assert client.get(IMPORT).status_code == 403
        assert _upload(client, _results()).status_code == 403
    with pytest.raises(NotAllowed):
        vetting_io.vetting_export(applications=Application.objects.all(), by=officer)
    with pytest.raises(NotAllowed):
        vetting_io.vetting_import(event=event, by=None, data=_results())


# Import


def test_round_trip_export_fill_in_import(client, event, cats, vetter):
    first, second, third = (journalist(event) for _ in range(3))
    client.force_login(vetter)
    rows = _rows(client.get(EXPORT))
    results = {first.reference: ("cleared", "", ""),
               second.reference: ("FLAGGED", "Do not accredit", "Watch list"),
               third.reference: ("Cleared", "", "")}
    for row in rows:
        row["result"], row["reason"], row["note"] = results[row["reference"]]
    out = io.StringIO()
    out.write("\ufeff")  # as Excel saves "CSV UTF-8"
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    response = _upload(client, out.getvalue().encode("utf-8"))
    assert response.status_code == 302
    assert _vetting(first, second, third) == [VettingStatus.CLEARED, VettingStatus.FLAGGED,
                                              VettingStatus.CLEARED]
    second.refresh_from_db()
    assert (second.vetting_reason, second.vetting_note, second.vetted_by) == (
        "Do not accredit", "Watch list", vetter)
    page = client.get(reverse("accreditation:vetting_queue")).content.decode()
    assert "Results imported: 2 cleared, 1 flagged, 0 unchanged." in page
    # The next export holds nobody: everyone is vetted.
    assert _rows(client.get(EXPORT)) == []


def test_import_accepts_semicolons_and_counts_unchanged_rows(event, cats, vetter):
    first, second = journalist(event), journalist(event)
    application_vet(application=first, by=vetter, cleared=True)
    result = vetting_io.vetting_import(
        event=event, by=vetter,
        data=_results((first.reference, "cleared", "", ""),
                      (second.reference.lower(), "cleared", "", ""), delimiter=";"))
    assert (result.cleared, result.flagged, result.unchanged) == (1, 0, 1)
    assert _vetting(first, second) == [VettingStatus.CLEARED, VettingStatus.CLEARED]


def test_import_is_all_or_nothing_with_row_numbered_errors(client, event, cats, vetter,
                                                           officer):
    good, flagged, closed, other = (journalist(event) for _ in range(4))
    application_reject(application=closed, by=officer, reason="No letter of assignment")
    cats["C"].vetting_required = False
    cats["C"].save()
    unvetted = journalist(event, category_code="C")
    data = _results(
        (good.reference, "cleared", "", ""),                 # row 2: fine
        (flagged.reference, "flagged", "", "Watch list"),    # row 3: a note, no reason
        ("A-NOTHERE2", "cleared", "", ""),                   # row 4: unknown
        (other.reference, "maybe", "", ""),                  # row 5: not a result
        (closed.reference, "cleared", "", ""),               # row 6: closed
        (good.reference, "flagged", "Second thoughts", ""),  # row 7: duplicate of row 2
        (unvetted.reference, "cleared", "", ""),             # row 8: not vetted
        ("", "", "", ""),                                    # row 9: blank, skipped
        ("", "cleared", "", ""),                             # row 10: no reference
        (other.reference, "", "", ""),                       # row 11: no result
    )
    client.force_login(vetter)
    response = _upload(client, data)
    assert response.status_code == 400
    page = response.content.decode()
    for expected in (
        f"Row 3: {flagged.reference} is flagged without a reason: say why, in words the "
        "accreditation office may read (the note is for vetting only).",
        "Row 4: No application of this event has the reference A-NOTHERE2.",
        "Row 5: “maybe” is not a result: write “cleared” or “flagged”.",
        f"Row 6: {closed.reference} is closed (rejected): it is no longer vetted.",
        f"Row 7: {good.reference} is also on row 2: give one result per applicant.",
        f"Row 8: {unvetted.reference} is in a category that is not vetted.",
        "Row 10: The reference is missing.",
        "Row 11: The result is missing: write “cleared” or “flagged”.",
    ):
        assert expected in page.replace("&quot;", '"'), expected
    assert "Row 2:" not in page and "Row 9:" not in page
    assert not Application.objects.exclude(vetting__in=[VettingStatus.PENDING,
                                                        VettingStatus.NOT_REQUIRED]).exists()


def test_every_error_is_reported_at_once_in_row_order(event, cats, vetter):
    application = journalist(event)
    with pytest.raises(ImportRejected) as rejected:
        vetting_io.vetting_import(event=event, by=vetter, data=_results(
            ("A-UNKNOWN2", "cleared", "", ""), (application.reference, "flagged", "", "")))
    assert [str(e) for e in rejected.value.errors] == [
        "Row 2: No application of this event has the reference A-UNKNOWN2.",
        f"Row 3: {application.reference} is flagged without a reason: say why, in words the "
        "accreditation office may read (the note is for vetting only)."]
    assert rejected.value.message == "2 error(s); nothing was imported."


def test_a_row_refused_by_the_service_rolls_back_the_rows_before_it(event, cats, vetter,
                                                                     monkeypatch):
    first, second = journalist(event), journalist(event)
    original = vetting_io.application_vet

    def closed_meanwhile(*, application, **kwargs):
        if application.pk == second.pk:
            Application.objects.filter(pk=second.pk).update(status="withdrawn")
        return original(application=application, **kwargs)

    monkeypatch.setattr(vetting_io, "application_vet", closed_meanwhile)
    with pytest.raises(ImportRejected) as rejected:
        vetting_io.vetting_import(event=event, by=vetter, data=_results(
            (first.reference, "cleared", ""), (second.reference, "cleared", "")))
    assert [str(e) for e in rejected.value.errors] == ["Row 3: This application is closed."]
    assert _vetting(first) == [VettingStatus.PENDING]


@pytest.mark.parametrize(("data", "message"), [
    (b"", "The file is empty."),
    (b"\n\n", "The file is empty."),
    (b"reference,result,note\n", "The file has no results, only its header row."),
    (b"ref;outcome\nA-X;cleared\n",
     "Row 1: The first row must name the columns; “reference”, “result” is missing."),
    (b"reference,note\nA-X,hi\n", "Row 1: The first row must name the columns; “result” is "
                                 "missing."),
    (b"PK\x03\x04\x14\x00\x06\x00workbook", "This is not a CSV file."),
    (b"%PDF-1.4\n%%EOF", "This is not a CSV file."),
    (b"reference\x00result\n", "This is not a CSV file."),
    ("reference,result,note\nA-X,cleared,café\n".encode("latin-1"),
     "The file is not in UTF-8."),
])
def test_files_that_are_not_results_are_refused(event, cats, vetter, data, message):
    with pytest.raises(ImportRejected) as rejected:
        vetting_io.vetting_import(event=event, by=vetter, data=data)
    assert str(rejected.value.errors[0]).startswith(message)


def test_a_file_over_the_size_limit_is_refused_on_the_form(client, event, cats, vetter):
    client.force_login(vetter)
    response = _upload(client, b"x" * (vetting_io.MAX_BYTES + 1))
    assert response.status_code == 400
    assert "the limit is 5 MB" in response.content.decode()


def test_import_refuses_more_rows_than_a_batch(event, cats, vetter, monkeypatch):
    monkeypatch.setattr(vetting_io, "MAX_ROWS", 2)
    with pytest.raises(ImportRejected) as rejected:
        vetting_io.vetting_import(event=event, by=vetter, data=_results(
            ("A-1", "cleared", ""), ("A-2", "cleared", ""), ("A-3", "cleared", "")))
    assert str(rejected.value.errors[0]) == "The file has more than 2 rows; import it in parts."


def test_import_page_without_a_file_asks_for_one(client, event, cats, vetter):
    client.force_login(vetter)
    assert client.get(IMPORT).status_code == 200
    response = client.post(IMPORT, {})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_the_export_matches_the_queue_query(event, cats, vetter):
    application = journalist(event)
    text = vetting_io.vetting_export(applications=vetting_queue(event), by=vetter)
    assert application.reference in text
    assert text.count("\r\n") == 2
