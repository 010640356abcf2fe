"""The review queue as a work queue: it opens on what awaits the office, oldest first, with
the count of each status; the office chooses the ticked applications, the page, or all that
match the filters, confirms on a page that names the action and the count, and the decision
runs as a job whose page shows progress and each refusal. A second click makes no second
job, and only the office reaches any of it."""

import uuid

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accreditation.applications.models.applications import Application
from accreditation.applications.models.bulk import BulkDecision, BulkRefusal
from accreditation.applications.services.bulk_decisions import (
    bulk_decision_run,
    bulk_decision_start,
)
from accreditation.applications.views import review_bulk
from accreditation.enums import ApplicationStatus, BulkStatus, VettingStatus
from logistics.core.errors import NotAllowed
from tests.factories.accreditation import OutletFactory, approved, categories, journalist
from tests.factories.delegations import country
from tests.factories.plan import EventFactory
from tests.queries import count_queries

S = ApplicationStatus
LIST = reverse("accreditation:application_list")
BULK = reverse("accreditation:application_bulk")


def rows(response):
    return [application.reference for application in response.context["page"]]


def clear(*applications):
    Application.objects.filter(pk__in=[a.pk for a in applications]).update(
        vetting=VettingStatus.CLEARED)


def statuses(applications):
    found = dict(Application.objects.filter(pk__in=[a.pk for a in applications])
                 .values_list("pk", "status"))
    return [found[a.pk] for a in applications]


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def choose(client, *, action="approve", scope="matching", query="", applications=()):
    """The queue's bulk bar: returns the confirmation page."""
    return client.post(BULK, {"action": action, "scope": scope, "query": query,
                              "applications": [a.pk for a in applications]})


def confirmed(page, **changes):
    """The confirmation form of `page` as the browser would send it back."""
    form = page.context["form"]
    data = {name: form[name].value() for name in ("action", "scope", "query", "key",
                                                  "expected")}
    data["reason"] = ""
    data["applications"] = page.context["ids"]
    data.update(changes)
    return data


# Choosing and confirming


def test_select_all_matching_a_filter_confirms_then_decides_only_those(
        client, event, cats, officer, celery_eager, django_capture_on_commit_callbacks):
    press = [journalist(event) for _ in range(3)]
    delegates = [journalist(event, category_code="D") for _ in range(2)]
    clear(*press, *delegates)
    client.force_login(officer)
    query = f"category={cats['P'].pk}"
    assert 'All 3 that match' in client.get(f"{LIST}?{query}").content.decode()
    page = choose(client, query=query)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Approve: 3 applications" in text
    assert "Category: P · Press" in text
    # The confirmation page decides nothing.
    assert BulkDecision.objects.count() == 0
    assert statuses(press) == [S.SUBMITTED] * 3
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(BULK, confirmed(page))
    job = BulkDecision.objects.get()
    assert response["Location"] == reverse("accreditation:bulk_decision_detail",
                                           args=[job.pk])
    assert statuses(press) == [S.APPROVED] * 3
    assert statuses(delegates) == [S.SUBMITTED] * 2
    job.refresh_from_db()
    assert (job.status, job.total, job.position, job.done, job.refused, job.by) == (
        BulkStatus.DONE, 3, 3, 3, 0, officer)
    assert job.started_at and job.finished_at and job.query == query


def test_select_the_ticked_or_the_page(client, event, cats, officer, monkeypatch):
    applications = [journalist(event) for _ in range(4)]
    client.force_login(officer)
    page = choose(client, action="start_review", scope="ticked",
                  applications=applications[1:3])
    assert page.context["count"] == 2
    assert page.context["ids"] == sorted(a.pk for a in applications[1:3])
    # "This page": the rows of the page the officer saw, under its filters.
    monkeypatch.setattr(review_bulk, "PAGE_SIZE", 3)
    page = choose(client, scope="page", query="status=awaiting&page=2")
    assert page.context["count"] == 1
    assert "Page 2 of" in page.context["described"]


def test_nothing_ticked_or_nothing_matching_goes_back_with_why(client, event, cats, officer):
    journalist(event)
    client.force_login(officer)
    response = choose(client, scope="ticked", query="status=submitted")
    assert response["Location"] == f"{LIST}?status=submitted"
    assert texts(response) == ["Tick the applications first."]
    response = choose(client, query="q=nobody")
    assert texts(response)[-1] == "No application matches these filters."
    assert BulkDecision.objects.count() == 0


