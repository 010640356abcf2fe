"""One person, one accreditation, without an oracle of ID numbers (issue 11, item 2).

A submission naming the ID document and nationality, or the e-mail address, of a live
application is answered exactly as a new one on every path its sender can watch: the public
form, the correction form, the API (one application, a correction, a bulk call, a duplicate
within one bulk call, a delegation's photographer place taken and asked for again) and a
delegation's registration. The same status code, the same page or JSON (references, ids,
links and times aside), the same status page, the same mails, the same webhook deliveries,
and the same for what comes after it (a held application keeps its place as a new one
does, and holds a later submission as a new one would). It is held as a possible
duplicate, which is not live; the office sees which application it may duplicate and never
why; security vetting sees why. The office's own entry and import may name the other
application, never the reason."""

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from accreditation.applications.models.applications import Application, Transition
from accreditation.applications.services.applications import (
    application_create,
    application_request_information,
)
from accreditation.enums import LIVE_STATUSES, OPEN_STATUSES, ApplicationSource, ApplicationStatus
from accreditation.integrations.services.webhooks import webhook_register
from logistics.delegations.enums import DelegationKind, DelegationLevel
from tests.accreditation.applications.test_apply_public import APPLY, STATUS, application_data
from tests.api.accreditation_fixtures import key_client, subscriber  # noqa: F401
from tests.factories.accreditation import categories, journalist
from tests.factories.delegations import DelegationFactory, country
from tests.factories.plan import EventFactory
from tests.factories.registration import InvitationFactory
from tests.races import race

S = ApplicationStatus
# S.POSSIBLE_DUPLICATE spelt out: what is looked at before the rollback must not fail on a
# code base without it, so that the comparison of the answers is what fails there.
HELD = "possible_duplicate"
API = "/api/v1/applications/"
FRESH_NUMBER, FRESH_EMAIL = "N9876543", "lan@vna.example"
LIVE_NUMBER, LIVE_EMAIL = "L1234567", "held.by@vna.example"
# How the matches are typed: the same document however it is written, the same address in
# another case.
MATCHES = {"document": ("l 123-4567", FRESH_EMAIL), "email": (FRESH_NUMBER, "HELD.BY@vna.example")}
# What the office and vetting are shown of each reason.
REASON_TEXT = {"document": "same ID document and nationality", "email": "same e-mail"}

pytestmark = pytest.mark.usefixtures("media_in_tmp")


@dataclass
class World:
    event: object
    outlet: object
    live: object  # the live application whose document and address are matched
    writer: object  # a key that writes and reads nothing: what a prober holds
    decider: object  # the office's own system: reads with accreditation:decide
    invitation: object
    officer: object


@pytest.fixture
def world(event, cats, outlet, officer, key_client, subscriber, celery_eager):  # noqa: F811
    live = journalist(event, outlet=outlet, family_name="Phan", given_names="Văn Sống",
                      date_of_birth=date(1970, 7, 7), nationality=country("VN"),
                      id_document_number=LIVE_NUMBER, email=LIVE_EMAIL)
    writer = key_client("accreditation:write", name="media portal")
    # The writing key's own subscription: what it would be told of its submissions.
    webhook_register(api_key=writer.key, url=subscriber.url,
                     events=["application.status_changed"])
    delegation = DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("VN"),
                                   name="Viet Nam", size_quota=5,
                                   focal_point_email="mission@vn.example")
    invitation = InvitationFactory(delegation=delegation, email="mission@vn.example")
    return World(event, outlet, live, writer,
                 key_client("accreditation:read", "accreditation:decide", name="office system"),
                 invitation, officer)


# The paths a sender takes. Each makes what it needs first (an application to correct),
# then submits `number` and `email` and returns (status code, what the sender was shown).


