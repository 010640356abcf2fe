from datetime import UTC, timedelta

import pytest
from django.utils import timezone

from logistics.enums import DelegationKind, DelegationStatus, Role
from logistics.errors import InvitationUnusable, NotAllowed
from logistics.models import Invitation
from logistics.services.invitations import (
    invitation_open,
    invitation_revoke,
    invitations_send,
)
from logistics.signals import delegation_registered
from tests.factories import user_with_role
from tests.factories.delegations import DelegationFactory, MemberFactory, country


@pytest.fixture
def protocol(db):
    return user_with_role(Role.PROTOCOL, username="protocol")


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
    data.update({"m-TOTAL_FORMS": str(len(rows)), "m-INITIAL_FORMS": str(members.get("initial", 0)),
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
    # The unknown id is not this delegation's: the row can only be a new member of its own.
    assert response.status_code == 302
    assert [m.family_name for m in delegation.members.all()] == ["Hijacked"]
