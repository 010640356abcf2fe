"""Reminders to delegations (not yet registered, or registered incompletely) and to side-event
organisers who have not confirmed: who, on which days, saying what, and never twice."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from logistics.core.enums import ReminderKind
from logistics.delegations.enums import DelegationKind, DelegationStatus
from logistics.delegations.services.invitations import invitations_send
from logistics.plan.models import Reminder
from logistics.reminders.services import reminder_send, reminders_sweep
from logistics.side_events.enums import ProposalStatus
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.plan import EventFactory
from tests.factories.registration import (
    DEADLINE,
    HANOI,
    IDENTITY,
    InvitationFactory,
    event_with_a_deadline,
    pdf_upload,
    photo_upload,
)
from tests.factories.side_events import ProposalFactory
from tests.html import text_of

# Queued tasks run here and now (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("celery_eager", "site_url", "media_in_tmp")

SCHEDULE = [14, 11, 8, 5, 3, 2, 1, 0]


def at(day, hour=6):
    return datetime.combine(day, time(hour), tzinfo=HANOI)


def days_before(days, hour=6):
    return at(DEADLINE.date() - timedelta(days=days), hour)


@pytest.fixture
def event(db):
    return event_with_a_deadline()


@pytest.fixture
def invited(event):
    """Kenya, invited with a live link, not registered."""
    delegation = DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("KE"),
                                   name="Kenya", focal_point_email="mission@kenya.example")
    InvitationFactory(delegation=delegation, expires_at=DEADLINE)
    return delegation


def registered(event, name, **fields):
    delegation = DelegationFactory(event=event, name=name, status=DelegationStatus.REGISTERED,
                                   registered_at=at(date(2030, 3, 1)),
                                   focal_point_email=f"focal@{name.lower()}.example", **fields)
    InvitationFactory(delegation=delegation, expires_at=DEADLINE)
    return delegation


def complete_member(delegation, **fields):
    return MemberFactory(delegation=delegation, photo=photo_upload(), arrival_flight="VN 1",
                         arrival_at=at(date(2030, 3, 31), 9), **IDENTITY, **fields)


def sent(**filters):
    return sorted(Reminder.objects.filter(**filters).values_list("for_date", "level"))


# Not yet registered


def test_registration_due_two_weeks_out_then_every_three_days_then_daily(event, invited, sweep):
    for days in range(20, -3, -1):
        sweep(days_before(days))
    assert sent(delegation=invited, kind=ReminderKind.REGISTRATION_DUE) == [
        (DEADLINE.date() - timedelta(days=d), d) for d in SCHEDULE]


def test_registration_due_mail_carries_the_live_link(event, invited, sweep, mailoutbox):
    counts = sweep(days_before(5))
    assert counts["registration_due"] == 1
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    link = "https://accord.example.org" + invited.invitations.get().get_absolute_url()
    assert mail.to == ["mission@kenya.example"]
    assert mail.subject == "[Convention signing] Registration of Kenya not yet made"
    assert link in mail.body and "Registration closes in 5 days." in mail.body
    assert "2030-03-25 17:00" in mail.body
    assert link in mail.alternatives[0][0]
    assert mail.extra_headers["Auto-Submitted"] == "auto-generated"


def test_the_last_day_says_today(event, invited, sweep, mailoutbox):
    sweep(days_before(0))
    assert "Registration closes today." in mailoutbox[0].body


def test_a_link_resent_after_the_claim_is_the_one_mailed(event, invited, protocol_user,
                                                         mailoutbox):
    reminders_sweep(now=days_before(3))  # claimed; its mail not yet sent
    reminder = Reminder.objects.get()
    invitations_send(event=event, by=protocol_user, delegations=[invited])
    reminder_send(reminder_id=reminder.pk)
    live = invited.invitations.get(revoked_at__isnull=True)
    old = invited.invitations.exclude(pk=live.pk).get()
    assert live.token in mailoutbox[0].body and old.token not in mailoutbox[0].body


@pytest.fixture
def protocol_user(db):
    from logistics.core.enums import Role
    from tests.factories.plan import user_with_role

    return user_with_role(Role.PROTOCOL, username="protocol")


def test_a_sweep_run_twice_sends_once(event, invited, sweep, mailoutbox):
    first = sweep(days_before(8))
    again = sweep(days_before(8, hour=20))
    assert (first["registration_due"], again["registration_due"]) == (1, 0)
    assert Reminder.objects.filter(delegation=invited).count() == 1
    assert [m.to for m in mailoutbox if "Kenya" in m.subject] == [["mission@kenya.example"]]


def test_confirmed_delegations_are_reminded_too(event, invited, sweep):
    invited.status = DelegationStatus.CONFIRMED
    invited.save()
    assert sweep(days_before(2))["registration_due"] == 1


@pytest.mark.parametrize("status", [DelegationStatus.REGISTERED, DelegationStatus.ARRIVED,
                                    DelegationStatus.DECLINED, DelegationStatus.DEPARTED])
def test_no_registration_due_once_registered_or_declined(event, invited, sweep, status):
    invited.status = status
    invited.save()
    assert sweep(days_before(2))["registration_due"] == 0


def test_no_reminder_without_a_live_link(event, sweep):
    DelegationFactory(event=event, name="Never invited", focal_point_email="a@b.example")
    revoked = DelegationFactory(event=event, name="Revoked", focal_point_email="c@d.example")
    InvitationFactory(delegation=revoked, expires_at=DEADLINE, revoked_at=days_before(20))
    assert sweep(days_before(2))["registration_due"] == 0


def test_no_reminder_once_the_deadline_has_passed(event, invited, sweep):
    assert sweep(at(DEADLINE.date(), 18))["registration_due"] == 0  # 17:00 was the deadline
    assert sweep(days_before(-1))["registration_due"] == 0
    assert not Reminder.objects.filter(delegation=invited).exists()


def test_the_deadline_is_the_events_start_when_none_is_set(event, invited, sweep):
    event.registration_deadline = None
    event.save()
    invited.invitations.update(expires_at=event.starts_at())
    assert sweep(at(date(2030, 3, 18)))["registration_due"] == 1  # 14 days before 1 April
    assert sweep(at(date(2030, 3, 19)))["registration_due"] == 0


def test_the_link_goes_to_the_invitation_address_if_the_delegation_has_none(event, invited,
                                                                            sweep, mailoutbox):
    invited.focal_point_email = ""
    invited.save()
    sweep(days_before(1))
    assert mailoutbox[0].to == ["mission@kenya.example"]


def test_registration_due_mail_gives_the_deadline_at_the_venue_whatever_the_servers_zone(
        db, settings, sweep, mailoutbox):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    paris = ZoneInfo("Europe/Paris")
    event = EventFactory(name="Convention signing", time_zone="Europe/Paris",
                         start_date=date(2030, 4, 1), end_date=date(2030, 4, 2),
                         registration_deadline=datetime(2030, 3, 25, 9, 0, tzinfo=paris))
    delegation = DelegationFactory(event=event, name="Kenya",
                                   focal_point_email="mission@kenya.example")
    InvitationFactory(delegation=delegation, expires_at=event.registration_deadline)
    assert sweep(datetime(2030, 3, 20, 8, 0, tzinfo=paris))["registration_due"] == 1
    [mail] = mailoutbox
    assert "2030-03-25 09:00 (host time)" in mail.body
    assert "2030-03-25 09:00 (host time)" in text_of(mail.alternatives[0][0])


# Registered, but incomplete


def test_incomplete_registration_lists_what_is_missing_per_member(event, sweep, mailoutbox):
    delegation = registered(event, "Oxfam", kind=DelegationKind.NGO)
    complete_member(delegation, family_name="Complete")
    MemberFactory(delegation=delegation, family_name="Nophoto", given_names="A", **IDENTITY,
                  arrival_flight="VN 2", arrival_at=at(date(2030, 3, 31), 9))
    MemberFactory(delegation=delegation, family_name="Nothing", given_names="B")
    counts = sweep(days_before(11))
    assert (counts["registration_incomplete"], counts["registration_due"]) == (1, 0)
    mail = mailoutbox[0]
    assert mail.to == ["focal@oxfam.example"]
    assert mail.subject == "[Convention signing] Registration of Oxfam incomplete"
    assert "- your organisation's nomination letter" in mail.body
    assert "- Nophoto A: photo\n" in mail.body
    assert "- Nothing B: date of birth, ID document, photo, arrival flight and time" in mail.body
    assert "Complete" not in mail.body
    link = "https://accord.example.org" + delegation.invitations.get().get_absolute_url()
    assert link in mail.body


def test_a_state_is_asked_for_its_note_verbale(event, sweep, mailoutbox):
    delegation = registered(event, "Chile", kind=DelegationKind.STATE, country=country("CL"))
    complete_member(delegation)
    sweep(days_before(3))
    assert "- the note verbale of your mission or foreign ministry" in mailoutbox[0].body


def test_a_complete_registration_gets_no_reminder(event, sweep):
    delegation = registered(event, "Complete", credentials_document=pdf_upload())
    complete_member(delegation)
    assert sweep(days_before(3))["registration_incomplete"] == 0


def test_incomplete_registration_follows_the_same_days_and_is_sent_once(event, sweep):
    delegation = registered(event, "Partial")
    MemberFactory(delegation=delegation)
    for days in range(20, -3, -1):
        sweep(days_before(days))
        sweep(days_before(days, hour=12))
    assert sent(delegation=delegation, kind=ReminderKind.REGISTRATION_INCOMPLETE) == [
        (DEADLINE.date() - timedelta(days=d), d) for d in SCHEDULE]


def test_declined_or_arrived_delegations_are_not_chased(event, sweep):
    for status in (DelegationStatus.DECLINED, DelegationStatus.ARRIVED):
        delegation = registered(event, status.value.title())
        delegation.status = status
        delegation.save()
        MemberFactory(delegation=delegation)
    assert sweep(days_before(3))["registration_incomplete"] == 0


# Side events not yet confirmed


@pytest.fixture
def accepted(event):
    return ProposalFactory(event=event, status=ProposalStatus.ACCEPTED,
                           decided_at=at(date(2030, 3, 10), 15), title="Evidence across borders",
                           organiser_email="panel@institute.example")


def test_accepted_proposals_are_reminded_every_third_day_until_the_event(event, accepted,
                                                                         sweep):
    day = date(2030, 3, 10)
    while day <= date(2030, 4, 3):
        sweep(at(day))
        sweep(at(day, 20))
        day += timedelta(days=1)
    assert [d for d, _level in sent(proposal=accepted)] == [
        date(2030, 3, 10) + timedelta(days=n) for n in range(3, 22, 3)]  # 13 March...31 March
    assert sent(proposal=accepted)[0][1] == 3


def test_confirmation_mail_carries_the_confirm_link(event, accepted, sweep, mailoutbox):
    counts = sweep(at(date(2030, 3, 13)))
    assert counts["proposal_confirmation"] == 1
    mail = mailoutbox[0]
    assert mail.to == ["panel@institute.example"]
    assert accepted.reference in mail.subject
    # The organiser typed the title, and anyone may type anyone's address: it stays out.
    assert "Evidence across borders" not in mail.subject + mail.body + mail.alternatives[0][0]
    link = "https://accord.example.org" + reverse("side_event_confirm",
                                                  args=[accepted.confirm_token])
    assert link in mail.body and link in mail.alternatives[0][0]


def test_confirmation_mail_gives_the_decision_day_at_the_venue(db, settings, sweep,
                                                                mailoutbox):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    paris = ZoneInfo("Europe/Paris")
    event = EventFactory(time_zone="Europe/Paris", start_date=date(2030, 4, 1),
                         end_date=date(2030, 4, 2))
    # 23:30 in Paris is already the next morning in Hanoi.
    ProposalFactory(event=event, status=ProposalStatus.ACCEPTED,
                    decided_at=datetime(2030, 3, 10, 23, 30, tzinfo=paris))
    assert sweep(datetime(2030, 3, 13, 8, 0, tzinfo=paris))["proposal_confirmation"] == 1
    [mail] = mailoutbox
    assert "on 2030-03-10, and we have not yet received your confirmation" in mail.body
    assert "on 2030-03-10, and we have not yet received your confirmation" in \
        text_of(mail.alternatives[0][0])


def test_the_sweep_reminds_exactly_the_side_events_awaiting_confirmation(event, accepted,
                                                                         sweep):
    from logistics.side_events.queries import awaiting_confirmation

    confirmed = ProposalFactory(event=event, status=ProposalStatus.ACCEPTED,
                                decided_at=accepted.decided_at, confirmed_at=at(date(2030, 3, 11)))
    ProposalFactory(event=event, status=ProposalStatus.WAITLISTED, decided_at=accepted.decided_at)
    other = ProposalFactory(event=event, status=ProposalStatus.ACCEPTED,
                            decided_at=accepted.decided_at)
    assert sweep(at(date(2030, 3, 13)))["proposal_confirmation"] == 2
    reminded = set(Reminder.objects.values_list("proposal", flat=True))
    assert reminded == {p.pk for p in awaiting_confirmation(event)} == {accepted.pk, other.pk}
    assert confirmed.pk not in reminded


def test_awaiting_confirmation_costs_one_query_however_many_rows(event, accepted,
                                                                 django_assert_num_queries):
    from logistics.side_events.queries import awaiting_confirmation

    def read():
        return [(p.reference, p.event.name, p.session) for p in awaiting_confirmation(event)]

    with django_assert_num_queries(1):
        assert len(read()) == 1
    ProposalFactory.create_batch(2, event=event, status=ProposalStatus.ACCEPTED,
                                 decided_at=accepted.decided_at)
    with django_assert_num_queries(1):
        assert len(read()) == 3


@pytest.mark.parametrize("status", [ProposalStatus.SUBMITTED, ProposalStatus.WAITLISTED,
                                    ProposalStatus.REJECTED, ProposalStatus.WITHDRAWN])
def test_only_accepted_proposals_are_reminded(event, accepted, sweep, status):
    accepted.status = status
    accepted.save()
    assert sweep(at(date(2030, 3, 13)))["proposal_confirmation"] == 0


def test_confirmed_proposals_are_not_reminded(event, accepted, sweep):
    accepted.confirmed_at = at(date(2030, 3, 11))
    accepted.save()
    assert sweep(at(date(2030, 3, 13)))["proposal_confirmation"] == 0
    assert not Reminder.objects.exists()


def test_sweep_counts_every_kind(event, invited, accepted, sweep):
    delegation = registered(event, "Partial")
    MemberFactory(delegation=delegation)
    counts = sweep(at(date(2030, 3, 22)))  # 3 days before the deadline; 12 after the decision
    assert {k: v for k, v in counts.items() if v} == {
        "registration_due": 1, "registration_incomplete": 1, "proposal_confirmation": 1}
