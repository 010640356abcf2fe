from datetime import UTC, datetime, time, timedelta
from functools import partial
from smtplib import SMTPServerDisconnected

import pytest
from django.core.mail.backends import locmem
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from logistics.core.enums import Role
from logistics.core.errors import NotAllowed
from logistics.core.signals import delegation_registered
from logistics.delegations.calendar_link import delegation_ical_url
from logistics.delegations.enums import DelegationKind, DelegationStatus
from logistics.delegations.errors import InvitationRejected, InvitationUnusable
from logistics.delegations.mail import invitation_message
from logistics.delegations.models import Delegation, Invitation
from logistics.delegations.services.delegations import delegation_set_status
from logistics.delegations.services.invitations import (
    delegations_invite,
    invitation_mail_send,
    invitation_open,
    invitation_revoke,
    invitations_send,
    registration_submit,
)
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.plan import EventFactory, staff_fixture, user_with_role
from tests.factories.registration import InvitationFactory
from tests.html import text_of
from tests.races import race

protocol = staff_fixture(Role.PROTOCOL, "protocol")


@pytest.fixture
def delegation(event):
    return DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("KE"),
                             name="Kenya", size_quota=3, focal_point_email="mission@kenya.example")


@pytest.fixture
def invitation(delegation, protocol, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invited, _ = invitations_send(event=delegation.event, by=protocol,
                                      delegations=[delegation])
    return invited[0]


@pytest.fixture(autouse=True)
def eager(settings):
    from config.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


def test_invitation_mails_the_focal_point_its_link(invitation, mailoutbox, settings):
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["mission@kenya.example"]
    assert settings.SITE_URL + f"/register/{invitation.token}/" in mail.body
    invitation.refresh_from_db()
    assert invitation.sent_at is not None


def test_bulk_invitation_skips_delegations_without_a_focal_point(event, protocol, delegation):
    silent = DelegationFactory(event=event, focal_point_email="")
    invited, skipped = invitations_send(event=event, by=protocol,
                                        delegations=[delegation, silent])
    assert ([i.delegation for i in invited], skipped) == ([delegation], [silent])


def test_resending_revokes_the_old_link(invitation, delegation, protocol):
    again, _ = invitations_send(event=delegation.event, by=protocol, delegations=[delegation])
    with pytest.raises(InvitationUnusable, match="replaced by a newer one"):
        invitation_open(invitation.token)
    assert invitation_open(again[0].token) == again[0]


def test_revoked_and_expired_and_unknown_links_are_refused(invitation, protocol):
    with pytest.raises(InvitationUnusable, match="not valid"):
        invitation_open("not-a-token")
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(InvitationUnusable, match="Registration closed on"):
        invitation_open(invitation.token)
    invitation_revoke(invitation=invitation, by=protocol)
    with pytest.raises(InvitationUnusable):
        invitation_open(invitation.token)


def test_only_the_protocol_office_invites(delegation, observer, focal_point):
    for user in (observer, focal_point):
        with pytest.raises(NotAllowed):
            invitations_send(event=delegation.event, by=user, delegations=[delegation])


def _form(**members):
    """POST data for the registration form: delegation details and member rows."""
    data = {"d-head_name": "Hon. Amina Mohamed", "d-head_title": "Cabinet Secretary",
            "d-head_level": "minister", "d-focal_point_name": "J. Otieno",
            "d-focal_point_email": "mission@kenya.example", "d-hotel": "Sheraton Hanoi"}
    rows = members.get("rows", [])
    data.update({"privacy_consent": "on", "m-TOTAL_FORMS": str(len(rows)),
                 "m-INITIAL_FORMS": str(members.get("initial", 0)),
                 "m-MIN_NUM_FORMS": "0", "m-MAX_NUM_FORMS": "3"})
    for number, row in enumerate(rows):
        data.update({f"m-{number}-{key}": value for key, value in row.items()})
    return data


def test_registration_form_saves_members_and_announces_them(client, invitation, delegation,
                                                            django_capture_on_commit_callbacks):
    heard = []
    delegation_registered.connect(lambda **kw: heard.append(kw["members"]), weak=False,
                                  dispatch_uid="test-registration")
    rows = [{"family_name": "Mohamed", "given_names": "Amina", "is_head": "on",
             "nationality": country("KE").pk, "arrival_at": "2026-12-13T09:30",
             "arrival_flight": "KQ 870"},
            {"family_name": "Otieno", "given_names": "James", "date_of_birth": "1980-02-29"},
            {"family_name": "", "given_names": ""}]
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(invitation.get_absolute_url(), _form(rows=rows))
    finally:
        delegation_registered.disconnect(dispatch_uid="test-registration")
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.REGISTERED
    assert delegation.head_name == "Hon. Amina Mohamed"
    members = list(delegation.members.order_by("family_name"))
    assert [(m.family_name, m.is_head) for m in members] == [("Mohamed", True),
                                                             ("Otieno", False)]
    # Typed in Hanoi time: 09:30 at the venue is 02:30 UTC.
    assert members[0].arrival_at.astimezone(UTC).strftime("%H:%M") == "02:30"
    assert [m.family_name for m in heard[0]] == ["Mohamed", "Otieno"]


def test_registration_errors_name_the_member_and_field_and_save_nothing(client, invitation,
                                                                        delegation):
    rows = [{"family_name": "Mohamed"},
            {"family_name": "", "given_names": "James", "email": "not-an-address"}]
    response = client.post(invitation.get_absolute_url(), _form(rows=rows))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Member 2, E-mail: Enter a valid email address." in page
    assert "Member 2, Family name: This field is required." in page
    assert delegation.members.count() == 0


def test_registration_over_the_quota_is_refused_with_a_clear_message(client, invitation,
                                                                     delegation):
    rows = [{"family_name": name} for name in ("A", "B", "C", "D")]
    data = _form(rows=rows)
    data["m-MAX_NUM_FORMS"] = "4"
    response = client.post(invitation.get_absolute_url(), data)
    assert response.status_code == 400
    assert "Please submit at most 3 forms." in response.content.decode()
    assert delegation.members.count() == 0


def test_focal_point_comes_back_and_edits_a_member(client, invitation, delegation):
    member = MemberFactory(delegation=delegation, family_name="Otieno", given_names="Jim")
    rows = [{"id": member.pk, "family_name": "Otieno", "given_names": "James"}]
    response = client.post(invitation.get_absolute_url(), _form(rows=rows, initial=1))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.given_names == "James"
    page = client.get(invitation.get_absolute_url()).content.decode()
    assert 'value="James"' in page


def test_an_expired_link_shows_why_and_no_form(client, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1))
    response = client.get(invitation.get_absolute_url())
    assert response.status_code == 404
    assert "Registration closed on" in response.content.decode()
    assert "<form method=\"post\"" not in response.content.decode()