class Path:
    name = ""
    mailed = True  # whether the applicant is mailed (and the webhooks told) on this path
    also_typed = ()  # what else the sender typed (normalised as the number and address are)

    def prepare(self, w, client):
        return None

    def submit(self, w, client, prepared, number, email):
        raise NotImplementedError

    def subject(self, w, prepared):
        """The application the submission made or corrected."""
        return Application.objects.exclude(pk=w.live.pk).get(family_name="Nguyễn")

    def matches(self, w):
        """{kind: (number, e-mail, the application it then duplicates)}."""
        return {kind: (number, email, w.live) for kind, (number, email) in MATCHES.items()}


def _person(number, email, **fields):
    """The submitter as an integration sends them."""
    return {"category": "P", "family_name": "Nguyễn", "given_names": "Thị Lan",
            "gender": "female", "date_of_birth": "1988-04-02", "nationality": "VN",
            "email": email, "id_document_kind": "passport", "id_document_number": number,
            "id_document_expiry": "2034-01-01", "media_role": "reporter",
            "function": "Chief correspondent", **fields}


def _page(response):
    return response.status_code, response.content.decode()


class PublicForm(Path):
    name = "public form"

    def submit(self, w, client, prepared, number, email):
        return _page(client.post(APPLY, application_data(
            w.outlet, id_document_number=number, email=email), follow=True))


class CorrectionForm(Path):
    """The applicant, asked for information, corrects to someone else's number or address."""

    name = "correction form"

    def prepare(self, w, client):
        application = journalist(w.event, outlet=w.outlet, family_name="Nguyễn",
                                 given_names="Thị Lan", date_of_birth=date(1988, 4, 2),
                                 id_document_number="P0000001", email="lan.old@vna.example")
        return application_request_information(application=application, by=w.officer,
                                               message="Please check your passport number.")

    def submit(self, w, client, prepared, number, email):
        data = application_data(w.outlet, id_document_number=number, email=email, photo=None,
                                press_card=None, id_copy=None, letter_of_assignment=None)
        return _page(client.post(f"/apply/correct/{prepared.token}/", data, follow=True))

    def subject(self, w, prepared):
        return Application.objects.get(pk=prepared.pk)


class ApiCreate(Path):
    name = "API, one application"

    def submit(self, w, client, prepared, number, email):
        response = w.writer.post(API, {"event": w.event.pk, "outlet": w.outlet.pk,
                                       **_person(number, email)}, format="json")
        return response.status_code, json.dumps(response.json(), sort_keys=True)


class ApiCorrection(Path):
    """A submitted application corrected: nothing the sender sees moves, so nothing is
    mailed, held or not."""

    name = "API, a correction"
    mailed = False

    def prepare(self, w, client):
        return journalist(w.event, outlet=w.outlet, family_name="Nguyễn", given_names="Thị Lan",
                          date_of_birth=date(1988, 4, 2), source=ApplicationSource.API,
                          id_document_number="P0000001", email="lan.old@vna.example")

    def submit(self, w, client, prepared, number, email):
        response = w.writer.patch(f"{API}{prepared.reference}/",
                                  {"id_document_number": number, "email": email},
                                  format="json")
        return response.status_code, json.dumps(response.json(), sort_keys=True)

    def subject(self, w, prepared):
        return Application.objects.get(pk=prepared.pk)


class ApiBulk(Path):
    name = "API, bulk"

    def items(self, w, number, email):
        return [{"outlet": w.outlet.pk, **_person(number, email)}]

    def submit(self, w, client, prepared, number, email):
        response = w.writer.post(f"{API}bulk/", {"event": w.event.pk,
                                                 "items": self.items(w, number, email)},
                                 format="json")
        return response.status_code, json.dumps(response.json(), sort_keys=True)


