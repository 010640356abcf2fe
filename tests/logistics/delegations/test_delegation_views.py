"""The protocol office's pages: the delegations list, a delegation and its actions, the bulk
invitation and the arrivals board; who may see what."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse

from logistics.core.enums import Role
from logistics.delegations.calendar_link import delegation_ical_url
from logistics.delegations.enums import (
    DelegationKind,
    DelegationLevel,
    DelegationStatus,
    RegionalGroup,
)
from logistics.delegations.models import Delegation, Invitation
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.plan import EventFactory, UserFactory, user_with_role
from tests.factories.registration import InvitationFactory, pdf_upload, photo_upload
from tests.html import text_of
from tests.queries import same_queries

LIST = reverse("logistics:delegation_list")
ARRIVALS = reverse("logistics:arrivals")
INVITE = reverse("logistics:delegation_invite")


@pytest.fixture
def kenya(event, protocol):
    delegation = DelegationFactory(
        event=event, kind=DelegationKind.STATE, country=country("KE"), name="Kenya",
        head_name="Hon. Musalia Mudavadi", head_level=DelegationLevel.FOREIGN_MINISTER,
        status=DelegationStatus.REGISTERED, intends_to_sign=True, hotel="Sheraton Hanoi",
        focal_point_name="J. Otieno", focal_point_email="mission@kenya.example",
        liaison_officer=protocol, size_quota=5)
    MemberFactory(delegation=delegation, family_name="Mudavadi", given_names="Musalia",
                  title="Prime Cabinet Secretary", is_head=True, date_of_birth=date(1960, 9, 21),
                  arrival_at=local(event, -1, 9, 30), arrival_flight="KQ 870",
                  arrival_airport="HAN", dietary_needs="Halal", id_document_number="AK998877",
                  photo=photo_upload())
    MemberFactory(delegation=delegation, family_name="Wanjiru", given_names="Grace",
                  title="Adviser", hotel="Daewoo Hotel")
    return delegation


def local(event, days, hour, minute=0):
    """A moment at the venue, `days` after the event's first day."""
    return datetime.combine(event.start_date + timedelta(days=days), time(hour, minute),
                            tzinfo=event.tz)


def names(response):
    return [delegation.name for delegation in response.context["page"].object_list]


# Who may see what


def test_delegation_pages_send_anonymous_users_to_login(client, kenya):
    for url in (LIST, reverse("logistics:delegation_detail", args=[kenya.pk]), ARRIVALS,
                INVITE):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_agency_focal_points_and_users_without_a_role_see_no_delegations(client, kenya,
                                                                        focal_point):
    for user in (focal_point, UserFactory()):
        client.force_login(user)
        assert client.get(LIST).status_code == 403
        assert client.get(reverse("logistics:delegation_detail", args=[kenya.pk])) \
            .status_code == 403


@pytest.mark.parametrize("role", [Role.STEERING, Role.OBSERVER, Role.PROGRAMME])
def test_other_staff_see_names_and_titles_but_no_personal_data(client, kenya, role):
    client.force_login(user_with_role(role))
    assert client.get(LIST).status_code == 200
    page = client.get(reverse("logistics:delegation_detail", args=[kenya.pk])).content.decode()
    assert "MUDAVADI Musalia" in page and "Prime Cabinet Secretary" in page
    for secret in ("1960-09-21", "KQ 870", "Sheraton Hanoi", "Daewoo Hotel", "Halal",
                   "/files/photo/", "mission@kenya.example", "AK998877"):
        assert secret not in page, secret
    assert "Save protocol details" not in page and "Mark checked" not in page
    assert client.get(ARRIVALS).status_code == 403
    assert client.get(INVITE).status_code == 403


@pytest.mark.parametrize("role", [Role.STEERING, Role.OBSERVER, Role.PROGRAMME])
def test_other_staff_do_not_see_where_the_links_went_nor_the_calendar_feed(client, kenya,
                                                                           role):
    InvitationFactory(delegation=kenya, email="old-focal@kenya.example",
                      revoked_at=local(kenya.event, -40, 9))
    InvitationFactory(delegation=kenya, email="focal@kenya.example")
    InvitationFactory(delegation=DelegationFactory(event=kenya.event, name="Pending"),
                      email="pending@org.example", sent_at=None)
    client.force_login(user_with_role(role))
    page = client.get(detail(kenya)).content.decode()
    assert "Sent on" in page and "Earlier links" in page and "revoked" in page
    for secret in ("focal@kenya.example", "old-focal@kenya.example", "/delegation/",
                   'data-testid="ical"'):
        assert secret not in page, secret
    pending = Delegation.objects.get(name="Pending")
    page = client.get(detail(pending)).content.decode()
    assert "Being sent." in page and "pending@org.example" not in page