def test_a_link_cannot_reach_another_delegations_member(client, invitation, delegation, event):
    stranger = MemberFactory(delegation=DelegationFactory(event=event), family_name="Stranger")
    rows = [{"id": stranger.pk, "family_name": "Hijacked"}]
    response = client.post(invitation.get_absolute_url(), _form(rows=rows, initial=1))
    stranger.refresh_from_db()
    assert stranger.family_name == "Stranger"
    # Not this delegation's member: refused, rather than taken for a new member of its own.
    assert response.status_code == 400
    assert "no longer on your delegation" in response.content.decode()
    assert not delegation.members.exists()


def test_a_member_removed_meanwhile_is_not_added_again(client, invitation, delegation):
    member = MemberFactory(delegation=delegation, family_name="Otieno")
    stale = _form(rows=[{"id": member.pk, "family_name": "Otieno", "given_names": "James"}],
                  initial=1)
    member.delete()  # by the protocol office, while the focal point's form was open
    response = client.post(invitation.get_absolute_url(), stale)
    assert response.status_code == 400
    assert "reload the page" in response.content.decode()
    assert not delegation.members.exists()
    # Ticked for removal, the member already gone: nothing to refuse.
    stale["m-0-DELETE"] = "on"
    stale["m-1-family_name"], stale["m-TOTAL_FORMS"] = "Wanjiru", "2"
    assert client.post(invitation.get_absolute_url(), stale).status_code == 302
    assert [m.family_name for m in delegation.members.all()] == ["Wanjiru"]


