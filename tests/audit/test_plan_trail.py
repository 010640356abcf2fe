"""The plan's audit trail: who changed a task or an agency, when, and what before and
after, through the staff UI, the API (a person, or an API key by its name) and the plan
import; shown on the task's and the agency's pages."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from accreditation.keys.services import api_key_create
from logistics.plan.enums import TaskStatus
from logistics.plan.services.plan_io import plan_export
from tests.audit.conftest import entries_of, trail_text
from tests.factories.plan import AgencyFactory, TaskFactory
from tests.queries import same_queries

U = LogEntry.Action.UPDATE


@pytest.fixture
def task(event, committee, agency, other_agency):
    return TaskFactory(event=event, committee=committee, lead_agency=agency, code="SEC-01",
                       title="Security plan", due_date=event.today() + timedelta(days=10),
                       coordinating_agencies=[other_agency])


def test_progress_from_the_task_page_records_who_when_before_and_after(client, focal_point,
                                                                       task):
    client.force_login(focal_point)
    before = timezone.now()
    response = client.post(reverse("logistics:task_progress", args=[task.pk]),
                           {"status": TaskStatus.IN_PROGRESS, "progress": 40, "note": "Fences"})
    assert response.status_code == 302
    entry = entries_of(task)[-1]
    assert (entry.action, entry.actor, entry.additional_data) == (U, focal_point, None)
    assert entry.changes == {"status": ["planned", "in_progress"], "progress": ["0", "40"]}
    assert before <= entry.timestamp <= timezone.now()


def test_task_page_shows_the_trail_with_labels_names_and_choice_labels(client, secretariat,
                                                                       task, event):
    third = AgencyFactory(event=event, code="MOH", name="Ministry of Health")
    secretariat.first_name, secretariat.last_name = "Lan", "Phạm"
    secretariat.save()
    client.force_login(secretariat)  # the session works for the API too
    response = client.patch(f"/api/v1/tasks/{task.pk}/",
                            {"lead_agency": third.pk, "status": "blocked"},
                            content_type="application/json")
    assert response.status_code == 200, response.content
    text = trail_text(client.get(reverse("logistics:task_detail", args=[task.pk])))
    assert "Lan Phạm changed" in text
    assert "Lead agency MPS · Ministry of Public Security → MOH · Ministry of Health" in text
    assert "Status Planned → Blocked" in text
    assert f"→ {third.pk}" not in text and "blocked" not in text  # names, not stored values


def test_coordinating_agencies_change_is_recorded(login, secretariat, task, agency,
                                                  other_agency, event):
    third = AgencyFactory(event=event, code="MOH", name="Ministry of Health")
    response = login(secretariat).patch(f"/api/v1/tasks/{task.pk}/",
                                        {"coordinating_agencies": [third.pk]}, format="json")
    assert response.status_code == 200, response.content
    m2m = [e.changes["coordinating_agencies"] for e in entries_of(task)
           if "coordinating_agencies" in e.changes]
    assert {(c["operation"], tuple(c["objects"])) for c in m2m[-2:]} == {
        ("delete", ("MOFA · Ministry of Foreign Affairs",)),
        ("add", ("MOH · Ministry of Health",))}
    assert all(e.actor == secretariat for e in entries_of(task)[-2:])
    client = login(secretariat)
    text = trail_text(client.get(reverse("logistics:task_detail", args=[task.pk])))
    assert "Coordinating agencies added: MOH · Ministry of Health" in text
    assert "Coordinating agencies removed: MOFA · Ministry of Foreign Affairs" in text


def test_change_with_an_api_key_is_put_down_to_the_key(bearer, task, client, secretariat):
    raw = api_key_create(name="plan sync", scopes=["read", "write"])[1]
    response = bearer(raw).patch(f"/api/v1/tasks/{task.pk}/", {"progress": 55},
                                 format="json")
    assert response.status_code == 200, response.content
    entry = entries_of(task)[-1]
    assert (entry.actor, entry.additional_data, entry.changes) == (
        None, {"api_key": "plan sync"}, {"progress": ["0", "55"]})
    # The same name as the task's own log (TaskUpdate.via).
    assert task.updates.get().via == "API key plan sync"
    client.force_login(secretariat)
    text = trail_text(client.get(reverse("logistics:task_detail", args=[task.pk])))
    assert "API key plan sync changed" in text


def test_a_change_nobody_made_reads_as_system(task, client, secretariat):
    from logistics.plan.services.master_plan import task_update

    task_update(task=task, by=None, title="Security plan v2")
    entry = entries_of(task)[-1]
    assert (entry.actor, entry.additional_data) == (None, None)
    task_update(task=task, by=None, title="Security plan v3", via="nightly sync")
    client.force_login(secretariat)
    text = trail_text(client.get(reverse("logistics:task_detail", args=[task.pk])))
    # The page's one history is the task's own record, which the services write even when
    # nobody made the change: the system, or whatever `via` names.
    assert text.index("nightly sync changed") < text.index("system changed")


def test_plan_import_records_each_task_created_and_changed(client, secretariat, task, event):
    data = plan_export(event=event, fmt="csv").decode("utf-8-sig")
    data = data.replace("Security plan", "Security plan (revised)")
    data += f"SEC-02,Fences,SEC,MPS,,,{(event.today() + timedelta(days=5)).isoformat()}," \
            "Planned,,,0,\r\n"
    client.force_login(secretariat)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("plan.csv", data.encode("utf-8-sig"), content_type="text/csv")
    response = client.post(reverse("logistics:plan_import"), {"file": upload})
    assert response.status_code in (200, 302), response.content[:500]
    task.refresh_from_db()
    assert task.title == "Security plan (revised)"
    changed = entries_of(task)[-1]
    assert (changed.actor, changed.changes) == (
        secretariat, {"title": ["Security plan", "Security plan (revised)"]})
    new = task.event.tasks.get(code="SEC-02")
    assert [(e.action, e.actor) for e in entries_of(new)][0] == (LogEntry.Action.CREATE,
                                                                 secretariat)


def test_agency_page_shows_its_focal_points_changes(client, secretariat, agency, focal_point):
    from logistics.plan.services.frame import agency_update

    agency_update(agency=agency, by=secretariat, name="Ministry of Public Security (MPS)",
                  focal_points=[])
    client.force_login(secretariat)
    text = trail_text(client.get(reverse("logistics:agency_detail", args=[agency.pk])))
    assert "Name Ministry of Public Security → Ministry of Public Security (MPS)" in text
    assert f"Focal points removed: {focal_point.username}" in text


def test_trail_is_empty_at_first_and_pages_the_rest(client, secretariat, task):
    client.force_login(secretariat)
    LogEntry.objects.all().delete()
    text = trail_text(client.get(reverse("logistics:task_detail", args=[task.pk])))
    assert "No change recorded yet." in text
    from logistics.plan.services.master_plan import task_update

    for n in range(1, 23):
        task_update(task=task, by=secretariat, progress=n)
    page = client.get(reverse("logistics:task_detail", args=[task.pk]))
    assert page.content.decode().count('data-testid="audit-entry"') == 20
    text = trail_text(page)
    assert text.index("22") < text.index("Older changes")
    older = client.get(reverse("logistics:task_detail", args=[task.pk]) + "?history_page=2")
    assert older.content.decode().count('data-testid="audit-entry"') == 2
    assert "Progress (%) 0 → 1" in trail_text(older)
    for bad in ("0", "-3", "x", "99999999999999999999"):
        response = client.get(reverse("logistics:task_detail", args=[task.pk]),
                              {"history_page": bad})
        assert response.status_code == 200


def test_task_page_query_count_does_not_grow_with_the_trail(client, secretariat, task, event):
    from logistics.plan.services.master_plan import task_update

    third = AgencyFactory(event=event, code="MOH", name="Ministry of Health")
    client.force_login(secretariat)
    url = reverse("logistics:task_detail", args=[task.pk])

    def longer_trail():
        task_update(task=task, by=secretariat, progress=20, lead_agency=task.lead_agency)
        task_update(task=task, by=secretariat, progress=30, coordinating_agencies=[])
        task_update(task=task, by=secretariat, progress=40, lead_agency=third)

    task_update(task=task, by=secretariat, progress=10, lead_agency=third)
    assert same_queries(lambda: client.get(url), longer_trail).status_code == 200
