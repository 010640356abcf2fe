"""What the protocol office reads on the delegation pages: names in one order, what a
registration still lacks, the bulk invitation's countries and kinds, the arrivals board
grouped by delegation and flight, and figures that keep their order in Arabic."""

from datetime import datetime, time, timedelta

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from logistics.core.enums import Role
from logistics.core.names import display_name, person_name
from logistics.delegations.enums import DelegationKind, DelegationStatus, RegionalGroup
from logistics.delegations.errors import InvitationRejected
from logistics.delegations.forms import parse_organisation_lines
from logistics.delegations.models import Delegation, Invitation
from logistics.delegations.services.invitations import delegations_invite
from logistics.templatetags.accord import airport_name
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.plan import UserFactory, user_with_role
from tests.factories.registration import IDENTITY, pdf_upload, photo_upload
from tests.queries import same_queries

LIST = reverse("logistics:delegation_list")
ARRIVALS = reverse("logistics:arrivals")
INVITE = reverse("logistics:delegation_invite")


def local(event, days, hour, minute=0):
    return datetime.combine(event.start_date + timedelta(days=days), time(hour, minute),
                            tzinfo=event.tz)


def detail(delegation):
    return reverse("logistics:delegation_detail", args=[delegation.pk])


def in_arabic(client):
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})


# Names


def test_a_person_is_named_family_name_in_capitals_first():
    assert person_name("Araújo", "João") == "ARAÚJO João"
    assert person_name("Nguyễn", "Văn An") == "NGUYỄN Văn An"
    assert person_name("بن علي", "هدى") == "بن علي هدى"
    assert person_name("Sukarno", "") == "SUKARNO"
    assert display_name(None) == ""


@pytest.fixture
def angola(event):
    delegation = DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("AO"),
                                   name="Angola", head_name="João Araújo",
                                   head_title="President of Angola", size_quota=30,
                                   status=DelegationStatus.REGISTERED,
                                   registered_at=timezone.now())
    MemberFactory(delegation=delegation, family_name="Araújo", given_names="João", **IDENTITY,
                  is_head=True, photo=photo_upload(), arrival_flight="AF179",
                  arrival_at=local(event, -2, 6, 20), arrival_airport="HAN")
    MemberFactory(delegation=delegation, family_name="Brandão", given_names="Tiago", **IDENTITY,
                  arrival_flight="AF179", arrival_at=local(event, -2, 6, 20),
                  arrival_airport="HAN")
    MemberFactory(delegation=delegation, family_name="Simões", given_names="Estêvão", **IDENTITY)
    return delegation


def test_the_head_is_named_alike_in_the_summary_the_members_and_the_list(client, protocol,
                                                                         angola):
    client.force_login(protocol)
    # The page above its record of changes, which shows each field as it was saved.
    page = client.get(detail(angola)).content.decode().split('id="audit-trail"')[0]
    assert 'data-testid="head"><bdi>ARAÚJO João</bdi>, <bdi>President of Angola</bdi>' in page
    assert "ARAÚJO João <span" in page and "João Araújo" not in page
    assert "ARAÚJO João" in client.get(LIST).content.decode()


def test_an_unregistered_head_keeps_the_name_as_typed(client, protocol, event):
    delegation = DelegationFactory(event=event, head_name="Dr Amina Diallo")
    client.force_login(protocol)
    assert 'data-testid="head"><bdi>Dr Amina Diallo</bdi>' in client.get(detail(delegation)) \
        .content.decode()
    assert "Dr Amina Diallo" in client.get(LIST).content.decode()


# What a registration lacks


