"""The registration form's member rows: "Add a member" copies a row in the page up to the
quota (static/js/accord.js); without JavaScript the blank rows the server sends do the same,
one save at a time. The server takes what the page can send, and no more than the quota."""

import re

import pytest
from django.urls import reverse

from logistics.delegations.enums import DelegationKind
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.registration import InvitationFactory


@pytest.fixture
def invitation(event):
    delegation = DelegationFactory(event=event, kind=DelegationKind.STATE,
                                   country=country("KE"), name="Kenya", size_quota=5,
                                   focal_point_email="mission@kenya.example")
    return InvitationFactory(delegation=delegation)


def page(client, invitation):
    response = client.get(reverse("register", args=[invitation.token]))
    assert response.status_code == 200
    return response.content.decode()


def post(client, invitation, count):
    data = {"d-head_name": "Amina Mohamed", "d-focal_point_email": "mission@kenya.example",
            "m-TOTAL_FORMS": str(count), "m-INITIAL_FORMS": "0", "m-MIN_NUM_FORMS": "0",
            "m-MAX_NUM_FORMS": "5", "privacy_consent": "on"}
    data.update({f"m-{n}-family_name": f"Member {n}" for n in range(count)})
    return client.post(reverse("register", args=[invitation.token]), data)


@pytest.mark.parametrize(("registered", "rows"), [(0, 3), (2, 1), (4, 1), (5, 0)])
def test_the_page_offers_an_add_button_a_row_to_copy_and_the_quota(client, invitation,
                                                                    registered, rows):
    for _number in range(registered):
        MemberFactory(delegation=invitation.delegation)
    html = page(client, invitation)
    # The rows a browser without JavaScript fills in, as before.
    assert len(re.findall(r'name="m-\d+-family_name"', html)) == registered + rows
    # The row "Add a member" copies, its index and number to be filled in; the quota the
    # script stops at.
    template = html[html.index("<template data-formset-template=\"m\">"):]
    template = template[:template.index("</template>")]
    assert 'name="m-__prefix__-family_name"' in template
    assert "Member __number__" in template
    assert 'name="m-MAX_NUM_FORMS" value="5"' in html
    assert re.search(r'<button [^>]*data-formset-add="m"[^>]*hidden', html)
    # Every behaviour comes from the site's own script, never from the page.
    assert "<script>" not in html and "onclick" not in html


def test_rows_added_in_the_page_are_saved_in_one_go(client, invitation):
    assert post(client, invitation, 5).status_code == 302
    assert invitation.delegation.members.count() == 5


def test_more_rows_than_the_quota_are_refused(client, invitation):
    response = post(client, invitation, 6)
    assert response.status_code == 400
    assert invitation.delegation.members.count() == 0
