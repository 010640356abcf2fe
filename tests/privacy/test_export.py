"""A person's data on request: the export page and command find the person by what they
give, and the ZIP holds everything about them and nothing about anyone else."""

import io
import json
import re
import zipfile
from datetime import date

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from accreditation.applications.models.applications import Application
from accreditation.applications.services.applications import (
    application_release,
    application_request_information,
    application_update,
    application_withdraw,
)
from accreditation.enums import ApplicationStatus
from logistics.core.enums import Role
from privacy.services.records import mask
from tests.factories.accreditation import journalist
from tests.factories.delegations import country
from tests.factories.plan import user_with_role
from tests.privacy.dbscan import occurrences
from tests.queries import same_queries

EXPORT = reverse("privacy:export")
DOWNLOAD = reverse("privacy:export_download")


def _download(client, **search):
    response = client.post(DOWNLOAD, search)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "private, no-store"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    document = json.loads(archive.read("personal-data.json"))
    return document, archive, json.dumps(document, ensure_ascii=False)


def _events(document):
    return {entry["event"]["short name"]: entry for entry in document["events"]}


def test_export_by_email_holds_everything_about_the_journalist(client, world, secretariat):
    client.force_login(secretariat)
    document, archive, text = _download(client, email="MAI.TRAN@example.org")

    [application] = _events(document)["hanoi-2025"]["accreditation applications"]
    assert application["reference"] == world.mai.reference
    assert application["family name"] == "Trần"
    assert application["given names"] == "Thị Mai"
    assert application["date of birth"] == "1985-03-14"
    assert application["e-mail"] == "mai.tran@example.org"
    assert application["phone"] == "+84 90 765 4321"
    assert application["status"] == "Approved"
    assert application["security vetting"] == "Cleared"
    # Vetting's free text may hold an ID number: for a vetting officer's eyes only.
    assert application["vetting note"] == "kept by security vetting"
    assert application["information requested"] == "Trần Thị Mai, please send a sharper photo."
    assert application["media outlet"] == "Vietnam News Agency"
    assert [(c["from"], c["to"]) for c in application["status changes"]][:2] == [
        ("", "Submitted"), ("Submitted", "Needs information")]
    [badge] = application["badges"]
    assert badge["collected"] is not None
    assert [scan["checkpoint"] for scan in badge["scans"]] == ["Press centre door"] * 2
    # The audit trail's before and after, by field label.
    assert any("phone" in entry["changes"] for entry in application["history"])
    # The uploads, byte for byte, under the names the record gives; the copy of the ID
    # document only as far as the secretariat could open it on its page: not at all.
    for label, field in (("photo", "photo"), ("letter of assignment", "letter_of_assignment"),
                         ("press card", "press_card")):
        stored = getattr(world.mai, field)
        assert archive.read(application[label]) == stored.read()
    assert sorted(archive.namelist()) == sorted(
        ["personal-data.json", application["photo"], application["letter of assignment"],
         application["press card"]])
    why = "only security vetting officers may open it"
    assert application["copy of the ID document"] == f"withheld: {why}"
    assert document["files withheld"] == [{
        "record": f"application {world.mai}", "file": "copy of the ID document",
        "why": why}]
    # Never anyone else's: not the namesake with another address, not the unaccented one.
    for other in ("1990-07-02", "mai.tran@example.org.vn", "B1112223", "•••223", "Tran",
                  "1985-03-14T", world.namesake.reference, world.unaccented.reference,
                  "Odhiambo", "Lê"):
        assert other not in text, other
    # Secrets that are not the person's data: the correction link, the index.
    assert world.mai.token not in text
    assert world.mai.id_document_index not in text


def test_the_secretariat_sees_the_id_number_masked(client, world, secretariat):
    client.force_login(secretariat)
    document, _, text = _download(client, reference=world.mai.reference.lower())
    [application] = _events(document)["hanoi-2025"]["accreditation applications"]
    assert application["ID document number"] == "•••••321"
    # Nowhere in clear: neither the field, nor the vetting note written with it, nor the
    # audit trail's before and after of either.
    assert "C7654321" not in text
    assert document["ID document numbers"] == "masked: only the last three characters are shown"

    page = client.post(EXPORT, {"reference": world.mai.reference})
    assert page.status_code == 200
    assert b"\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2321" in page.content
    assert b"C7654321" not in page.content


def test_a_vetting_officer_exports_the_id_number_in_clear(client, world, vetter):
    client.force_login(vetter)
    document, _, _ = _download(client, reference=world.mai.reference)
    [application] = _events(document)["hanoi-2025"]["accreditation applications"]
    assert application["ID document number"] == "C7654321"
    assert document["ID document numbers"] == "in clear"
    assert application["vetting note"] == "C7654321 matches the register for Trần Thị Mai."


