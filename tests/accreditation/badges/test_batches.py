"""Badge batches: queued after commit, drawn by the Celery job with its progress recorded,
attached once, never redone when finished, started over when a worker was lost."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accreditation.badges import pdf
from accreditation.badges.models import Badge, BadgeBatch
from accreditation.badges.services import batches
from accreditation.badges.services.badges import badge_issue, badge_revoke
from accreditation.badges.tasks import make_badge_batch
from accreditation.enums import BadgeStatus, BatchStatus, PrintStatus
from accreditation.errors import BadgeUnusable
from accreditation.setup.models import AccreditationCategory
from logistics.core.errors import NotAllowed
from tests.factories.accreditation import approved, categories, journalist
from tests.factories.plan import EventFactory
from tests.factories.registration import photo_upload
from tests.queries import same_queries

PAGE = re.compile(rb"/Type /Page(?!s)")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """The disk; the tests that write a batch's file ask for `media` as well, which runs
    them on a bucket too (tests/plugins/file_storage.py)."""
    settings.MEDIA_ROOT = str(tmp_path)


def _badges(event, count, **fields):
    return [badge_issue(application_id=approved(journalist(event, **fields)).pk)
            for _ in range(count)]


def _pdf(batch):
    with batch.file.open("rb") as handle:
        return handle.read()


def test_task_has_its_stable_name():
    assert make_badge_batch.name == "accreditation.make_badge_batch"


def test_batch_is_made_by_the_job_after_commit(event, cats, officer, celery_eager, media,
                                               django_capture_on_commit_callbacks):
    badges = _badges(event, 3, photo=photo_upload())  # read back from the storage
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        batch = batches.batch_create(event=event, badges=[b.pk for b in badges], by=officer)
        assert BadgeBatch.objects.get(pk=batch.pk).status == BatchStatus.QUEUED
    assert len(callbacks) == 1
    batch.refresh_from_db()
    assert (batch.status, batch.total, batch.done, batch.requested_by) == (
        BatchStatus.DONE, 3, 3, officer)
    assert batch.file.name.startswith("badges/") and batch.file.name.endswith(".pdf")
    assert batch.finished_at is not None
    data = _pdf(batch)
    assert data.startswith(b"%PDF-") and len(PAGE.findall(data)) == 3
    # The holders' photo (one image for the three: they are the same), not the placeholder.
    assert b"/Subtype /Image" in data
    for badge in Badge.objects.all():
        # Drawn, not printed: someone confirms the batch printed once it is off the printer.
        assert badge.pdf_made_at is not None
        assert (badge.print_status, badge.printed_at) == (PrintStatus.NOT_PRINTED, None)


def test_batch_takes_only_the_events_active_badges(event, cats, officer):
    active, revoked = _badges(event, 2)
    badge_revoke(badge=revoked, by=officer, reason="Press card withdrawn by the outlet.")
    elsewhere = EventFactory()
    categories(elsewhere)
    foreign = _badges(elsewhere, 1)[0]
    batch = batches.batch_create(event=event, badges=[active.pk, revoked.pk, foreign.pk],
                                 by=officer)
    assert list(batch.badges.values_list("pk", flat=True)) == [active.pk]
    assert batch.total == 1


def test_batch_of_nothing_active_is_refused(event, cats, officer):
    badge = _badges(event, 1)[0]
    badge_revoke(badge=badge, by=officer, reason="Duplicate accreditation.")
    with pytest.raises(BadgeUnusable, match="nothing to print"):
        batches.batch_create(event=event, badges=[badge], by=officer)
    with pytest.raises(BadgeUnusable):
        batches.batch_create(event=event, badges=[], by=officer)
    assert BadgeBatch.objects.count() == 0


def test_only_the_office_makes_batches(event, cats, vetter, gate):
    badge = _badges(event, 1)[0]
    for user in (vetter, gate):
        with pytest.raises(NotAllowed):
            batches.batch_create(event=event, badges=[badge], by=user)


def test_batch_is_capped(event, cats, officer, monkeypatch):
    monkeypatch.setattr(batches, "MAX_BADGES", 2)
    _badges(event, 3)
    with pytest.raises(BadgeUnusable, match="at most 2"):
        batches.batch_create(event=event, badges=Badge.objects.all(), by=officer)


def _queued(event, officer, count):
    badges = _badges(event, count)
    batch = BadgeBatch.objects.create(event=event, total=count, requested_by=officer)
    batch.badges.set(badges)
    return batch


def test_progress_is_recorded_every_chunk(event, cats, officer, monkeypatch):
    monkeypatch.setattr(pdf, "CHUNK", 2)
    batch = _queued(event, officer, 5)
    with CaptureQueriesContext(connection) as queries:
        batches.batch_run(batch_id=batch.pk)
    updates = [q["sql"] for q in queries.captured_queries
               if q["sql"].startswith("UPDATE") and '"done" = ' in q["sql"]
               and "status" in q["sql"].split("WHERE")[-1]]
    # 2, 4, 5 drawn, then the finish: each a conditional UPDATE of a running batch.
    assert len(updates) == 4
    batch.refresh_from_db()
    assert (batch.status, batch.done) == (BatchStatus.DONE, 5)


def test_progress_never_goes_back_nor_touches_a_finished_batch(event, cats, officer):
    batch = _queued(event, officer, 3)
    BadgeBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.RUNNING)
    record = batches._progress(batch.pk)
    record(2)
    record(1)
    batch.refresh_from_db()
    assert batch.done == 2
    BadgeBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.DONE, done=3)
    record(1)
    batch.refresh_from_db()
    assert (batch.status, batch.done) == (BatchStatus.DONE, 3)


def test_finished_batch_is_not_redone(event, cats, officer):
    batch = _queued(event, officer, 2)
    batches.batch_run(batch_id=batch.pk)
    batch.refresh_from_db()
    name, printed = batch.file.name, list(Badge.objects.values_list("printed_at", flat=True))
    assert batches.batch_run(batch_id=batch.pk) is None
    make_badge_batch(batch.pk)  # a redelivered task
    batch.refresh_from_db()
    assert batch.file.name == name and batch.status == BatchStatus.DONE
    assert list(Badge.objects.values_list("printed_at", flat=True)) == printed


def test_running_batch_of_a_lost_worker_starts_over(event, cats, officer):
    batch = _queued(event, officer, 3)
    BadgeBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.RUNNING, done=2)
    batches.batch_run(batch_id=batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.error) == (BatchStatus.DONE, 3, "")
    assert len(PAGE.findall(_pdf(batch))) == 3


def test_second_run_to_finish_keeps_the_first_file(event, cats, officer, monkeypatch, media):
    """Two workers on one batch (a redelivery while the first still ran): the first to
    finish attaches its file; the other's is deleted, not attached."""

    batch = _queued(event, officer, 1)
    real = pdf.render_badges

    def render_while_another_finishes(badges, out, **kwargs):
        count = real(badges, out, **kwargs)
        BadgeBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.DONE,
                                                      file="badges/first.pdf")
        return count

    monkeypatch.setattr(pdf, "render_badges", render_while_another_finishes)
    batches.batch_run(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.file.name == "badges/first.pdf"
    assert media.names("badges") == []


def test_broken_batch_says_why_and_is_not_retried(event, cats, officer):
    batch = _queued(event, officer, 2)
    # A colour that cannot be drawn (the form would refuse it; the data is wrong anyway).
    AccreditationCategory.objects.filter(code="P").update(badge_colour="#GGGGGG")
    batches.batch_run(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED and batch.error and not batch.file
    assert batch.finished_at is not None
    assert not Badge.objects.filter(print_status=PrintStatus.PRINTED).exists()
    assert batches.batch_run(batch_id=batch.pk) is None


def test_batch_whose_badges_were_all_revoked_meanwhile_fails_plainly(event, cats, officer):
    batch = _queued(event, officer, 1)
    Badge.objects.update(status=BadgeStatus.REVOKED)
    batches.batch_run(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED
    assert batch.error == "None of the batch's badges is active any more."


# The pages.

def test_list_makes_a_batch_of_the_selected(client, event, cats, officer, celery_eager,
                                            django_capture_on_commit_callbacks):
    one, two, three = _badges(event, 3)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accreditation:batch_create"),
                               {"scope": "selected", "badge": [one.pk, three.pk, "x"],
                                "filters": ""})
    batch = BadgeBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("accreditation:batch_detail", args=[batch.pk])
    assert sorted(batch.badges.values_list("pk", flat=True)) == [one.pk, three.pk]
    assert batch.status == BatchStatus.DONE


def test_list_makes_a_batch_of_all_matching_the_filters(client, event, cats, officer):
    press = _badges(event, 2)
    _badges(event, 1, category_code="D")
    client.force_login(officer)
    response = client.post(reverse("accreditation:batch_create"),
                           {"scope": "filtered", "filters": f"category={cats['P'].pk}"})
    assert response.status_code == 302
    batch = BadgeBatch.objects.get()
    assert sorted(batch.badges.values_list("pk", flat=True)) == sorted(b.pk for b in press)


def test_list_refuses_a_batch_of_nothing_or_of_bad_filters(client, event, cats, officer):
    _badges(event, 1)
    client.force_login(officer)
    url = reverse("accreditation:batch_create")
    response = client.post(url, {"scope": "selected", "filters": "status=active"}, follow=True)
    assert "Tick the badges to print first." in response.content.decode()
    response = client.post(url, {"scope": "filtered", "filters": "category=99999"},
                           follow=True)
    assert "The filters are not valid" in response.content.decode()
    assert BadgeBatch.objects.count() == 0


def test_batch_page_polls_while_running_and_offers_the_file_when_done(client, event, cats,
                                                                      officer, media):
    batch = _queued(event, officer, 2)
    client.force_login(officer)
    page = client.get(reverse("accreditation:batch_detail", args=[batch.pk])).content.decode()
    progress_url = reverse("accreditation:batch_progress", args=[batch.pk])
    assert f'hx-get="{progress_url}"' in page and 'hx-trigger="every 1s"' in page
    assert "batch-download" not in page
    BadgeBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.RUNNING, done=1)
    partial = client.get(progress_url).content.decode()
    assert "1 of 2 badges drawn" in partial and 'data-width="50"' in partial
    assert "<html" not in partial
    batches.batch_run(batch_id=batch.pk)
    partial = client.get(progress_url).content.decode()
    assert "hx-trigger" not in partial
    download = reverse("accreditation:batch_download", args=[batch.pk])
    assert f'href="{download}"' in partial
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_download_of_an_unfinished_batch_is_not_found(client, event, cats, officer):
    batch = _queued(event, officer, 1)
    client.force_login(officer)
    assert client.get(reverse("accreditation:batch_download",
                              args=[batch.pk])).status_code == 404


@pytest.mark.parametrize("name", ["batch_list", "batch_detail", "batch_progress",
                                  "batch_download"])
def test_batch_pages_are_the_offices(client, event, cats, officer, vetter, gate, name):
    batch = _queued(event, officer, 1)
    batches.batch_run(batch_id=batch.pk)
    url = reverse(f"accreditation:{name}", args=[] if name == "batch_list" else [batch.pk])
    for user in (vetter, gate):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(officer)
    assert client.get(url).status_code == 200
    client.force_login(vetter)
    assert client.post(reverse("accreditation:batch_create"),
                       {"scope": "filtered", "filters": ""}).status_code == 403


def test_batch_list_queries_do_not_grow_with_rows(client, event, cats, officer):
    client.force_login(officer)
    url = reverse("accreditation:batch_list")
    _queued(event, officer, 1)

    def add():
        _queued(event, officer, 1)
        _queued(event, officer, 1)

    response = same_queries(lambda: client.get(url), add)
    assert response.content.decode().count('data-testid="batch-row"') == 3


def test_bench_draws_a_small_batch(db):
    """`make bench` keeps working: its data builder and its batch, at a small size."""
    from tests.bench.badges import bench_badge_batch

    rows = []
    bench_badge_batch(4, rows)
    assert [row[1] for row in rows] == ["badges: build the data", "one badge PDF (mean)",
                                        "badge batch PDF (Celery job's work)"]
    assert "4 with their PDF made" in rows[-1][5]
    assert not Badge.objects.exists()  # it cleans up after itself
