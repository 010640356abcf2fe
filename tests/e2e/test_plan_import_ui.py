from playwright.sync_api import expect

from logistics.plan.models import Task

HEADER = ("code,title,committee,lead agency,coordinating agencies,start,due,status,parent,"
          "depends-on\n")


def test_secretariat_imports_a_plan_after_fixing_a_bad_row(demo, login, tmp_path, screenshot):
    page = login("secretariat")
    before = Task.objects.filter(event=demo).count()
    bad = tmp_path / "plan.csv"
    bad.write_text(HEADER
                   + "GALA-01,Gala dinner,PROTOCOL,MOFA,HANOI;MCST,2026-12-01,2026-12-14,,,\n"
                   + "GALA-02,Gala music,PROTOCOL,MINISTRY-X,,,31/02/2026,,GALA-01,\n",
                   encoding="utf-8")
    page.get_by_role("button", name="Master plan").click()
    page.get_by_role("link", name="Import plan").first.click()
    page.set_input_files("input[type=file]", str(bad))
    page.get_by_role("button", name="Import").click()
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("Nothing was imported.")
    expect(errors).to_contain_text('Row 3, column "lead agency"')
    expect(errors).to_contain_text('Row 3, column "due"')
    screenshot("plan-import-errors")
    assert Task.objects.filter(event=demo).count() == before

    good = tmp_path / "plan-fixed.csv"
    good.write_text(bad.read_text(encoding="utf-8").replace("MINISTRY-X", "MCST")
                    .replace("31/02/2026", "28/11/2026"), encoding="utf-8")
    page.set_input_files("input[type=file]", str(good))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("alert")).to_contain_text("Imported: 2 created, 0 updated.")
    assert Task.objects.get(event=demo, code="GALA-02").parent.code == "GALA-01"
