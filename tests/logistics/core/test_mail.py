"""The one mail module (logistics.core.mail): every mail Accord sends is built in its recipient's
language, carries Auto-Submitted, is claimed once by its key in the outbox however many
workers run its task at once, counts against the public submissions' daily limit when a
stranger caused it, and is recorded there: sent, held back, or failed with its error and
attempts, then retried. No other module makes or sends a message."""

import ast
import time
from datetime import timedelta
from pathlib import Path
from smtplib import SMTPException

import pytest
from django.core.mail.backends import locmem
from django.template import TemplateDoesNotExist
from django.utils import timezone

from accreditation.applications.models.applications import Transition
from accreditation.applications.services.mail import status_mail_send
from logistics.core import mail
from logistics.core.enums import MailKind, MailStatus
from logistics.core.models.mail import MailCount, OutgoingMail
from logistics.delegations.mail import invitation_message
from logistics.delegations.services.invitations import invitation_mail_send
from logistics.delegations.tasks import send_invitation
from logistics.plan.models import Reminder
from logistics.programme.models import Session
from logistics.programme.services.publishing import programme_changes_mail_send, programme_publish
from logistics.reminders.services import reminder_send, reminders_sweep
from logistics.side_events.enums import ProposalStatus
from logistics.side_events.services.decisions import proposal_decision_mail_send
from logistics.side_events.services.proposals import proposal_received_mail_send
from tests.factories.accreditation import journalist
from tests.factories.delegations import DelegationFactory
from tests.factories.plan import TaskFactory
from tests.factories.programme import SessionFactory
from tests.factories.registration import InvitationFactory
from tests.factories.side_events import ProposalFactory
from tests.races import race

ROOT = Path(__file__).resolve().parents[3]


class FailingBackend(locmem.EmailBackend):
    """A mail server that refuses the recipient, quoting the address as servers do."""

    def send_messages(self, messages):
        raise SMTPException(f"550 <{messages[0].to[0]}>: mailbox unavailable")


class SlowBackend(locmem.EmailBackend):
    """A mail server slow enough that a second worker arrives while the first one sends."""

    def send_messages(self, messages):
        time.sleep(0.3)
        return super().send_messages(messages)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def row(key):
    return OutgoingMail.objects.get(key=key)


# Every kind, through its own service: (what sends it, its key, kind, language). Each
# recipient chose French where a recipient chooses; the plan's mails speak the committee's.

def _task_reminder(event, **_):
    task = TaskFactory(event=event, due_date=event.today() + timedelta(days=2))
    reminders_sweep(now=timezone.now())  # claimed and queued (its message not run here)
    reminder = Reminder.objects.get(task=task)
    return (lambda: reminder_send(reminder_id=reminder.pk), f"reminder:{reminder.pk}",
            MailKind.DUE_SOON, "en")


def _registration_reminder(event, **_):
    delegation = DelegationFactory(event=event, mail_language="fr",
                                   focal_point_email="focal@kenya.example")
    reminder = Reminder.objects.create(event=event, kind=MailKind.REGISTRATION_DUE,
                                       delegation=delegation, for_date=event.today(), level=5)
    reminder.mail = mail.mail_queue(key=reminder.mail_key, kind=reminder.kind, event=event,
                                    to=[delegation.focal_point_email])
    reminder.save()
    return (lambda: reminder_send(reminder_id=reminder.pk), f"reminder:{reminder.pk}",
            MailKind.REGISTRATION_DUE, "fr")


def _invitation(event, **_):
    invitation = InvitationFactory(sent_at=None, delegation=DelegationFactory(
        event=event, mail_language="fr", focal_point_email="focal@chile.example"))
    return (lambda: invitation_mail_send(invitation_id=invitation.pk),
            f"invitation:{invitation.pk}", MailKind.INVITATION, "fr")


def _proposal_received(event, **_):
    proposal = ProposalFactory(event=event, mail_language="fr")
    return (lambda: proposal_received_mail_send(proposal_id=proposal.pk),
            f"proposal_received:{proposal.pk}", MailKind.PROPOSAL_RECEIVED, "fr")


def _proposal_decision(event, **_):
    decided = timezone.now()
    proposal = ProposalFactory(event=event, mail_language="fr",
                               status=ProposalStatus.REJECTED, decided_at=decided)
    return (lambda: proposal_decision_mail_send(proposal_id=proposal.pk,
                                                status=ProposalStatus.REJECTED),
            f"proposal_decision:{proposal.pk}:rejected:{decided.isoformat()}",
            MailKind.PROPOSAL_DECISION, "fr")


def _programme_changes(event, secretariat, **_):
    session = SessionFactory(event=event, organiser_email="host@example.org")
    ProposalFactory(event=event, mail_language="fr", organiser_email="host@example.org",
                    session=session)
    programme_publish(event=event, by=secretariat)
    Session.objects.filter(pk=session.pk).update(title="Opening ceremony")
    version = programme_publish(event=event, by=secretariat)
    key = f"programme:{version.pk}:"
    return (lambda: programme_changes_mail_send(version_id=version.pk,
                                                address="host@example.org"),
            key, MailKind.PROGRAMME_CHANGES, "fr")