class ApiBulkWithinOneCall(ApiBulk):
    """A first item of the call, then one with its document or its address."""

    name = "API, bulk, a duplicate within the call"
    FIRST = also_typed = ("W1111111", "first@vna.example")

    def items(self, w, number, email):
        first = {"outlet": w.outlet.pk, **_person(*self.FIRST, family_name="Đầu")}
        return [first, *super().items(w, number, email)]

    def matches(self, w):
        first = lambda: Application.objects.get(family_name="Đầu")  # noqa: E731
        return {"document": ("w 111-1111", FRESH_EMAIL, first),
                "email": (FRESH_NUMBER, "FIRST@vna.example", first)}


class DelegationMediaOneAtATime(Path):
    """A minister's delegation brings one photographer: the submission takes the place, then
    a second photographer (a fresh person) is refused. A held one keeps the place as a new
    one does, or the second one's answer would tell whether the first one's number is
    someone's (application_delegation_media_once counts alike)."""

    name = "API, the delegation's photographer, then a second one"
    SECOND = also_typed = ("V2222222", "second@vna.example")

    def prepare(self, w, client):
        return DelegationFactory(event=w.event, kind=DelegationKind.STATE, country=country("FR"),
                                 name="France", head_level=DelegationLevel.FOREIGN_MINISTER)

    def photographers(self, delegation, number, email):
        media = {"outlet": None, "delegation": delegation.pk, "media_role": "photographer"}
        return [_person(number, email, **media),
                _person(*self.SECOND, family_name="Vũ", **media)]

    def submit(self, w, client, prepared, number, email):
        answers = [w.writer.post(API, {"event": w.event.pk, **person}, format="json")
                   for person in self.photographers(prepared, number, email)]
        return answers[-1].status_code, json.dumps([a.json() for a in answers], sort_keys=True)


class DelegationMediaInOneCall(DelegationMediaOneAtATime):
    name = "API, bulk, the delegation's photographer, then a second one"

    def submit(self, w, client, prepared, number, email):
        response = w.writer.post(f"{API}bulk/", {
            "event": w.event.pk, "items": self.photographers(prepared, number, email)},
            format="json")
        return response.status_code, json.dumps(response.json(), sort_keys=True)


class DelegationRegistration(Path):
    """A focal point registers a member: the member's delegate application follows."""

    name = "delegation registration"

    def submit(self, w, client, prepared, number, email):
        data = {"d-head_name": "H.E. Nguyễn Thị Lan", "d-head_level": "minister",
                "privacy_consent": "on",
                "m-TOTAL_FORMS": "1", "m-INITIAL_FORMS": "0", "m-MIN_NUM_FORMS": "0",
                "m-MAX_NUM_FORMS": "5", "m-0-family_name": "Nguyễn", "m-0-given_names": "Thị Lan",
                "m-0-date_of_birth": "1988-04-02", "m-0-nationality": country("VN").pk,
                "m-0-email": email, "m-0-is_head": "on", "m-0-id_document_number": number,
                "m-0-id_document_expiry": (w.event.end_date + timedelta(days=400)).isoformat()}
        return _page(client.post(w.invitation.get_absolute_url(), data, follow=True))


PATHS = [PublicForm(), CorrectionForm(), ApiCreate(), ApiCorrection(), ApiBulk(),
         ApiBulkWithinOneCall(), DelegationMediaOneAtATime(), DelegationMediaInOneCall(),
         DelegationRegistration()]

# What differs between two submissions by nature, whatever they are: references, ids, links,
# times, the CSRF token, and the number and address typed.
_NORMAL = [
    (re.compile(r"A-[A-Z0-9]{8}"), "A-<reference>"),
    (re.compile(r"/apply/correct/[\w-]+/"), "/apply/correct/<token>/"),
    (re.compile(r'"(id|delegation)": \d+'), r'"\1": <id>'),
    (re.compile(r'name="m-(\d+)-id" value="\d+"'), r'name="m-\1-id" value="<id>"'),
    (re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?"),
     "<time>"),
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'), "<csrf>"),
]


def normalised(text, typed):
    for value in sorted(typed, key=len, reverse=True):
        text = re.sub(re.escape(value), "<typed>", text, flags=re.IGNORECASE)
    for pattern, replacement in _NORMAL:
        text = pattern.sub(replacement, text)
    return text