def test_protocol_office_sees_where_the_links_went_and_the_calendar_feed(client, kenya,
                                                                         protocol):
    InvitationFactory(delegation=kenya, email="old-focal@kenya.example",
                      revoked_at=local(kenya.event, -40, 9))
    InvitationFactory(delegation=kenya, email="focal@kenya.example")
    client.force_login(protocol)
    page = client.get(detail(kenya)).content.decode()
    assert "Sent to focal@kenya.example on" in page
    assert "old-focal@kenya.example, " in page
    feed = delegation_ical_url(kenya)
    assert feed.startswith("http") and f'href="{feed}"' in page
    assert "Calendar feed of the delegation's programme" in page


@pytest.mark.parametrize("role", [Role.PROTOCOL, Role.SECRETARIAT])
def test_protocol_office_sees_personal_data_but_never_id_numbers(client, kenya, role):
    client.force_login(user_with_role(role))
    page = client.get(reverse("logistics:delegation_detail", args=[kenya.pk])).content.decode()
    head = kenya.members.get(is_head=True)
    for shown in ("1960-09-21", "KQ 870", "HAN", "Sheraton Hanoi", "Daewoo Hotel", "Halal",
                  reverse("logistics:upload", args=["photo", head.pk]),
                  "mission@kenya.example", "Save protocol details"):
        assert shown in page, shown
    assert "AK998877" not in page
    assert client.get(ARRIVALS).status_code == 200


def test_superuser_counts_as_secretariat(client, kenya):
    client.force_login(UserFactory(is_superuser=True))
    assert "Save protocol details" in client.get(
        reverse("logistics:delegation_detail", args=[kenya.pk])).content.decode()


def test_a_delegation_of_another_event_is_not_found(client, protocol, event):
    other = DelegationFactory(event=EventFactory(start_date=event.start_date + timedelta(days=90)))
    client.force_login(protocol)
    assert client.get(reverse("logistics:delegation_detail", args=[other.pk])).status_code == 404


# The list


@pytest.fixture
def many(event, kenya):
    DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("FR"),
                      name="France", head_level=DelegationLevel.HEAD_OF_STATE,
                      status=DelegationStatus.CONFIRMED, intends_to_sign=True)
    DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("VN"),
                      name="Viet Nam", head_level=DelegationLevel.AMBASSADOR,
                      status=DelegationStatus.INVITED)
    DelegationFactory(event=event, kind=DelegationKind.NGO, name="Access Now",
                      head_name="Brett Solomon", head_level=DelegationLevel.SENIOR_OFFICIAL,
                      status=DelegationStatus.DECLINED)


@pytest.mark.parametrize("query, expected", [
    ({}, ["Access Now", "France", "Kenya", "Viet Nam"]),
    ({"kind": "ngo"}, ["Access Now"]),
    ({"regional_group": RegionalGroup.ASIA_PACIFIC}, ["Viet Nam"]),
    ({"regional_group": RegionalGroup.AFRICAN}, ["Kenya"]),
    ({"level": "head_of_state"}, ["France"]),
    ({"status": "registered"}, ["Kenya"]),
    ({"intends_to_sign": "true"}, ["France", "Kenya"]),
    ({"intends_to_sign": "false"}, ["Access Now", "Viet Nam"]),
    ({"q": "solomon"}, ["Access Now"]),
    ({"q": "viet"}, ["Viet Nam"]),
    ({"kind": "state", "status": "confirmed"}, ["France"]),
    ({"sort": "level"}, ["France", "Kenya", "Viet Nam", "Access Now"]),
    ({"sort": "-name"}, ["Viet Nam", "Kenya", "France", "Access Now"]),
    ({"sort": "-members"}, ["Kenya", "Access Now", "France", "Viet Nam"]),
    ({"sort": "nonsense"}, ["Access Now", "France", "Kenya", "Viet Nam"]),
])
def test_delegation_list_filters_and_sorts(client, observer, many, query, expected):
    client.force_login(observer)
    response = client.get(LIST, query)
    assert response.status_code == 200
    assert names(response) == expected