def _application_status(event, **_):
    application = journalist(event, mail_language="fr")
    transition = Transition.objects.get(application=application)
    return (lambda: status_mail_send(transition_id=transition.pk), f"transition:{transition.pk}",
            MailKind.APPLICATION_STATUS, "fr")


KINDS = [_task_reminder, _registration_reminder, _invitation, _proposal_received,
         _proposal_decision, _programme_changes, _application_status]


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__.strip("_"))
def test_every_kind_is_built_in_its_language_marked_sent_once_and_recorded(
        event, cats, secretariat, mailoutbox, kind):
    send, key, expected_kind, language = kind(event=event, secretariat=secretariat)
    assert send()
    [sent] = mailoutbox
    assert sent.extra_headers["Auto-Submitted"] == "auto-generated"
    assert [content_type for _html, content_type in sent.alternatives] == ["text/html"]
    [record] = OutgoingMail.objects.filter(key__startswith=key)
    assert (record.kind, record.status, record.attempts, record.event_id) == (
        expected_kind, MailStatus.SENT, 1, event.pk)
    assert (record.recipients, record.cc, record.subject, record.language) == (
        sent.to, sent.cc, sent.subject, language)
    assert record.sent_at is not None
    # The message again (a duplicate, a redelivery after it went): nothing more.
    send()
    assert len(mailoutbox) == 1
    assert OutgoingMail.objects.get(pk=record.pk).attempts == 1


def test_a_programme_mails_key_names_no_address(event, secretariat, mailoutbox):
    send, key, _kind, _language = _programme_changes(event=event, secretariat=secretariat)
    send()
    record = OutgoingMail.objects.get(key__startswith=key)
    assert "host" not in record.key and "example.org" not in record.key
    assert record.recipients == ["host@example.org"]


def test_the_build_is_in_the_recipients_language_or_else_the_committees(
        event, settings, mailoutbox):
    settings.LANGUAGE_CODE = "vi"
    for chosen, spoken, words in [("ar", "ar", "التسجيل"), ("zh-hans", "zh-hans", "注册"),
                                  ("", "vi", "Đăng ký"), ("tlh", "vi", "Đăng ký")]:
        invitation = InvitationFactory(delegation=DelegationFactory(
            event=event, mail_language=chosen))
        message = invitation_message(invitation)
        assert message.language == spoken
        assert words in message.subject, (chosen, message.subject)


# Claimed once


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_one_mail(settings, mailoutbox, event, cats):
    """Two copies of a status mail's message on two workers at the same moment, each with
    its own database connection and running as a task does (autocommit): one sends, the
    other finds the mail taken."""
    settings.EMAIL_BACKEND = f"{__name__}.SlowBackend"
    transitions = [Transition.objects.get(application=journalist(event)) for _ in range(3)]
    outcomes = race(*(lambda t=t: status_mail_send(transition_id=t.pk)
                      for t in transitions for _copy in range(2)), atomic=False)
    assert sorted(outcomes) == [False] * 3 + [True] * 3
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        t.application.email for t in transitions)
    assert set(OutgoingMail.objects.values_list("status", "attempts")) == {(MailStatus.SENT, 1)}


def test_a_mail_being_sent_is_left_to_its_worker_unless_lost_or_redelivered(
        event, mailoutbox):
    invitation = InvitationFactory(sent_at=None, delegation__event=event)
    key = f"invitation:{invitation.pk}"
    OutgoingMail.objects.create(event=event, key=key, kind=MailKind.INVITATION,
                                status=MailStatus.SENDING, attempts=1, queued_at=timezone.now(),
                                recipients=[invitation.email])

    def send(**kwargs):
        return mail.mail_send(key=key, kind=MailKind.INVITATION, event=event,
                              to=[invitation.email],
                              build=lambda: invitation_message(invitation), **kwargs)

    assert send() is None  # its worker is on it
    assert send(redelivered=True) == MailStatus.SENT  # that worker died: taken over
    assert (row(key).attempts, len(mailoutbox)) == (2, 1)
    OutgoingMail.objects.filter(key=key).update(
        status=MailStatus.SENDING, queued_at=timezone.now() - mail.STALE_AFTER)
    assert send() == MailStatus.SENT  # gone quiet for too long: anyone takes it
    assert row(key).attempts == 3


# Failures


def test_a_failure_is_recorded_without_the_address_and_given_back_for_the_retry(
        event, settings, mailoutbox, caplog):
    invitation = InvitationFactory(sent_at=None, email="victim@mail.example",
                                   delegation__event=event)
    key = f"invitation:{invitation.pk}"
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with pytest.raises(SMTPException):
        invitation_mail_send(invitation_id=invitation.pk)
    failed = row(key)
    assert (failed.status, failed.attempts, failed.last_error) == (
        MailStatus.QUEUED, 1, "SMTPException: 550 <[e-mail]>: mailbox unavailable")
    assert failed.recipients == ["victim@mail.example"]
    assert not any("victim" in record.getMessage() for record in caplog.records)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert invitation_mail_send(invitation_id=invitation.pk) is True
    sent = row(key)
    # Sent at the second attempt; the first one's error says why it was retried.
    assert (sent.status, sent.attempts, sent.last_error) == (
        MailStatus.SENT, 2, failed.last_error)
    assert len(mailoutbox) == 1