def test_an_incomplete_registration_is_counted_in_one_sentence(client, protocol, angola):
    client.force_login(protocol)
    page = client.get(detail(angola)).content.decode().split('id="audit-trail"')[0]
    assert "Registration received; still missing: photos for 2 members, an arrival flight " \
           "for 1 member, the note verbale." in page
    assert "incomplete: see the members below" in page and "completed" not in page
    names = page[page.index('data-testid="incomplete-members"'):]
    names = names[:names.index("</details>")]
    assert "<summary>Who lacks what (2 members)</summary>" in names
    assert "<bdi>BRANDÃO Tiago</bdi>: photo</li>" in names
    assert "<bdi>SIMÕES Estêvão</bdi>: photo, arrival flight and time</li>" in names
    assert "ARAÚJO" not in names


def test_an_organisation_lacks_its_nomination_letter(client, protocol, event):
    oecd = DelegationFactory(event=event, kind=DelegationKind.IGO, name="OECD",
                             status=DelegationStatus.REGISTERED, registered_at=timezone.now())
    MemberFactory(delegation=oecd, photo=photo_upload(), arrival_flight="VN1", **IDENTITY,
                  arrival_at=local(event, -1, 9))
    client.force_login(protocol)
    page = client.get(detail(oecd)).content.decode()
    assert "Registration received; still missing: the nomination letter." in page
    assert "Who lacks what" not in page


def test_a_complete_registration_says_so(client, protocol, event):
    oecd = DelegationFactory(event=event, kind=DelegationKind.IGO, name="OECD",
                             status=DelegationStatus.REGISTERED, registered_at=timezone.now(),
                             credentials_document=pdf_upload(),
                             credentials_received_at=timezone.now())
    MemberFactory(delegation=oecd, photo=photo_upload(), arrival_flight="VN1", **IDENTITY,
                  arrival_at=local(event, -1, 9))
    client.force_login(protocol)
    page = client.get(detail(oecd)).content.decode()
    assert 'data-testid="incomplete"' not in page
    assert '<span class="text-success">complete</span>' in page


def test_other_staff_see_when_the_registration_came_but_not_what_it_lacks(client, angola):
    client.force_login(user_with_role(Role.OBSERVER))
    page = client.get(detail(angola)).content.decode()
    assert "received " in page
    assert "still missing" not in page and "incomplete" not in page


# The list


def test_delegation_list_sorts_names_without_regard_to_case(client, protocol, event):
    for name in ("ASEANAPOL", "African Union Commission", "access Now", "Zambia"):
        DelegationFactory(event=event, name=name)
    client.force_login(protocol)
    order = ["access Now", "African Union Commission", "ASEANAPOL", "Zambia"]
    assert [d.name for d in client.get(LIST).context["page"]] == order
    assert [d.name for d in client.get(LIST, {"sort": "-name"}).context["page"]] == \
        order[::-1]
    assert [d.name for d in client.get(LIST, {"sort": "kind"}).context["page"]] == order


def test_member_counts_keep_their_order_in_arabic(client, protocol, angola):
    client.force_login(protocol)
    in_arabic(client)
    page = client.get(LIST).content.decode()
    assert 'dir="rtl"' in page and '<bdi dir="ltr">3 / 30</bdi>' in page


def test_delegation_list_query_count_with_registered_heads(client, event, protocol):
    client.force_login(protocol)

    def make(count):
        for _ in range(count):
            delegation = DelegationFactory(event=event, liaison_officer=UserFactory())
            MemberFactory(delegation=delegation, is_head=True)
            MemberFactory(delegation=delegation)

    make(1)
    response = same_queries(lambda: client.get(LIST), lambda: make(2))
    assert [d.member_count for d in response.context["page"]] == [2, 2, 2]


# Bulk invitation


@pytest.fixture
def cambodia(event):
    return DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("KH"),
                             name="Cambodia", status=DelegationStatus.DECLINED,
                             focal_point_email="focal@cambodia.example")


def test_a_declined_state_is_not_offered_but_shown_apart(client, protocol, cambodia):
    client.force_login(protocol)
    response = client.get(INVITE, {"group": RegionalGroup.ASIA_PACIFIC})
    offered = [c.code for c, _check, _email in response.context["form"].rows]
    assert "KH" not in offered and "TH" in offered
    page = response.content.decode()
    assert 'data-testid="declined-states"' in page
    assert f'href="{detail(cambodia)}">Cambodia</a>' in page
    other_group = client.get(INVITE, {"group": RegionalGroup.AFRICAN}).content.decode()
    assert 'data-testid="declined-states"' not in other_group


