"""The outbox page: the secretariat sees every mail of the open event, newest first, by
status and kind, each failure with its error and attempts; nobody else opens it (its
addresses are everyone's)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from logistics.core.enums import MailKind, MailStatus, Role
from logistics.core.models.mail import OutgoingMail
from logistics.core.views.common import PAGE_SIZE
from tests.factories.plan import EventFactory, user_with_role
from tests.html import text_of
from tests.queries import same_queries

OUTBOX = reverse("logistics:outbox")


def mail(event, n, *, status=MailStatus.SENT, kind=MailKind.INVITATION, minutes_ago=0,
         **fields):
    fields = {"attempts": 1, **fields}
    row = OutgoingMail.objects.create(
        event=event, key=f"test:{event.pk}:{n}", kind=kind, status=status,
        recipients=[f"person{n}@example.org"], subject=f"Mail {n}", language="fr", **fields)
    OutgoingMail.objects.filter(pk=row.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago))
    return row


@pytest.fixture
def signed_in(client, secretariat):
    client.force_login(secretariat)
    return client


def rows(response):
    return [m.subject for m in response.context["page"]]


@pytest.mark.parametrize("role", [role for role in Role if role != Role.SECRETARIAT])
def test_only_the_secretariat_opens_the_outbox(client, event, role):
    mail(event, 1)
    client.force_login(user_with_role(role, username=f"someone-{role}"))
    response = client.get(OUTBOX)
    assert response.status_code == 403
    assert b"person1@example.org" not in response.content


def test_a_visitor_is_sent_to_log_in(client, event):
    response = client.get(OUTBOX)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_secretariat_finds_it_in_the_menu_and_others_do_not(client, event, secretariat,
                                                                 steering):
    client.force_login(secretariat)
    assert f'href="{OUTBOX}"' in client.get(reverse("logistics:dashboard")).content.decode()
    client.force_login(steering)
    assert f'href="{OUTBOX}"' not in client.get(reverse("logistics:dashboard")).content.decode()


def test_newest_first_with_each_failure_its_error_and_attempts(signed_in, event):
    mail(event, 1, minutes_ago=30)
    mail(event, 2, status=MailStatus.FAILED, attempts=6, minutes_ago=20,
         last_error="SMTPException: 550 <[e-mail]>: mailbox unavailable")
    mail(event, 3, status=MailStatus.SENT, attempts=2, minutes_ago=10,
         last_error="SMTPServerDisconnected: Connection unexpectedly closed")
    mail(event, 4, status=MailStatus.HELD, minutes_ago=5)
    mail(EventFactory(), 5)  # another event's
    response = signed_in.get(OUTBOX)
    assert rows(response) == ["Mail 4", "Mail 3", "Mail 2", "Mail 1"]
    page = text_of(response.content.decode())
    assert "person2@example.org" in page
    assert "Failed" in page and "6 attempts" in page
    assert "SMTPException: 550 <[e-mail]>: mailbox unavailable" in page
    # Sent at its second attempt: the first one's error says why it was retried.
    assert "2 attempts" in page and "Connection unexpectedly closed" in page
    assert "Held back" in page
    counts = {status: response.context["counts"][i][2]
              for i, (status, _label) in enumerate(MailStatus.choices)}
    assert counts == {"queued": 0, "sending": 0, "sent": 2, "failed": 1, "held": 1}


def test_filters_by_status_and_kind(signed_in, event):
    mail(event, 1, status=MailStatus.FAILED, kind=MailKind.INVITATION)
    mail(event, 2, status=MailStatus.FAILED, kind=MailKind.APPLICATION_STATUS)
    mail(event, 3, status=MailStatus.SENT, kind=MailKind.APPLICATION_STATUS)
    assert rows(signed_in.get(OUTBOX, {"status": "failed"})) == ["Mail 2", "Mail 1"]
    assert rows(signed_in.get(OUTBOX, {"kind": "application_status"})) == ["Mail 3", "Mail 2"]
    assert rows(signed_in.get(OUTBOX, {"status": "failed", "kind": "invitation"})) == [
        "Mail 1"]
    response = signed_in.get(OUTBOX, {"status": "queued"})
    assert rows(response) == []
    assert "No mail matches these filters." in text_of(response.content.decode())


def test_a_filter_that_is_no_status_says_so(signed_in, event):
    mail(event, 1)
    response = signed_in.get(OUTBOX, {"status": "lost"})
    assert response.status_code == 200
    assert "Select a valid choice. lost is not one of the available choices." in text_of(
        response.content.decode())


def test_an_empty_outbox_says_so(signed_in, event):
    response = signed_in.get(OUTBOX)
    assert response.status_code == 200
    assert "No mail has been sent for this event yet." in text_of(response.content.decode())


def test_pages_keep_the_filter(signed_in, event):
    OutgoingMail.objects.bulk_create([OutgoingMail(
        event=event, key=f"page:{n}", kind=MailKind.DIGEST, status=MailStatus.SENT,
        subject=f"Digest {n}") for n in range(PAGE_SIZE + 1)])
    first = signed_in.get(OUTBOX, {"kind": "digest"})
    assert len(first.context["page"]) == PAGE_SIZE
    assert "?kind=digest&amp;page=2" in first.content.decode()
    assert len(signed_in.get(OUTBOX, {"kind": "digest", "page": 2}).context["page"]) == 1


def test_the_page_costs_the_same_queries_for_one_mail_or_three(signed_in, event):
    mail(event, 1, status=MailStatus.FAILED, last_error="SMTPException: 421")

    def add():
        mail(event, 2, cc=["copy@example.org"])
        mail(event, 3, status=MailStatus.HELD)

    response = same_queries(lambda: signed_in.get(OUTBOX), add)
    assert len(response.context["page"]) == 3