def test_delegation_list_shows_member_counts_and_the_liaison_officer(client, observer, many):
    client.force_login(observer)
    page = client.get(LIST).content.decode()
    assert "2 / 5" in page and "Lan Pham" in page


def test_delegation_list_ignores_a_bad_filter_value_and_says_so(client, observer, many):
    client.force_login(observer)
    response = client.get(LIST, {"status": "lost", "kind": "ngo"})
    assert response.status_code == 200
    assert names(response) == ["Access Now"]
    assert "Select a valid choice. lost is not one of the available choices." in \
        response.content.decode()


def test_delegation_list_empty_states(client, observer, event):
    client.force_login(observer)
    assert "No delegation has been invited yet." in client.get(LIST).content.decode()
    assert "No delegations match these filters." in client.get(LIST, {"kind": "igo"}) \
        .content.decode()


def test_delegation_list_is_paginated(client, observer, event):
    for number in range(51):
        DelegationFactory(event=event, name=f"Organisation {number:02d}")
    client.force_login(observer)
    first = client.get(LIST)
    assert len(first.context["page"].object_list) == 50
    assert "Page 1 of 2" in first.content.decode()
    assert names(client.get(LIST, {"page": 2})) == ["Organisation 50"]


def test_delegation_list_query_count_does_not_grow(client, event, protocol):
    client.force_login(protocol)

    def make(count):
        for _ in range(count):
            delegation = DelegationFactory(event=event, liaison_officer=UserFactory(),
                                           country=None)
            MemberFactory.create_batch(2, delegation=delegation)

    make(1)
    response = same_queries(lambda: client.get(LIST), lambda: make(2))
    assert len(response.context["page"].object_list) == 3


def test_delegation_detail_query_count_does_not_grow_with_members(client, kenya, protocol):
    client.force_login(protocol)
    url = reverse("logistics:delegation_detail", args=[kenya.pk])

    def add():
        MemberFactory.create_batch(3, delegation=kenya, nationality=country("KE"))
        InvitationFactory(delegation=kenya)

    same_queries(lambda: client.get(url), add)


# Actions


def detail(delegation):
    return reverse("logistics:delegation_detail", args=[delegation.pk])


def action(name, delegation):
    return reverse(f"logistics:{name}", args=[delegation.pk])


@pytest.mark.parametrize("role", [Role.OBSERVER, Role.PROGRAMME, Role.STEERING])
def test_only_the_protocol_office_acts_on_a_delegation(client, kenya, role):
    client.force_login(user_with_role(role))
    for name, data in [("delegation_status", {"status": "arrived"}),
                       ("delegation_protocol", {"hotel": "Elsewhere", "size_quota": 5}),
                       ("delegation_credentials", {}), ("delegation_invitation_send", {}),
                       ("delegation_invitation_revoke", {})]:
        assert client.post(action(name, kenya), data).status_code == 403, name
    kenya.refresh_from_db()
    assert (kenya.status, kenya.hotel) == (DelegationStatus.REGISTERED, "Sheraton Hanoi")
    assert client.post(INVITE, {"organisations": "ngo; X; x@x.example"}).status_code == 403


def test_actions_are_post_only(client, kenya, protocol):
    client.force_login(protocol)
    assert client.get(action("delegation_status", kenya)).status_code == 405


def test_protocol_moves_the_status_along(client, kenya, protocol):
    client.force_login(protocol)
    response = client.post(action("delegation_status", kenya), {"status": "arrived"})
    assert response.status_code == 302 and response["Location"] == detail(kenya)
    kenya.refresh_from_db()
    assert kenya.status == DelegationStatus.ARRIVED
    assert "Kenya is now arrived." in client.get(detail(kenya)).content.decode()


def test_a_status_move_out_of_order_is_refused_clearly(client, kenya, protocol):
    client.force_login(protocol)
    response = client.post(action("delegation_status", kenya), {"status": "invited"})
    assert response.status_code == 409
    assert "A delegation that is registered cannot become invited." in \
        response.content.decode()
    kenya.refresh_from_db()
    assert kenya.status == DelegationStatus.REGISTERED


