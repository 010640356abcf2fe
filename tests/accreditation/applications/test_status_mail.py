"""The applicant's mail: one message per move of the application, its subject carrying the
reference, sent once however often the task runs, and nothing internal in it."""

import pytest
from django.conf import settings

from accreditation.applications.models.applications import Application, Transition
from accreditation.applications.services.applications import (
    application_approve,
    application_reject,
    application_request_information,
    application_start_review,
    application_update,
    application_withdraw,
)
from accreditation.applications.services.mail import status_mail_send
from accreditation.applications.tasks import send_status_mail
from accreditation.enums import ApplicationStatus, VettingStatus
from accreditation.vetting.services.decisions import application_vet
from tests.factories.accreditation import journalist


@pytest.fixture
def after_commit(celery_eager, django_capture_on_commit_callbacks):
    """Run a service call and the mail it queues after commit."""

    def run(service, /, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


def test_every_move_mails_the_applicant_once(event, cats, officer, vetter, after_commit,
                                             mailoutbox):
    application = after_commit(journalist, event=event, email="mai@vna.example")
    after_commit(application_start_review, application=application, by=officer)
    after_commit(application_request_information, application=application, by=officer,
                 message="Please send a signed letter of assignment.")
    after_commit(application_update, application=application, by=None,
                 function="Senior correspondent")
    application_vet(application=application, by=vetter, cleared=True,
                    note="Checked against the list of 12 May")
    after_commit(application_approve, application=Application.objects.get(pk=application.pk),
                 by=officer)
    after_commit(application_withdraw, application=application, by=officer,
                 reason="Left the outlet")

    reference = application.reference
    moves = list(Transition.objects.filter(application=application)
                 .values_list("to_status", flat=True))
    assert moves == ["submitted", "under_review", "needs_information", "submitted",
                     "approved", "withdrawn"]
    assert [m.subject for m in mailoutbox] == [
        f"Accreditation application {reference} received",
        f"Accreditation application {reference} is under review",
        f"Accreditation application {reference}: information needed",
        f"Accreditation application {reference} received",
        f"Accreditation application {reference} approved",
        f"Accreditation application {reference} withdrawn",
    ]
    assert all(m.to == ["mai@vna.example"] for m in mailoutbox)
    assert not Transition.objects.filter(application=application, mailed_at=None).exists()
    for mail in mailoutbox:
        html = mail.alternatives[0][0]
        for text in (mail.body, html):
            assert reference in text
            assert "12 May" not in text  # the vetting note stays inside
            assert application.id_document_number not in text
            assert "Cleared" not in text and "cleared" not in text


def test_information_request_mail_carries_the_request_and_the_correction_link(
        event, cats, officer, after_commit, mailoutbox):
    application = after_commit(journalist, event=event)
    mailoutbox.clear()
    after_commit(application_request_information, application=application, by=officer,
                 message="Your letter is <b>not signed</b>.")
    mail, = mailoutbox
    link = f"{settings.SITE_URL}/apply/correct/{application.token}/"
    assert "Your letter is <b>not signed</b>." in mail.body
    assert link in mail.body
    html = mail.alternatives[0][0]
    assert "Your letter is &lt;b&gt;not signed&lt;/b&gt;." in html
    assert f'href="{link}"' in html
    assert f"/apply/status/?reference={application.reference}" in mail.body


def test_corrected_application_mail_says_so(event, cats, officer, after_commit, mailoutbox):
    application = after_commit(journalist, event=event)
    after_commit(application_request_information, application=application, by=officer,
                 message="Send the press card.")
    mailoutbox.clear()
    after_commit(application_update, application=application, by=None, function="Editor")
    mail, = mailoutbox
    assert f"We have received your corrected application {application.reference}" in mail.body


def test_rejection_mail_gives_the_reason(event, cats, officer, after_commit, mailoutbox):
    application = after_commit(journalist, event=event)
    mailoutbox.clear()
    after_commit(application_reject, application=application, by=officer,
                 reason="The outlet did not confirm the assignment.")
    mail, = mailoutbox
    assert mail.subject == f"Accreditation application {application.reference} not approved"
    assert "Reason: The outlet did not confirm the assignment." in mail.body


def test_no_second_mail_when_the_task_runs_again(event, cats, officer, after_commit,
                                                 mailoutbox):
    application = after_commit(journalist, event=event)
    after_commit(application_start_review, application=application, by=officer)
    assert len(mailoutbox) == 2
    for transition in Transition.objects.filter(application=application):
        send_status_mail.delay(transition.pk)
        send_status_mail.apply(args=[transition.pk])
        assert status_mail_send(transition_id=transition.pk) is False
    assert len(mailoutbox) == 2


def test_no_mail_without_an_address(event, cats, officer, after_commit, mailoutbox):
    application = after_commit(journalist, event=event, email="")
    assert application.vetting == VettingStatus.PENDING
    assert application.status == ApplicationStatus.SUBMITTED
    assert mailoutbox == []
