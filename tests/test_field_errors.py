"""A form sent back with errors shows each message under its field, outlines the field as
invalid and links the two (aria-describedby), on every page: the staff forms, the public
forms (tests/security/test_privacy_notice.py) and every template that writes a message."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from logistics.core.enums import Role
from tests.factories.plan import user_with_role
from tests.factories.protocol import BilateralFactory
from tests.factories.side_events import ProposalFactory
from tests.html import unlinked_field_errors

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# A field's messages written out by hand; a form's or a filter's summary is not one.
FIELD_ERRORS_JOINED = re.compile(r"\b(?!filter\b|form\.errors)[\w.]+\.errors\|join")

# Each staff form sent with its fields blank, by a role allowed to use it.
STAFF_FORMS = [
    ("logistics:task_new", Role.SECRETARIAT),
    ("logistics:agency_new", Role.SECRETARIAT),
    ("logistics:committee_new", Role.SECRETARIAT),
    ("logistics:venue_create", Role.PROGRAMME),
    ("logistics:room_create", Role.PROGRAMME),
    ("accreditation:zone_add", Role.ACCREDITATION),
    ("accreditation:outlet_add", Role.ACCREDITATION),
    ("accreditation:quota_add", Role.ACCREDITATION),
    ("accreditation:application_add", Role.ACCREDITATION),
    ("accreditation:checkpoint_add", Role.ACCREDITATION),
]

# The staff entry form is for one category, chosen first.
QUERIES = {"accreditation:application_add": lambda cats: f"?category={cats['P'].pk}"}


@pytest.mark.parametrize(("name", "role"), STAFF_FORMS)
def test_an_empty_staff_form_comes_back_with_each_error_at_its_field(
        client, event, cats, venue, name, role):
    client.force_login(user_with_role(role, username=f"{role}-user"))
    # What a browser sends for a form left empty: its fields blank and the CSRF token.
    url = reverse(name) + QUERIES.get(name, lambda cats: "")(cats)
    response = client.post(url, {"csrfmiddlewaretoken": "sent"})
    assert response.status_code in (200, 400), (name, response.status_code)
    page = response.content.decode()
    assert "invalid-feedback" in page, name
    assert unlinked_field_errors(page) == [], name


def test_the_checker_sees_an_unlinked_message_and_an_unmarked_control():
    """The check above fails on the markup the pages had before."""
    before = ('<input class="form-control" id="id_title" name="title">'
              '<div class="invalid-feedback d-block">This field is required.</div>')
    assert len(unlinked_field_errors(before)) == 1
    half = ('<input class="form-control" id="id_title" aria-describedby="id_title_errors">'
            '<div id="id_title_errors"><div class="invalid-feedback">Required.</div></div>')
    assert unlinked_field_errors(half) == [
        "input#id_title names ['id_title_errors'] but is not outlined"]
    dangling = ('<input class="form-control is-invalid" id="id_name" '
                'aria-describedby="id_name_helptext id_name_errors">'
                '<div class="form-text">Help.</div>'
                '<div id="id_name_errors"><div class="invalid-feedback">Required.</div></div>')
    assert unlinked_field_errors(dangling) == [
        "input#id_name names #id_name_helptext, which the page does not have"]


def test_every_field_message_is_written_by_the_one_include():
    """A template that writes its own messages would not link them to their field."""
    writers = sorted(str(path.relative_to(TEMPLATES)) for path in TEMPLATES.rglob("*.html")
                     if path.name != "_field_errors.html"
                     and ("invalid-feedback" in path.read_text()
                          or FIELD_ERRORS_JOINED.search(path.read_text())))
    assert writers == []


# The forms on a record's own page, sent back on that page.
RECORD_FORMS = [
    ("logistics:proposal_review", Role.PROGRAMME, lambda event: ProposalFactory(event=event)),
    ("logistics:bilateral_schedule", Role.PROTOCOL, lambda event: BilateralFactory(event=event)),
]


@pytest.mark.parametrize(("name", "role", "record"), RECORD_FORMS)
def test_a_records_form_comes_back_with_each_error_at_its_field(client, event, venue, name,
                                                                role, record):
    client.force_login(user_with_role(role, username=f"{role}-user"))
    response = client.post(reverse(name, args=[record(event).pk]),
                           {"csrfmiddlewaretoken": "sent"})
    assert response.status_code == 400, (name, response.status_code)
    page = response.content.decode()
    assert "invalid-feedback" in page, name
    assert unlinked_field_errors(page) == [], name