@dataclass
class Seen:
    """Everything the sender of a submission observes."""

    status: int
    answer: str
    status_page: str
    mails: list
    webhooks: list


def _status_page(client, reference, email):
    return client.post(STATUS, {"reference": reference, "email": email}).content.decode()


def attempt(path, w, client, mailoutbox, subscriber, capture, *, number, email,  # noqa: F811
            then=None):
    """One submission, seen from the sender's side, then rolled back. `then(subject)` runs
    before the rollback (what the office and vetting see)."""
    typed = (number, email, *path.also_typed)
    with transaction.atomic():
        prepared = path.prepare(w, client)
        mailoutbox.clear()
        subscriber.received.clear()
        with capture(execute=True):
            status, answer = path.submit(w, client, prepared, number, email)
        try:
            subject = path.subject(w, prepared)
        except Application.DoesNotExist:  # refused: nothing to look at but the answer
            subject = None
        seen = Seen(
            status, normalised(answer, typed),
            normalised(_status_page(client, subject.reference, email), typed) if subject
            else "",
            sorted(normalised(json.dumps([m.to, m.subject, m.body,
                                          [a[0] for a in m.alternatives]]), typed)
                   for m in mailoutbox),
            sorted(normalised(json.dumps(body, sort_keys=True), typed)
                   for body in subscriber.bodies()))
        result = then(subject) if then and subject else None
        transaction.set_rollback(True)
    return seen, result


@pytest.mark.parametrize("kind", list(MATCHES))
@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_a_submission_matching_a_live_application_is_answered_as_a_new_one(
        path, kind, world, mailoutbox, subscriber, officer, vetter,  # noqa: F811
        django_capture_on_commit_callbacks):
    w = world
    number, email, other = path.matches(w)[kind]

    def what_the_office_and_vetting_see(subject):
        held_as = other() if callable(other) else other
        office, vetting = _client(officer), _client(vetter)
        url = reverse("accreditation:application_detail", args=[subject.pk])
        office_page = office.get(url).content.decode()
        vetting_page = vetting.get(url).content.decode()
        api = w.decider.get(f"{API}{subject.reference}/").json()
        return {
            "held": (subject.status, getattr(subject, "duplicate_of_id", None)),
            "expected": (HELD, held_as.pk),
            "office names it": f"{held_as.reference}</a>." in _held_alert(office_page),
            "office told why": any(text in office_page for text in REASON_TEXT.values()),
            "vetting told why": REASON_TEXT[kind] in vetting_page,
            "api": (api["status"], api.get("possible_duplicate_of")),
            "expected api": (HELD, held_as.reference),
        }

    fresh, _ = attempt(path, w, Client(), mailoutbox, subscriber,
                       django_capture_on_commit_callbacks, number=FRESH_NUMBER,
                       email=FRESH_EMAIL)
    again, seen = attempt(path, w, Client(), mailoutbox, subscriber,
                          django_capture_on_commit_callbacks, number=number, email=email,
                          then=what_the_office_and_vetting_see)
    assert (bool(fresh.mails), bool(fresh.webhooks)) == (path.mailed, path.mailed)
    assert again == fresh
    assert seen["held"] == seen["expected"]
    assert seen["api"] == seen["expected api"]
    assert (seen["office names it"], seen["office told why"], seen["vetting told why"]) == (
        True, False, True)
    # Not live: the one-per-document constraint still holds, the other keeps its place.
    assert S.POSSIBLE_DUPLICATE not in LIVE_STATUSES


def _held_alert(page):
    """The page's "possible duplicate of A-…" alert, or "" without one."""
    parts = page.split('data-testid="held-as-duplicate"', 1)
    return parts[1].split("</div>")[0] if len(parts) == 2 else ""


def _client(user):
    client = Client()
    client.force_login(user)
    return client