def test_a_selection_that_changed_since_is_confirmed_again(client, event, cats, officer):
    journalist(event)
    client.force_login(officer)
    page = choose(client)
    journalist(event)
    again = client.post(BULK, confirmed(page))
    assert again.status_code == 200
    assert again.context["changed"] and again.context["count"] == 2
    assert again.context["form"]["key"].value() != page.context["form"]["key"].value()
    assert BulkDecision.objects.count() == 0


def test_a_rejection_needs_its_reason_on_the_confirmation(client, event, cats, officer):
    application = journalist(event)
    client.force_login(officer)
    page = choose(client, action="reject")
    response = client.post(BULK, confirmed(page))
    assert response.status_code == 200
    assert "Give the reason for the rejection." in response.content.decode()
    assert BulkDecision.objects.count() == 0
    assert statuses([application]) == [S.SUBMITTED]


def test_ticked_ids_of_another_event_are_refused(client, event, cats, officer):
    other = EventFactory()
    categories(other)
    foreign = journalist(other)
    client.force_login(officer)
    response = choose(client, scope="ticked", applications=[foreign])
    assert response.status_code == 302
    assert BulkDecision.objects.count() == 0


# A second click


def test_a_double_submit_makes_one_job(client, event, cats, officer):
    clear(*[journalist(event) for _ in range(3)])
    client.force_login(officer)
    page = choose(client)
    data = confirmed(page)
    first = client.post(BULK, data)
    second = client.post(BULK, data)
    assert first["Location"] == second["Location"]
    assert BulkDecision.objects.count() == 1
    # The same selection confirmed on a second page, while the first job is unfinished
    # (no worker has taken it in this test): still the one job.
    third = client.post(BULK, confirmed(choose(client)))
    assert third["Location"] == first["Location"]
    assert BulkDecision.objects.count() == 1


def test_a_job_run_twice_decides_each_application_once(event, cats, officer):
    applications = [journalist(event) for _ in range(5)]
    clear(*applications)
    job = bulk_decision_start(event=event, by=officer, action="approve",
                              ids=[a.pk for a in applications], key=uuid.uuid4())
    bulk_decision_run(job_id=job.pk)
    assert bulk_decision_run(job_id=job.pk) is None  # redelivered: nothing left to do
    job.refresh_from_db()
    assert (job.done, job.refused) == (5, 0)
    for application in applications:
        assert application.transitions.filter(to_status=S.APPROVED).count() == 1


# Refusals


def test_each_refusal_is_listed_and_the_others_decided(client, event, cats, officer):
    small = OutletFactory(event=event, name="Small Radio", quota=1)
    ready = [journalist(event) for _ in range(2)]
    pending = journalist(event)
    full_first = journalist(event, outlet=small)
    full_second = journalist(event, outlet=small)
    done = approved(journalist(event), officer=officer)
    clear(*ready, full_first, full_second)
    chosen = [*ready, pending, full_first, full_second, done]
    job = bulk_decision_start(event=event, by=officer, action="approve",
                              ids=[a.pk for a in chosen], key=uuid.uuid4())
    bulk_decision_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.total, job.done, job.refused) == (BulkStatus.DONE, 6, 3, 3)
    assert statuses(chosen) == [S.APPROVED, S.APPROVED, S.SUBMITTED, S.APPROVED,
                                S.SUBMITTED, S.APPROVED]
    refusals = {r.reference: (r.code, r.message) for r in BulkRefusal.objects.filter(job=job)}
    assert refusals == {
        pending.reference: ("vetting_required", f"{pending.full_name} cannot be approved "
                            "before security vetting clears them (vetting: pending)."),
        full_second.reference: ("quota_exceeded",
                                "The quota for Small Radio is reached (1 of 1)."),
        done.reference: ("already", "already approved"),
    }
    client.force_login(officer)
    page = client.get(reverse("accreditation:bulk_decision_detail", args=[job.pk]))
    text = page.content.decode()
    assert "6 of 6 gone through: 3 decided, 3 refused" in text
    assert f"{done.reference}</a>: <bdi>already approved</bdi>" in text
    assert "hx-get" not in text  # finished: no more polling


