"""No personal data in logs or error reports. A real failure (the disk refuses the upload)
inside the views that take personal data sends the admins Django's error report and logs the
error: neither carries the applicant's name, e-mail, telephone, date of birth or passport
number, nor the name of the file they sent."""

import io
import logging
import re
import sys
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.log import AdminEmailHandler
from django.views.decorators.debug import sensitive_variables

from accreditation.applications.models.applications import Application
from logistics.core.redaction import RedactingFilter
from tests.accreditation.applications.test_apply_public import APPLY, PASSPORT, application_data
from tests.factories.registration import PDF_BYTES

PERSONAL = ["Nguyễn", "Thị Lan", "lan@vna.example", "3825 3536", "1988-04-02", PASSPORT,
            "Lan-passport-scan"]
EMAIL, PHONE = "lan@vna.example", "+84 24 3825 3536"
LOGISTICS_AND_ACCREDITATION = [Path(__file__).resolve().parents[2] / app
                               for app in ("logistics", "accreditation")]


class FullDisk(FileSystemStorage):
    """The test's stand-in for a volume that has filled up: every save fails."""

    def _save(self, name, content):
        raise OSError(28, "No space left on device")


@pytest.fixture
def failing_disk(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {**settings.STORAGES,
                         "default": {"BACKEND": f"{__name__}.FullDisk"}}


@pytest.fixture
def admins(settings):
    settings.ADMINS = [("Duty engineer", "duty@accord.example")]
    settings.DEBUG = False


def the_application(outlet):
    data = application_data(outlet)
    data["id_copy"] = SimpleUploadedFile("Lan-passport-scan.pdf", PDF_BYTES,
                                         content_type="application/pdf")
    return data


def leaks(text):
    return [value for value in PERSONAL if value in text]


def report_text(mail):
    parts = [mail.subject, mail.body]
    parts += [content for content, _type in getattr(mail, "alternatives", [])]
    return "\n".join(parts)


def test_a_failure_in_the_public_application_reports_no_personal_data(
        cats, outlet, failing_disk, admins, mailoutbox, caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.post(APPLY, the_application(outlet))
    assert response.status_code == 500
    assert not Application.objects.exists()
    [mail] = mailoutbox
    report = report_text(mail)
    # It is the real report, with the failure and the request in it...
    assert "No space left on device" in report and "/apply/media/" in report
    assert "id_copy" in report and "family_name" in report
    # ...and nothing of the person.
    assert leaks(report) == []
    assert caplog.records and leaks(caplog.text) == []


def test_a_failure_in_the_staff_entry_reports_no_personal_data(
        client, officer, cats, outlet, failing_disk, admins, mailoutbox):
    client.raise_request_exception = False
    client.force_login(officer)
    data = the_application(outlet)
    data["category"] = cats["P"].pk
    response = client.post(f"/accreditation/applications/add/?category={cats['P'].pk}", data)
    assert response.status_code == 500
    [mail] = mailoutbox
    assert "No space left on device" in report_text(mail)
    assert leaks(report_text(mail)) == []


@sensitive_variables()
def _save_clashing(email, phone):
    """Like a service under a view that takes personal data (both are decorated alike)."""
    raise ValueError(f"duplicate key value (email)=({email}), phone {phone}")


def test_an_exception_quoting_an_address_is_reported_without_it(admins, mailoutbox, rf):
    """A database error may quote the value that clashed: the report blanks addresses and
    numbers in the exception's message."""
    handler = AdminEmailHandler()
    try:
        # Not written out here: the report quotes the source lines around each frame.
        _save_clashing(EMAIL, PHONE)
    except ValueError:
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1,
                                   "Internal Server Error: %s", ("/apply/media/",),
                                   sys.exc_info())
    record.request = rf.get("/apply/media/")
    handler.emit(record)
    [mail] = mailoutbox
    assert "duplicate key value (email)=([e-mail]), phone [phone]" in mail.body
    assert leaks(mail.body) == []


def test_the_console_log_blanks_addresses_and_numbers():
    """The handler the settings configure, with its filter, as the server writes it."""
    [console] = [h for h in logging.getLogger().handlers
                 if any(isinstance(f, RedactingFilter) for f in h.filters)]
    stream = io.StringIO()
    previous = console.setStream(stream)
    try:
        log = logging.getLogger("accreditation.tests")
        log.warning("Mail to %s refused", "lan@vna.example")
        try:
            raise ConnectionError("SMTP 550 <lan@vna.example>: no such user, +84 24 3825 3536")
        except ConnectionError:
            log.exception("Reminder %s failed", 7)
    finally:
        console.setStream(previous)
    text = stream.getvalue()
    assert "Mail to [e-mail] refused" in text and "Reminder 7 failed" in text
    assert "SMTP 550 <[e-mail]>: no such user, [phone]" in text
    assert leaks(text) == []


def test_log_calls_in_the_apps_name_ids_not_people():
    """Every logger call's arguments in logistics/ and accreditation/: none passes a name,
    an address, a birth date, a document number or a telephone."""
    call = re.compile(r"\b(?:logger|log)\.(?:debug|info|warning|error|exception|critical)\(")
    personal = re.compile(r"\b(?:family_name|given_names|full_name|email|address|"
                          r"date_of_birth|id_document_number|phone|username|\.name)\b")
    found = []
    for folder in LOGISTICS_AND_ACCREDITATION:
        for path in folder.rglob("*.py"):
            source = path.read_text()
            for match in call.finditer(source):
                # The call up to its closing parenthesis, at most a few lines.
                depth, end = 0, match.end() - 1
                while end < len(source):
                    depth += {"(": 1, ")": -1}.get(source[end], 0)
                    if depth == 0:
                        break
                    end += 1
                arguments = source[match.end():end]
                argument_code = re.sub(r'"[^"]*"', '""', arguments)  # the message text aside
                if personal.search(argument_code):
                    found.append(f"{path.name}: {arguments.strip()[:120]}")
    # The one name allowed: the staff account that undid a signature, as the audit trail
    # names who acted (a member of staff, not a person the event holds data on).
    assert [f for f in found if not f.startswith("signing.py: \"Signature of")] == [], found
