"""A row action refused says so in its row, not on top of the page: every list with row
actions (security vetting's queue, the signing board, the speakers list), after the redirect
back to the list and within an htmx swap. A refusal whose row the list does not show goes on
top, so that none is lost."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from logistics.delegations.enums import DelegationLevel
from logistics.signing.services import signing_create
from logistics.speakers.services import speaker_inscribe
from tests.factories.accreditation import journalist
from tests.factories.delegations import country
from tests.factories.programme import at
from tests.factories.protocol import PlenaryFactory
from tests.factories.signing import StateDelegationFactory

TOP_ALERT = re.compile(r'<div class="alert alert-danger" role="alert">(.*?)</div>', re.S)


def in_row(page, row_id, text):
    """Whether `text` is shown as a row error after the row `row_id` starts and before the
    next row of the list (a row's own notice row, as the signing board has, belongs to it)."""
    start = page.index(f'id="{row_id}"')
    rest = page[start + 1:]
    following = re.search(r'<tr id="|<tr data-testid="[a-z-]+-row"', rest)
    row = rest[:following.start()] if following else rest
    return 'data-testid="row-error"' in row and text in row


def on_top(page, text):
    return any(text in alert for alert in TOP_ALERT.findall(page))


def vetting_case(event, users):
    application = journalist(event)
    return (users["vetter"], reverse("accreditation:vetting_decide", args=[application.pk]),
            {"decision": "flag", "reason": " ", "query": ""},
            f"vetting-{application.pk}", "Say why the applicant is flagged")


def signing_verify_case(event, users):
    signing = signing_create(event=event, by=users["protocol"],
                             delegation=StateDelegationFactory(event=event,
                                                               country=country("GH")),
                             signatory_name="Kwame Boateng",
                             signatory_level=DelegationLevel.AMBASSADOR)
    return (users["protocol"], reverse("logistics:signing_verify", args=[signing.pk]), {},
            f"signing-{signing.pk}", "have not been received yet")


def signing_move_case(event, users):
    signing = signing_create(event=event, by=users["protocol"],
                             delegation=StateDelegationFactory(event=event,
                                                               country=country("KE")),
                             signatory_level=DelegationLevel.HEAD_OF_STATE)
    return (users["protocol"], reverse("logistics:signing_move", args=[signing.pk]),
            {"position": "zero"}, f"signing-{signing.pk}", "Kenya")


def speaker_case(event, users):
    session = PlenaryFactory(event=event, title="General debate")
    slot = speaker_inscribe(session=session, by=users["protocol"],
                            delegation=StateDelegationFactory(event=event, country=country("FR")),
                            level=DelegationLevel.MINISTER, speaker_name="H.E. the Speaker",
                            language="en", inscribed_at=at(event, 8) - timedelta(minutes=1))
    return (users["protocol"], reverse("logistics:speaker_edit", args=[slot.pk]),
            {"speaker_name": "", "language": "en", "level": "minister",
             "time_limit_minutes": "99"}, f"speaker-{slot.pk}", "France")


CASES = [vetting_case, signing_verify_case, signing_move_case, speaker_case]


@pytest.fixture
def users(vetter, protocol):
    return {"vetter": vetter, "protocol": protocol}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__)
def test_a_refused_row_action_says_so_in_its_row(client, event, cats, users, case):
    user, url, data, row_id, says = case(event, users)
    client.force_login(user)
    response = client.post(url, data)
    assert response.status_code == 302
    # Back at the row, so the browser scrolls to it.
    assert response["Location"].endswith(f"#{row_id}")
    page = client.get(response["Location"]).content.decode()
    assert in_row(page, row_id, says), page[page.index(f'id="{row_id}"'):][:3000]
    assert not on_top(page, says)
    # Said once: the next visit is clean.
    assert 'data-testid="row-error"' not in client.get(response["Location"]).content.decode()


def test_a_refusal_whose_row_is_not_shown_goes_on_top(client, event, cats, vetter):
    application = journalist(event)
    client.force_login(vetter)
    client.post(reverse("accreditation:vetting_decide", args=[application.pk]),
                {"decision": "flag", "reason": "", "query": "vetting=cleared"})
    page = client.get(f'{reverse("accreditation:vetting_queue")}?vetting=cleared')
    page = page.content.decode()
    assert f'id="vetting-{application.pk}"' not in page
    assert on_top(page, "Say why the applicant is flagged")


def test_an_htmx_refusal_is_in_the_swapped_row(client, event, users):
    """The ceremony's "signed" (htmx) already answered in the row; it stays so beside the
    rows' other refusals."""
    _, _, _, row_id, _ = signing_verify_case(event, users)
    pk = int(row_id.removeprefix("signing-"))
    client.force_login(users["protocol"])
    response = client.post(reverse("logistics:signing_signed", args=[pk]),
                           HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "<html" not in page  # the board alone, swapped in place
    start = page.index(f'id="{row_id}"')
    notice = page[start:].index('data-testid="signing-notice"')
    assert "full powers" in page[start:][notice:notice + 400].lower()