@pytest.mark.parametrize("value", ["", "lost", "ARRIVED"])
def test_an_unknown_status_is_refused(client, kenya, protocol, value):
    client.force_login(protocol)
    response = client.post(action("delegation_status", kenya), {"status": value})
    assert response.status_code == 400
    assert "Choose a valid status." in response.content.decode()


def test_detail_offers_only_the_allowed_moves(client, kenya, protocol):
    client.force_login(protocol)
    page = client.get(detail(kenya)).content.decode()
    assert 'value="arrived"' in page and 'value="declined"' in page
    assert 'name="status" value="invited"' not in page


def test_protocol_edits_the_protocol_fields(client, kenya, protocol):
    officer = user_with_role(Role.SECRETARIAT, first_name="Minh", last_name="Tran")
    client.force_login(protocol)
    response = client.post(action("delegation_protocol", kenya), {
        "liaison_officer": officer.pk, "hotel": "Lotte Hotel", "size_quota": 8,
        "focal_point_name": "J. Otieno", "focal_point_email": "new@kenya.example",
        "protocol_notes": "Arrives with a security detail of four.", "intends_to_sign": ""})
    assert response.status_code == 302
    kenya.refresh_from_db()
    assert (kenya.liaison_officer, kenya.hotel, kenya.size_quota, kenya.intends_to_sign,
            kenya.focal_point_email) == (officer, "Lotte Hotel", 8, False, "new@kenya.example")
    assert kenya.protocol_notes == "Arrives with a security detail of four."


def test_the_liaison_officer_must_be_staff(client, kenya, protocol):
    outsider = UserFactory(username="outsider")
    client.force_login(protocol)
    response = client.post(action("delegation_protocol", kenya), {
        "liaison_officer": outsider.pk, "hotel": "X", "size_quota": 5})
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    kenya.refresh_from_db()
    assert (kenya.liaison_officer, kenya.hotel) == (protocol, "Sheraton Hanoi")


@pytest.mark.parametrize("quota, status, message", [
    (1, 409, "Kenya has 2 members registered; the size quota cannot be lower than that."),
    (0, 400, "Ensure this value is greater than or equal to 1."),
    ("many", 400, "Enter a whole number."),
])
def test_the_size_quota_cannot_drop_below_the_members(client, kenya, protocol, quota, status,
                                                      message):
    client.force_login(protocol)
    response = client.post(action("delegation_protocol", kenya),
                           {"size_quota": quota, "hotel": "Elsewhere"})
    assert response.status_code == status
    assert message in response.content.decode()
    kenya.refresh_from_db()
    assert (kenya.size_quota, kenya.hotel) == (5, "Sheraton Hanoi")


def test_credentials_are_marked_checked_by_whom_and_when(client, kenya, protocol):
    kenya.credentials_document = pdf_upload()
    kenya.save()
    client.force_login(protocol)
    assert client.post(action("delegation_credentials", kenya)).status_code == 302
    kenya.refresh_from_db()
    assert kenya.credentials_checked_by == protocol and kenya.credentials_checked_at
    page = client.get(detail(kenya)).content.decode()
    assert "Checked by Lan Pham on" in text_of(page)
    assert reverse("logistics:upload", args=["credentials", kenya.pk]) in page


def test_credentials_cannot_be_checked_before_they_arrive(client, kenya, protocol):
    client.force_login(protocol)
    response = client.post(action("delegation_credentials", kenya))
    assert response.status_code == 409
    assert "Kenya has not uploaded its credentials yet" in response.content.decode()
    kenya.refresh_from_db()
    assert kenya.credentials_checked_at is None


