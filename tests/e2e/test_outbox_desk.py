"""The outbox walked at the secretariat's desk in English and Arabic, on a laptop and a phone
(tests/e2e/desks.py): from the master plan's menu to the event's mails, then the failed
ones with their errors, then one kind, then a filter that finds none."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from logistics.core.enums import MailKind, MailStatus, Role
from logistics.core.models.mail import OutgoingMail
from tests.e2e.conftest import PASSWORD
from tests.e2e.desks import DESKS, desk_id
from tests.factories.plan import EventFactory, user_with_role

OUTBOX = reverse("logistics:outbox")
LONG_ERROR = ("SMTPRecipientsRefused: {'[e-mail]': (550, b'5.1.1 The email account that you "
              "tried to reach does not exist. Please try double-checking the recipient's "
              "email address for typos or unnecessary spaces.')}")


@pytest.fixture
def outbox(transactional_db):
    event = EventFactory()
    now = timezone.now()
    rows = [
        (MailKind.DIGEST, MailStatus.SENT, ["steering.committee.secretariat@mofa.gov.example"],
         ["chair.of.the.security.and.order.subcommittee@police.gov.example",
          "protocol@mofa.gov.example"], f"[{event.name}] Daily digest for 4 June 2030", "en",
         1, ""),
        (MailKind.INVITATION, MailStatus.SENT, ["mission@senegal.example"], [],
         f"Inscription pour {event.name} : Sénégal", "fr", 2,
         "SMTPServerDisconnected: Connection unexpectedly closed"),
        (MailKind.APPLICATION_STATUS, MailStatus.FAILED, ["nguyen.thi.lan@vna.example"], [],
         "Accreditation application A-7K2M9Q approved", "vi", 6, LONG_ERROR),
        (MailKind.PROPOSAL_RECEIVED, MailStatus.HELD, ["organiser@institute.example"], [],
         "تم استلام اقتراح الحدث الجانبي: SE-4F7H2K", "ar", 1, ""),
        (MailKind.REGISTRATION_DUE, MailStatus.QUEUED, ["focal@kenya.example"], [],
         f"[{event.name}] Registration of Kenya not yet made", "en", 1,
         "SMTPServerDisconnected: Connection unexpectedly closed"),
    ]
    for n, (kind, status, to, cc, subject, language, attempts, error) in enumerate(rows):
        mail = OutgoingMail.objects.create(
            event=event, key=f"walk:{n}", kind=kind, status=status, recipients=to, cc=cc,
            subject=subject, language=language, attempts=attempts, last_error=error,
            sent_at=now if status == MailStatus.SENT else None)
        OutgoingMail.objects.filter(pk=mail.pk).update(created_at=now - timedelta(minutes=n))
    user_with_role(Role.SECRETARIAT, username="secretariat", password=PASSWORD)
    return event


@pytest.mark.parametrize("desk", DESKS, indirect=True, ids=desk_id)
def test_the_secretariat_reads_what_failed_and_why(desk, outbox):
    page = desk.log_in("secretariat")
    desk.check("dashboard")
    if desk.size.phone:
        page.click("button.navbar-toggler")
    page.locator("a.dropdown-toggle", has=page.locator(f'xpath=../ul//a[@href="{OUTBOX}"]')
                 ).click()
    page.click(f'a.dropdown-item[href="{OUTBOX}"]')
    page.wait_for_url(f"**{OUTBOX}")
    desk.check("outbox")
    expect(page.locator("[data-testid=mail-row]")).to_have_count(5)

    page.click("[data-testid=count-failed]")
    page.wait_for_url("**status=failed")
    desk.check("failed")
    expect(page.locator("[data-testid=mail-row]")).to_have_count(1)
    expect(page.locator("[data-testid=mail-error]")).to_contain_text("does not exist")
    expect(page.locator("[data-testid=mail-attempts]")).to_contain_text("6")

    page.goto(f"{desk.base}{OUTBOX}")
    page.select_option("#id_kind", MailKind.INVITATION.value)
    page.click("form[method=get] button[type=submit]")
    page.wait_for_url("**kind=invitation**")
    desk.check("invitations")
    expect(page.locator("[data-testid=mail-row]")).to_have_count(1)

    page.select_option("#id_status", MailStatus.SENDING.value)
    page.click("form[method=get] button[type=submit]")
    page.wait_for_url("**status=sending**")
    desk.check("none")
    expect(page.locator("[data-testid=outbox-empty]")).to_be_visible()
