"""The review queue and an application's page: filters, duplicate warnings, quota status,
the reviewer's moves (only the legal ones offered), bulk approval with mixed results, and a
query count that does not grow with the rows."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accreditation.applications.models.applications import Application, Transition
from accreditation.applications.queries import review as queries
from accreditation.applications.services.applications import (
    application_reject,
    application_request_information,
    application_start_review,
    application_withdraw,
)
from accreditation.applications.services.duplicates import duplicates_of
from accreditation.badges.services.badges import badge_issue
from accreditation.enums import TRANSITIONS, ApplicationStatus, VettingStatus
from accreditation.setup import queries as setup_queries
from accreditation.setup.models import AccreditationCategory, MediaOutlet
from tests.factories.accreditation import OutletFactory, approved, journalist
from tests.factories.delegations import country
from tests.factories.registration import pdf_upload, photo_upload
from tests.queries import same_queries

S = ApplicationStatus
LIST = reverse("accreditation:application_list")

pytestmark = pytest.mark.usefixtures("media_in_tmp")


def detail_url(application):
    return reverse("accreditation:application_detail", args=[application.pk])


def decide(client, application, action, reason=""):
    """Posts a move and follows to the page, which shows (and so uses up) the messages."""
    return client.post(reverse("accreditation:application_decide", args=[application.pk]),
                       {"action": action, "reason": reason}, follow=True)


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def clear(application):
    Application.objects.filter(pk=application.pk).update(vetting=VettingStatus.CLEARED)
    application.refresh_from_db()
    return application


def rows(response):
    return [application.reference for application in response.context["page"]]


# The list and its filters


def test_queue_shows_each_application_with_what_the_reviewer_needs(client, event, cats,
                                                                   outlet, officer):
    application = journalist(event, outlet=outlet, photo=photo_upload(), family_name="Lê")
    client.force_login(officer)
    page = client.get(LIST).content.decode()
    assert application.reference in page
    assert "Lê" in page and "Press" in page and "Vietnam News Agency" in page
    assert "Submitted" in page and "Pending" in page
    assert reverse("accreditation:application_file", args=[application.pk, "photo"]) in page


def test_queue_filters(client, event, cats, officer):
    afp = OutletFactory(event=event, name="AFP")
    reuters = OutletFactory(event=event, name="Reuters")
    a = journalist(event, outlet=afp, family_name="Dupont", email="dupont@afp.example")
    b = journalist(event, outlet=reuters, family_name="Smith")
    c = journalist(event, category_code="D", family_name="Kim")
    application_reject(application=b, by=officer, reason="No letter of assignment.")
    clear(c)
    client.force_login(officer)
    # Oldest first, and only what awaits the office: the rejected one is one tab away.
    assert rows(client.get(LIST)) == [a.reference, c.reference]
    assert rows(client.get(LIST, {"status": "all"})) == [a.reference, b.reference, c.reference]
    assert rows(client.get(LIST, {"status": "rejected"})) == [b.reference]
    assert rows(client.get(LIST, {"category": cats["D"].pk})) == [c.reference]
    assert rows(client.get(LIST, {"vetting": "cleared"})) == [c.reference]
    assert rows(client.get(LIST, {"outlet": afp.pk})) == [a.reference]
    assert rows(client.get(LIST, {"q": "dupont@AFP.example"})) == [a.reference]
    assert rows(client.get(LIST, {"q": a.reference.lower()})) == [a.reference]
    assert rows(client.get(LIST, {"q": "smi"})) == []
    assert rows(client.get(LIST, {"q": "smi", "status": "all"})) == [b.reference]
    assert rows(client.get(LIST, {"q": f"{c.given_names} {c.family_name}"})) == [c.reference]
    assert rows(client.get(LIST, {"status": "approved"})) == []
    assert "No application matches" in client.get(LIST, {"q": "nobody"}).content.decode()


def test_queue_ignores_a_category_of_another_event(client, event, cats, officer):
    from tests.factories.accreditation import categories
    from tests.factories.plan import EventFactory

    foreign = categories(EventFactory())["P"]
    journalist(event)
    client.force_login(officer)
    response = client.get(LIST, {"category": foreign.pk})
    assert response.status_code == 200
    assert response.context["filter"].errors


def one_in_each_status(event, officer):
    """{status: application}, made oldest first in the order of S."""
    made = {}
    for status in S:
        # S begins with submitted: the held one is its twin (the same e-mail).
        made[status] = (journalist(event, email=made[S.SUBMITTED].email)
                        if status == S.POSSIBLE_DUPLICATE else journalist(event))
    application_start_review(application=made[S.UNDER_REVIEW], by=officer)
    application_request_information(application=made[S.NEEDS_INFORMATION], by=officer,
                                    message="The letter, signed.")
    approved(made[S.APPROVED], officer=officer)
    application_reject(application=made[S.REJECTED], by=officer, reason="No letter.")
    application_withdraw(application=made[S.WITHDRAWN], by=officer, reason="Left.")
    return made


def test_queue_opens_on_what_awaits_a_decision_oldest_first_with_counts(
        client, event, cats, officer):
    made = one_in_each_status(event, officer)
    client.force_login(officer)
    response = client.get(LIST)
    awaiting = [S.SUBMITTED, S.UNDER_REVIEW, S.POSSIBLE_DUPLICATE]
    expected = sorted((made[s] for s in awaiting), key=lambda a: (a.created_at, a.pk))
    assert rows(response) == [a.reference for a in expected]
    tabs = {tab["value"]: tab["count"] for tab in response.context["tabs"]}
    assert tabs == {"awaiting": 3, "submitted": 1, "possible_duplicate": 1, "under_review": 1,
                    "needs_information": 1, "approved": 1, "rejected": 1, "withdrawn": 1,
                    "all": 7}
    page = response.content.decode()
    assert 'aria-current="page" data-status="awaiting"' in page
    for status in S:
        shown = rows(client.get(LIST, {"status": status}))
        assert made[status].reference in shown, status
    assert len(rows(client.get(LIST, {"status": "all"}))) == 7


def test_status_counts_follow_the_other_filters(client, event, cats, officer):
    journalist(event)
    journalist(event, category_code="D")
    approved(journalist(event, category_code="D"), officer=officer)
    client.force_login(officer)
    response = client.get(LIST, {"category": cats["D"].pk})
    tabs = {tab["value"]: tab["count"] for tab in response.context["tabs"]}
    assert (tabs["awaiting"], tabs["approved"], tabs["all"]) == (1, 1, 2)
    # Each tab keeps the other filters.
    assert all(f"category={cats['D'].pk}" in tab["query"] for tab in response.context["tabs"])


# Duplicates


def test_one_person_one_accreditation_same_document_or_email_is_held(event, cats):
    first = journalist(event, id_document_number="B1234567", email="mai@example.org")
    same_document = journalist(event, id_document_number="b 123-4567",
                               nationality=first.nationality)
    same_email = journalist(event, email="MAI@example.org")
    # Another nationality's passport with the same number is another document.
    other = journalist(event, id_document_number="B1234567", nationality=country("FR"))
    assert [(a.status, a.duplicate_of) for a in (same_document, same_email, other)] == [
        (S.POSSIBLE_DUPLICATE, first), (S.POSSIBLE_DUPLICATE, first), (S.SUBMITTED, None)]


def test_same_name_and_birth_date_is_a_warning(client, event, cats, officer, vetter):
    first = journalist(event, family_name="Trần", given_names="Thị Mai",
                       date_of_birth=date(1985, 3, 1))
    second = journalist(event, family_name="Trần", given_names="thị MAI",
                        date_of_birth=date(1985, 3, 1))
    other = journalist(event, family_name="Trần", given_names="Thị Mai",
                       date_of_birth=date(1986, 3, 1))
    assert list(duplicates_of(second)) == [first]
    client.force_login(officer)
    response = client.get(LIST)
    counts = {a.reference: a.duplicate_count for a in response.context["page"]}
    assert counts == {first.reference: 1, second.reference: 1, other.reference: 0}
    assert rows(client.get(LIST, {"duplicates": "yes"})) == [first.reference, second.reference]
    assert rows(client.get(LIST, {"duplicates": "no"})) == [other.reference]
    page = client.get(detail_url(second)).content.decode()
    assert detail_url(first) in page
    # Why: for security vetting's eyes (a reason named alone would name the others).
    assert "same name and date of birth" not in page
    client.force_login(vetter)
    assert "same name and date of birth" in client.get(detail_url(second)).content.decode()


def test_duplicate_counts_agree_with_the_service(event, cats):
    """Rows that reached the database by older paths: the same e-mail, or the same document
    without a nationality. The queue counts what duplicates_of() names."""
    a = journalist(event, nationality=None, id_document_number="X1")
    b = journalist(event, nationality=None, id_document_number="X2")
    c = journalist(event, family_name="Ba", given_names="Văn", date_of_birth=date(1970, 1, 1))
    d = journalist(event, family_name="ba", given_names="văn", date_of_birth=date(1970, 1, 1))
    Application.objects.filter(pk=b.pk).update(id_document_index=a.id_document_index)
    Application.objects.filter(pk=d.pk).update(email=a.email)
    withdrawn = journalist(event, family_name="Ba", given_names="Văn",
                           date_of_birth=date(1970, 1, 1))
    application_withdraw(application=withdrawn, by=None)
    lonely = journalist(event, family_name="Một mình", date_of_birth=date(1960, 6, 6))
    closed = [journalist(event, family_name="Hai", given_names="Lần",
                         date_of_birth=date(1961, 1, 1), email=f"closed{n}@example.org")
              for n in (1, 2)]
    for application in closed:  # alike, but neither is live: no warning
        application_withdraw(application=application, by=None)
    annotated = {x.pk: x.duplicate_count
                 for x in queries.attach_duplicate_counts(queries.queue(event))}
    for application in Application.objects.filter(event=event):
        assert annotated[application.pk] == duplicates_of(application).count(), application
    assert annotated == {a.pk: 2, b.pk: 1, c.pk: 1, d.pk: 2, withdrawn.pk: 2, lonely.pk: 0,
                         closed[0].pk: 0, closed[1].pk: 0}
    flagged = queries.has_duplicates(queries.queue(event), event)
    assert set(flagged.values_list("pk", flat=True)) == {a.pk, b.pk, c.pk, d.pk, withdrawn.pk}
    clean = queries.has_duplicates(queries.queue(event), event, value=False)
    assert set(clean.values_list("pk", flat=True)) == {lonely.pk, *(x.pk for x in closed)}
    reasons = dict((other.pk, why) for other, why in queries.duplicate_warnings(
        Application.objects.get(pk=a.pk)))
    assert reasons == {b.pk: ["document"], d.pk: ["email"]}


# Query counts


def test_queue_query_count_does_not_grow_with_rows(client, event, cats, officer):
    outlets = [OutletFactory(event=event) for _ in range(3)]
    for n in range(5):
        journalist(event, outlet=outlets[n % 3])
    client.force_login(officer)
    assert len(client.get(LIST, {"duplicates": ""}).context["page"]) == 5

    def add():
        for n in range(25):
            application = journalist(event, outlet=outlets[n % 3],
                                     category_code="P" if n % 2 else "T")
            if n % 5 == 0:
                application_start_review(application=application, by=officer)

    response = same_queries(lambda: client.get(LIST, {"duplicates": ""}), add)
    assert len(response.context["page"]) == 30


def test_detail_query_count_does_not_grow_with_history(client, event, cats, officer):
    application = journalist(event)
    client.force_login(officer)

    def longer_history():
        application_start_review(application=application, by=officer)
        application_request_information(application=application, by=officer,
                                        message="Letter?")

    same_queries(lambda: client.get(detail_url(application)), longer_history)


# The application's page


def test_detail_shows_documents_quotas_vetting_history_and_badge(client, event, cats, outlet,
                                                                 officer, vetter):
    application = journalist(event, outlet=outlet, photo=photo_upload(),
                             letter_of_assignment=pdf_upload(), press_card=pdf_upload())
    approved(application, vetter=vetter, officer=officer)
    badge = badge_issue(application_id=application.pk)
    client.force_login(officer)
    page = client.get(detail_url(application)).content.decode()
    for kind in ("photo", "letter_of_assignment", "press_card"):
        assert reverse("accreditation:application_file", args=[application.pk, kind]) in page
    assert reverse("accreditation:application_file", args=[application.pk, "id_copy"]) \
        not in page
    assert "Vietnam News Agency" in page and "1 of 4 approved" in page
    assert "Cleared" in page and "vetting" in page
    assert badge.number in page and "Active" in page
    history = page.split('data-testid="history"')[1]
    assert "Submitted → Approved" in history and "accreditation" in history


@pytest.mark.parametrize("status", list(S))
def test_detail_offers_only_the_legal_moves(client, event, cats, officer, status):
    application = journalist(event)
    Application.objects.filter(pk=application.pk).update(status=status)
    client.force_login(officer)
    response = client.get(detail_url(application))
    moves = {"start_review": S.UNDER_REVIEW, "request_information": S.NEEDS_INFORMATION,
             "approve": S.APPROVED, "reject": S.REJECTED, "withdraw": S.WITHDRAWN,
             "release": S.SUBMITTED}
    # Back to submitted is the applicant's correction, but from a possible duplicate: the
    # office's release.
    expected = [action for action, to in moves.items() if to in TRANSITIONS[status]
                and (action != "release" or status == S.POSSIBLE_DUPLICATE)]
    assert sorted(response.context["moves"]) == sorted(expected)
    page = response.content.decode()
    for action in moves:
        assert (f'value="{action}"' in page) == (action in expected), action


def test_approve_button_is_disabled_until_vetting_clears(client, event, cats, officer):
    application = journalist(event)
    client.force_login(officer)
    page = client.get(detail_url(application)).content.decode()
    assert "Security vetting must clear this person first" in page
    clear(application)
    page = client.get(detail_url(application)).content.decode()
    assert "Security vetting must clear this person first" not in page


# Decisions through the page


def test_reviewer_moves_an_application_through_the_page(client, event, cats, officer):
    application = journalist(event)
    client.force_login(officer)
    response = decide(client, application, "start_review")
    assert response.redirect_chain == [(detail_url(application), 302)]
    application.refresh_from_db()
    assert application.status == S.UNDER_REVIEW
    response = decide(client, application, "request_information",
                      "Please send the letter of assignment, signed.")
    application.refresh_from_db()
    assert application.status == S.NEEDS_INFORMATION
    assert application.information_requested == "Please send the letter of assignment, signed."
    assert "asked for more information" in " ".join(texts(response))
    last = Transition.objects.filter(application=application).last()
    assert (last.by, last.reason) == (officer, "Please send the letter of assignment, signed.")


def test_reject_and_ask_need_a_reason(client, event, cats, officer):
    application = journalist(event)
    client.force_login(officer)
    response = decide(client, application, "reject", "  ")
    assert texts(response) == ["Give the reason for the rejection."]
    response = decide(client, application, "request_information", "")
    assert texts(response) == ["Say what information is missing."]
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert Transition.objects.filter(application=application).count() == 1


def test_approving_before_vetting_is_refused_on_the_page(client, event, cats, officer):
    application = journalist(event)
    client.force_login(officer)
    response = decide(client, application, "approve")
    assert "cannot be approved before security vetting clears them" in texts(response)[0]
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_an_illegal_move_is_refused_on_the_page(client, event, cats, officer):
    application = journalist(event)
    application_reject(application=application, by=officer, reason="Duplicate.")
    client.force_login(officer)
    response = decide(client, application, "start_review")
    assert texts(response) == ["An application that is rejected cannot become under review."]
    response = decide(client, application, "explode")
    assert "Select a valid choice" in texts(response)[0]


def test_withdrawing_an_approved_application_revokes_its_badge(client, event, cats, officer):
    application = approved(journalist(event), officer=officer)
    badge = badge_issue(application_id=application.pk)
    client.force_login(officer)
    decide(client, application, "withdraw", "Left the delegation.")
    badge.refresh_from_db()
    assert badge.status == "revoked"


def test_queue_counts_against_each_outlet(event, cats, officer):
    outlet = MediaOutlet.objects.create(event=event, name="Nhân Dân", country=country("VN"),
                                        kind="print", quota=2)
    approved(journalist(event, outlet=outlet), officer=officer)
    journalist(event, outlet=outlet)
    [found] = setup_queries.with_decision_counts(setup_queries.outlets(event, "nhân"), "outlet_id")
    assert (found.approved, found.pending) == (1, 1)
    [category] = [c for c in setup_queries.categories(event) if c.code == "P"]
    assert (category.approved, category.pending) == (1, 1)
    assert AccreditationCategory.objects.get(code="P", event=event).quota is None