def test_protocol_sends_resends_and_revokes_the_link(client, kenya, protocol):
    client.force_login(protocol)
    assert client.post(action("delegation_invitation_send", kenya)).status_code == 302
    first = Invitation.objects.get(delegation=kenya)
    assert first.email == "mission@kenya.example" and first.revoked_at is None
    page = client.get(detail(kenya)).content.decode()
    assert "A registration link is on its way to mission@kenya.example." in page
    # Who sends the link may read it out (tests/logistics/delegations/test_delegation_panels.py).
    assert first.token in page
    assert client.post(action("delegation_invitation_send", kenya)).status_code == 302
    first.refresh_from_db()
    live = Invitation.objects.get(delegation=kenya, revoked_at__isnull=True)
    assert first.revoked_at is not None and live != first
    assert client.post(action("delegation_invitation_revoke", kenya)).status_code == 302
    assert not Invitation.objects.filter(delegation=kenya, revoked_at__isnull=True).exists()
    response = client.post(action("delegation_invitation_revoke", kenya))
    assert response.status_code == 400
    assert "Kenya has no live registration link to revoke." in response.content.decode()


def test_a_link_cannot_go_to_a_delegation_without_an_address(client, event, protocol):
    silent = DelegationFactory(event=event, name="Silent Org", focal_point_email="")
    client.force_login(protocol)
    response = client.post(action("delegation_invitation_send", silent))
    assert response.status_code == 400
    assert "Silent Org has no focal point e-mail" in response.content.decode()
    assert not Invitation.objects.exists()


def test_detail_shows_the_invitation_state(client, kenya, protocol):
    InvitationFactory(delegation=kenya, revoked_at=local(kenya.event, -40, 9))
    live = InvitationFactory(delegation=kenya)
    client.force_login(protocol)
    page = client.get(detail(kenya)).content.decode()
    assert f"Sent to {live.email} on" in page and "Works until" in page
    assert "Earlier links" in page and "revoked" in page


# Bulk invitation


def test_invite_lists_the_countries_of_a_group_not_yet_invited(client, event, protocol, kenya):
    InvitationFactory(delegation=kenya)
    client.force_login(protocol)
    response = client.get(INVITE, {"group": RegionalGroup.AFRICAN})
    countries = [c.code for c, _check, _email in response.context["form"].rows]
    assert len(countries) == 53 and "KE" not in countries and "NG" in countries


def test_invite_leaves_out_the_host_country(client, event, protocol):
    event.host_country = country("VN")
    event.save()
    client.force_login(protocol)
    response = client.get(INVITE, {"group": RegionalGroup.ASIA_PACIFIC})
    countries = [c.code for c, _check, _email in response.context["form"].rows]
    assert "VN" not in countries and "TH" in countries


@pytest.fixture
def eager():
    from config.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


def test_invite_countries_and_organisations_in_one_go(client, event, protocol, kenya, eager,
                                                      django_capture_on_commit_callbacks,
                                                      mailoutbox):
    client.force_login(protocol)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(INVITE, {
            "group": RegionalGroup.AFRICAN, "c-NG": "on", "e-NG": "mission@nigeria.example",
            "c-KE": "on", "e-KE": "mission@kenya.example",
            "organisations": "ngo; Access Now; policy@accessnow.example\n\n"
                             "Research institution\tInstitut Pasteur\tlab@pasteur.example"})
    assert response.status_code == 302
    assert "4 delegations invited" in client.get(LIST).content.decode()
    created = Delegation.objects.filter(event=event).order_by("name")
    assert [(d.name, d.kind, d.focal_point_email) for d in created] == [
        ("Access Now", "ngo", "policy@accessnow.example"),
        ("Institut Pasteur", "research", "lab@pasteur.example"),
        ("Kenya", "state", "mission@kenya.example"),
        ("Nigeria", "state", "mission@nigeria.example")]
    assert Invitation.objects.filter(revoked_at__isnull=True).count() == 4
    assert sorted(m.to[0] for m in mailoutbox) == [
        "lab@pasteur.example", "mission@kenya.example", "mission@nigeria.example",
        "policy@accessnow.example"]


def test_invite_page_gives_the_deadline_at_the_venue(client, protocol, settings, db):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    paris = EventFactory(time_zone="Europe/Paris")
    paris.registration_deadline = datetime.combine(paris.start_date - timedelta(days=10),
                                                   time(9, 0), tzinfo=paris.tz)
    paris.save()
    client.force_login(protocol)
    session = client.session
    session["event_id"] = paris.pk
    session.save()
    page = client.get(INVITE).content.decode()
    day = (paris.start_date - timedelta(days=10)).isoformat()
    assert f"The links work until {day} 09:00 (the registration deadline)." in text_of(page)