def test_name_and_date_of_birth_match_exactly(client, world, secretariat):
    client.force_login(secretariat)
    document, _, _ = _download(client, family_name="trần", date_of_birth="1985-03-14")
    applications = _events(document)["hanoi-2025"]["accreditation applications"]
    assert [a["reference"] for a in applications] == [world.mai.reference]

    document, _, _ = _download(client, family_name="Tran", given_names="Thi Mai",
                               date_of_birth="1985-03-14")
    applications = _events(document)["hanoi-2025"]["accreditation applications"]
    assert [a["reference"] for a in applications] == [world.unaccented.reference]


def test_every_key_given_must_match(client, world, secretariat):
    client.force_login(secretariat)
    response = client.post(DOWNLOAD, {"email": "mai.tran@example.org",
                                      "family_name": "Trần", "date_of_birth": "1990-07-02"})
    assert response.status_code == 404
    assert b"No record matches this person." in response.content


def test_a_delegate_export_holds_registration_travel_speeches_and_signature(
        client, world, secretariat):
    client.force_login(secretariat)
    document, archive, text = _download(client, email="amina.odhiambo@example.go.ke")
    event = _events(document)["hanoi-2025"]
    [member] = event["delegation members"]
    assert member["family name"] == "Odhiambo"
    assert member["delegation"] == "Kenya"
    assert member["arrival flight"] == "KQ870"
    assert member["hotel"] == "Hotel Metropole, room 514"
    assert member["ID document number"] == "•••••456"
    assert archive.read(member["photo"]) == world.amina.photo.read()
    # The application made from her registration is the same person.
    [application] = event["accreditation applications"]
    assert application["family name"] == "Odhiambo"
    assert [s["speaker"] for s in event["speakers list"]] == ["Amina Odhiambo"]
    [signing] = event["signings"]
    assert signing["signatory"] == "Amina Odhiambo"
    assert archive.read(signing["full powers"]).startswith(b"%PDF")
    # Brian is in her delegation, and not in her export.
    assert "Otieno" not in text and "1982-11-23" not in text


def test_a_focal_point_export_holds_the_delegations_invitations_and_mail(
        client, world, secretariat):
    client.force_login(secretariat)
    document, archive, text = _download(client, email="peter.mwangi@example.go.ke")
    event = _events(document)["hanoi-2025"]
    [focal_point] = event["focal point of delegations"]
    assert {key: focal_point[key] for key in ("delegation", "focal point",
                                               "focal point's e-mail")} == {
        "delegation": "Kenya", "focal point": "Peter Mwangi",
        "focal point's e-mail": "peter.mwangi@example.go.ke"}
    # The note verbale Peter sent for the delegation.
    assert archive.read(focal_point["credentials"]) == world.delegation.credentials_document.read()
    assert [i["sent to"] for i in event["invitations"]] == ["peter.mwangi@example.go.ke"]
    assert [m["kind"] for m in event["mail sent"]] == ["Registration not yet made"]
    assert "Odhiambo" not in text


def test_the_accreditation_office_exports_accreditation_records_only(client, world, officer):
    client.force_login(officer)
    document, archive, text = _download(client, email="amina.odhiambo@example.go.ke")
    event = _events(document)["hanoi-2025"]
    assert set(event) == {"event", "accreditation applications"}
    assert "KQ870" not in text and "Metropole" not in text


def test_the_export_is_in_the_audit_trail_without_personal_data(client, world, secretariat):
    client.force_login(secretariat)
    before = set(LogEntry.objects.values_list("pk", flat=True))
    _download(client, email="mai.tran@example.org")
    [entry] = LogEntry.objects.exclude(pk__in=before)
    assert entry.actor == secretariat
    assert entry.action == LogEntry.Action.ACCESS
    assert entry.additional_data["personal_data_export"] == {"application": [world.mai.pk]}
    logged = json.dumps([entry.object_repr, entry.changes_text, entry.additional_data,
                         entry.changes], ensure_ascii=False)
    assert not [n for n in world.needles + ["mai.tran"] if n in logged]


@pytest.mark.parametrize("role", [Role.PROTOCOL, Role.PROGRAMME, Role.STEERING, Role.OBSERVER,
                                  Role.FOCAL_POINT, Role.GATE])
