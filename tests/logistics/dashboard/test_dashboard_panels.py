"""The dashboard's panels on delegations, the signing ceremony, side events and today's
arrivals: right figures, shown only to the roles allowed, in a constant number of queries."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from logistics.core.enums import Role
from logistics.dashboard import queries as panels
from logistics.delegations.enums import DelegationKind, DelegationLevel, DelegationStatus
from logistics.side_events.enums import ProposalStatus
from logistics.signing.enums import SigningPlace
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.plan import UserFactory, user_with_role
from tests.factories.side_events import ProposalFactory
from tests.factories.signing import SigningFactory, StateDelegationFactory
from tests.queries import same_queries


def _landing(event, hour, *, days=0):
    return datetime.combine(event.today() + timedelta(days=days), time(hour), tzinfo=event.tz)


@pytest.fixture
def scene(event):
    """Three states (two attending, one declined), an NGO, two signings, proposals in
    three states, and four people landing today (one from the declined state)."""
    france = StateDelegationFactory(event=event, country=country("FR"), intends_to_sign=True,
                                    status=DelegationStatus.REGISTERED)
    kenya = StateDelegationFactory(event=event, country=country("KE"), intends_to_sign=True,
                                   status=DelegationStatus.ARRIVED,
                                   head_level=DelegationLevel.AMBASSADOR)
    chile = StateDelegationFactory(event=event, country=country("CL"),
                                   status=DelegationStatus.DECLINED)
    ngo = DelegationFactory(event=event, name="Mekong Digital Rights Network",
                            status=DelegationStatus.INVITED)
    SigningFactory(delegation=france, where=SigningPlace.PLENARY)
    SigningFactory(delegation=kenya, where=SigningPlace.TREATY_DESK,
                   signed_at=timezone.now())
    for status in (ProposalStatus.ACCEPTED, ProposalStatus.ACCEPTED, ProposalStatus.REJECTED,
                   ProposalStatus.SUBMITTED):
        ProposalFactory(event=event, status=status)
    MemberFactory(delegation=france, family_name="Lefèvre", arrival_at=_landing(event, 6))
    MemberFactory(delegation=france, family_name="Dubois", arrival_at=_landing(event, 9))
    MemberFactory(delegation=kenya, family_name="Mwangi", arrival_at=_landing(event, 4))
    MemberFactory(delegation=kenya, family_name="Kamau", arrival_at=_landing(event, 4, days=1))
    MemberFactory(delegation=chile, family_name="Núñez", arrival_at=_landing(event, 5))
    return {"france": france, "kenya": kenya, "chile": chile, "ngo": ngo}


def _counts(rows):
    return {key: count for key, _label, count in rows}


def test_delegations_are_counted_by_status(scene, event):
    figures = panels.delegations_by_status(event)
    assert figures["total"] == 4
    assert _counts(figures["rows"]) == {
        "invited": 1, "confirmed": 0, "registered": 1, "arrived": 1, "departed": 0,
        "declined": 1}


def test_attending_states_are_counted_by_regional_group(scene, event):
    figures = panels.delegations_by_group(event)
    assert (figures["states"], figures["organisations"]) == (2, 1)
    assert _counts(figures["rows"]) == {
        "african": 1, "asia_pacific": 0, "eastern_european": 0, "latin_american_caribbean": 0,
        "western_european_others": 1}


def test_expected_signatories_and_signed_count_against_the_threshold(scene, event):
    figures = panels.signing_summary(event)
    assert figures["expected"] == 2
    assert (figures["plenary"], figures["treaty_desk"]) == (1, 1)
    assert (figures["signed"], figures["threshold"], figures["reached"]) == (1, 40, False)
    assert figures["signed_percent"] == 2
    # France's head is its foreign minister (no full powers needed); Kenya's ambassador
    # needs them and they are not verified.
    assert figures["powers_pending"] == 1


def test_a_signing_of_a_state_no_longer_intending_to_sign_is_not_expected(scene, event):
    scene["france"].intends_to_sign = False
    scene["france"].save()
    assert panels.signing_summary(event)["expected"] == 1


def test_proposals_are_counted_by_status(scene, event):
    figures = panels.proposals_by_status(event)
    assert figures["total"] == 4
    assert _counts(figures["rows"]) == {
        "submitted": 1, "accepted": 2, "waitlisted": 0, "rejected": 1, "withdrawn": 0}
    assert (figures["scheduled"], figures["confirmed"]) == (0, 0)


def test_todays_arrivals_leave_out_declined_delegations_and_other_days(scene, event):
    figures = panels.arrivals_today(event, event.today())
    assert (figures["members"], figures["delegations"]) == (3, 2)
    assert [(row["name"], row["members"]) for row in figures["rows"]] == [
        ("Kenya", 1), ("France", 2)]
    assert figures["rows"][0]["first"] == _landing(event, 4)


def test_arrivals_in_the_small_hours_count_on_the_venues_day(event):
    """01:00 at the venue is still the previous evening in UTC."""
    delegation = DelegationFactory(event=event, status=DelegationStatus.REGISTERED)
    MemberFactory(delegation=delegation, arrival_at=_landing(event, 1))
    assert panels.arrivals_today(event, event.today())["members"] == 1
    assert panels.arrivals_today(event, event.today() - timedelta(days=1))["members"] == 0


def test_panels_are_empty_for_an_event_without_delegations(event, secretariat, client):
    client.force_login(secretariat)
    response = client.get(reverse("logistics:dashboard"))
    assert response.status_code == 200
    assert response.context["delegation_status"]["total"] == 0
    assert response.context["signing"]["expected"] == 0
    page = response.content.decode()
    assert "Nobody is due to land today." in page
    assert 'data-testid="delegation-panels"' in page


@pytest.mark.parametrize("role, delegations, proposals, arrivals", [
    (Role.SECRETARIAT, True, True, True),
    (Role.PROTOCOL, True, True, True),
    (Role.PROGRAMME, True, True, False),
    (Role.STEERING, True, True, False),
    (Role.OBSERVER, True, True, False),
    (Role.FOCAL_POINT, False, True, False),
])
def test_panels_follow_the_roles(client, scene, event, agency, role, delegations, proposals,
                                 arrivals):
    client.force_login(user_with_role(role, agencies=[agency]))
    response = client.get(reverse("logistics:dashboard"))
    assert response.status_code == 200
    page = response.content.decode()
    assert ('data-testid="delegations-by-status"' in page) is delegations
    assert ('data-testid="signatories"' in page) is delegations
    assert ('data-testid="proposals-by-status"' in page) is proposals
    assert ('data-testid="arrivals-today"' in page) is arrivals
    # Who lands when is personal data: no delegation's arrivals without the right.
    assert ("Arriving today" in page) is arrivals


def test_the_protocol_office_sees_the_figures(client, scene, event):
    client.force_login(user_with_role(Role.PROTOCOL))
    page = client.get(reverse("logistics:dashboard")).content.decode()
    assert 'data-status="declined">1<' in page
    assert 'data-group="african">1<' in page
    assert "States signed: 1 of a target of 40" in page
    assert '<bdi dir="ltr" data-testid="signed-ratio">1 / 40</bdi>' in page
    assert "2 states intend to sign" in page
    assert "3 people" in page
    assert f'{reverse("logistics:arrivals")}?day={event.today().isoformat()}' in page
    assert f'{reverse("logistics:delegation_list")}?status=registered' in page


def test_anonymous_users_are_sent_to_login_and_users_without_a_role_refused(client, scene):
    response = client.get(reverse("logistics:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    client.force_login(UserFactory())
    assert client.get(reverse("logistics:dashboard")).status_code == 403


def _more(event, codes):
    for i, code in enumerate(codes):
        state = StateDelegationFactory(event=event, country=country(code),
                                       intends_to_sign=True,
                                       status=DelegationStatus.REGISTERED)
        SigningFactory(delegation=state)
        ProposalFactory(event=event, status=ProposalStatus.WAITLISTED)
        MemberFactory(delegation=state, arrival_at=_landing(event, 7 + i))
        DelegationFactory(event=event, kind=DelegationKind.RESEARCH)


def test_dashboard_query_count_does_not_grow_with_delegations(client, event, secretariat):
    client.force_login(secretariat)
    _more(event, ["DE"])
    response = same_queries(lambda: client.get(reverse("logistics:dashboard")),
                            lambda: _more(event, ["JP", "BR", "EG"]))
    assert response.context["arrivals"]["members"] == 4
