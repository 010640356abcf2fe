"""Mail as a weapon: anyone may type anyone's address on a public form, so what Accord mails
there carries no text the sender chose (a reference, our words, our links), and one address
gets at most MAIL_PER_ADDRESS_PER_DAY mails a day that public submissions cause, counted in
the database for every process; past it the form answers as always, the mail does not go,
and the log says so without the address. The mails the staff cause by a decision always go:
strangers cannot use the count up to silence the office. Every public form refuses the
spellings of an address the count could not see as one (quoted, literal)."""

import logging
from collections import Counter
from datetime import timedelta
from functools import partial

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accreditation.applications.models.applications import Application
from accreditation.applications.services.applications import (
    application_approve,
    application_reject,
    application_request_information,
    application_start_review,
    application_withdraw,
)
from accreditation.vetting.services.decisions import application_vet
from logistics.core.mail import address_digest
from logistics.delegations.enums import DelegationKind
from logistics.delegations.models import DelegationMember
from logistics.side_events.enums import ProposalStatus
from logistics.side_events.models import SideEventProposal
from logistics.side_events.services.decisions import proposal_decide
from logistics.side_events.services.proposals import proposal_received_mail_send
from tests.factories.accreditation import OutletFactory, journalist
from tests.factories.delegations import DelegationFactory, country
from tests.factories.registration import PDF_BYTES, InvitationFactory, image_bytes
from tests.factories.side_events import ProposalFactory
from tests.races import race

# What an attacker puts in every field they type: a link, markup, and a long run that a
# cap would have to cut. None of it may reach the mail.
# (Markup is looked for by its words: the HTML part would show it escaped.)
LINK, MARKUP, LONG = "evil.example/login", '<img src="x" onerror="steal()">', "Q" * 60
PAYLOAD = f"Urgent: https://{LINK} {MARKUP} verify now {LONG}"
MARKERS = (LINK, "onerror", "steal()", LONG, "verify now")
VICTIM = "victim@mail.example"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


class Mails:
    """The outbox, and `after(call, ...)`: the call with what it queues after commit run."""

    def __init__(self, outbox, capture):
        self.outbox, self._capture = outbox, capture

    def after(self, call, *args, **kwargs):
        with self._capture(execute=True):
            return call(*args, **kwargs)


@pytest.fixture
def mails(celery_eager, django_capture_on_commit_callbacks, mailoutbox):
    return Mails(mailoutbox, django_capture_on_commit_callbacks)


