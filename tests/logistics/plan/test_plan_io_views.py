import csv
import io
from datetime import date

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from logistics.core.enums import Role
from logistics.core.spreadsheet_files import MAX_BYTES
from logistics.plan.models import Task, TaskUpdate
from tests.factories.plan import TaskFactory, UserFactory, user_with_role

IMPORT_URL = reverse("logistics:plan_import")
HEADER = ["code", "title", "committee", "lead agency", "coordinating agencies", "start", "due",
          "status", "parent", "depends-on"]


def csv_upload(rows, name="plan.csv"):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


def xlsx_upload(rows, name="plan.xlsx"):
    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER)
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


@pytest.fixture
def task(event, committee, agency):
    return TaskFactory(event=event, code="SEC-01", title="Secure the venue",
                       committee=committee, lead_agency=agency, due_date=date(2030, 2, 1))


def good_rows():
    return [["SEC-01", "Secure the venue and hotels", "SEC", "MPS", "MOFA", "", "2030-02-01",
             "In progress", "", ""],
            ["SEC-02", "Vet the staff", "SEC", "MPS", "", "01/02/2030", "10/02/2030",
             "planned", "SEC-01", "SEC-01"]]


def test_plan_import_page_sends_anonymous_users_to_login(client, task):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    response = client.post(IMPORT_URL, {"file": csv_upload(good_rows())})
    assert response.status_code == 302
    assert Task.objects.count() == 1


@pytest.mark.parametrize("role", [Role.OBSERVER, Role.STEERING, Role.FOCAL_POINT])
def test_plan_import_page_is_forbidden_outside_the_secretariat(client, task, agency, role):
    client.force_login(user_with_role(role, agencies=[agency]))
    assert client.get(IMPORT_URL).status_code == 403
    response = client.post(IMPORT_URL, {"file": csv_upload(good_rows())})
    assert response.status_code == 403
    assert Task.objects.count() == 1
    assert Task.objects.get(code="SEC-01").title == "Secure the venue"


def test_plan_import_page_is_forbidden_without_a_role(client, task):
    client.force_login(UserFactory())
    assert client.get(IMPORT_URL).status_code == 403


def test_plan_import_page_shows_the_form_and_a_template_link(client, task, secretariat):
    client.force_login(secretariat)
    response = client.get(IMPORT_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'type="file"' in page
    assert 'enctype="multipart/form-data"' in page
    assert reverse("logistics:plan_export", args=["xlsx"]) in page
    assert reverse("logistics:plan_export", args=["csv"]) in page
    assert "<code>lead agency</code>" in page


def test_plan_import_page_shows_an_empty_state_without_an_event(client, secretariat):
    client.force_login(secretariat)
    response = client.get(IMPORT_URL)
    assert response.status_code == 200
    assert "There is no event to plan" in response.content.decode()


@pytest.mark.parametrize("upload", [csv_upload, xlsx_upload])
def test_secretariat_imports_a_plan(client, task, other_agency, secretariat, upload):
    client.force_login(secretariat)
    response = client.post(IMPORT_URL, {"file": upload(good_rows())})
    assert response.status_code == 302
    assert response["Location"] == reverse("logistics:task_list")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Imported: 1 created, 1 updated."]
    task.refresh_from_db()
    assert (task.title, task.status) == ("Secure the venue and hotels", "in_progress")
    added = Task.objects.get(code="SEC-02")
    assert (added.parent, added.start_date) == (task, date(2030, 2, 1))
    assert list(added.depends_on.all()) == [task]
    assert set(TaskUpdate.objects.values_list("author", flat=True)) == {secretariat.pk}


def test_plan_import_page_lists_every_error_and_writes_nothing(client, task, other_agency,
                                                              secretariat):
    client.force_login(secretariat)
    rows = good_rows()
    rows[0][6] = "31/02/2026"
    rows[1][2] = "PRESS"
    response = client.post(IMPORT_URL, {"file": csv_upload(rows)})
    assert response.status_code == 400
    assert response.context["errors"] == [
        'Row 2, column "due": "31/02/2026" is not a date.',
        'Row 3, column "committee": "PRESS" is not a committee of this event.',
    ]
    page = response.content.decode()
    assert "The file has 2 errors. Nothing was imported." in page
    assert "Row 2, column &quot;due&quot;: &quot;31/02/2026&quot; is not a date." in page
    assert Task.objects.count() == 1
    assert Task.objects.get(code="SEC-01").title == "Secure the venue"
    assert TaskUpdate.objects.count() == 0


def test_plan_import_page_rejects_a_file_that_is_not_a_plan(client, task, secretariat):
    client.force_login(secretariat)
    picture = SimpleUploadedFile("plan.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    response = client.post(IMPORT_URL, {"file": picture})
    assert response.status_code == 400
    assert response.context["errors"] == [
        "The file is neither a CSV file in UTF-8 nor an Excel workbook (.xlsx)."]
    assert Task.objects.count() == 1


def test_plan_import_page_refuses_a_file_over_5_mb(client, task, secretariat):
    client.force_login(secretariat)
    big = SimpleUploadedFile("plan.csv", b"x" * (MAX_BYTES + 1))
    response = client.post(IMPORT_URL, {"file": big})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "file": ["The file is 5.0\xa0MB; the limit is 5 MB."]}
    assert Task.objects.count() == 1


def test_plan_import_page_asks_for_a_file(client, task, secretariat):
    client.force_login(secretariat)
    response = client.post(IMPORT_URL, {})
    assert response.status_code == 400
    assert response.context["form"].errors == {"file": ["This field is required."]}


def test_plan_export_sends_anonymous_users_to_login(client, task):
    response = client.get(reverse("logistics:plan_export", args=["csv"]))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_plan_export_is_forbidden_without_a_role(client, task):
    client.force_login(UserFactory())
    assert client.get(reverse("logistics:plan_export", args=["csv"])).status_code == 403


@pytest.mark.parametrize(("fmt", "content_type"), [
    ("csv", "text/csv; charset=utf-8"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
])
def test_observer_downloads_the_plan(client, task, observer, fmt, content_type):
    client.force_login(observer)
    response = client.get(reverse("logistics:plan_export", args=[fmt]))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    day = task.event.today()
    assert response["Content-Disposition"] == (
        f'attachment; filename="{task.event.slug}-plan-{day:%Y-%m-%d}.{fmt}"')


def test_plan_export_csv_download_holds_the_plan(client, task, observer):
    client.force_login(observer)
    response = client.get(reverse("logistics:plan_export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows] == ["code", "SEC-01"]


@pytest.mark.parametrize("role", [Role.STEERING, Role.FOCAL_POINT, Role.SECRETARIAT])
def test_every_plan_role_may_export(client, task, agency, role):
    client.force_login(user_with_role(role, agencies=[agency]))
    assert client.get(reverse("logistics:plan_export", args=["xlsx"])).status_code == 200


def test_plan_export_of_an_unknown_format_is_not_found(client, task, observer):
    client.force_login(observer)
    assert client.get(reverse("logistics:plan_export", args=["pdf"])).status_code == 404


def test_plan_export_query_count_does_not_grow_with_the_plan(
        client, event, committee, agency, observer, django_assert_num_queries):
    client.force_login(observer)
    url = reverse("logistics:plan_export", args=["csv"])
    TaskFactory(event=event, committee=committee, lead_agency=agency)
    client.get(url)  # the session and the user's roles are loaded once, then cached
    with django_assert_num_queries(8) as one:  # one: has this user a second factor?
        client.get(url)
    for _ in range(2):
        TaskFactory(event=event, committee=committee, lead_agency=agency)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)
