"""A registration is complete only when every member has what the badge and security vetting
need (date of birth, ID document, photo); registrations marked complete before that rule
are checked again, and each focal point told once."""

from datetime import date, datetime, time

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from logistics.core.enums import ReminderKind
from logistics.delegations.enums import DelegationKind, DelegationStatus
from logistics.delegations.models import Delegation
from logistics.delegations.queries.delegations import incomplete_q, missing_items
from logistics.plan.models import Reminder
from logistics.reminders.services import registrations_recheck
from tests.factories.delegations import DelegationFactory, MemberFactory
from tests.factories.registration import (
    DEADLINE,
    HANOI,
    IDENTITY,
    InvitationFactory,
    event_with_a_deadline,
    pdf_upload,
    photo_upload,
)

# Queued tasks run here and now (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("celery_eager", "site_url", "media_in_tmp")

NOW = datetime(2030, 3, 10, 9, 0, tzinfo=HANOI)


@pytest.fixture
def event(db):
    return event_with_a_deadline()


def registered(event, name, *, status=DelegationStatus.REGISTERED):
    delegation = DelegationFactory(
        event=event, name=name, kind=DelegationKind.IGO, status=status,
        registered_at=datetime(2030, 3, 1, 9, tzinfo=HANOI) if status == "registered" else None,
        focal_point_email=f"focal@{name.lower()}.example", credentials_document=pdf_upload())
    InvitationFactory(delegation=delegation, expires_at=DEADLINE)
    return delegation


def complete(delegation, **fields):
    """A member with everything: badge details, photo, arrival."""
    values = {**IDENTITY, "photo": photo_upload(), "arrival_flight": "VN 1",
              "arrival_at": datetime.combine(date(2030, 3, 31), time(9), tzinfo=HANOI),
              **fields}
    return MemberFactory(delegation=delegation, **values)


# Each thing the badge and vetting need, taken away in turn.
LACKING = [
    pytest.param({"date_of_birth": None}, ["date of birth"], id="no-date-of-birth"),
    pytest.param({"id_document_number": ""}, ["ID document"], id="no-id-document"),
    pytest.param({"photo": ""}, ["photo"], id="no-photo"),
    pytest.param({"date_of_birth": None, "id_document_number": "", "photo": ""},
                 ["date of birth", "ID document", "photo"], id="none-of-them"),
]


@pytest.mark.parametrize(("fields", "named"), LACKING)
def test_a_member_without_badge_details_makes_the_registration_incomplete(event, fields,
                                                                         named):
    delegation = registered(event, "OECD")
    complete(delegation, family_name="Ready")
    lacking = complete(delegation, family_name="Lacking", **fields)
    assert list(Delegation.objects.filter(incomplete_q())) == [delegation]
    assert missing_items(delegation) == (False, [(lacking, named)])


def test_a_registration_whose_members_have_everything_is_complete(event):
    delegation = registered(event, "OECD")
    complete(delegation)
    assert not Delegation.objects.filter(incomplete_q()).exists()
    assert missing_items(delegation) == (False, [])


def test_the_focal_point_sees_what_each_member_lacks(client, event):
    delegation = registered(event, "OECD")
    complete(delegation, family_name="Ready")
    complete(delegation, family_name="Lacking", given_names="Ann", date_of_birth=None,
             photo="")
    invitation = delegation.invitations.get()
    page = client.get(reverse("register", args=[invitation.token])).content.decode()
    assert 'data-testid="registration-incomplete"' in page
    assert "<bdi>Lacking Ann</bdi>: date of birth, photo</li>" in page
    assert page.count('data-testid="member-missing"') == 1
    assert "Still missing: date of birth, photo." in page
    delegation.members.filter(family_name="Lacking").delete()
    page = client.get(reverse("register", args=[invitation.token])).content.decode()
    assert 'data-testid="registration-incomplete"' not in page
    assert 'data-testid="member-missing"' not in page


@pytest.fixture
def recheck(django_capture_on_commit_callbacks):
    def run(now=NOW):
        with django_capture_on_commit_callbacks(execute=True):
            return registrations_recheck(now=now)
    return run


def test_the_recheck_tells_each_focal_point_once(event, recheck, mailoutbox):
    lacking = registered(event, "Oxfam")
    complete(lacking, family_name="Ready")
    complete(lacking, family_name="Nodate", given_names="A", date_of_birth=None)
    complete(lacking, family_name="Nophoto", given_names="B", photo="")
    complete(registered(event, "Complete"))
    # Not marked complete: told by the ordinary reminders, not by the re-check.
    complete(registered(event, "Invited", status=DelegationStatus.INVITED), date_of_birth=None)
    # Lacking only a flight: nothing the badge needs.
    complete(registered(event, "Flightless"), arrival_flight="", arrival_at=None)
    assert recheck() == 1
    [mail] = mailoutbox
    assert mail.to == ["focal@oxfam.example"]
    assert mail.subject == "[Convention signing] Registration of Oxfam: details needed for " \
                           "the badges"
    assert "- Nodate A: date of birth\n" in mail.body
    assert "- Nophoto B: photo\n" in mail.body
    assert "Ready" not in mail.body
    assert "Registration closes in 15 days." in mail.body
    link = "https://accord.example.org" + lacking.invitations.get().get_absolute_url()
    assert link in mail.body and link in mail.alternatives[0][0]
    # Run again, the same day or another: nothing more.
    assert (recheck(), recheck(datetime(2030, 3, 12, 9, tzinfo=HANOI))) == (0, 0)
    call_command("recheck_registrations")
    assert len(mailoutbox) == 1
    assert Reminder.objects.filter(kind=ReminderKind.REGISTRATION_RECHECK).count() == 1


def test_the_recheck_claim_is_held_by_the_database(event):
    delegation = registered(event, "Oxfam")
    Reminder.objects.create(event=event, kind=ReminderKind.REGISTRATION_RECHECK,
                            delegation=delegation, for_date=date(2030, 3, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(event=event, kind=ReminderKind.REGISTRATION_RECHECK,
                                delegation=delegation, for_date=date(2030, 3, 2))


def test_an_event_that_is_over_is_not_rechecked(event, recheck, mailoutbox):
    complete(registered(event, "Oxfam"), photo="")
    assert recheck(datetime(2030, 4, 3, 9, tzinfo=HANOI)) == 0
    assert mailoutbox == []
