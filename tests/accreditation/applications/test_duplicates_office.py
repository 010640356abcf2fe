"""What the office does with an application held as a possible duplicate: release it to the
queue once the other is no longer live, reject it, or withdraw it, each move recorded with
its reason. A move its sender cannot see (held, released) mails nothing and tells no
webhook; the refusal of a release names the other application, never why."""

import re

import pytest
from django.urls import reverse

from accreditation.applications.models.applications import Application, Transition
from accreditation.applications.services.applications import (
    application_approve,
    application_reject,
    application_release,
    application_update,
    application_withdraw,
)
from accreditation.enums import ApplicationStatus
from accreditation.errors import DelegationMediaRule, DuplicateApplication
from accreditation.integrations.services.webhooks import webhook_register
from logistics.core.errors import InvalidTransition
from logistics.delegations.enums import DelegationLevel
from tests.api.accreditation_fixtures import key_client, subscriber  # noqa: F401
from tests.factories.accreditation import journalist
from tests.factories.delegations import DelegationFactory

S = ApplicationStatus
WHY = re.compile(r"document|passport|number|e-?mail|address", re.IGNORECASE)


@pytest.fixture
def pair(event, cats):
    """A live application and one held as its possible duplicate (the same address)."""
    live = journalist(event, email="same@vna.example")
    held = journalist(event, email="SAME@vna.example")
    assert (held.status, held.duplicate_of) == (S.POSSIBLE_DUPLICATE, live)
    return live, held


def test_a_release_waits_until_the_other_is_no_longer_live(pair, officer, subscriber,  # noqa: F811
                                                          key_client, mailoutbox,  # noqa: F811
                                                          celery_eager,
                                                          django_capture_on_commit_callbacks):
    live, held = pair
    key = key_client("accreditation:write")
    webhook_register(api_key=key.key, url=subscriber.url,
                     events=["application.status_changed"])
    with pytest.raises(DuplicateApplication) as refused:
        application_release(application=held, by=officer)
    assert live.reference in refused.value.message
    assert not WHY.search(refused.value.message)
    application_withdraw(application=live, by=officer, reason="Applied twice.")
    mailoutbox.clear()
    subscriber.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        application_release(application=held, by=officer)
    held.refresh_from_db()
    assert (held.status, held.duplicate_of) == (S.SUBMITTED, None)
    last = Transition.objects.filter(application=held).last()
    assert (last.from_status, last.to_status, last.by, last.reason) == (
        S.POSSIBLE_DUPLICATE, S.SUBMITTED, officer,
        f"Released to the queue: {live.reference} is no longer live.")
    # To its sender it was submitted all along: nothing to tell.
    assert mailoutbox == [] and subscriber.received == []
    # In the queue now, it goes on as any other.
    application_reject(application=held, by=officer, reason="No letter of assignment.")


def test_only_a_held_application_is_released(event, cats, officer):
    application = journalist(event)
    with pytest.raises(InvalidTransition):
        application_release(application=application, by=officer)


@pytest.mark.parametrize("decide", ["reject", "withdraw"])
def test_a_held_application_is_rejected_or_withdrawn_and_the_applicant_told(
        pair, officer, decide, mailoutbox, celery_eager, django_capture_on_commit_callbacks):
    _live, held = pair
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        if decide == "reject":
            application_reject(application=held, by=officer, reason="Already accredited.")
        else:
            application_withdraw(application=held, by=officer, reason="Entered twice.")
    held.refresh_from_db()
    assert held.status == (S.REJECTED if decide == "reject" else S.WITHDRAWN)
    last = Transition.objects.filter(application=held).last()
    assert (last.from_status, last.by) == (S.POSSIBLE_DUPLICATE, officer)
    assert [m.to for m in mailoutbox] == [[held.email]]


def test_a_held_application_is_not_approved_before_its_release(pair, officer):
    _live, held = pair
    with pytest.raises(InvalidTransition):
        application_approve(application=held, by=officer)


def test_a_correction_of_a_held_application_keeps_it_held_for_the_office(pair):
    """Its sender sees it submitted and may correct it, as any submitted application; to
    an address of their own, too: the office releases it, not the correction."""
    live, held = pair
    application_update(application=held, email="mine@vna.example")
    held.refresh_from_db()
    assert (held.status, held.duplicate_of, held.email) == (S.POSSIBLE_DUPLICATE, live,
                                                            "mine@vna.example")


def test_the_office_releases_on_the_page(client, pair, officer):
    live, held = pair
    client.force_login(officer)
    url = reverse("accreditation:application_detail", args=[held.pk])
    page = client.get(url).content.decode()
    assert 'value="release"' in page and 'value="approve"' not in page
    decide = reverse("accreditation:application_decide", args=[held.pk])
    refused = client.post(decide, {"action": "release"}, follow=True)
    messages = [str(m) for m in refused.context["messages"]]
    assert len(messages) == 1 and live.reference in messages[0]
    assert not WHY.search(messages[0])
    application_withdraw(application=live, by=officer)
    done = client.post(decide, {"action": "release", "reason": "The other was withdrawn."},
                       follow=True)
    assert [str(m) for m in done.context["messages"]] == [
        f"{held.reference} is released to the queue (submitted)."]
    assert Transition.objects.filter(application=held).last().reason == \
        "The other was withdrawn."


def test_the_api_releases_with_the_decide_scope(pair, key_client, officer):  # noqa: F811
    live, held = pair
    decider = key_client("accreditation:decide")
    url = f"/api/v1/applications/{held.reference}/release/"
    refused = decider.post(url, {}, format="json")
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "duplicate_application"
    assert live.reference in refused.json()["error"]["message"]
    application_withdraw(application=live, by=officer)
    response = decider.post(url, {"reason": "Checked with the outlet."}, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["possible_duplicate_of"]) == (
        "submitted", None)
    assert key_client("accreditation:write").post(url, {}, format="json").status_code == 403
    assert Application.objects.get(pk=held.pk).status == S.SUBMITTED


@pytest.mark.parametrize("head_level, released", [
    (DelegationLevel.FOREIGN_MINISTER, True), (DelegationLevel.SENIOR_OFFICIAL, False)])
def test_a_release_checks_the_delegation_media_rule_again(event, cats, officer, head_level,
                                                          released, key_client):  # noqa: F811
    """A delegation's photographer held while its delegation was minister-led goes to the
    queue only if it still is: the rule is checked again, with its own words and code."""
    minister = DelegationFactory(event=event, name="Brazil",
                                 head_level=DelegationLevel.FOREIGN_MINISTER)
    live = journalist(event, email="same@vna.example")
    held = journalist(event, outlet=None, delegation=minister, media_role="photographer",
                      email="SAME@vna.example")
    application_withdraw(application=live, by=officer)
    type(minister).objects.filter(pk=minister.pk).update(head_level=head_level)
    if released:
        application_release(application=held, by=officer)
    else:
        with pytest.raises(DelegationMediaRule) as refused:
            application_release(application=held, by=officer)
        assert refused.value.message == (
            "Only a delegation led by a head of state or government or a minister brings its "
            "own media; Brazil is not.")
        answer = key_client("accreditation:decide").post(
            f"/api/v1/applications/{held.reference}/release/", {}, format="json")
        assert (answer.status_code, answer.json()["error"]["code"]) == (409, "delegation_media")
    assert Application.objects.get(pk=held.pk).status == (
        S.SUBMITTED if released else S.POSSIBLE_DUPLICATE)
