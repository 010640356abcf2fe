"""Review of issue 11 (outside reviewer): the per-address mail cap as a weapon. Anyone may
type a journalist's address on the public form; the cap then drops the office's own mails to
that journalist (a request for information with the correction link, a decision), which are
marked mailed and never retried."""

from datetime import date

import pytest

from accreditation.services.applications import application_request_information
from tests.factories.accreditation import journalist
from tests.factories.delegations import country

VICTIM = "journalist@vna.example"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def test_strangers_submissions_do_not_stop_the_offices_mail_to_an_applicant(
        event, cats, outlet, officer, celery_eager, django_capture_on_commit_callbacks,
        mailoutbox, settings):
    with django_capture_on_commit_callbacks(execute=True):
        real = journalist(event, outlet=outlet, email=VICTIM, nationality=country("VN"),
                          date_of_birth=date(1980, 1, 1))
    # A stranger sends MAIL_PER_ADDRESS_PER_DAY forms with the journalist's address (held as
    # possible duplicates, each answered and mailed as a new one).
    for n in range(settings.MAIL_PER_ADDRESS_PER_DAY):
        with django_capture_on_commit_callbacks(execute=True):
            journalist(event, outlet=outlet, email=VICTIM, family_name=f"Stranger {n}")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        application_request_information(application=real, by=officer,
                                        message="Please send a sharper photo.")
    assert [m.to for m in mailoutbox] == [[VICTIM]], \
        "the office's request for information (with the correction link) was not sent"