def test_inviting_a_declined_state_or_organisation_is_refused_by_name(protocol, event,
                                                                      cambodia):
    DelegationFactory(event=event, name="Oxfam", status=DelegationStatus.DECLINED)
    with pytest.raises(InvitationRejected) as refused:
        delegations_invite(event=event, by=protocol,
                           countries=[(country("KH"), "new@cambodia.example")],
                           organisations=[("Line 1", "ngo", "Oxfam", "a@oxfam.example")])
    assert refused.value.errors == [
        "Cambodia declined: set its status back to invited on its page first.",
        "Line 1: Oxfam declined: set its status back to invited on its page first."]
    assert not Invitation.objects.exists()


def test_an_email_typed_for_an_unticked_state_is_an_error(client, protocol, event):
    client.force_login(protocol)
    response = client.post(INVITE, {"group": RegionalGroup.AFRICAN,
                                    "e-NG": "mission@nigeria.example",
                                    "organisations": "igo; OECD; sg@oecd.example"})
    assert response.status_code == 400
    assert "Nigeria: an e-mail is entered but the box is not ticked: tick it to invite " \
           "Nigeria, or clear the e-mail." in response.content.decode()
    assert not Delegation.objects.exists()


def test_a_known_address_left_unticked_is_not_an_error(client, protocol, event):
    DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("NG"),
                      name="Nigeria", focal_point_email="mission@nigeria.example",
                      status=DelegationStatus.INVITED)
    client.force_login(protocol)
    response = client.post(INVITE, {"group": RegionalGroup.AFRICAN,
                                    "e-NG": "mission@nigeria.example",
                                    "organisations": "igo; OECD; sg@oecd.example"})
    assert response.status_code == 302
    assert list(Invitation.objects.values_list("delegation__name", flat=True)) == ["OECD"]


def test_the_email_field_ticks_its_box(client, protocol, event):
    client.force_login(protocol)
    page = client.get(INVITE, {"group": RegionalGroup.AFRICAN}).content.decode()
    assert 'name="e-NG" id="id_e-NG" value="" data-ticks="id_c-NG"' in page


@pytest.mark.parametrize("kind_text, kind", [
    ("igo", "igo"), ("Intergovernmental organisation", "igo"), ("UN entity", "un_entity"),
    ("un entity", "un_entity"), ("UN_ENTITY", "un_entity"),
    ("non-governmental organisation", "ngo"), ("Private sector", "private_sector"),
    ("research institution", "research"),
])
def test_organisation_lines_take_kinds_by_name_or_code(kind_text, kind):
    assert parse_organisation_lines(f"{kind_text}; Some Body; a@body.example") == [
        ("Line 1", kind, "Some Body", "a@body.example")]


def test_organisation_kinds_are_shown_by_name(client, protocol, event):
    client.force_login(protocol)
    page = client.get(INVITE).content.decode()
    assert "Kinds: Intergovernmental organisation, UN entity, Non-governmental organisation, " \
           "Private sector, Research institution." in page
    assert "un_entity" not in page and "private_sector" not in page
    assert 'placeholder="Non-governmental organisation; Access Now;' in page


# Arrivals board


@pytest.fixture
def flights(event, protocol, angola):
    angola.liaison_officer = protocol
    angola.hotel = "Sofitel Legend Metropole Hanoi"
    angola.save()
    MemberFactory(delegation=angola, family_name="Conceição", given_names="Letícia",
                  arrival_flight="AF179", arrival_at=local(event, -2, 6, 20),
                  arrival_airport="HAN", hotel="Daewoo Hotel")
    chile = DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("CL"),
                              name="Chile")
    MemberFactory(delegation=chile, family_name="Núñez", given_names="Ximena",
                  arrival_flight="AF179", arrival_at=local(event, -2, 6, 20),
                  arrival_airport="HAN")
    MemberFactory(delegation=chile, family_name="Pérez", given_names="José",
                  arrival_flight="LA800", arrival_at=local(event, -2, 23, 5),
                  arrival_airport="XSP")
    MemberFactory(delegation=chile, family_name="Muñoz", given_names="Paula",
                  arrival_flight="EK394", arrival_at=local(event, -2, 8), arrival_airport="")
    return event.start_date - timedelta(days=2)


