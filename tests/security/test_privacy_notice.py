"""Every public form that takes personal data shows the privacy notice (who sees the data,
why, how long) and cannot be sent without its consent, which is recorded with what was
sent (logistics.core.privacy_notice).

The public pages are those docs/PERMISSIONS.md opens to an anonymous visitor; each is
opened as one, and every form it posts that asks for something typed or a file must hold
the checkbox, and the page the notice, unless it is listed below as taking no personal data, with
why. A new public page fails here until it is opened below and its forms are judged."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import timezone

from accreditation.applications.models.applications import Application
from accreditation.applications.services.applications import application_request_information
from logistics.delegations.models import Delegation
from logistics.side_events.enums import ProposalStatus
from logistics.side_events.models import SideEventProposal
from tests.accreditation.applications.test_apply_public import APPLY, application_data, correct_url
from tests.factories.delegations import DelegationFactory, country
from tests.factories.registration import InvitationFactory
from tests.factories.side_events import ProposalFactory
from tests.html import unlinked_field_errors
from tests.logistics.side_events.test_side_event_views import form_data as proposal_data
from tests.security.matrix import OWN, read_matrix

CONSENT = "privacy_consent"
# What a person types or attaches.
TYPED = {"text", "email", "tel", "date", "datetime-local", "file", "number", "password",
         "textarea"}

# Public pages whose forms take no personal data, and why.
NO_PERSONAL_DATA = {
    "apply_status": "looks an application up by its reference and e-mail; stores nothing",
    "register_bilaterals": "asks for a meeting with a delegation, a subject and a duration",
    "login": "the host committee's staff signing in; their accounts are the host's records",
}


@pytest.fixture
def world(client, cats, outlet, officer, event, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    client.post(APPLY, application_data(outlet))
    application = Application.objects.get()
    application_request_information(application=application, by=officer,
                                    message="Please send a signed letter.")
    invitation = InvitationFactory(delegation=DelegationFactory(event=event))
    proposal = ProposalFactory(event=event, status=ProposalStatus.ACCEPTED)
    return {"application": application, "invitation": invitation, "proposal": proposal}


# How an anonymous visitor opens each public page; None: not a page with forms.
OPEN = {
    "healthz": None,
    "programme_ical": None,
    "delegation_ical": None,
    "logout": None,
    "set_language": None,
    "apply_media": lambda w: "/apply/media/",
    "apply_thanks": lambda w: "/apply/media/thanks/",
    "apply_status": lambda w: "/apply/status/",
    "apply_correct": lambda w: correct_url(w["application"]),
    "register": lambda w: w["invitation"].get_absolute_url(),
    "register_bilaterals": lambda w: f"{w['invitation'].get_absolute_url()}bilaterals/",
    # The spreadsheet's upload answers on the registration page; its template is a file.
    "register_members_upload": None,
    "register_members_template": None,
    "programme_public": lambda w: "/public/programme/",
    "side_events": lambda w: "/side-events/",
    "side_event_propose": lambda w: "/side-events/propose/",
    "side_event_thanks": lambda w: "/side-events/propose/thanks/",
    "side_event_confirm": lambda w: f"/side-events/confirm/{w['proposal'].confirm_token}/",
    "login": lambda w: "/login/",
    "/admin/login/": lambda w: "/admin/login/",
}


class Forms(HTMLParser):
    """The POST forms of a page: for each, what it asks typed and whether it holds the
    notice and the consent checkbox."""

    def __init__(self):
        super().__init__()
        self.forms, self.current, self.notice_depth = [], None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.current = {"typed": [], "notice": False, "consent": False}
            self.forms.append(self.current)
        if self.current is None:
            return
        if attrs.get("data-testid") == "privacy-notice":
            self.current["notice"] = True
        kind = "textarea" if tag == "textarea" else (attrs.get("type") or "text").lower()
        if tag in ("input", "textarea") and kind in TYPED:
            self.current["typed"].append(attrs.get("name"))
        # The box, or a prefixed form's (the registration's spreadsheet: "f-privacy_consent").
        name = attrs.get("name") or ""
        if tag == "input" and kind == "checkbox" and (name == CONSENT
                                                      or name.endswith(f"-{CONSENT}")):
            self.current["consent"] = True

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def public_pages():
    rows = read_matrix()
    rows = rows.values() if isinstance(rows, dict) else rows
    return sorted({row.name for row in rows if row.cells.get("anonymous") in ("✓", OWN)})


def test_every_public_form_that_takes_personal_data_shows_the_notice_and_asks_consent(world):
    pages = public_pages()
    assert sorted(OPEN) == pages, "open every public page of docs/PERMISSIONS.md here"
    with_notice, without = {}, {}
    for name in pages:
        if OPEN[name] is None:
            continue
        response = Client().get(OPEN[name](world))
        if response.status_code in (301, 302):
            continue  # to another public page, judged on its own
        assert response.status_code == 200, name
        parser = Forms()
        parser.feed(response.content.decode())
        for form in parser.forms:
            if not form["typed"]:
                continue  # a button, a language switch
            if name in NO_PERSONAL_DATA:
                without[name] = form
                continue
            # Every form of the page: a page of several (the registration's rows and its
            # spreadsheet) asks consent in each, and shows the notice once.
            with_notice.setdefault(name, []).append(form["consent"])
        if name in with_notice:
            with_notice[name] = (any(form["notice"] for form in parser.forms),
                                 all(with_notice[name]))
    assert with_notice == {name: (True, True) for name in (
        "apply_media", "apply_correct", "register", "side_event_propose")}
    # Each page said to take no personal data still has its form (no stale excuse).
    assert sorted(without) == sorted(NO_PERSONAL_DATA)


def test_the_notice_says_who_sees_why_and_how_long_from_the_purge_setting(client, cats, event,
                                                                          settings):
    settings.PURGE_AFTER_DAYS = None
    page = client.get(APPLY).content.decode()
    assert "Only the security vetting officers see the number and the copy" in page
    assert "No date is set for deleting them automatically" in page
    settings.PURGE_AFTER_DAYS = 90
    page = client.get(APPLY).content.decode()
    purged = (event.end_date + timedelta(days=90)).isoformat()
    assert f"They are deleted 90 days after the event&#x27;s last day, on {purged}." in page


# Each public form with personal data: valid data, how to send it, what it saved.

def _media(client, w):
    return client.post(APPLY, application_data(w["outlet"], email="new@vna.example",
                                               id_document_number="B1234567"))


def _correction(client, w):
    data = application_data(w["outlet"], id_document_number="", phone="+84 24 0000 0000")
    data = {key: value for key, value in data.items() if key not in (
        "photo", "press_card", "id_copy", "letter_of_assignment")}
    return client.post(correct_url(w["application"]), data)


def _registration(client, w):
    return client.post(w["invitation"].get_absolute_url(), {
        "d-head_name": "Hon. Amina Mohamed", "d-head_level": "minister",
        "d-focal_point_email": "mission@kenya.example", CONSENT: "on",
        "m-TOTAL_FORMS": "1", "m-INITIAL_FORMS": "0", "m-MIN_NUM_FORMS": "0",
        "m-MAX_NUM_FORMS": "3", "m-0-family_name": "Mohamed", "m-0-given_names": "Amina",
        "m-0-nationality": country("KE").pk})


def _proposal(client, w):
    return client.post("/side-events/propose/", proposal_data(w["event"]))


PUBLIC_FORMS = {
    "media application": (_media, lambda w: Application.objects.filter(
        email="new@vna.example").first()),
    "correction link": (_correction, lambda w: Application.objects.filter(
        pk=w["application"].pk, phone="+84 24 0000 0000").first()),
    "delegation registration": (_registration, lambda w: Delegation.objects.filter(
        pk=w["invitation"].delegation_id, members__family_name="Mohamed").first()),
    "side-event proposal": (_proposal, lambda w: SideEventProposal.objects.filter(
        organiser_email="mai@icl.example").first()),
}


@pytest.fixture
def sent(world, outlet, event):
    return {**world, "outlet": outlet, "event": event}


class WithoutConsent(Client):
    """A browser that leaves the box unticked: it sends everything but the consent."""

    def post(self, path, data=None, **kwargs):
        return super().post(path, {k: v for k, v in (data or {}).items() if k != CONSENT},
                            **kwargs)


@pytest.mark.parametrize("form", PUBLIC_FORMS)
def test_consent_is_required_on_each_public_form_and_recorded_when_given(
        sent, form, client, settings, tmp_path):
    send, saved = PUBLIC_FORMS[form]
    refused = send(WithoutConsent(), sent)
    assert refused.status_code == 400, form
    assert 'data-testid="error-privacy_consent"' in refused.content.decode(), form
    assert unlinked_field_errors(refused.content) == [], form
    assert saved(sent) is None, form
    before = timezone.now()
    response = send(Client(), sent)
    assert response.status_code == 302, (form, response.content.decode()[:3000])
    record = saved(sent)
    assert record is not None and record.privacy_consent_at >= before, form
