"""A delegation asks for bilateral meetings through its own registration link."""

import pytest
from django.urls import reverse

from logistics.bilaterals.enums import BilateralStatus
from logistics.bilaterals.models import BilateralMeeting
from logistics.delegations.enums import DelegationKind
from logistics.delegations.services.invitations import invitation_revoke, invitations_send
from logistics.programme.models import HostLeader
from tests.factories.delegations import DelegationFactory, country


@pytest.fixture
def kenya(event):
    return DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("KE"),
                             name="Kenya", focal_point_email="mission@kenya.example")


@pytest.fixture
def ghana(event):
    return DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("GH"),
                             name="Ghana")


@pytest.fixture
def president(event):
    return HostLeader.objects.create(event=event, name="Lương Cường", title="President")


@pytest.fixture
def link(kenya, protocol):
    [invitation], _ = invitations_send(event=kenya.event, by=protocol, delegations=[kenya])
    return reverse("register_bilaterals", args=[invitation.token])


def test_the_registration_page_links_to_bilateral_requests(client, kenya, link):
    register = link.removesuffix("bilaterals/")
    assert f'href="{link}"' in client.get(register).content.decode()


def test_a_focal_point_requests_a_meeting_with_another_delegation(client, kenya, ghana, link):
    page = client.get(link).content.decode()
    assert "No bilateral meetings requested yet." in page
    assert f'value="{kenya.pk}"' not in page  # not with itself
    response = client.post(link, {"counterpart": ghana.pk, "subject": "Extradition",
                                  "duration_minutes": 30}, follow=True)
    [meeting] = BilateralMeeting.objects.all()
    assert (meeting.requester, meeting.counterpart, meeting.status, meeting.subject) == (
        kenya, ghana, BilateralStatus.REQUESTED, "Extradition")
    page = response.content.decode()
    assert "Your request is recorded" in page and "Extradition" in page


def test_a_focal_point_requests_a_meeting_with_a_host_leader(client, kenya, president, link):
    client.post(link, {"host_leader": president.pk, "duration_minutes": 20})
    meeting = BilateralMeeting.objects.get()
    assert (meeting.host_leader, meeting.duration_minutes) == (president, 20)


@pytest.mark.parametrize(("data", "message"), [
    ({"duration_minutes": 30}, "another delegation or a host leader, not both"),
    ({"counterpart": "x", "duration_minutes": 30}, "Select a valid choice"),
    ({"counterpart": "GHANA", "duration_minutes": 3}, "Select a valid choice"),
])
def test_bad_requests_are_refused_and_write_nothing(client, ghana, link, data, message):
    response = client.post(link, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not BilateralMeeting.objects.exists()


def test_both_at_once_and_a_second_open_request_are_refused(client, ghana, president, link):
    response = client.post(link, {"counterpart": ghana.pk, "host_leader": president.pk,
                                  "duration_minutes": 30})
    assert response.status_code == 400
    client.post(link, {"counterpart": ghana.pk, "duration_minutes": 30})
    again = client.post(link, {"counterpart": ghana.pk, "duration_minutes": 30})
    assert again.status_code == 400
    assert "A bilateral between Kenya and Ghana is already requested" in again.content.decode()
    assert BilateralMeeting.objects.count() == 1


def test_a_revoked_link_requests_nothing(client, kenya, ghana, link, protocol):
    invitation_revoke(invitation=kenya.invitations.get(), by=protocol)
    assert client.post(link, {"counterpart": ghana.pk, "duration_minutes": 30}).status_code \
        == 404
    assert not BilateralMeeting.objects.exists()


def test_another_delegations_meetings_are_not_shown(client, event, kenya, ghana, link,
                                                   protocol):
    other = DelegationFactory(event=event, name="Chile")
    BilateralMeeting.objects.create(event=event, requester=ghana, counterpart=other,
                                    subject="Secret talks")
    assert "Secret talks" not in client.get(link).content.decode()
