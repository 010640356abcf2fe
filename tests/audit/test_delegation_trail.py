"""The delegations' audit trail: the protocol office's changes to a delegation and its
members (over the UI and the API), the registration through its secret link, a new head of
delegation, revoked links and the signing order; shown on the delegation's page, with
personal data only to those who may see it."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from logistics.core.enums import Role
from logistics.delegations.enums import DelegationKind, DelegationLevel, DelegationStatus
from logistics.delegations.models import Invitation
from tests.audit.conftest import entries_of, trail_text
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.plan import user_with_role
from tests.factories.registration import InvitationFactory
from tests.queries import same_queries

C, U, D = LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE

pytestmark = pytest.mark.usefixtures("media_in_tmp")


@pytest.fixture
def kenya(event):
    return DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("KE"),
                             name="Kenya", head_level=DelegationLevel.FOREIGN_MINISTER,
                             status=DelegationStatus.REGISTERED, hotel="Sheraton Hanoi",
                             focal_point_email="mission@kenya.example", size_quota=5)


def page(client, delegation):
    return client.get(reverse("logistics:delegation_detail", args=[delegation.pk]))


def test_protocol_details_saved_from_the_page_are_recorded(client, protocol, kenya):
    client.force_login(protocol)
    response = client.post(reverse("logistics:delegation_protocol", args=[kenya.pk]), {
        "hotel": "Lotte Hotel Hanoi", "size_quota": 6, "focal_point_name": "J. Otieno",
        "focal_point_email": "mission@kenya.example", "protocol_notes": "Motorcade of three",
        "liaison_officer": protocol.pk})
    assert response.status_code == 302
    entry = entries_of(kenya)[-1]
    assert (entry.action, entry.actor) == (U, protocol)
    assert entry.changes == {
        "hotel": ["Sheraton Hanoi", "Lotte Hotel Hanoi"], "size_quota": ["5", "6"],
        "focal_point_name": ["", "J. Otieno"], "protocol_notes": ["", "Motorcade of three"],
        "liaison_officer": ["None", str(protocol.pk)]}
    text = trail_text(page(client, kenya))
    assert "Hotel Sheraton Hanoi → Lotte Hotel Hanoi" in text
    assert "Liaison officer — → protocol" in text
    assert "Size quota 5 → 6" in text


def test_personal_values_are_hidden_from_a_reader_without_personal_data_rights(
        client, protocol, observer, kenya):
    from logistics.delegations.services.delegations import delegation_update_protocol

    delegation_update_protocol(delegation=kenya, by=protocol, hotel="Lotte Hotel Hanoi",
                               protocol_notes="Arrives early")
    member = MemberFactory(delegation=kenya, family_name="Wanjiru", given_names="Grace",
                           title="Adviser", date_of_birth=date(1971, 2, 3))
    member.date_of_birth = date(1971, 3, 2)
    member.arrival_flight = "KQ 870"
    member.title = "Senior adviser"
    member.save()
    client.force_login(observer)
    text = trail_text(page(client, kenya))
    assert "Hotel changed (personal data)" in text
    assert "Protocol notes — → Arrives early" in text
    assert "Delegation member: Wanjiru Grace" in text
    assert "Title or function Adviser → Senior adviser" in text
    assert "Date of birth changed (personal data)" in text
    for secret in ("Lotte", "Sheraton", "1971", "KQ 870"):
        assert secret not in text
    client.force_login(protocol)
    text = trail_text(page(client, kenya))
    assert "Hotel Sheraton Hanoi → Lotte Hotel Hanoi" in text
    assert "Date of birth 1971-02-03 → 1971-03-02" in text
    assert "Arrival flight — → KQ 870" in text


def test_members_added_changed_and_removed_over_the_api_show_under_the_delegation(
        login, protocol, kenya, client):
    api = login(protocol)
    response = api.post("/api/v1/members/", {
        "delegation": kenya.pk, "family_name": "Wanjiku", "given_names": "Grace",
        "nationality": "KE", "arrival_flight": "KQ 870"}, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert api.patch(f"/api/v1/members/{pk}/", {"title": "Adviser"},
                     format="json").status_code == 200
    assert api.delete(f"/api/v1/members/{pk}/").status_code == 204
    kinds = ContentTypes()
    found = LogEntry.objects.filter(content_type=kinds.member, object_id=pk).order_by("pk")
    assert [(e.action, e.actor) for e in found] == [(C, protocol), (U, protocol),
                                                      (D, protocol)]
    assert found[1].changes == {"title": ["", "Adviser"]}
    client.force_login(protocol)
    text = trail_text(page(client, kenya))
    # Newest first; the deleted member is still there, under the delegation.
    assert text.count("Delegation member: Wanjiku Grace") == 3
    assert text.index("deleted") < text.index("Title or function — → Adviser") < text.index(
        "created")
    assert "Nationality Kenya" in text


def test_a_new_head_of_delegation_records_the_old_head_stepping_down(protocol, kenya):
    from logistics.delegations.services.delegations import member_add

    old = MemberFactory(delegation=kenya, family_name="Mudavadi", is_head=True)
    new = member_add(delegation=kenya, by=protocol, family_name="Ruto", is_head=True)
    old.refresh_from_db()
    assert not old.is_head
    assert entries_of(old)[-1].changes == {"is_head": ["True", "False"]}
    assert entries_of(new)[0].changes["is_head"] == ["None", "True"]


def test_registration_through_the_link_is_put_down_to_the_link(client, kenya, protocol):
    invitation = InvitationFactory(delegation=kenya)
    url = reverse("register", args=[invitation.token])
    form = client.get(url)
    assert form.status_code == 200
    from tests.bench.data import registration_post

    data = registration_post(form.content.decode(), kenya.event, members=1)
    response = client.post(url, data)
    assert response.status_code in (200, 302), response.content[:300]
    member = kenya.members.get()
    entry = entries_of(member)[0]
    assert (entry.action, entry.actor, entry.additional_data) == (C, None, {"public": True})
    client.force_login(protocol)
    assert "through a public link or form created" in trail_text(page(client, kenya))


def test_revoked_links_are_recorded_without_the_secret(client, protocol, observer, kenya):
    invitation = InvitationFactory(delegation=kenya, email="mission@kenya.example")
    client.force_login(protocol)
    response = client.post(reverse("logistics:delegation_invitation_revoke", args=[kenya.pk]))
    assert response.status_code == 302
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is not None
    entry = entries_of(invitation)[-1]
    assert (entry.action, entry.actor, list(entry.changes)) == (U, protocol, ["revoked_at"])
    assert all(invitation.token not in str(e.changes) for e in LogEntry.objects.all())
    client.force_login(observer)
    text = trail_text(page(client, kenya))
    assert "Invitation protocol changed" not in text  # the link's name shows its address
    assert "Invitation" in text and "Revoked — →" in text
    assert "mission@kenya.example" not in text


def test_signing_order_moves_are_recorded(client, protocol, event):
    from logistics.signing.services import plenary_move
    from tests.factories.signing import SigningFactory, StateDelegationFactory

    signings = [SigningFactory(event=event, order=n, delegation=StateDelegationFactory(
        event=event, country=country(code))) for n, code in ((1, "FR"), (2, "KE"), (3, "CL"))]
    plenary_move(signing=signings[2], by=protocol, new_order=1)
    assert [entries_of(s)[-1].changes for s in signings] == [
        {"order": ["1", "2"]}, {"order": ["2", "3"]}, {"order": ["3", "1"]}]


def test_delegation_page_query_count_does_not_grow_with_the_trail(client, protocol, kenya):
    from logistics.delegations.services.delegations import delegation_update_protocol, member_update

    member = MemberFactory(delegation=kenya, family_name="Wanjiru")
    client.force_login(protocol)
    other = user_with_role(Role.PROTOCOL, username="protocol2")

    def longer_trail():
        for n in range(3):
            delegation_update_protocol(delegation=kenya, by=protocol,
                                       liaison_officer=other if n % 2 else protocol)
            member_update(member=member, by=protocol,
                          nationality=country("FR" if n % 2 else "KE"), title=f"Adviser {n}")
            MemberFactory(delegation=kenya, family_name=f"Extra {n}").delete()

    delegation_update_protocol(delegation=kenya, by=protocol, liaison_officer=protocol)
    member_update(member=member, by=protocol, nationality=country("KE"))
    assert same_queries(lambda: page(client, kenya), longer_trail).status_code == 200


class ContentTypes:
    def __init__(self):
        from django.contrib.contenttypes.models import ContentType

        from logistics.delegations.models import DelegationMember

        self.member = ContentType.objects.get_for_model(DelegationMember)


def test_a_right_to_left_page_points_its_arrows_the_way_it_reads(client, protocol, kenya):
    from logistics.delegations.services.delegations import delegation_update_protocol

    delegation_update_protocol(by=protocol, delegation=kenya, hotel="Lotte Hotel Hanoi")
    client.force_login(protocol)
    client.cookies["django_language"] = "ar"
    text = trail_text(page(client, kenya))
    assert "Sheraton Hanoi ← Lotte Hotel Hanoi" in text
    assert "→" not in text


def test_no_template_writes_an_arrow_of_its_own():
    """Before and after are joined by {% forward_arrow %}, which turns with the page: a
    literal arrow points back in Arabic."""
    from pathlib import Path

    templates = Path(__file__).resolve().parents[2] / "templates"
    written = [str(path.relative_to(templates)) for path in templates.rglob("*")
               if path.is_file() and any(arrow in path.read_text(encoding="utf-8")
                                         for arrow in "→←")]
    assert written == []
