"""The public forms given hostile input: the media application, the status check, the
applicant's correction, the delegation's registration and the side-event proposal. A valid
submission is taken as a base and some of its fields are replaced with wrong types, huge
strings, RTL and control characters, impossible dates, formulas, random bytes as files, or
left out; the management form of the registration's formset is garbled too. No input may
crash a form (the test client re-raises any exception of a view); a refused input answers
400 with the errors on the page and writes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from accreditation.applications.models.applications import Application, Transition
from logistics.delegations.models import Delegation, DelegationMember
from logistics.side_events.models import SideEventProposal
from tests.factories.accreditation import journalist
from tests.factories.delegations import DelegationFactory, country
from tests.factories.registration import PDF_BYTES, InvitationFactory, image_bytes
from tests.hostile.strategies import ODD_DATES, text_cell

ERROR_MARKS = ("is-invalid", "alert-danger", "invalid-feedback")
FILE_NAMES = ["photo.jpg", "../../etc/passwd", "a.pdf.exe", "\u202egpj.exe", "x" * 300 + ".pdf",
              "résumé.png", "file", ".htaccess", "index.html"]

pytestmark = pytest.mark.usefixtures("media_in_tmp")


def a_file(data=None, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data if data is not None else image_bytes((600, 800)),
                              content_type=content_type)


hostile_file = st.builds(
    lambda data, name, content_type: SimpleUploadedFile(name, data, content_type=content_type),
    st.one_of(st.binary(max_size=3000), st.just(b""), st.just(PDF_BYTES[:20]),
              st.just(image_bytes((600, 800))[:200]),
              st.binary(max_size=200).map(lambda b: b"\x89PNG\r\n\x1a\n" + b),
              st.binary(max_size=200).map(lambda b: b"%PDF-1.4" + b),
              st.just(b"<html><script>alert(1)</script></html>")),
    st.sampled_from(FILE_NAMES),
    st.sampled_from(["image/jpeg", "application/pdf", "text/html", "application/x-msdownload",
                     ""]))

hostile_value = st.one_of(
    text_cell(max_size=300),
    st.sampled_from(ODD_DATES),
    st.lists(text_cell(max_size=20), min_size=0, max_size=3),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["0", "-1", "99999999999999999999", "1.5", "on", "true", "None"]),
)


@st.composite
def mutated(draw, base, files=()):
    """`base` with some fields replaced by hostile values (files by hostile files), some
    left out, and maybe a field that does not exist."""
    data = dict(base)
    names = sorted(data)
    for name in draw(st.lists(st.sampled_from(names), unique=True, min_size=1,
                              max_size=min(6, len(names)))):
        action = draw(st.sampled_from(["replace", "replace", "drop"]))
        if action == "drop":
            data.pop(name)
        elif name in files:
            data[name] = draw(st.one_of(hostile_file, hostile_value))
        else:
            data[name] = draw(hostile_value)
    if draw(st.booleans()):
        data[draw(st.sampled_from(["csrfmiddlewaretoken", "id", "status", "__proto__",
                                   "event", "reference"]))] = draw(hostile_value)
    return data


def _post(client, url, data):
    """POST, with the files rewound (a draw may reuse one)."""
    for value in data.values():
        if hasattr(value, "seek"):
            value.seek(0)
    return client.post(url, data)


def check_refused_or_taken(response, snapshot, before):
    assert response.status_code in (200, 302, 400), response.status_code
    if response.status_code == 400:
        page = response.content.decode()
        assert any(mark in page for mark in ERROR_MARKS)
        assert snapshot() == before


# The media application and its correction


@pytest.fixture
def application_base(event, cats, outlet):
    return {
        "family_name": "Nguyễn", "given_names": "Thị Lan", "gender": "female",
        "date_of_birth": "1988-04-02", "nationality": country("VN").pk,
        "email": "lan@vna.example", "phone": "+84 24 3825 3536",
        "id_document_kind": "passport", "id_document_number": "C7654321",
        "id_document_expiry": "2034-01-01", "outlet": outlet.pk, "media_role": "reporter",
        "function": "Chief correspondent", "equipment": "One camera",
        "proposed_outlet": "", "proposed_outlet_country": "", "proposed_outlet_kind": "",
    }


APPLICATION_FILES = ("letter_of_assignment", "press_card", "id_copy", "photo")


def _applications():
    return (list(Application.objects.order_by("pk").values_list(
        "pk", "status", "family_name", "email", "id_document_index", "photo")),
        Transition.objects.count())


def _with_files(data):
    files = {"letter_of_assignment": a_file(PDF_BYTES, "letter.pdf", "application/pdf"),
             "press_card": a_file(), "id_copy": a_file(PDF_BYTES, "id.pdf", "application/pdf"),
             "photo": a_file()}
    return {**files, **data}


@given(data=st.data())
def test_media_application_refuses_hostile_input_and_writes_nothing(client, application_base,
                                                                     data):
    post = data.draw(mutated(_with_files(application_base), files=APPLICATION_FILES))
    before = _applications()
    check_refused_or_taken(_post(client, "/apply/media/", post), _applications, before)


@given(data=st.data())
def test_correction_refuses_hostile_input_and_writes_nothing(client, event, application_base,
                                                             data):
    application = journalist(event, email=f"c{Application.objects.count()}@example.org")
    post = data.draw(mutated({**application_base, "email": application.email},
                             files=APPLICATION_FILES))
    before = _applications()
    check_refused_or_taken(_post(client, f"/apply/correct/{application.token}/", post),
                           _applications, before)


@given(reference=hostile_value, email=hostile_value, method=st.sampled_from(["get", "post"]))
def test_status_lookup_answers_any_input_without_writing(event, cats, reference, email, method):
    client = Client()
    before = _applications()
    if method == "get":
        response = client.get("/apply/status/", {"reference": reference})
    else:
        response = client.post("/apply/status/", {"reference": reference, "email": email})
    assert response.status_code == 200
    assert _applications() == before


# The delegation's registration


@pytest.fixture
def invitation(event):
    delegation = DelegationFactory(event=event, country=country("KE"), name="Kenya",
                                   size_quota=3, focal_point_email="mission@kenya.example")
    return InvitationFactory(delegation=delegation)


REGISTRATION = {
    "d-head_name": "Hon. Amina Mohamed", "d-head_title": "Cabinet Secretary",
    "d-head_level": "minister", "d-focal_point_name": "J. Otieno",
    "d-focal_point_email": "mission@kenya.example", "d-hotel": "Sheraton Hanoi",
    "privacy_consent": "on", "m-TOTAL_FORMS": "2", "m-INITIAL_FORMS": "0", "m-MIN_NUM_FORMS": "0",
    "m-MAX_NUM_FORMS": "3",
    "m-0-family_name": "Mohamed", "m-0-given_names": "Amina", "m-0-is_head": "on",
    "m-0-nationality": "", "m-0-arrival_at": "2026-12-13T09:30", "m-0-arrival_flight": "KQ 870",
    "m-0-date_of_birth": "1970-02-01", "m-0-email": "amina@kenya.example",
    "m-1-family_name": "Otieno", "m-1-given_names": "James", "m-1-id_document_number": "A123",
    "m-1-id_document_expiry": "2031-01-01", "m-1-departure_at": "2026-12-20T18:00",
}
REGISTRATION_FILES = ("d-credentials_document", "m-0-photo", "m-1-photo")


def _registration(delegation):
    def snapshot():
        d = Delegation.objects.get(pk=delegation.pk)
        return ((d.status, d.head_name, d.head_title, d.focal_point_email, d.hotel),
                list(DelegationMember.objects.filter(delegation=delegation).order_by("pk")
                     .values_list("pk", "family_name", "email", "arrival_at")))
    return snapshot


@given(data=st.data())
def test_registration_refuses_hostile_input_and_writes_nothing(client, invitation, data):
    base = {**REGISTRATION, "m-0-nationality": country("KE").pk}
    post = data.draw(mutated(base, files=REGISTRATION_FILES))
    snapshot = _registration(invitation.delegation)
    before = snapshot()
    check_refused_or_taken(_post(client, f"/register/{invitation.token}/", post), snapshot,
                           before)


# The side-event proposal


def _proposals():
    return list(SideEventProposal.objects.order_by("pk").values_list("pk", "title"))


@given(data=st.data())
def test_side_event_proposal_refuses_hostile_input_and_writes_nothing(client, event, data):
    day = event.start_date.isoformat()
    base = {
        "organiser_organisation": "Institute for Cyber Law", "organiser_name": "Trần Thị Mai",
        "organiser_email": "mai@icl.example", "co_organisers": "Council of Europe",
        "title": "Electronic evidence across borders", "abstract": "Why and how. " * 20,
        "format": "workshop", "languages": ["en", "fr"], "expected_audience": "80",
        "technical_needs": "", "preferred_slots": [f"{day}:am", f"{day}:eve"],
    }
    post = data.draw(mutated(base))
    before = _proposals()
    check_refused_or_taken(_post(client, "/side-events/propose/", post), _proposals, before)