def test_a_running_job_page_polls_its_progress(client, event, cats, officer):
    clear(journalist(event))
    job = bulk_decision_start(event=event, by=officer, action="approve",
                              ids=list(Application.objects.values_list("pk", flat=True)),
                              key=uuid.uuid4())
    client.force_login(officer)
    progress = reverse("accreditation:bulk_decision_progress", args=[job.pk])
    page = client.get(reverse("accreditation:bulk_decision_detail", args=[job.pk]))
    assert f'hx-get="{progress}"' in page.content.decode()
    fragment = client.get(progress).content.decode()
    assert "0 of 1 gone through" in fragment and "Waiting for a worker" in fragment


# Who may


@pytest.mark.parametrize("who", ["vetter", "gate"])
def test_only_the_office_decides_in_bulk(client, event, cats, officer, who, request):
    user = request.getfixturevalue(who)
    application = journalist(event)
    clear(application)
    job = bulk_decision_start(event=event, by=officer, action="approve", ids=[application.pk],
                              key=uuid.uuid4())
    client.force_login(user)
    assert choose(client).status_code == 403
    assert client.post(BULK, {"action": "approve", "scope": "matching", "query": "",
                              "key": uuid.uuid4(), "expected": 1}).status_code == 403
    for name in ("bulk_decision_detail", "bulk_decision_progress"):
        assert client.get(reverse(f"accreditation:{name}", args=[job.pk])).status_code == 403
    with pytest.raises(NotAllowed):
        bulk_decision_start(event=event, by=user, action="approve", ids=[application.pk],
                            key=uuid.uuid4())
    assert BulkDecision.objects.count() == 1
    assert statuses([application]) == [S.SUBMITTED]


def test_a_job_decides_as_its_officer_with_the_services_checks(event, cats, officer, vetter):
    """The job acts as the officer who confirmed it, through the services' own permission
    check: the office's role taken away meanwhile, every item is refused."""
    application = journalist(event)
    clear(application)
    job = bulk_decision_start(event=event, by=officer, action="approve", ids=[application.pk],
                              key=uuid.uuid4())
    BulkDecision.objects.filter(pk=job.pk).update(by=vetter)
    bulk_decision_run(job_id=job.pk)
    assert BulkRefusal.objects.get(job=job).code == "not_allowed"
    assert statuses([application]) == [S.SUBMITTED]


def test_another_events_job_is_not_found(client, event, cats, officer):
    other = EventFactory()
    categories(other)
    foreign = journalist(other)
    job = bulk_decision_start(event=other, by=officer, action="approve", ids=[foreign.pk],
                              key=uuid.uuid4())
    client.force_login(officer)
    response = client.get(reverse("accreditation:bulk_decision_detail", args=[job.pk]))
    assert response.status_code == 404


# Query counts


def test_job_page_query_count_does_not_grow_with_refusals(client, event, cats, officer):
    def finished(count):
        applications = [journalist(event, nationality=country("FR")) for _ in range(count)]
        job = bulk_decision_start(event=event, by=officer, action="approve",
                                  ids=[a.pk for a in applications], key=uuid.uuid4())
        bulk_decision_run(job_id=job.pk)  # none vetted: each one refused
        return reverse("accreditation:bulk_decision_detail", args=[job.pk])

    client.force_login(officer)
    one, three = finished(1), finished(3)
    client.get(one)
    for_one = count_queries(lambda: client.get(one))
    assert count_queries(lambda: client.get(three)) == for_one
    assert [len(client.get(url).context["refusals"]) for url in (one, three)] == [1, 3]


def test_refusals_are_written_in_the_language_of_the_officer_who_asked(event, cats, officer):
    """The worker has no request to take a language from: an officer working in Arabic
    reads the job's refusals in Arabic, whatever language the worker runs in."""
    from django.utils import translation

    done = approved(journalist(event), officer=officer)
    with translation.override("ar"):
        job = bulk_decision_start(event=event, by=officer, action="approve", ids=[done.pk],
                                  key=uuid.uuid4())
        arabic = f"حالته بالفعل «{ApplicationStatus.APPROVED.label.lower()}»"
    with translation.override("en"):
        bulk_decision_run(job_id=job.pk)
    assert BulkRefusal.objects.get(job=job).message == arabic
