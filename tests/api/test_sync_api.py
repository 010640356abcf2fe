"""Incremental sync: GET /api/v1/applications/?changed_since=... pages by (updated_at, id)
with an opaque cursor; nothing is skipped, nothing repeated in a pass where nothing changed,
and a row changed while a client pages comes again later with its new state."""

from datetime import timedelta
from itertools import count

import pytest
from django.utils import timezone

from accreditation.api import pagination
from accreditation.applications.models.applications import Application
from accreditation.applications.services.applications import application_reject, application_update
from accreditation.applications.services.bulk import applications_bulk_create
from accreditation.enums import ApplicationSource
from accreditation.setup.models import AccreditationCategory
from tests.factories.accreditation import journalist
from tests.factories.delegations import country
from tests.queries import same_queries

URL = "/api/v1/applications/"
SINCE = "2020-01-01T00:00:00Z"
PAST = timezone.make_aware(timezone.datetime(2026, 1, 5, 8, 0))
_n = count(1)


@pytest.fixture
def settled(monkeypatch):
    """No settling time: what changed a moment ago is served at once."""
    monkeypatch.setattr(pagination, "SETTLE_SECONDS", 0)


@pytest.fixture
def many(event, cats, outlet):
    """`many(n)`: n press applications, their last change in the past, several at the very
    same instant (the id breaks the tie)."""

    def make(n):
        press = AccreditationCategory.objects.get(event=event, code="P")
        vn = country("VN")
        items = [{"category": press, "family_name": f"Vũ {i}", "nationality": vn,
                  "email": f"vu{next(_n)}@example.org", "outlet": outlet,
                  "media_role": "reporter"} for i in range(n)]
        outcomes = applications_bulk_create(event=event, items=items,
                                            source=ApplicationSource.API)
        ids = [o.application.pk for o in outcomes]
        for step, start in enumerate(range(0, n, 7)):
            Application.objects.filter(pk__in=ids[start:start + 7]).update(
                updated_at=PAST + timedelta(seconds=step))
        return ids

    return make


def _page(client, url=URL, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_an_unchanged_pass_gives_every_row_once(reader, many, settled):
    ids = many(250)
    first = _page(reader, changed_since=SINCE, page_size=100)
    assert first["count"] is None
    seen = [row["id"] for row in first["results"]]
    body = first
    pages = 1
    while body["next"]:
        body = _page(reader, body["next"])
        seen += [row["id"] for row in body["results"]]
        pages += 1
    assert pages == 3
    assert len(seen) == len(set(seen)) == 250
    assert set(seen) == set(ids)
    # Oldest change first, ties broken by id.
    rows = Application.objects.filter(pk__in=ids).order_by("updated_at", "id")
    assert seen == list(rows.values_list("id", flat=True))


def test_a_row_changed_or_added_while_paging_comes_again_later(reader, many, settled, event,
                                                               outlet):
    ids = many(250)
    page = _page(reader, changed_since=SINCE, page_size=100)
    seen = [(row["id"], row["email"]) for row in page["results"]]
    changed = Application.objects.get(pk=page["results"][10]["id"])
    application_update(application=changed, email="changed@example.org")
    page = _page(reader, page["next"])
    seen += [(row["id"], row["email"]) for row in page["results"]]
    added = journalist(event, outlet=outlet)
    while page["next"]:
        page = _page(reader, page["next"])
        seen += [(row["id"], row["email"]) for row in page["results"]]
    seen_ids = [pk for pk, _email in seen]
    assert set(seen_ids) == {*ids, added.pk}
    assert len(seen) == 252
    assert seen_ids.count(changed.pk) == 2
    assert seen[-2:] == [(changed.pk, "changed@example.org"), (added.pk, added.email)]
    assert {pk for pk in seen_ids if seen_ids.count(pk) > 1} == {changed.pk}


def test_resume_gets_what_changed_since_the_last_sync(reader, many, settled):
    ids = many(30)
    body = _page(reader, changed_since=SINCE, page_size=100)
    assert (len(body["results"]), body["next"]) == (30, None)
    resume = body["resume"]
    assert _page(reader, resume)["results"] == []
    rejected = Application.objects.get(pk=ids[3])
    application_reject(application=rejected, by=None, reason="No letter of assignment.")
    later = _page(reader, resume)
    assert [(row["id"], row["status"]) for row in later["results"]] == [(ids[3], "rejected")]
    assert later["resume"] != resume


def test_fresh_changes_wait_until_they_have_settled(reader, many):
    ids = many(5)
    fresh = Application.objects.get(pk=ids[0])
    application_update(application=fresh, function="Photographer")
    body = _page(reader, changed_since=SINCE)
    assert sorted(row["id"] for row in body["results"]) == sorted(ids[1:])
    # A few seconds on, the change is there for the next sync.
    Application.objects.filter(pk=fresh.pk).update(
        updated_at=timezone.now() - timedelta(seconds=pagination.SETTLE_SECONDS + 1))
    later = _page(reader, body["resume"])
    assert [row["id"] for row in later["results"]] == [fresh.pk]


def test_changed_since_leaves_out_older_changes(reader, many, settled):
    ids = many(21)  # three instants, seven rows each
    since = (PAST + timedelta(seconds=1)).isoformat()
    body = _page(reader, changed_since=since)
    assert {row["id"] for row in body["results"]} == set(ids[7:])


def test_sync_combines_with_filters_and_ignores_ordering(reader, many, settled):
    ids = many(10)
    for pk in ids[:4]:
        application_reject(application=Application.objects.get(pk=pk), by=None, reason="No.")
    body = _page(reader, changed_since=SINCE, status="rejected", ordering="-family_name")
    assert [row["id"] for row in body["results"]] == ids[:4]


def test_a_cursor_is_only_one_we_gave_out(reader, db):
    for bad in ("nonsense", "W10", pagination.encode_cursor(PAST, 3)[:-4] + "!!!!"):
        response = reader.get(URL, {"cursor": bad})
        assert response.status_code == 400, bad
        assert list(response.json()["error"]["fields"]) == ["cursor"]
    naive = pagination.encode_cursor(PAST.replace(tzinfo=None), 3)
    assert reader.get(URL, {"cursor": naive}).status_code == 400


def test_changed_since_must_be_a_time(reader, db):
    response = reader.get(URL, {"changed_since": "yesterday"})
    assert response.status_code == 400
    assert "changed_since" in response.json()["error"]["fields"]


def test_a_sync_page_costs_the_same_queries_for_one_or_three_rows(reader, many, settled):
    many(1)
    page = same_queries(lambda: reader.get(URL, {"changed_since": SINCE}), lambda: many(2))
    assert len(page.json()["results"]) == 3


def test_without_changed_since_the_list_pages_by_number(reader, many):
    many(3)
    body = _page(reader, page_size=2)
    assert body["count"] == 3
    assert "page=2" in body["next"]
    assert "resume" not in body
