"""The delegation page's panels for the protocol office: the registration link, read out or
copied by those who may send it and by no one else, and where the delegation stands in the
signing of the treaty (order, signatory, signed or not, full powers), for every reader."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from logistics.core.enums import Role
from logistics.delegations.enums import DelegationKind, DelegationLevel
from logistics.signing.models import Signing
from logistics.signing.services import (
    full_powers_receive,
    full_powers_verify,
    signing_create,
    signing_mark_signed,
)
from tests.factories.delegations import DelegationFactory, country
from tests.factories.plan import user_with_role
from tests.factories.registration import InvitationFactory, pdf_upload
from tests.queries import same_queries

# Who may send the link may read it; every other reader of the page may not.
SENDERS = (Role.SECRETARIAT, Role.PROTOCOL)
OTHER_READERS = (Role.STEERING, Role.OBSERVER, Role.PROGRAMME)
READERS = SENDERS + OTHER_READERS


@pytest.fixture
def users(db):
    return {role: user_with_role(role, username=f"user-{role}") for role in Role.values}


@pytest.fixture
def ghana(event):
    return DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("GH"),
                             name="Ghana", head_name="Ama Mensah",
                             head_level=DelegationLevel.AMBASSADOR, intends_to_sign=True,
                             focal_point_email="mission@ghana.example")


def page_of(user, delegation):
    client = Client()
    client.force_login(user)
    return client.get(reverse("logistics:delegation_detail", args=[delegation.pk]))


# The registration link


@pytest.mark.parametrize("role", SENDERS)
def test_who_sends_the_link_reads_the_working_link(settings, users, ghana, role):
    settings.SITE_URL = "https://accord.example"
    invitation = InvitationFactory(delegation=ghana)
    response = page_of(users[role], ghana)
    page = response.content.decode()
    link = f"https://accord.example/register/{invitation.token}/"
    assert f'id="registration-link" value="{link}" readonly' in page
    assert 'data-copy="registration-link"' in page
    # A secret on the page: never kept in a cache.
    assert response["Cache-Control"] == "private, no-store"
    # The link shown is the link that works.
    assert Client().get(link.removeprefix("https://accord.example")).status_code == 200


@pytest.mark.parametrize("role", OTHER_READERS)
def test_other_readers_never_see_the_link(users, ghana, role):
    invitation = InvitationFactory(delegation=ghana)
    response = page_of(users[role], ghana)
    assert response.status_code == 200
    page = response.content.decode()
    assert invitation.token not in page
    assert 'id="registration-link"' not in page
    assert 'data-testid="live-invitation"' in page  # they still see that there is one


@pytest.mark.parametrize("state", ["revoked", "expired", "none"])
def test_a_link_that_does_not_work_is_never_shown(users, ghana, state):
    if state != "none":
        invitation = InvitationFactory(delegation=ghana)
        if state == "revoked":
            invitation.revoked_at = timezone.now()
        else:
            invitation.expires_at = timezone.now() - timedelta(minutes=1)
        invitation.save()
    for role in SENDERS:
        response = page_of(users[role], ghana)
        page = response.content.decode()
        assert 'id="registration-link"' not in page
        if state != "none":
            assert invitation.token not in page
        assert "no-store" not in response.get("Cache-Control", "")


def test_a_new_link_replaces_the_old_one_on_the_page(client, users, ghana,
                                                     django_capture_on_commit_callbacks):
    old = InvitationFactory(delegation=ghana)
    client.force_login(users[Role.PROTOCOL])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("logistics:delegation_invitation_send", args=[ghana.pk]))
    new = ghana.invitations.live().get()
    page = client.get(reverse("logistics:delegation_detail", args=[ghana.pk])).content.decode()
    assert new.token in page and old.token not in page


def test_the_link_is_still_stored_encrypted(users, ghana):
    from django.db import connection

    invitation = InvitationFactory(delegation=ghana)
    page_of(users[Role.PROTOCOL], ghana)
    with connection.cursor() as cursor:
        cursor.execute("SELECT token, token_index FROM logistics_invitation WHERE id = %s",
                       [invitation.pk])
        stored, index = cursor.fetchone()
    assert invitation.token not in stored and invitation.token != index


# Signing and full powers


def signing_of(event, delegation, protocol, *, level=DelegationLevel.AMBASSADOR):
    return signing_create(event=event, by=protocol, delegation=delegation,
                          signatory_name="Kwame Boateng", signatory_title="Ambassador",
                          signatory_level=level)


# (what was done, the full powers as the page says them, whether it blocks "mark signed")
POWERS = [
    ("nothing", "Missing", True),
    ("received", "Received", True),
    ("verified", "Verified", False),
    ("exempt", "Not needed", False),
]


@pytest.mark.parametrize("done, says, blocks", POWERS)
def test_every_reader_sees_the_signing_and_its_full_powers(event, users, ghana, done, says,
                                                           blocks):
    protocol = users[Role.PROTOCOL]
    level = DelegationLevel.FOREIGN_MINISTER if done == "exempt" else DelegationLevel.AMBASSADOR
    signing = signing_of(event, ghana, protocol, level=level)
    if done in ("received", "verified"):
        signing = full_powers_receive(signing=signing, by=protocol, document=pdf_upload())
    if done == "verified":
        signing = full_powers_verify(signing=signing, by=protocol)
    # Its place as the order of precedence gave it (a schedule waits for full powers).
    Signing.objects.filter(pk=signing.pk).update(order=3)
    for role in READERS:
        page = page_of(users[role], ghana).content.decode()
        panel = page[page.index('data-testid="signing"'):]
        assert "Kwame Boateng" in panel and "Ambassador" in panel, role
        assert "number 3 in the order of signing" in panel, role
        assert "Not signed yet" in panel, role
        powers = panel[panel.index('data-testid="full-powers"'):]
        assert says in powers[:400], role
        assert ('data-testid="full-powers-blocking"' in panel) == blocks, role
        board = f'{reverse("logistics:signing")}#signing-{signing.pk}'
        assert f'href="{board}"' in panel, role
        if role in SENDERS:
            assert "Receive or verify full powers" in panel, role
        else:
            assert "Receive or verify full powers" not in panel, role
        document = reverse("logistics:upload", args=["full-powers", signing.pk])
        # The document is personal data: the protocol office and the secretariat only.
        shown = role in SENDERS and done in ("received", "verified")
        assert (document in panel) == shown, role


def test_a_signed_delegation_says_when(event, users, ghana):
    protocol = users[Role.PROTOCOL]
    signing = signing_of(event, ghana, protocol, level=DelegationLevel.HEAD_OF_STATE)
    signing_mark_signed(signing=signing, by=protocol)
    page = page_of(users[Role.OBSERVER], ghana).content.decode()
    status = page[page.index('data-testid="signing-status"'):][:300]
    assert "Signed" in status and "Not signed yet" not in status


def test_a_state_not_yet_on_the_list_says_so(users, ghana):
    for role in READERS:
        page = page_of(users[role], ghana).content.decode()
        assert 'data-testid="no-signing"' in page
        assert "intends to sign but is not on the list" in page
        assert ('data-testid="signing-board-link"' in page) == (role in SENDERS), role


def test_an_organisation_has_no_signing_panel(event, users):
    organisation = DelegationFactory(event=event, kind=DelegationKind.UN_ENTITY, name="UNDP")
    page = page_of(users[Role.PROTOCOL], organisation).content.decode()
    assert 'data-testid="signing"' not in page


def test_the_panels_cost_the_same_queries_with_or_without_a_signing(event, users, ghana):
    client = Client()
    client.force_login(users[Role.PROTOCOL])
    url = reverse("logistics:delegation_detail", args=[ghana.pk])
    InvitationFactory(delegation=ghana)

    def signing():
        # Written without the services: their audit entries are the history's cost, not the
        # panel's.
        Signing.objects.bulk_create([Signing(
            event=event, delegation=ghana, order=1, signatory_name="Kwame Boateng",
            signatory_level=DelegationLevel.AMBASSADOR, full_powers_received_at=timezone.now(),
            full_powers_verified_at=timezone.now(),
            full_powers_verified_by=users[Role.PROTOCOL])])

    same_queries(lambda: client.get(url), signing)
