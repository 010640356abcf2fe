from playwright.sync_api import expect

from logistics.plan.models import Task, TaskUpdate
from logistics.plan.queries import master_plan


def test_focal_point_reads_dashboard_filters_late_tasks_and_updates_one(
        demo, login, live_server, screenshot):
    page = login("focal.mps")
    summary = master_plan.readiness(demo)
    expect(page.get_by_test_id("countdown")).to_contain_text("21 days to go")
    expect(page.get_by_test_id("readiness")).to_have_text(f"{round(summary['progress'])}%")
    expect(page.get_by_test_id("overdue-count")).to_have_text(str(summary["overdue"]))
    screenshot("dashboard-en")

    page.get_by_test_id("overdue-count").click()
    rows = page.get_by_test_id("task-row")
    expect(rows).to_have_count(summary["overdue"])
    for row in rows.all():
        expect(row).to_contain_text("Late")
    screenshot("tasks-overdue")

    task = (Task.objects.filter(event=demo, lead_agency__code="MPS", status="in_progress")
            .filter(master_plan.overdue_q(demo.today())).order_by("code").first())
    page.get_by_role("link", name=task.code, exact=True).click()
    page.fill("#id_progress", "95")
    page.fill("#id_note", "Only the rehearsal report is left.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text(f"{task.code} updated.")
    expect(page.get_by_test_id("task-progress")).to_have_text("95%")
    expect(page.get_by_test_id("audit-trail")).to_contain_text("Only the rehearsal report is left.")
    screenshot("task-updated")
    task.refresh_from_db()
    assert task.progress == 95
    note = "Only the rehearsal report is left."
    assert TaskUpdate.objects.filter(task=task, note=note).count() == 1


def test_focal_point_sees_no_update_form_on_another_agencys_task(demo, login, live_server):
    page = login("focal.mps")
    coordinated = Task.objects.get(event=demo, code="PR-02")  # led by MOFA, MPS coordinates
    unrelated = Task.objects.get(event=demo, code="PRS-04")  # VTV with UNODC and NCC
    page.goto(live_server.url + unrelated.get_absolute_url())
    expect(page.get_by_role("heading", name=unrelated.title)).to_be_visible()
    expect(page.get_by_role("button", name="Save")).to_have_count(0)
    page.goto(live_server.url + coordinated.get_absolute_url())
    expect(page.get_by_role("button", name="Save")).to_have_count(1)


def test_timeline_marks_late_tasks_and_today(demo, login, live_server, screenshot):
    page = login("steering")
    page.get_by_role("button", name="Master plan").click()
    page.get_by_role("link", name="Timeline").click()
    rows = page.get_by_test_id("gantt-row")
    main_tasks = Task.objects.filter(event=demo, parent__isnull=True).count()
    expect(rows).to_have_count(main_tasks)
    late = Task.objects.filter(event=demo, parent__isnull=True).filter(
        master_plan.overdue_q(demo.today())).count()
    expect(page.locator(".gantt-row.gantt-late")).to_have_count(late)
    today_line = page.locator(".gantt-today").first
    page.wait_for_load_state("load")  # the bars are placed by accord.js once it is parsed
    assert today_line.bounding_box()["width"] >= 1
    screenshot("timeline-en")


def test_dashboard_in_arabic_reads_right_to_left(demo, login, screenshot):
    page = login("observer")
    page.select_option("#language", "ar")
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    brand = page.locator(".navbar-brand").bounding_box()
    assert brand["x"] > page.viewport_size["width"] / 2  # the brand sits on the right
    screenshot("dashboard-ar")
    # The timeline, whatever its label: second item of the master plan's menu.
    page.locator(".navbar .dropdown-toggle").first.click()
    page.locator(".navbar .dropdown-menu").first.locator(".dropdown-item").nth(1).click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.wait_for_load_state("load")  # the bars are placed by accord.js once it is parsed
    # Right to left, time runs leftwards: the task that starts first (WG-01, months ahead)
    # has its bar's right edge further right than one that starts later (WG-02).
    early = page.locator(".gantt-row", has_text="WG-01").locator(".gantt-bar").bounding_box()
    later = page.locator(".gantt-row", has_text="WG-02").locator(".gantt-bar").bounding_box()
    assert early["x"] + early["width"] > later["x"] + later["width"] + 100
    screenshot("timeline-ar")


def test_focal_point_works_in_vietnamese(demo, login, screenshot):
    page = login("focal.mofa")
    page.select_option("#language", "vi")
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("link", name="Bảng điều khiển")).to_be_visible()
    screenshot("dashboard-vi")
    task = Task.objects.get(event=demo, code="PR-04")  # MOFA leads it
    page.goto(page.url.rstrip("/") + task.get_absolute_url())
    page.fill("#id_progress", "70")
    page.locator("form[action$='/update/'] button[type=submit]").click()
    expect(page.get_by_test_id("task-progress")).to_have_text("70%")
    screenshot("task-vi")