def test_invite_says_how_many_were_invited(client, event, protocol):
    client.force_login(protocol)
    response = client.post(INVITE, {"organisations": "igo; OECD; sg@oecd.example\n"
                                                     "un_entity; UNODC; unodc@un.example"},
                           follow=True)
    assert "2 delegations invited: the links are on their way." in response.content.decode()


@pytest.mark.parametrize("data, error", [
    ({}, "Choose at least one country or paste at least one organisation."),
    ({"c-NG": "on", "e-NG": ""}, "Nigeria: enter the focal point&#x27;s e-mail."),
    ({"c-NG": "on", "e-NG": "nigeria"}, "Nigeria: Enter a valid email address."),
    ({"organisations": "ngo; Access Now"}, "Line 1: write the kind, the name and the focal "
                                           "point&#x27;s e-mail, separated by semicolons."),
    ({"organisations": "\ncharity; Oxfam; a@oxfam.example"},
     "Line 2: “charity” is not a kind of organisation; use one of: Intergovernmental "
     "organisation, UN entity, Non-governmental organisation, Private sector, Research "
     "institution."),
    ({"organisations": "state; Kenya; a@kenya.example"},
     "Line 1: states are invited from the list of countries."),
    ({"organisations": "ngo; ; a@x.example"}, "Line 1: the name is missing."),
    ({"organisations": "ngo; Oxfam; not-an-address"},
     "Line 1: “not-an-address” is not a valid e-mail address."),
    ({"organisations": "ngo; Oxfam; a@oxfam.example\nngo; oxfam; b@oxfam.example"},
     "Line 2: oxfam is on an earlier line already."),
])
def test_invite_errors_name_the_line_and_invite_nobody(client, event, protocol, data, error):
    client.force_login(protocol)
    response = client.post(INVITE, {"group": RegionalGroup.AFRICAN, **data})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Invitation.objects.exists()
    assert not Delegation.objects.exists()


def test_invite_refuses_an_organisation_already_invited(client, event, protocol):
    InvitationFactory(delegation=DelegationFactory(event=event, name="Access Now",
                                                   focal_point_email="a@an.example"))
    client.force_login(protocol)
    response = client.post(INVITE, {"organisations": "ngo; ACCESS NOW; b@an.example\n"
                                                     "igo; OECD; sg@oecd.example"})
    assert response.status_code == 400
    assert "Line 1: Access Now was invited already" in response.content.decode()
    assert Invitation.objects.count() == 1
    assert not Delegation.objects.filter(name="OECD").exists()


def test_invite_refuses_a_country_invited_meanwhile(client, event, protocol, kenya):
    InvitationFactory(delegation=kenya)
    client.force_login(protocol)
    response = client.post(INVITE, {"group": "", "c-KE": "on", "e-KE": "x@kenya.example"})
    # Kenya is no longer offered: its checkbox is not a field, so nothing was chosen.
    assert response.status_code == 400
    assert Invitation.objects.count() == 1


# Arrivals and departures


@pytest.fixture
def travellers(event, kenya, protocol):
    france = DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("FR"),
                               name="France", hotel="Metropole")
    MemberFactory(delegation=france, family_name="Barrot", given_names="Jean-Noël",
                  arrival_at=local(event, -1, 7, 5), arrival_flight="AF 170",
                  arrival_airport="HAN", departure_at=local(event, 2, 22, 40),
                  departure_flight="AF 171", departure_airport="HAN")
    MemberFactory(delegation=france, family_name="Dupont", arrival_at=local(event, -1, 14),
                  arrival_flight="VN 12", arrival_airport="SGN")
    declined = DelegationFactory(event=event, name="Gone", status=DelegationStatus.DECLINED)
    MemberFactory(delegation=declined, family_name="Absent", arrival_at=local(event, -1, 10))
    return france


def test_arrivals_board_groups_by_airport_in_local_time(client, protocol, travellers, event):
    client.force_login(protocol)
    day = event.start_date - timedelta(days=1)
    response = client.get(ARRIVALS, {"day": day.isoformat()})
    assert response.status_code == 200
    rows = [(airport["code"], [m.family_name for row in airport["rows"]
                               for m in row["members"]])
            for airport in response.context["arrivals"]["airports"]]
    assert rows == [("HAN", ["Barrot", "Mudavadi"]), ("SGN", ["Dupont"])]
    page = response.content.decode()
    assert "07:05" in page and "09:30" in page and "KQ 870" in page
    assert "Sheraton Hanoi" in page and "Metropole" in page and "Lan Pham" in page
    assert "Absent" not in page
    assert "data-print-page" in page and "<script>" not in page and 'style="' not in page


