"""Mail as a weapon: anyone may type anyone's address on a public form, so what Accord mails
there carries no text the sender chose (a reference, our words, our links), and one address
gets at most MAIL_PER_ADDRESS_PER_DAY such mails a day, counted in the database for every
process; past it the form answers as always, the mail does not go, and the log says so
without the address."""

import logging
import threading
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from accreditation.models import Application
from accreditation.services.applications import (
    application_approve,
    application_reject,
    application_request_information,
    application_start_review,
    application_vet,
    application_withdraw,
)
from logistics.enums import DelegationKind, ProposalStatus
from logistics.models import SideEventProposal
from logistics.services.side_events import (
    proposal_decide,
    proposal_received_mail_send,
)
from tests.factories.accreditation import OutletFactory
from tests.factories.delegations import DelegationFactory, country
from tests.factories.registration import PDF_BYTES, InvitationFactory, image_bytes
from tests.factories.side_events import ProposalFactory

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
            "id_copy": _pdf("passport.pdf"), "photo": _jpeg(), **changes}
    return {key: value for key, value in data.items() if value is not None}


def _proposal_form(event, email=VICTIM):
    day = event.start_date.isoformat()
    return {"organiser_organisation": PAYLOAD[:200], "organiser_name": PAYLOAD[:150],
            "organiser_email": email, "co_organisers": f"{PAYLOAD}\n{PAYLOAD}",
            "title": PAYLOAD[:200], "abstract": PAYLOAD * 5, "format": "workshop",
            "languages": ["en"], "expected_audience": "80", "technical_needs": PAYLOAD,
            "preferred_slots": [f"{day}:am"]}


def _registration_form(event):
    expiry = (event.end_date + timedelta(days=400)).isoformat()
    member = {"family_name": PAYLOAD[:100], "given_names": PAYLOAD[:100],
              "title": PAYLOAD[:100], "gender": "female", "date_of_birth": "1970-05-05",
              "nationality": country("KE").pk, "email": VICTIM, "is_head": "on",
              "id_document_number": "AK123456", "id_document_expiry": expiry,
              "photo": _jpeg("member.jpg", (300, 400)), "dietary_needs": PAYLOAD}
    data = {"d-head_name": PAYLOAD[:100], "d-head_title": PAYLOAD[:100],
            "d-head_level": "minister", "d-focal_point_name": PAYLOAD[:100],
            "d-focal_point_email": "mission@kenya.example", "d-hotel": PAYLOAD[:100],
            "m-TOTAL_FORMS": "1", "m-INITIAL_FORMS": "0", "m-MIN_NUM_FORMS": "0",
            "m-MAX_NUM_FORMS": "5"}
    data.update({f"m-0-{key}": value for key, value in member.items()})
    return data


def _apply(client, event, mails):
    outlet = OutletFactory(event=event)
    response = mails.after(client.post, "/apply/media/", _media_form(outlet))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Application.objects.get(email=VICTIM).reference


def _correct(client, event, mails, officer):
    outlet = OutletFactory(event=event)
    mails.after(client.post, "/apply/media/", _media_form(outlet, family_name="Nguyen"))
    application = Application.objects.get(email=VICTIM)
    application_request_information(application=application, by=officer,
                                    message="Please send a signed letter.")
    mails.outbox.clear()
    response = mails.after(client.post, f"/apply/correct/{application.token}/",
                           _media_form(outlet, id_document_number="", photo=None,
                                       press_card=None, id_copy=None,
                                       letter_of_assignment=_pdf("signed.pdf")))
    assert response.status_code == 302, response.content.decode()[:2000]
    return application.reference


def _register(client, event, mails, officer):
    delegation = DelegationFactory(event=event, kind=DelegationKind.STATE,
                                   country=country("KE"), name="Kenya", size_quota=5)
    invitation = InvitationFactory(delegation=delegation, email="mission@kenya.example")
    response = mails.after(client.post, invitation.get_absolute_url(),
                           _registration_form(event))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Application.objects.get(email=VICTIM).reference


def _propose(client, event, mails, officer):
    response = mails.after(client.post, "/side-events/propose/", _proposal_form(event))
    assert response.status_code == 302, response.content.decode()[:2000]
    return SideEventProposal.objects.get(organiser_email=VICTIM).reference


# Every public form that mails, and what it mails to the address typed in it.
FORMS = {
    "media application (/apply/media/)": lambda c, e, m, o: _apply(c, e, m),
    "correction link (/apply/correct/…)": _correct,
    "delegation registration (/register/…)": _register,
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


@pytest.mark.parametrize("form", FORMS)
def test_a_public_form_mails_nothing_the_sender_typed(client, event, cats, officer, mails,
                                                      form):
    reference = FORMS[form](client, event, mails, officer)
    _assert_nothing_typed(mails.outbox, reference)


@pytest.mark.parametrize("move", ["start review", "information", "approve", "reject",
                                  "withdraw"])
def test_later_mails_to_an_applicant_carry_nothing_typed(client, event, cats, officer,
                                                         vetter, mails, move):
    """The office's moves, by mail to the address the form was given: the reason or request
    the officer wrote goes out, the applicant's own text does not."""
    reference = _apply(client, event, mails)
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
    reference = _propose(client, event, mails, officer)
    proposal = SideEventProposal.objects.get(reference=reference)
    mails.outbox.clear()
    mails.after(proposal_decide, proposal=proposal, by=programme_officer, status=status)
    _assert_nothing_typed(mails.outbox, reference)


@pytest.fixture
def programme_officer(db):
    from logistics.enums import Role
    from tests.factories import user_with_role

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


def test_the_limit_counts_the_mails_of_the_office_too(client, event, cats, officer, mails,
                                                      settings):
    settings.MAIL_PER_ADDRESS_PER_DAY = 2
    reference = _apply(client, event, mails)
    application = Application.objects.get(reference=reference)
    mails.after(application_start_review, application=application, by=officer)
    mails.after(application_request_information, application=application, by=officer,
                message="Please send a signed letter.")
    assert [mail.subject.split(" ", 3)[-1] for mail in mails.outbox] == [
        "received", "is under review"]


def test_a_new_day_starts_a_new_count(event, cats, mails, settings, monkeypatch):
    from django.utils import timezone

    from logistics.models import MailCount

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
    start, results, errors = threading.Barrier(len(proposals)), [], []

    def worker(proposal):
        try:
            start.wait()
            results.append(proposal_received_mail_send(proposal_id=proposal.pk))
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(p,)) for p in proposals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == [False] * 5 + [True] * 3
    assert len(mailoutbox) == 3


def test_the_count_keeps_no_address(event, mails):
    from logistics.models import MailCount

    ProposalFactory(event=event, organiser_email=VICTIM)
    proposal_received_mail_send(proposal_id=SideEventProposal.objects.get().pk)
    row = MailCount.objects.get()
    assert row.count == 1
    assert "victim" not in row.address_digest and "mail.example" not in row.address_digest