# A delegation that declined


def test_declining_revokes_the_link_at_once(invitation, delegation, protocol, client):
    delegation_set_status(delegation=delegation, by=protocol, status=DelegationStatus.DECLINED)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    with pytest.raises(InvitationUnusable):
        invitation_open(invitation.token)
    assert client.get(invitation.get_absolute_url()).status_code == 404


def test_a_declined_delegation_cannot_register_through_a_live_link(
        client, invitation, delegation, django_capture_on_commit_callbacks):
    # Declined while its link stayed live (before links were revoked on declining).
    Delegation.objects.filter(pk=delegation.pk).update(status=DelegationStatus.DECLINED)
    message = (f"Kenya has declined to attend {delegation.event.name}, so this registration "
               "link no longer works.")
    with pytest.raises(InvitationUnusable, match=message):
        invitation_open(invitation.token)
    heard = []
    delegation_registered.connect(lambda **kw: heard.append(kw["delegation"].pk), weak=False,
                                  dispatch_uid="test-declined")
    try:
        with pytest.raises(InvitationUnusable, match=message), \
                django_capture_on_commit_callbacks(execute=True):
            registration_submit(token=invitation.token, details={},
                                members=[{"family_name": "Mohamed"}])
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(invitation.get_absolute_url(),
                                   _form(rows=[{"family_name": "Mohamed"}]))
    finally:
        delegation_registered.disconnect(dispatch_uid="test-declined")
    assert response.status_code == 404
    assert "Kenya has declined to attend" in response.content.decode()
    assert heard == [] and delegation.members.count() == 0
    delegation.refresh_from_db()
    assert (delegation.status, delegation.registered_at) == (DelegationStatus.DECLINED, None)


# Mailing the link: once


class RedeliveringBackend(locmem.EmailBackend):
    """Delivers the send_invitation task again while the first delivery is sending, as a
    broker does when a worker is slow to acknowledge."""

    invitation_id = None

    def send_messages(self, messages):
        invitation_id, RedeliveringBackend.invitation_id = self.invitation_id, None
        if invitation_id is not None:
            RedeliveringBackend.again = invitation_mail_send(invitation_id=invitation_id)
        return super().send_messages(messages)