# The office's own paths: its entry form and its import may name the application a new one
# may duplicate (the office sees both), never why.

# Words that would say why: the document, its number, the address.
WHY = re.compile(r"document|passport|number|e-?mail|address", re.IGNORECASE)


def _office_entry(w, client, number, email):
    url = reverse("accreditation:application_add") + f"?category={w.live.category.pk}"
    data = {"family_name": "Nguyễn", "given_names": "Thị Lan", "gender": "female",
            "date_of_birth": "1988-04-02", "nationality": country("VN").pk, "email": email,
            "organisation": "Vietnam News Agency", "function": "Chief correspondent",
            "outlet": w.outlet.pk, "media_role": "reporter", "id_document_kind": "passport",
            "id_document_number": number, "id_document_expiry": "2034-01-01"}
    return client.post(url, data, follow=True)


def _office_import(w, client, number, email):
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = ("category,family name,given names,date of birth,nationality,e-mail,"
            "ID document kind,ID document number,outlet name,media role\n"
            f"P,Nguyễn,Thị Lan,1988-04-02,VN,{email},passport,{number},{w.outlet.name},"
            "reporter\n")
    upload = SimpleUploadedFile("people.csv", text.encode(), content_type="text/csv")
    return client.post(reverse("accreditation:application_import"), {"file": upload},
                       follow=True)


@pytest.mark.parametrize("kind", list(MATCHES))
@pytest.mark.parametrize("submit", [_office_entry, _office_import], ids=["entry", "import"])
def test_the_office_is_told_which_application_a_new_one_may_duplicate_never_why(
        submit, kind, world, officer):
    w = world
    number, email = MATCHES[kind]
    answers = {}
    for name, (typed_number, typed_email) in (("fresh", (FRESH_NUMBER, FRESH_EMAIL)),
                                              ("held", (number, email))):
        with transaction.atomic():
            response = submit(w, _client(officer), typed_number, typed_email)
            made = Application.objects.exclude(pk=w.live.pk).filter(family_name="Nguyễn")
            answers[name] = (response.status_code,
                             [str(m) for m in response.context["messages"]],
                             [(a.status, getattr(a, "duplicate_of_id", None)) for a in made])
            transaction.set_rollback(True)
    fresh_status, fresh_messages, fresh_made = answers["fresh"]
    held_status, held_messages, held_made = answers["held"]
    assert (held_status, fresh_status) == (200, 200)
    assert (fresh_made, held_made) == ([(S.SUBMITTED, None)],
                                       [(S.POSSIBLE_DUPLICATE, w.live.pk)])
    named = [m for m in held_messages if w.live.reference in m]
    assert len(named) == 1 and "possible duplicate" in named[0]
    assert [m for m in held_messages + fresh_messages if WHY.search(m)] == []


# Two at once with one document: the database lets one be live, the other is held.


@pytest.mark.django_db(transaction=True)
def test_two_submissions_with_one_document_at_once_leave_one_live_and_one_held():
    """Both check before either writes (on PostgreSQL; SQLite's BEGIN IMMEDIATE makes the
    second wait for the first's commit, see tests/races.py): whichever writes second is
    refused by the one-per-document constraint, or held by the check, and is answered as
    created either way. Never a 500, never a refusal."""
    event = EventFactory()
    cats = categories(event)
    vn = country("VN")

    def submit(n):
        application_create(event=event, category=cats["C"], source=ApplicationSource.API,
                           family_name=f"Lý {n}", nationality=vn, email=f"ly{n}@example.org",
                           id_document_number="Q7777777")
        return "created"

    assert race(partial(submit, 1), partial(submit, 2)) == ["created", "created"]
    both = Application.objects.filter(event=event).order_by("status")
    assert [a.status for a in both] == [S.POSSIBLE_DUPLICATE, S.SUBMITTED]
    held, live = both
    assert held.duplicate_of == live
    assert Transition.objects.get(application=held).to_status == S.POSSIBLE_DUPLICATE


