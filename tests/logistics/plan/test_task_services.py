from datetime import date, timedelta

import pytest

from logistics.core.errors import NotAllowed
from logistics.plan.enums import TaskStatus
from logistics.plan.errors import DependencyCycle, InvalidTask
from logistics.plan.models import Task, TaskUpdate
from logistics.plan.services.master_plan import task_create, task_update, task_update_progress
from tests.factories.plan import TaskFactory


def test_task_create_records_creation(event, committee, agency, other_agency, secretariat):
    task = task_create(event=event, by=secretariat, code="P01", title="Plan to welcome delegations",
                       committee=committee, lead_agency=agency,
                       coordinating_agencies=[other_agency], due_date=date(2030, 1, 1))
    assert list(task.coordinating_agencies.all()) == [other_agency]
    assert TaskUpdate.objects.get(task=task).author == secretariat


def test_task_create_refuses_lead_agency_as_coordinator(event, committee, agency, secretariat):
    with pytest.raises(InvalidTask) as err:
        task_create(event=event, by=secretariat, code="P01", title="x", committee=committee,
                    lead_agency=agency, coordinating_agencies=[agency], due_date=date(2030, 1, 1))
    assert "coordinating_agencies" in err.value.fields


def test_task_create_refuses_start_after_due(event, committee, agency, secretariat):
    with pytest.raises(InvalidTask) as err:
        task_create(event=event, by=secretariat, code="P01", title="x", committee=committee,
                    lead_agency=agency, start_date=date(2030, 2, 1), due_date=date(2030, 1, 1))
    assert "start_date" in err.value.fields


def test_task_create_refuses_duplicate_code(event, committee, agency, secretariat):
    TaskFactory(event=event, code="P01", committee=committee, lead_agency=agency)
    with pytest.raises(InvalidTask):
        task_create(event=event, by=secretariat, code="P01", title="x", committee=committee,
                    lead_agency=agency, due_date=date(2030, 1, 1))


def test_focal_point_cannot_create_task(event, committee, agency, focal_point):
    with pytest.raises(NotAllowed):
        task_create(event=event, by=focal_point, code="P01", title="x", committee=committee,
                    lead_agency=agency, due_date=date(2030, 1, 1))


def test_task_update_progress_logs_before_and_after(event, agency, focal_point):
    task = TaskFactory(event=event, lead_agency=agency)
    task_update_progress(task=task, by=focal_point, status=TaskStatus.IN_PROGRESS, progress=40,
                         note="Venue walk-through done")
    update = TaskUpdate.objects.get(task=task)
    assert update.changes == {"status": ["planned", "in_progress"], "progress": [0, 40]}
    assert update.note == "Venue walk-through done"
    assert update.author == focal_point


def test_marking_done_sets_progress_to_100(event, agency, focal_point):
    task = TaskFactory(event=event, lead_agency=agency, progress=60)
    task = task_update(task=task, by=focal_point, status=TaskStatus.DONE)
    assert task.progress == 100


def test_done_with_partial_progress_is_refused(event, agency, focal_point):
    task = TaskFactory(event=event, lead_agency=agency)
    with pytest.raises(InvalidTask):
        task_update_progress(task=task, by=focal_point, status=TaskStatus.DONE, progress=50)


def test_progress_above_100_is_refused(event, agency, focal_point):
    task = TaskFactory(event=event, lead_agency=agency)
    with pytest.raises(InvalidTask) as err:
        task_update_progress(task=task, by=focal_point, status=TaskStatus.IN_PROGRESS,
                             progress=101)
    assert "progress" in err.value.fields


def test_coordinating_focal_point_may_update(event, agency, other_agency, focal_point):
    task = TaskFactory(event=event, lead_agency=other_agency, coordinating_agencies=[agency])
    task_update_progress(task=task, by=focal_point, status=TaskStatus.IN_PROGRESS, progress=10)
    task.refresh_from_db()
    assert task.progress == 10


def test_focal_point_of_unrelated_agency_is_refused(event, other_agency, focal_point):
    task = TaskFactory(event=event, lead_agency=other_agency)
    with pytest.raises(NotAllowed):
        task_update_progress(task=task, by=focal_point, status=TaskStatus.IN_PROGRESS,
                             progress=10)
    task.refresh_from_db()
    assert task.progress == 0


def test_focal_point_cannot_move_deadline(event, agency, focal_point):
    task = TaskFactory(event=event, lead_agency=agency)
    with pytest.raises(NotAllowed):
        task_update(task=task, by=focal_point, due_date=task.due_date + timedelta(days=30))


def test_observer_and_steering_cannot_update(event, agency, observer, steering):
    task = TaskFactory(event=event, lead_agency=agency)
    for user in (observer, steering):
        with pytest.raises(NotAllowed):
            task_update_progress(task=task, by=user, status=TaskStatus.IN_PROGRESS, progress=5)


def test_dependency_cycle_is_refused_with_its_path(event, secretariat):
    a = TaskFactory(event=event, code="A")
    b = TaskFactory(event=event, code="B", committee=a.committee, lead_agency=a.lead_agency)
    c = TaskFactory(event=event, code="C", committee=a.committee, lead_agency=a.lead_agency)
    task_update(task=b, by=secretariat, depends_on=[a])
    task_update(task=c, by=secretariat, depends_on=[b])
    with pytest.raises(DependencyCycle) as err:
        task_update(task=a, by=secretariat, depends_on=[c])
    assert err.value.message == "Dependencies would form a cycle: A → C → B → A"
    assert list(a.depends_on.all()) == []


def test_task_cannot_depend_on_itself(event, secretariat):
    a = TaskFactory(event=event, code="A")
    with pytest.raises(DependencyCycle):
        task_update(task=a, by=secretariat, depends_on=[a])


def test_parent_loop_is_refused(event, secretariat):
    a = TaskFactory(event=event, code="A")
    b = TaskFactory(event=event, code="B", committee=a.committee, lead_agency=a.lead_agency,
                    parent=a)
    with pytest.raises(DependencyCycle):
        task_update(task=a, by=secretariat, parent=b)


def test_overdue_is_days_past_due_while_open():
    task = TaskFactory.build(due_date=date(2030, 1, 10), status=TaskStatus.IN_PROGRESS)
    assert task.days_late(date(2030, 1, 13)) == 3
    task.status = TaskStatus.DONE
    assert task.days_late(date(2030, 1, 13)) == 0


def test_deleting_an_event_deletes_its_whole_plan(event, secretariat):
    parent = TaskFactory(event=event, code="SEC-01")
    TaskFactory(event=event, code="SP-001", parent=parent, committee=parent.committee,
                lead_agency=parent.lead_agency)
    event.delete()
    assert Task.objects.count() == 0


def test_an_agency_that_leads_a_task_cannot_be_deleted(event):
    from django.db.models import RestrictedError

    task = TaskFactory(event=event)
    with pytest.raises(RestrictedError):
        task.lead_agency.delete()