def test_arrivals_board_defaults_to_the_first_arrival_day(client, protocol, travellers, event):
    client.force_login(protocol)
    response = client.get(ARRIVALS)
    assert response.context["day"] == event.start_date - timedelta(days=1)
    departures = client.get(ARRIVALS, {"day": (event.start_date + timedelta(days=2))
                                       .isoformat()})
    assert [m.family_name for airport in departures.context["departures"]["airports"]
            for row in airport["rows"] for m in row["members"]] == ["Barrot"]
    assert "22:40" in departures.content.decode()


def test_arrivals_board_links_the_nearest_travel_days_at_the_venue(client, protocol,
                                                                  travellers, event):
    # Late on day 3 at the venue is still day 3 there; early on day 5 at the venue is the
    # evening of day 4 in UTC, and still day 5 on the board. The declined delegation's
    # traveller counts for nothing.
    MemberFactory(delegation=travellers, family_name="Tardif", arrival_at=local(event, 3, 23, 30))
    MemberFactory(delegation=travellers, family_name="Matinal", arrival_at=local(event, 5, 5))
    declined = DelegationFactory(event=event, name="Also gone",
                                 status=DelegationStatus.DECLINED)
    MemberFactory(delegation=declined, family_name="Absent", arrival_at=local(event, 6, 9))
    client.force_login(protocol)

    def around(offset):
        day = event.start_date + timedelta(days=offset)
        context = client.get(ARRIVALS, {"day": day.isoformat()}).context
        return [(d - event.start_date).days if d else None
                for d in (context["previous"], context["next"])]

    assert around(-1) == [None, 2]
    assert around(0) == [-1, 2]
    assert around(2) == [-1, 3]
    assert around(3) == [2, 5]
    assert around(4) == [3, 5]
    assert around(5) == [3, None]
    assert around(-5) == [None, -1]


def test_arrivals_board_with_a_bad_day_says_so(client, protocol, travellers, event):
    client.force_login(protocol)
    response = client.get(ARRIVALS, {"day": "2026-13-45"})
    assert response.status_code == 200
    assert "“2026-13-45” is not a date: showing the default day." in response.content.decode()
    assert response.context["day"] == event.start_date - timedelta(days=1)


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "9999-12-30", "1900-01-01"])
def test_arrivals_board_far_from_the_event_shows_the_default_day(client, protocol, travellers,
                                                                 event, day):
    client.force_login(protocol)
    response = client.get(ARRIVALS, {"day": day})
    assert response.status_code == 200
    assert f"{day} is more than a year away from the event: showing the default day." in \
        response.content.decode()
    assert response.context["day"] == event.start_date - timedelta(days=1)


@pytest.mark.parametrize("day", [date(9999, 12, 31), date(1, 1, 1)])
def test_arrivals_queries_at_the_edge_of_the_calendar_find_nobody(travellers, event, day):
    from logistics.delegations.queries import delegations as delegation_queries

    assert list(delegation_queries.arrivals_on(event, day)) == []
    assert list(delegation_queries.departures_on(event, day)) == []


def test_arrivals_board_empty_day(client, protocol, event):
    client.force_login(protocol)
    page = client.get(ARRIVALS).content.decode()
    assert "Nobody arrives on this day." in page and "Nobody departs on this day." in page


def test_arrivals_board_query_count_does_not_grow(client, event, protocol):
    client.force_login(protocol)

    def make(count):
        for _ in range(count):
            delegation = DelegationFactory(event=event, liaison_officer=UserFactory())
            MemberFactory(delegation=delegation, arrival_at=local(event, -1, 8),
                          arrival_airport="HAN", departure_at=local(event, 2, 8),
                          departure_airport="HAN")

    day = {"day": (event.start_date - timedelta(days=1)).isoformat()}
    make(1)
    response = same_queries(lambda: client.get(ARRIVALS, day), lambda: make(2))
    assert response.context["arrivals"]["delegations"] == 3
