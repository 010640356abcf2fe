"""The timeline's scale (issue 15, item 1): a line and a label on the first of each month
for a plan of months, on each Monday for one of weeks, the year named on the first label
and in January; each task's dates written beside its name."""

from datetime import date

from django.urls import reverse

from logistics.plan.enums import TaskStatus
from tests.factories.plan import EventFactory, TaskFactory
from tests.html import text_of


def ticks(client, event):
    response = client.get(reverse("logistics:timeline"))
    assert response.status_code == 200
    return [(tick["day"], tick["with_year"]) for tick in response.context["ticks"]], response


def test_a_plan_of_months_is_marked_on_the_first_of_each_month(client, secretariat):
    year = date.today().year + 1  # a plan ahead of today, whenever the test runs
    event = EventFactory(start_date=date(year + 1, 2, 10), end_date=date(year + 1, 2, 11))
    TaskFactory(event=event, code="WG-01", start_date=date(year, 11, 20),
                due_date=date(year + 1, 1, 15), title="Issue the master plan")
    TaskFactory(event=event, code="CT-04", start_date=date(year, 12, 2),
                due_date=date(year + 1, 2, 5), status=TaskStatus.IN_PROGRESS)
    client.force_login(secretariat)
    marks, response = ticks(client, event)
    # From today (before the first task) to the event: each first of the month between.
    today = event.today()
    months = [day for day, _ in marks]
    assert months[0] == (today if today.day == 1 else _first_of_next_month(today))
    assert months[-1] == date(year + 1, 2, 1)
    assert months == sorted(set(months)) and all(day.day == 1 for day in months)
    assert len(months) == (year + 1 - months[0].year) * 12 + 2 - months[0].month + 1
    assert [day for day, with_year in marks if with_year] == [
        months[0], *[day for day in months[1:] if day.month == 1]]
    page = text_of(response.content)
    assert f"{year}-11-20 – {year + 1}-01-15" in page
    assert f"Jan {year + 1}" in page and "Feb" in page


def _first_of_next_month(day):
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def test_a_plan_of_weeks_is_marked_each_monday(client, secretariat):
    today = EventFactory.build().today()
    event = EventFactory(start_date=today, end_date=today)
    TaskFactory(event=event, start_date=today, due_date=date.fromordinal(today.toordinal() + 30))
    client.force_login(secretariat)
    marks, _ = ticks(client, event)
    days = [day for day, _ in marks]
    assert len(days) >= 4 and all(day.weekday() == 0 for day in days)
    assert [b.toordinal() - a.toordinal() for a, b in zip(days, days[1:], strict=False)] == \
        [7] * (len(days) - 1)


def test_an_empty_plan_has_no_scale(client, secretariat):
    EventFactory()
    client.force_login(secretariat)
    response = client.get(reverse("logistics:timeline"))
    assert "No tasks to show." in response.content.decode()
    assert 'data-testid="gantt-scale"' not in response.content.decode()