def test_a_key_that_does_not_decide_reads_its_held_application_as_submitted(
        world, key_client, officer, client):  # noqa: F811
    """Reading back what it wrote, a portal's key (read and write, no decision) finds a held
    application as submitted, by that status and no other: its reads would otherwise tell
    it what the answer to the write kept quiet. The office and a deciding key see it held."""
    portal = key_client("accreditation:read", "accreditation:write", name="media portal")
    number, email = MATCHES["email"]
    answer = portal.post(API, {"event": world.event.pk, "outlet": world.outlet.pk,
                               **_person(number, email)}, format="json")
    assert answer.status_code == 201
    reference = answer.json()["reference"]
    assert Application.objects.get(reference=reference).status == HELD

    def seen(api_client):
        detail = api_client.get(f"{API}{reference}/").json()
        found = {status: [a["reference"] for a in api_client.get(
            API, {"event": world.event.pk, "status": status}).json()["results"]]
            for status in (S.SUBMITTED, HELD)}
        return (detail["status"], detail["possible_duplicate_of"],
                reference in found[S.SUBMITTED], reference in found[HELD])

    assert seen(portal) == (S.SUBMITTED, None, True, False)
    decider = key_client("accreditation:read", "accreditation:decide", name="office system")
    assert seen(decider) == (HELD, world.live.reference, False, True)
    client.force_login(officer)
    assert seen(client) == (HELD, world.live.reference, False, True)


# What comes after a held application: it counts as what its sender takes it for, a new one.


SECOND_AFTER = {
    "one at a time": lambda w, items: [
        w.writer.post(API, {"event": w.event.pk, **item}, format="json").json()["reference"]
        for item in items],
    "one bulk call": lambda w, items: [
        result["reference"] for result in w.writer.post(
            f"{API}bulk/", {"event": w.event.pk, "items": items},
            format="json").json()["results"]],
}


@pytest.mark.parametrize("send", list(SECOND_AFTER))
def test_a_submission_naming_a_held_applications_address_waits_for_it_as_for_a_new_one(
        send, world):
    """Were a held application passed over, the second would be live when the first's
    number is someone's and held when it is free: the office's handling of the second (its
    review, its mails) would tell the first one's sender."""
    w = world
    outcomes = {}
    for first_number in (LIVE_NUMBER, FRESH_NUMBER):
        with transaction.atomic():
            items = [{"outlet": w.outlet.pk, **_person(first_number, "first@vna.example")},
                     {"outlet": w.outlet.pk, **_person("S3333333", "FIRST@vna.example",
                                                       family_name="Sau")}]
            first, second = (Application.objects.get(reference=reference)
                             for reference in SECOND_AFTER[send](w, items))
            outcomes[first_number] = (second.status, second.duplicate_of_id == first.pk)
            transaction.set_rollback(True)
    assert outcomes == {LIVE_NUMBER: (HELD, True), FRESH_NUMBER: (HELD, True)}


@pytest.mark.parametrize("status", list(S))
def test_a_held_application_keeps_its_delegations_media_place_in_the_database(
        status, event, cats, officer):
    """application_delegation_media_once: one open application (live or held) per place,
    whatever path wrote the second (here none: the row is written directly)."""
    minister = DelegationFactory(event=event, head_level=DelegationLevel.FOREIGN_MINISTER)
    journalist(event, email="taken@vna.example")
    held = journalist(event, outlet=None, delegation=minister, media_role="photographer",
                      email="taken@vna.example")
    assert held.status == HELD
    second = Application(event=event, category=cats["P"], source=ApplicationSource.API,
                         family_name="Direct", delegation=minister,
                         media_role="photographer", status=status)
    refused = False
    try:
        with transaction.atomic():
            second.save()
    except IntegrityError:
        refused = True
    assert refused == (status in OPEN_STATUSES)