def test_arrivals_board_has_one_row_per_delegation_and_flight(client, protocol, flights):
    client.force_login(protocol)
    board = client.get(ARRIVALS, {"day": flights.isoformat()}).context["arrivals"]
    assert (board["people"], board["delegations"]) == (6, 2)
    rows = [(airport["code"], airport["people"], airport["delegations"],
             [(row["flight"], row["delegation"].name, [str(m) for m in row["members"]],
               row["hotels"]) for row in airport["rows"]])
            for airport in board["airports"]]
    assert rows == [
        ("", 1, 1, [("EK394", "Chile", ["Muñoz Paula"], [])]),
        ("HAN", 4, 2, [
            ("AF179", "Angola", ["Araújo João", "Brandão Tiago", "Conceição Letícia"],
             ["Sofitel Legend Metropole Hanoi", "Daewoo Hotel"]),
            ("AF179", "Chile", ["Núñez Ximena"], [])]),
        ("XSP", 1, 1, [("LA800", "Chile", ["Pérez José"], [])]),
    ]


def test_arrivals_board_names_airports_and_totals(client, protocol, flights):
    client.force_login(protocol)
    page = client.get(ARRIVALS, {"day": flights.isoformat()}).content.decode()
    assert 'data-testid="arrival-total">6 people, 2 delegations</span>' in page
    assert "HAN</span> · Noi Bai International" in page
    assert "XSP</span>\n" in page  # an unknown code is shown as it is
    assert "Airport not given" in page
    assert "· 4 people, 2 delegations</span>" in page
    row = page[page.index('href="' + detail(Delegation.objects.get(name="Angola"))):]
    row = row[:row.index("</tr>")]
    assert "<bdi>ARAÚJO João</bdi> <span class=\"badge text-bg-primary\">Head</span>, " \
           "<bdi>BRANDÃO Tiago</bdi>, <bdi>CONCEIÇÃO Letícia</bdi>" in row
    assert '<span class="badge text-bg-secondary me-1" title="People">3</span>' in row
    assert "Sofitel Legend Metropole Hanoi; Daewoo Hotel" in row and "Lan Pham" in row
    assert page.count('<col class="board-col-time">') == 3


def test_airport_names():
    assert str(airport_name("SGN")) == "Tan Son Nhat International"
    assert str(airport_name("dad ")) == "Da Nang International"
    assert airport_name("XSP") == "" and airport_name(None) == ""


def test_arrivals_board_query_count_does_not_grow_with_delegations(client, event, protocol):
    client.force_login(protocol)

    def make(count):
        for _ in range(count):
            delegation = DelegationFactory(event=event, liaison_officer=UserFactory())
            MemberFactory.create_batch(3, delegation=delegation, arrival_at=local(event, -1, 8),
                                       arrival_flight="VN1", arrival_airport="HAN")

    day = {"day": (event.start_date - timedelta(days=1)).isoformat()}
    make(1)
    response = same_queries(lambda: client.get(ARRIVALS, day), lambda: make(2))
    assert (response.context["arrivals"]["people"],
            len(response.context["arrivals"]["airports"][0]["rows"])) == (9, 3)


# Favicon


@pytest.mark.parametrize("url", [reverse("login"), LIST, reverse("side_event_propose")])
def test_staff_and_public_pages_link_the_favicon(client, protocol, event, url):
    client.force_login(protocol)
    page = client.get(url).content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in page
    assert finders.find("img/favicon.svg")