def _pdf(name="letter.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def _jpeg(name="photo.jpg", size=(600, 800)):
    return SimpleUploadedFile(name, image_bytes(size), content_type="image/jpeg")


def _media_form(outlet, email=VICTIM, **changes):
    data = {"family_name": PAYLOAD[:150], "given_names": PAYLOAD[:150], "gender": "female",
            "date_of_birth": "1988-04-02", "nationality": country("VN").pk, "email": email,
            "phone": "+84 24 3825 3536", "id_document_kind": "passport",
            "id_document_number": "C7654321", "id_document_expiry": "2034-01-01",
            "outlet": outlet.pk, "media_role": "reporter", "function": PAYLOAD[:200],
            "equipment": PAYLOAD, "letter_of_assignment": _pdf(), "press_card": _jpeg(),
            "id_copy": _pdf("passport.pdf"), "photo": _jpeg(), "privacy_consent": "on",
            **changes}
    return {key: value for key, value in data.items() if value is not None}


def _proposal_form(event, email=VICTIM):
    day = event.start_date.isoformat()
    return {"organiser_organisation": PAYLOAD[:200], "organiser_name": PAYLOAD[:150],
            "organiser_email": email, "co_organisers": f"{PAYLOAD}\n{PAYLOAD}",
            "title": PAYLOAD[:200], "abstract": PAYLOAD * 5, "format": "workshop",
            "languages": ["en"], "expected_audience": "80", "technical_needs": PAYLOAD,
            "preferred_slots": [f"{day}:am"], "privacy_consent": "on"}


def _member(event, **changes):
    """A member's row of the registration form (None leaves a field out)."""
    expiry = (event.end_date + timedelta(days=400)).isoformat()
    return {"family_name": PAYLOAD[:100], "given_names": PAYLOAD[:100],
            "title": PAYLOAD[:100], "gender": "female", "date_of_birth": "1970-05-05",
            "nationality": country("KE").pk, "email": VICTIM, "is_head": "on",
            "id_document_number": "AK123456", "id_document_expiry": expiry,
            "photo": _jpeg("member.jpg", (300, 400)), "dietary_needs": PAYLOAD, **changes}


def _registration_form(event, *members, on_file=0):
    """The registration form with `members` (one by default), the first `on_file` of them
    already registered."""
    members = members or (_member(event),)
    data = {"d-head_name": PAYLOAD[:100], "d-head_title": PAYLOAD[:100],
            "d-head_level": "minister", "d-focal_point_name": PAYLOAD[:100],
            "d-focal_point_email": "mission@kenya.example", "d-hotel": PAYLOAD[:100],
            "privacy_consent": "on",
            "m-TOTAL_FORMS": str(len(members)), "m-INITIAL_FORMS": str(on_file),
            "m-MIN_NUM_FORMS": "0", "m-MAX_NUM_FORMS": "5"}
    for n, member in enumerate(members):
        data.update({f"m-{n}-{key}": value for key, value in member.items()
                     if value is not None})
    return data


# Each public door: set up what it needs, and return the POST a stranger sends through it
# (which returns the reference its mails carry).


def _apply(client, event, mails, officer=None):
    outlet = OutletFactory(event=event)

    def door():
        response = mails.after(client.post, "/apply/media/", _media_form(outlet))
        assert response.status_code == 302, response.content.decode()[:2000]
        return Application.objects.get(email=VICTIM).reference

    return door


def _correct(client, event, mails, officer):
    outlet = OutletFactory(event=event)
    mails.after(client.post, "/apply/media/", _media_form(outlet, family_name="Nguyen"))
    application = Application.objects.get(email=VICTIM)
    application_request_information(application=application, by=officer,
                                    message="Please send a signed letter.")

    def door():
        response = mails.after(client.post, f"/apply/correct/{application.token}/",
                               _media_form(outlet, id_document_number="", photo=None,
                                           press_card=None, id_copy=None,
                                           letter_of_assignment=_pdf("signed.pdf")))
        assert response.status_code == 302, response.content.decode()[:2000]
        return application.reference

    return door


def _invitation(event):
    delegation = DelegationFactory(event=event, kind=DelegationKind.STATE,
                                   country=country("KE"), name="Kenya", size_quota=5)
    return InvitationFactory(delegation=delegation, email="mission@kenya.example")


def _register(client, event, mails, officer):
    invitation = _invitation(event)

    def door():
        response = mails.after(client.post, invitation.get_absolute_url(),
                               _registration_form(event))
        assert response.status_code == 302, response.content.decode()[:2000]
        return Application.objects.get(email=VICTIM).reference

    return door


def _unregister(client, event, mails, officer):
    """The focal point registers the address's owner beside the head, then takes them off:
    their application is withdrawn, and that is mailed."""
    invitation = _invitation(event)
    head = {"email": "head@kenya.example", "id_document_number": "AK654321"}
    response = mails.after(client.post, invitation.get_absolute_url(), _registration_form(
        event, _member(event, **head), _member(event, is_head=None)))
    assert response.status_code == 302, response.content.decode()[:2000]
    application = Application.objects.get(email=VICTIM)
    on_file = list(invitation.delegation.members.order_by("-is_head", "pk"))  # the page's
    assert [member.email for member in on_file] == [head["email"], VICTIM]
    kept = {"photo": None, "id_document_number": None}
    data = _registration_form(
        event, _member(event, id=on_file[0].pk, email=head["email"], **kept),
        _member(event, id=on_file[1].pk, is_head=None, DELETE="on", **kept), on_file=2)

    def door():
        response = mails.after(client.post, invitation.get_absolute_url(), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        application.refresh_from_db()
        assert application.status == "withdrawn"
        return application.reference

    return door


def _propose(client, event, mails, officer=None):
    def door():
        response = mails.after(client.post, "/side-events/propose/", _proposal_form(event))
        assert response.status_code == 302, response.content.decode()[:2000]
        return SideEventProposal.objects.get(organiser_email=VICTIM).reference

    return door


# Every public door that mails the address typed in it: a stranger's POST.
DOORS = {
    "media application (/apply/media/)": _apply,
    "correction link (/apply/correct/…)": _correct,
    "delegation registration (/register/…)": _register,
    "delegation registration taking a member off": _unregister,
    "side-event proposal (/side-events/propose/)": _propose,
}


def _assert_nothing_typed(outbox, reference):
    assert outbox, "the form sent no mail"
    for mail in outbox:
        assert mail.to == [VICTIM]
        texts = {"subject": mail.subject, "text": mail.body,
                 "html": mail.alternatives[0][0] if mail.alternatives else ""}
        for part, text in texts.items():
            leaked = [marker for marker in MARKERS if marker in text]
            assert leaked == [], f"{part} of {mail.subject!r} carries {leaked}"
        assert reference in mail.subject and reference in mail.body


@pytest.mark.parametrize("door", DOORS)
def test_a_public_form_mails_nothing_the_sender_typed(client, event, cats, officer, mails,
                                                      door):
    through = DOORS[door](client, event, mails, officer)
    mails.outbox.clear()
    reference = through()
    _assert_nothing_typed(mails.outbox, reference)


@pytest.mark.parametrize("move", ["start review", "information", "approve", "reject",
                                  "withdraw"])
def test_later_mails_to_an_applicant_carry_nothing_typed(client, event, cats, officer,
                                                         vetter, mails, move):
    """The office's moves, by mail to the address the form was given: the reason or request
    the officer wrote goes out, the applicant's own text does not."""
    reference = _apply(client, event, mails)()
    application = Application.objects.get(reference=reference)
    mails.outbox.clear()
    if move == "start review":
        mails.after(application_start_review, application=application, by=officer)
    elif move == "information":
        mails.after(application_request_information, application=application, by=officer,
                    message="Please send a signed letter.")
    elif move == "approve":
        application_vet(application=application, by=vetter, cleared=True)
        mails.after(application_approve, application=Application.objects.get(pk=application.pk),
                    by=officer)
    elif move == "reject":
        mails.after(application_reject, application=application, by=officer,
                    reason="The outlet did not confirm the assignment.")
    else:
        mails.after(application_withdraw, application=application, by=officer,
                    reason="Asked by the applicant.")
    _assert_nothing_typed(mails.outbox, reference)


@pytest.mark.parametrize("status", [ProposalStatus.ACCEPTED, ProposalStatus.WAITLISTED,
                                    ProposalStatus.REJECTED])
def test_a_side_event_decision_carries_nothing_typed(client, event, cats, officer, mails,
                                                     status, programme_officer):
    reference = _propose(client, event, mails, officer)()
    proposal = SideEventProposal.objects.get(reference=reference)
    mails.outbox.clear()
    mails.after(proposal_decide, proposal=proposal, by=programme_officer, status=status)
    _assert_nothing_typed(mails.outbox, reference)


@pytest.fixture
def programme_officer(db):
    from logistics.core.enums import Role
    from tests.factories.plan import user_with_role

    return user_with_role(Role.PROGRAMME, username="programme")


# The count per address


def test_past_the_limit_the_form_answers_the_same_and_no_mail_goes(
        client, event, cats, mails, settings, caplog):
    """Mails to one address from every public form count together, however the address is
    spelt; the one past the limit is not sent, and nothing in the answer says so."""
    settings.MAIL_PER_ADDRESS_PER_DAY = 3
    outlet = OutletFactory(event=event)
    spellings = ["Victim@Mail.example", "victim+a@mail.example", "vic.tim@mail.example",
                 "VICTIM+b@MAIL.EXAMPLE"]
    answers = []
    mails.after(client.post, "/apply/media/", _media_form(outlet, email=spellings[0]))
    for spelling in spellings[1:]:
        response = mails.after(client.post, "/side-events/propose/",
                               _proposal_form(event, email=spelling))
        answers.append((response.status_code, response["Location"],
                        client.get(response["Location"]).status_code))
    assert len(set(answers)) == 1  # the mail past the limit changed nothing in the answer
    assert [mail.to[0] for mail in mails.outbox] == spellings[:3]
    assert SideEventProposal.objects.count() == 3  # the proposal itself was received
    refused = [r for r in caplog.records if "MAIL_PER_ADDRESS_PER_DAY" in r.getMessage()]
    assert len(refused) == 1 and refused[0].levelno == logging.WARNING
    assert not any("mail.example" in r.getMessage().casefold() for r in caplog.records)
    # Another address is not held back by it.
    mails.after(client.post, "/side-events/propose/",
                _proposal_form(event, email="someone.else@mail.example"))
    assert mails.outbox[-1].to == ["someone.else@mail.example"]


@pytest.mark.parametrize("door", DOORS)
def test_a_public_doors_mail_counts_against_the_address(client, event, cats, officer, mails,
                                                        settings, caplog, door):
    """Whatever a stranger's POST causes to be mailed is counted: with the address's day
    used up, the door answers as always and its mail does not go."""
    through = DOORS[door](client, event, mails, officer)
    settings.MAIL_PER_ADDRESS_PER_DAY = 0
    mails.outbox.clear()
    caplog.clear()
    through()
    assert mails.outbox == []
    refused = [r for r in caplog.records if "MAIL_PER_ADDRESS_PER_DAY" in r.getMessage()]
    assert len(refused) == 1


class Staff:
    def __init__(self, officer, vetter, programme):
        self.officer, self.vetter, self.programme = officer, vetter, programme


def _approve(application, staff):
    application_vet(application=application, by=staff.vetter, cleared=True)
    application_approve(application=Application.objects.get(pk=application.pk),
                        by=staff.officer)


# Every mail the staff (or an integration's key) cause by a decision on what the address's
# owner sent: what was sent, and the decision.
APPLICATION, PROPOSAL = "application", "proposal"
OFFICE_MOVES = {
    "request for information (with the correction link)": (APPLICATION, lambda a, s: (
        application_request_information(application=a, by=s.officer,
                                        message="Please send a sharper photo."))),
    "review started": (APPLICATION, lambda a, s: application_start_review(
        application=a, by=s.officer)),
    "approval": (APPLICATION, _approve),
    "rejection": (APPLICATION, lambda a, s: application_reject(
        application=a, by=s.officer, reason="The outlet did not confirm the assignment.")),
    "withdrawal by the office": (APPLICATION, lambda a, s: application_withdraw(
        application=a, by=s.officer, reason="Asked by the applicant.")),
    "withdrawal by an integration's key": (APPLICATION, lambda a, s: application_withdraw(
        application=a, by=None, actor="Partner registry", reason="Cancelled upstream.")),
    "side event accepted": (PROPOSAL, lambda p, s: proposal_decide(
        proposal=p, by=s.programme, status=ProposalStatus.ACCEPTED)),
    "side event waitlisted": (PROPOSAL, lambda p, s: proposal_decide(
        proposal=p, by=s.programme, status=ProposalStatus.WAITLISTED)),
    "side event rejected": (PROPOSAL, lambda p, s: proposal_decide(
        proposal=p, by=s.programme, status=ProposalStatus.REJECTED)),
}


@pytest.mark.parametrize("move", OFFICE_MOVES)
def test_the_offices_mails_reach_an_address_strangers_used_up(
        client, event, cats, outlet, officer, vetter, programme_officer, mails, settings,
        move):
    """A stranger sends forms with a journalist's (or an organiser's) address until its day
    is used up, each mailed as received; every mail the staff then cause still goes: the
    request for information with its correction link, each decision."""
    settings.MAIL_PER_ADDRESS_PER_DAY = 3
    sent, decide = OFFICE_MOVES[move]
    if sent == APPLICATION:
        real = mails.after(journalist, event, outlet=outlet, email=VICTIM)
    else:
        real = SideEventProposal.objects.get(reference=_propose(client, event, mails)())
    for n in range(settings.MAIL_PER_ADDRESS_PER_DAY):
        mails.after(journalist, event, outlet=outlet, email=VICTIM, family_name=f"Stranger {n}")
    assert len(mails.outbox) == settings.MAIL_PER_ADDRESS_PER_DAY  # the day is used up
    mails.outbox.clear()
    mails.after(decide, real, Staff(officer, vetter, programme_officer))
    assert [mail.to for mail in mails.outbox] == [[VICTIM]]
    assert real.reference in mails.outbox[0].subject


# Spellings of one address


# (spelling, spelling): one mailbox, one count.
ONE_MAILBOX = [
    ("victim@mail.example", "Victim@MAIL.example"),
    ("victim@mail.example", "victim+offers@mail.example"),
    ("victim@mail.example", "vic.tim@mail.example"),
    ("victim@mail.example", " victim@mail.example "),
    ("victim@xn--bcher-kva.example", "victim@bücher.example"),  # IDNA
    ("victim@xn--bcher-kva.example", "victim@BÜCHER.example"),
    ("victim@mail.example", "victim@ｍａｉｌ.example"),  # full-width letters (IDNA: NFKC)
    ("victim@mail.example", "victim@ＭＡＩＬ.ＥＸＡＭＰＬＥ"),
]
# (spelling, spelling): two mailboxes, two counts.
TWO_MAILBOXES = [
    ("victim@mail.example", "victim2@mail.example"),
    ("victim@mail.example", "victim@mail.example.org"),
    ("victim@mail.example", "victim@other.example"),
    ("victim@mail.example", "mail.example@victim"),
]


@pytest.mark.parametrize(("first", "second"), ONE_MAILBOX)
def test_address_digest_counts_spellings_of_one_mailbox_together(first, second):
    assert address_digest(first) == address_digest(second)


@pytest.mark.parametrize(("first", "second"), TWO_MAILBOXES)
def test_address_digest_counts_other_mailboxes_apart(first, second):
    assert address_digest(first) != address_digest(second)


# What every public form with an e-mail field refuses, and what it says.
QUOTED = ('"victim"@mail.example', r'"\v\ictim"@mail.example', '"vic.tim"@mail.example',
          '"victim+a"@mail.example')
LITERAL = ("victim@[192.0.2.1]", "victim@[IPv6:2001:db8::1]")
SAYS = {QUOTED: "Write the address without quotation marks",
        LITERAL: "Write the address with its domain name"}
BAD_ADDRESSES = [(address, SAYS[kind]) for kind in (QUOTED, LITERAL) for address in kind]


def _post_media(client, event, mails, officer, address):
    return client.post("/apply/media/", _media_form(OutletFactory(event=event), email=address))


def _post_correction(client, event, mails, officer, address):
    outlet = OutletFactory(event=event)
    mails.after(client.post, "/apply/media/", _media_form(outlet, email="mine@mail.example"))
    application = Application.objects.get()
    application_request_information(application=application, by=officer,
                                    message="Please send a signed letter.")
    return client.post(f"/apply/correct/{application.token}/",
                       _media_form(outlet, email=address, id_document_number="", photo=None,
                                   press_card=None, id_copy=None, letter_of_assignment=None))


def _post_status(client, event, mails, officer, address):
    return client.post("/apply/status/", {"reference": "A-7K2M9PQR", "email": address})


def _post_member(client, event, mails, officer, address):
    return client.post(_invitation(event).get_absolute_url(),
                       _registration_form(event, _member(event, email=address)))


def _post_focal_point(client, event, mails, officer, address):
    data = _registration_form(event)
    data["d-focal_point_email"] = address
    return client.post(_invitation(event).get_absolute_url(), data)


def _post_proposal(client, event, mails, officer, address):
    return client.post("/side-events/propose/", _proposal_form(event, email=address))


# Every e-mail field of a public page.
EMAIL_FIELDS = {
    "media application": _post_media,
    "correction link": _post_correction,
    "status check": _post_status,
    "delegation member": _post_member,
    "delegation focal point": _post_focal_point,
    "side-event organiser": _post_proposal,
}


@pytest.mark.parametrize(("address", "says"), BAD_ADDRESSES)
@pytest.mark.parametrize("field", EMAIL_FIELDS)
def test_every_public_form_refuses_quoted_and_literal_addresses(
        client, event, cats, officer, mails, field, address, says):
    """Mail servers deliver "victim"@…, "\\v\\ictim"@… and victim@[its server] to the
    mailbox victim@… reaches, and each spelling would be counted apart. The form says what
    to write, and nothing is saved or mailed."""
    response = mails.after(EMAIL_FIELDS[field], client, event, mails, officer, address)
    assert response.status_code in (200, 400)
    assert says in response.content.decode()
    assert not Application.objects.filter(email=address).exists()
    assert not SideEventProposal.objects.exists()
    assert not DelegationMember.objects.exists()
    assert [mail for mail in mails.outbox if mail.to == [address]] == []


def test_a_new_day_starts_a_new_count(event, cats, mails, settings, monkeypatch):
    from django.utils import timezone

    from logistics.core.models.mail import MailCount

    settings.MAIL_PER_ADDRESS_PER_DAY = 1
    first, second = (ProposalFactory(event=event, organiser_email=VICTIM) for _ in range(2))
    assert proposal_received_mail_send(proposal_id=first.pk) is True
    assert proposal_received_mail_send(proposal_id=second.pk) is False
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: tomorrow)
    third = ProposalFactory(event=event, organiser_email=VICTIM)
    assert proposal_received_mail_send(proposal_id=third.pk) is True
    # Yesterday's counts are gone: the table keeps a day at most.
    assert set(MailCount.objects.values_list("day", flat=True)) == {tomorrow}


@pytest.mark.django_db(transaction=True)
def test_two_connections_count_together(event, settings, mailoutbox):
    """Workers each with their own database connection, mailing one address at once: the
    count is one row in the database, so together they send the limit and no more."""
    settings.MAIL_PER_ADDRESS_PER_DAY = 3
    proposals = [ProposalFactory(event=event, organiser_email=VICTIM) for _ in range(8)]
    sent = race(*(partial(proposal_received_mail_send, proposal_id=proposal.pk)
                  for proposal in proposals), atomic=False)
    assert Counter(sent) == {True: 3, False: 5}
    assert len(mailoutbox) == 3


def test_the_count_keeps_no_address(event, mails):
    from logistics.core.models.mail import MailCount

    ProposalFactory(event=event, organiser_email=VICTIM)
    proposal_received_mail_send(proposal_id=SideEventProposal.objects.get().pk)
    row = MailCount.objects.get()
    assert row.count == 1
    assert "victim" not in row.address_digest and "mail.example" not in row.address_digest