def test_the_task_retries_then_its_final_attempt_marks_the_mail_failed(
        event, settings, mailoutbox):
    invitation = InvitationFactory(sent_at=None, delegation__event=event)
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    # The message as it is queued (name and arguments unchanged), run here with its retries.
    result = send_invitation.apply(args=[invitation.pk], throw=False)
    assert result.get(propagate=False) is False
    failed = row(f"invitation:{invitation.pk}")
    assert (failed.status, failed.attempts) == (MailStatus.FAILED, 1 + 5)
    assert failed.last_error.startswith("SMTPException: 550")
    invitation.refresh_from_db()
    assert invitation.sent_at is None
    assert invitation_mail_send(invitation_id=invitation.pk) is False  # failed stays failed
    assert mailoutbox == []


def test_an_error_that_no_retry_mends_fails_at_once(event, mailoutbox, caplog):
    invitation = InvitationFactory(sent_at=None, delegation__event=event)
    key = f"invitation:{invitation.pk}"
    status = mail.mail_send(
        key=key, kind=MailKind.INVITATION, event=event, to=[invitation.email],
        build=lambda: mail.mail_build(template="logistics/email/no_such_mail", language="",
                                      tz=event.tz, context={}, subject="—"))
    assert status == MailStatus.FAILED
    assert row(key).last_error.startswith(TemplateDoesNotExist.__name__)
    assert mailoutbox == []
    assert any(key in record.getMessage() for record in caplog.records)


def test_a_mail_with_nobody_to_go_to_fails(event, mailoutbox):
    status = mail.mail_send(key="invitation:0", kind=MailKind.INVITATION, event=event,
                            to=["", "  "], build=lambda: pytest.fail("nothing to build"))
    assert status == MailStatus.FAILED
    assert row("invitation:0").last_error == mail.NO_RECIPIENTS


# The limit on public submissions' mails


def test_past_the_limit_a_strangers_mail_is_held_and_the_offices_still_goes(
        event, settings, mailoutbox):
    settings.MAIL_PER_ADDRESS_PER_DAY = 1
    first, second = (ProposalFactory(event=event, organiser_email="Victim+x@Mail.example",
                                     status=ProposalStatus.REJECTED,
                                     decided_at=timezone.now()) for _ in range(2))
    assert proposal_received_mail_send(proposal_id=first.pk) is True
    assert proposal_received_mail_send(proposal_id=second.pk) is False
    held = row(f"proposal_received:{second.pk}")
    assert (held.status, held.sent_at) == (MailStatus.HELD, None)
    assert held.subject  # built, recorded, not sent
    # Held is final: the task's retry or a duplicate does not send it later.
    assert proposal_received_mail_send(proposal_id=second.pk) is False
    # The programme office's decision is not a stranger's: it goes.
    assert proposal_decision_mail_send(proposal_id=second.pk, status=ProposalStatus.REJECTED)
    assert [m.to for m in mailoutbox] == [["Victim+x@Mail.example"]] * 2
    assert MailCount.objects.get().count == 1


def test_a_counted_mail_that_fails_gives_its_count_back(event, settings, mailoutbox):
    settings.MAIL_PER_ADDRESS_PER_DAY = 1
    proposal = ProposalFactory(event=event)
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with pytest.raises(SMTPException):
        proposal_received_mail_send(proposal_id=proposal.pk)
    assert MailCount.objects.get().count == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert proposal_received_mail_send(proposal_id=proposal.pk) is True


# One module


MAIL_NAMES = {"EmailMessage", "EmailMultiAlternatives", "send_mail", "send_mass_mail",
              "mail_admins", "mail_managers", "get_connection"}


def _mail_uses(path):
    """Where a module imports django.core.mail or names what makes or sends a message."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("django.core.mail"):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} from {node.module} import")
        elif isinstance(node, ast.Import) and any(
                alias.name.startswith("django.core.mail") for alias in node.names):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} import django.core.mail")
        elif (isinstance(node, ast.Name) and node.id in MAIL_NAMES
              or isinstance(node, ast.Attribute) and node.attr in MAIL_NAMES):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node)}")
    return found


def test_no_module_but_the_mail_module_makes_or_sends_a_message():
    sources = [path for app in ("logistics", "accreditation", "privacy", "config")
               for path in sorted((ROOT / app).rglob("*.py"))]
    mail_module = ROOT / "logistics" / "core" / "mail.py"
    assert _mail_uses(mail_module)  # the check sees what it looks for
    assert [use for path in sources if path != mail_module for use in _mail_uses(path)] == []