def test_other_roles_are_refused(client, world, role):
    client.force_login(user_with_role(role, username=f"someone-{role}"))
    assert client.get(EXPORT).status_code == 403
    assert client.post(EXPORT, {"email": "mai.tran@example.org"}).status_code == 403
    assert client.post(DOWNLOAD, {"email": "mai.tran@example.org"}).status_code == 403
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    for response in (client.get(EXPORT), client.post(DOWNLOAD, {"email": "x@example.org"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_download_is_a_post(client, world, secretariat):
    client.force_login(secretariat)
    assert client.get(DOWNLOAD, {"email": "mai.tran@example.org"}).status_code == 405


@pytest.mark.parametrize("search, error", [
    ({}, b"Give an e-mail address, an application reference, or a family name"),
    ({"family_name": "Trần"}, b"Give an e-mail address, an application reference"),
    ({"email": "not an address"}, b"Enter a valid email address."),
    ({"family_name": "Trần", "date_of_birth": "14/03/85x"}, b"Enter a valid date."),
])
def test_an_incomplete_or_malformed_search_is_refused(client, world, secretariat, search,
                                                      error):
    client.force_login(secretariat)
    page = client.post(EXPORT, search)
    assert page.status_code == 200 and error in page.content
    assert b'data-testid="found"' not in page.content
    download = client.post(DOWNLOAD, search)
    assert download.status_code == 400 and error in download.content
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_the_page_lists_what_was_found_before_the_download(client, world, secretariat):
    client.force_login(secretariat)
    page = client.post(EXPORT, {"email": "peter.mwangi@example.go.ke"})
    assert b"Focal point of 1 delegation" in page.content
    assert b"1 reminder mailed to this address" in page.content
    page = client.post(EXPORT, {"email": "mai.tran@example.org"})
    assert page.content.count(b'data-testid="found-application"') == 1
    assert "<bdi>Trần</bdi>".encode() in page.content
    page = client.post(EXPORT, {"email": "nobody@example.org"})
    assert b"No record matches this person." in page.content


def test_the_command_writes_the_zip_and_says_what_it_holds(world, tmp_path):
    output, printed = tmp_path / "mai.zip", io.StringIO()
    call_command("export_personal_data", "--email", "mai.tran@example.org",
                 "--reference", world.mai.reference, "--output", str(output), stdout=printed)
    archive = zipfile.ZipFile(output)
    text = archive.read("personal-data.json").decode()
    assert "•••••321" in text and "1985-03-14" in text and "1990-07-02" not in text
    files = sorted(name for name in archive.namelist() if name.startswith("files/"))
    assert files == [f"files/application-{world.mai.pk}-{name}" for name in (
        "letter_of_assignment.pdf", "photo.jpg", "press_card.pdf")]
    # It says what went in and what did not, and why.
    printed = printed.getvalue()
    assert "ID document numbers: masked (--with-id-data shows them)." in printed
    assert "Files in the export: 3" in printed and all(name in printed for name in files)
    assert (f"Files withheld: 1\n  copy of the ID document of application "
            f"{world.mai}: a copy of an ID document goes into an export made on the server "
            "only when it is asked for (--with-id-data)") in printed
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS)
    assert entry.actor is None
    assert entry.additional_data["via"] == "manage.py export_personal_data"

    # ID data, numbers and copies, only when asked for (the former flag still says so).
    id_copy = world.mai.id_copy.read()
    for flag in ("--with-id-data", "--with-id-numbers"):
        clear, printed = tmp_path / f"clear{flag}.zip", io.StringIO()
        call_command("export_personal_data", "--reference", world.mai.reference, flag,
                     "--output", str(clear), stdout=printed)
        archive = zipfile.ZipFile(clear)
        document = json.loads(archive.read("personal-data.json"))
        [application] = _events(document)["hanoi-2025"]["accreditation applications"]
        assert application["ID document number"] == "C7654321"
        assert archive.read(application["copy of the ID document"]) == id_copy
        assert "files withheld" not in document
        assert "Files withheld: 0" in printed.getvalue()


def test_the_command_refuses_a_search_that_finds_no_one_or_says_too_little(world, tmp_path):
    output = tmp_path / "none.zip"
    with pytest.raises(CommandError, match="No record matches this person."):
        call_command("export_personal_data", "--email", "nobody@example.org",
                     "--output", str(output))
    with pytest.raises(CommandError, match="Give an e-mail address"):
        call_command("export_personal_data", "--family-name", "Trần", "--output", str(output))
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("export_personal_data", "--family-name", "Trần", "--date-of-birth",
                     "14.03.1985", "--output", str(output))
    assert not output.exists()
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_searching_leaves_no_trace_of_the_search_in_the_database(client, world, secretariat):
    """The e-mail searched for is in the POST body only: not in a session, not in a log."""
    client.force_login(secretariat)
    client.post(EXPORT, {"email": "not.held@example.org"})
    client.post(DOWNLOAD, {"email": "not.held@example.org"})
    assert occurrences(["not.held@example.org"]) == []


def test_the_search_page_costs_the_same_for_one_application_or_three(
        client, world, secretariat):
    from tests.factories.accreditation import categories, journalist
    from tests.factories.plan import EventFactory

    client.force_login(secretariat)

    def two_more():
        for n in range(2):
            other = EventFactory(slug=f"more-{n}")
            categories(other)
            journalist(other, family_name="Trần", given_names="Thị Mai",
                       email="mai.tran@example.org", id_document_number=f"X{n}000000")

    page = same_queries(lambda: client.post(EXPORT, {"email": "mai.tran@example.org"}),
                        two_more)
    assert page.content.count(b'data-testid="found-application"') == 3


# A person's export tells them nothing their status page does not: an application held as
# a possible duplicate of someone else's reads as the new one its sender takes it for.

THEIRS, PROBER = "held.by@vna.example", "prober@example.org"
SOMEONES, FREE = "L1234567", "F7654321"


def _prober(event, outlet, number):
    return journalist(event, outlet=outlet, id_document_number=number,
                      nationality=country("VN"), email=PROBER, family_name="Probe",
                      given_names="Lan", date_of_birth=date(1990, 2, 3))


def _held_at_submission(event, outlet, officer, other, number):
    _prober(event, outlet, number)


def _held_at_a_correction(event, outlet, officer, other, number):
    application = _prober(event, outlet, "P0000001")
    application = application_request_information(application=application, by=officer,
                                                   message="Check your passport number.")
    application_update(application=application, id_document_number=number)


def _held_then_released(event, outlet, officer, other, number):
    application = _prober(event, outlet, number)
    application_withdraw(application=other, by=officer, reason="Left the outlet.")
    application = Application.objects.get(pk=application.pk)
    if application.status == ApplicationStatus.POSSIBLE_DUPLICATE:
        application = application_release(application=application, by=officer)
    application_request_information(application=application, by=officer,
                                    message="Send your press card.")


HISTORIES = {"held at submission": _held_at_submission,
             "held at a correction": _held_at_a_correction,
             "held, then released": _held_then_released}


def _export_page(client, user, tmp_path):
    client.force_login(user)
    listing = client.post(EXPORT, {"email": PROBER}).content.decode()
    rows = re.findall(r'<tr data-testid="found-application">.*?</tr>', listing, re.DOTALL)
    return rows, _download(client, email=PROBER)[2]


def _export_command(tmp_path):
    output = tmp_path / "export.zip"
    call_command("export_personal_data", "--email", PROBER, "--with-id-data", "--output",
                 str(output), stdout=io.StringIO())
    return [], zipfile.ZipFile(output).read("personal-data.json").decode()


EXPORTERS = {
    "the secretariat's page": lambda client, users, tmp: _export_page(client, users[0], tmp),
    "security vetting's page": lambda client, users, tmp: _export_page(client, users[1], tmp),
    "the command": lambda client, users, tmp: _export_command(tmp),
}


@pytest.mark.parametrize("exporter", list(EXPORTERS))
@pytest.mark.parametrize("history", list(HISTORIES))
def test_an_export_shows_a_held_application_as_its_sender_sees_it(
        client, event, cats, outlet, officer, secretariat, vetter, privacy_media, audited,
        tmp_path, history, exporter):
    """Its status, its status changes (a hold and a release are none) and their reasons,
    its record of changes, and the page's list of what was found: the same, references,
    times and the number typed aside, whether the number the person gave is someone's or
    free; and never the other application's reference, whoever exports."""
    seen = {}
    for number in (SOMEONES, FREE):
        with transaction.atomic():
            other = journalist(event, outlet=outlet, id_document_number=SOMEONES,
                               nationality=country("VN"), email=THEIRS)
            HISTORIES[history](event, outlet, officer, other, number)
            listing, text = EXPORTERS[exporter](client, (secretariat, vetter), tmp_path)
            assert other.reference not in text + "".join(listing)
            typed = [number, mask(number)]
            seen[number] = _normalised("\n".join([*listing, text]), typed).splitlines()
            transaction.set_rollback(True)
    assert seen[SOMEONES] == seen[FREE]


def _normalised(text, typed):
    for value in typed:
        text = text.replace(value, "<typed>")
    text = re.sub(r"A-[A-Z0-9]{8}", "A-<reference>", text)
    return re.sub(r"\d{4}-\d{2}-\d{2}[T ][\d:.]+([+-]\d{2}:\d{2}|Z)?", "<time>", text)