class FailingBackend(locmem.EmailBackend):
    def send_messages(self, messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


def test_an_invitation_delivered_twice_at_once_is_mailed_once(delegation, settings,
                                                              mailoutbox):
    invitation = InvitationFactory(delegation=delegation, sent_at=None)
    settings.EMAIL_BACKEND = f"{__name__}.RedeliveringBackend"
    RedeliveringBackend.invitation_id = invitation.pk
    assert invitation_mail_send(invitation_id=invitation.pk) is True
    assert RedeliveringBackend.again is False
    assert invitation_mail_send(invitation_id=invitation.pk) is False
    assert [m.to for m in mailoutbox] == [["mission@kenya.example"]]
    invitation.refresh_from_db()
    assert invitation.sent_at is not None


def test_an_invitation_that_failed_to_send_is_sent_by_the_retry(delegation, settings,
                                                                mailoutbox):
    invitation = InvitationFactory(delegation=delegation, sent_at=None)
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with pytest.raises(SMTPServerDisconnected):
        invitation_mail_send(invitation_id=invitation.pk)
    invitation.refresh_from_db()
    assert invitation.sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert invitation_mail_send(invitation_id=invitation.pk) is True
    assert len(mailoutbox) == 1


def test_a_revoked_invitation_is_not_mailed(delegation, protocol, mailoutbox):
    invitation = InvitationFactory(delegation=delegation, sent_at=None)
    invitation_revoke(invitation=invitation, by=protocol)
    assert invitation_mail_send(invitation_id=invitation.pk) is False
    invitation.refresh_from_db()
    assert (invitation.sent_at, mailoutbox) == (None, [])


def test_invitation_mail_gives_the_deadline_day_at_the_venue(db, settings, protocol,
                                                             mailoutbox):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    paris = EventFactory(time_zone="Europe/Paris")
    # 23:30 in Paris is already the next day in Hanoi.
    paris.registration_deadline = datetime.combine(
        paris.start_date - timedelta(days=10), time(23, 30), tzinfo=paris.tz)
    paris.save()
    invitation = InvitationFactory(sent_at=None, delegation=DelegationFactory(
        event=paris, focal_point_email="focal@paris.example"))
    assert invitation_mail_send(invitation_id=invitation.pk) is True
    [mail] = mailoutbox
    day = (paris.start_date - timedelta(days=10)).isoformat()
    assert f"change the registration until {day}." in mail.body
    assert f"change the registration until {day}." in text_of(mail.alternatives[0][0])


# The registration page


def test_registration_page_gives_the_deadline_at_the_venue_and_the_calendar_feed(
        client, db, settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    paris = EventFactory(time_zone="Europe/Paris")
    paris.registration_deadline = datetime.combine(
        paris.start_date - timedelta(days=10), time(9, 0), tzinfo=paris.tz)
    paris.save()
    delegation = DelegationFactory(event=paris)
    invitation = InvitationFactory(delegation=delegation)
    page = client.get(invitation.get_absolute_url()).content.decode()
    day = (paris.start_date - timedelta(days=10)).isoformat()
    assert f"You can change this registration until {day} 09:00 (host time)." in text_of(page)
    assert "Subscribe to your delegation's programme in your calendar" in page
    assert f'href="{delegation_ical_url(delegation)}"' in page


# Two bulk invitations at once


@pytest.mark.django_db(transaction=True)
def test_two_bulk_invitations_at_once_invite_each_delegation_once():
    event = EventFactory()
    nigeria = country("NG")
    officers = [user_with_role(Role.PROTOCOL, username=f"officer{n}") for n in (1, 2)]

    def invite(officer):
        delegations_invite(event=event, by=officer,
                           countries=[(nigeria, "mission@nigeria.example")],
                           organisations=[("Line 1", DelegationKind.NGO, "Access Now",
                                           "policy@accessnow.example")])
        return "invited"

    outcomes = race(partial(invite, officers[0]), partial(invite, officers[1]),
                    refusals=(InvitationRejected,))
    said = [o.errors if isinstance(o, InvitationRejected) else o for o in outcomes]
    assert sorted(said, key=str) == [
        ["Nigeria was invited already: send the link again from its page.",
         "Line 1: Access Now was invited already: send the link again from its page."],
        "invited"]
    assert sorted(Delegation.objects.filter(event=event).values_list("name", flat=True)) == [
        "Access Now", "Nigeria"]
    assert Invitation.objects.filter(delegation__event=event).count() == 2


def test_the_focal_points_mails_follow_the_language_of_the_registration(
        client, invitation, delegation, settings, mailoutbox):
    """The protocol office may choose a delegation's language before inviting; the
    focal point's own choice, registering in Russian, then holds for every later mail."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    rows = [{"family_name": "Ivanov", "given_names": "Pyotr", "is_head": "on"}]
    response = client.post(invitation.get_absolute_url(), _form(rows=rows))
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert delegation.mail_language == "ru"

    # As the resend's task reads it.
    message = invitation_message(Invitation.objects.get(pk=invitation.pk))
    with translation.override("ru"):
        subject = _("Registration for %(event)s: %(delegation)s") % {
            "event": delegation.event.name, "delegation": delegation.name}
    assert (message.subject, message.language) == (subject, "ru")
    assert not subject.startswith("Registration for")
