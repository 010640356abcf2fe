"""The staff UI in Vietnamese and Arabic, as a user switching language sees it, and catalogues
that are whole: every message translated, none fuzzy, and the committed .mo built from the .po."""

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from logistics.core.enums import ReminderKind
from logistics.plan.models import Reminder
from logistics.reminders import mail as notifications
from tests.factories.plan import TaskFactory

LOCALE = Path(settings.BASE_DIR) / "locale"
# Every catalogue but English's: the staff's (whole) and the public-only languages' (the
# public pages' and mails' messages, config.languages.PUBLIC_SOURCES).
NPLURALS = {"vi": 1, "ar": 6, "fr": 2, "es": 3, "ru": 4, "zh_Hans": 1}
PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sd%]")


def parse_po(path):
    """The entries of a .po file as dicts: msgid, msgid_plural, msgstr (a list of forms) and
    flags. Obsolete entries (#~) are left out. Enough of the format for what makemessages
    and compilemessages write."""
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            finish()
            entry, field = None, None
            continue
        if entry is None:
            entry = {"flags": set(), "msgstr": {}}
        if line.startswith("#~"):
            entry = {"flags": set(), "msgstr": {}, "obsolete": True}
            continue
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            text = ast.literal_eval(line)
            if isinstance(field, tuple):
                entry["msgstr"][field[1]] += text
            else:
                entry[field] += text
            continue
        keyword, _, value = line.partition(" ")
        text = ast.literal_eval(value)
        if match := re.fullmatch(r"msgstr\[(\d+)\]", keyword):
            field = ("msgstr", int(match[1]))
            entry["msgstr"][field[1]] = text
        elif keyword == "msgstr":
            field = ("msgstr", 0)
            entry["msgstr"][0] = text
        elif keyword in ("msgid", "msgid_plural", "msgctxt"):
            field = keyword
            entry[keyword] = text
        else:
            raise AssertionError(f"{path}: cannot read {line!r}")
    finish()
    return [e for e in entries if not e.get("obsolete")]


def _catalogue(language):
    entries = parse_po(LOCALE / language / "LC_MESSAGES" / "django.po")
    header = next(e for e in entries if e["msgid"] == "")
    return header, [e for e in entries if e["msgid"] != ""]


@pytest.mark.parametrize("language", NPLURALS)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(language):
    header, entries = _catalogue(language)
    meta = dict(line.split(": ", 1) for line in header["msgstr"][0].splitlines() if line)
    assert meta["Language"] == language
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["Plural-Forms"].startswith(f"nplurals={NPLURALS[language]};")
    assert "fuzzy" not in header["flags"]
    # The whole staff UI, or the public pages and mails with the labels they show.
    assert len(entries) > (2000 if language in ("vi", "ar") else 700)

    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert fuzzy == []
    untranslated = []
    for entry in entries:
        forms = NPLURALS[language] if "msgid_plural" in entry else 1
        if sorted(entry["msgstr"]) != list(range(forms)) or not all(entry["msgstr"].values()):
            untranslated.append(entry["msgid"])
    assert untranslated == []


@pytest.mark.parametrize("language", NPLURALS)
def test_translations_keep_every_placeholder(language):
    _, entries = _catalogue(language)
    wrong = []
    for entry in entries:
        # A plural form may stand for one count (the singular's placeholders) or for many
        # (the plural's); a language with a single form, like Vietnamese, uses the plural's.
        wanted = [sorted(PLACEHOLDER.findall(entry[key]))
                  for key in ("msgid", "msgid_plural") if key in entry]
        for text in entry["msgstr"].values():
            if sorted(PLACEHOLDER.findall(text)) not in wanted:
                wrong.append((entry["msgid"], text))
    assert wrong == []


@pytest.mark.parametrize("language", NPLURALS)
def test_compiled_catalogue_is_built_from_the_po(language):
    """The .mo is committed so that the UI works without gettext: it must say what the .po
    says, entry for entry."""
    _, entries = _catalogue(language)
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog
    stale = []
    for entry in entries:
        # A message with a context (pgettext) is compiled under "context\x04msgid".
        key = f"{entry['msgctxt']}\x04{entry['msgid']}" if "msgctxt" in entry else entry["msgid"]
        if "msgid_plural" in entry:
            for index, text in entry["msgstr"].items():
                if compiled.get((key, index)) != text:
                    stale.append(entry["msgid"])
        elif compiled.get(key) != entry["msgstr"][0]:
            stale.append(entry["msgid"])
    assert stale == []


# The names makemessages asks xgettext to look for (Django's keywords and xgettext's own).
# A string marked through any other name, such as `gettext_lazy as _lazy`, is never
# extracted and stays in English whatever the language.
EXTRACTED_NAMES = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy",
                   "pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}
SOURCE_DIRS = ["accreditation", "config", "logistics", "privacy"]


def test_translation_functions_go_by_names_that_are_extracted():
    hidden = []
    for folder in SOURCE_DIRS:
        for path in sorted((Path(settings.BASE_DIR) / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                    hidden += [f"{path.relative_to(settings.BASE_DIR)}: {name.name} as "
                               f"{name.asname}" for name in node.names
                               if name.name in EXTRACTED_NAMES - {"_"}
                               and (name.asname or name.name) not in EXTRACTED_NAMES]
    assert hidden == []


def test_extracting_the_messages_again_finds_none_missing_from_the_catalogues(tmp_path):
    """What `make messages` would add: makemessages run on a copy of the source, so that the
    catalogues in the tree are left as they are."""
    base = Path(settings.BASE_DIR)
    for folder in [*SOURCE_DIRS, "templates", "locale"]:
        shutil.copytree(base / folder, tmp_path / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(base / "manage.py", tmp_path)
    languages = sorted(path.name for path in LOCALE.iterdir() if path.is_dir())
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", *[f"-l{lang}" for lang in languages],
         "--no-obsolete"], cwd=tmp_path, check=True, capture_output=True,
        env={**os.environ, "DEBUG": "true", "ACCORD_VAR_DIR": str(tmp_path / "var")})
    subprocess.run([sys.executable, "manage.py", "public_catalogues", "--locale-dir",
                    str(tmp_path / "locale")], cwd=tmp_path, check=True, capture_output=True,
                   env={**os.environ, "DEBUG": "true", "ACCORD_VAR_DIR": str(tmp_path / "var")})

    def keys(path):
        return {(entry.get("msgctxt"), entry["msgid"]) for entry in parse_po(path)}

    for language in languages:
        po = Path("locale") / language / "LC_MESSAGES" / "django.po"
        missing = keys(tmp_path / po) - keys(base / po)
        assert sorted(missing, key=str) == [], f"{language}: run `make messages` and translate"


def _log_in_with_language(client, user, language):
    response = client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert response.status_code == 302
    response = client.post(reverse("login"), {"username": user.username,
                                              "password": "pass-for-tests"})
    assert response.status_code == 302, "the login failed"


def _dashboard(client, event, days_to_go):
    event.start_date = event.today() + timedelta(days=days_to_go)
    event.end_date = event.start_date + timedelta(days=1)
    event.save()
    response = client.get(reverse("logistics:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def test_dashboard_in_vietnamese(client, event, observer):
    _log_in_with_language(client, observer, "vi")
    page = _dashboard(client, event, days_to_go=5)
    assert '<html lang="vi" dir="ltr">' in page
    for text in ("Bảng điều khiển", "Nhiệm vụ", "Lịch trình", "Cơ quan", "Đăng xuất",
                 "Mức độ sẵn sàng", "Quá hạn", "Nhiệm vụ quá hạn", "Còn 5 ngày"):
        assert text in page, text
    for english in (">Dashboard<", ">Tasks<", "Overdue tasks", "days to go", "Log out"):
        assert english not in page, english
    assert "bootstrap.rtl" not in page


def test_dashboard_in_arabic_reads_right_to_left(client, event, observer):
    _log_in_with_language(client, observer, "ar")
    page = _dashboard(client, event, days_to_go=5)
    assert '<html lang="ar" dir="rtl">' in page
    for text in ("لوحة المتابعة", "المهام", "الجدول الزمني", "الجهات", "تسجيل الخروج",
                 "الجاهزية", "المهام المتأخرة", "المتبقي: 5 أيام"):
        assert text in page, text
    for english in (">Dashboard<", ">Tasks<", "Overdue tasks", "days to go", "Log out"):
        assert english not in page, english
    assert "bootstrap.rtl.min.css" in page


@pytest.mark.parametrize(("days", "expected"), [(1, "المتبقي: 1 يوم"), (2, "المتبقي: 2 يومان"),
                                                (11, "المتبقي: 11 يومًا")],
                         ids=["one", "two", "eleven"])
def test_arabic_countdown_uses_the_plural_form_of_its_number(client, event, observer, days,
                                                             expected):
    _log_in_with_language(client, observer, "ar")
    assert expected in _dashboard(client, event, days_to_go=days)


def test_task_list_in_vietnamese_translates_statuses_and_labels(client, event, secretariat):
    TaskFactory(event=event, code="PR-01", title="Plan to welcome delegations")
    _log_in_with_language(client, secretariat, "vi")
    page = client.get(reverse("logistics:task_list")).content.decode()
    for text in ("Kế hoạch tổng thể", "Cơ quan chủ trì", "Cơ quan phối hợp", "Chưa triển khai",
                 "1 nhiệm vụ", "Nhập kế hoạch"):
        assert text in page, text


def test_login_page_follows_the_chosen_language(client):
    client.post(reverse("set_language"), {"language": "vi", "next": "/login/"})
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="vi" dir="ltr">' in page
    assert "Đăng nhập" in page and "Mật khẩu" in page


def test_reminder_mail_in_a_vietnamese_working_language(settings, event):
    settings.LANGUAGE_CODE = "vi"
    task = TaskFactory(event=event, code="PR-01", title="Plan to welcome delegations")
    reminder = Reminder.objects.create(event=event, task=task, kind=ReminderKind.DUE_SOON,
                                       for_date=task.due_date, level=3)
    message = notifications.reminder_message(reminder)
    subject, text, html = message.subject, message.text, message.html
    assert subject == f"[{event.name}] Còn 3 ngày đến hạn: PR-01 Plan to welcome delegations"
    assert "còn 3 ngày nữa là đến hạn" in text
    assert "Cơ quan chủ trì" in text and "Cơ quan chủ trì" in html
    assert 'lang="vi" dir="ltr"' in html


def test_reminder_mail_in_an_arabic_working_language(settings, event):
    settings.LANGUAGE_CODE = "ar"
    task = TaskFactory(event=event, code="PR-01", title="Plan to welcome delegations")
    reminder = Reminder.objects.create(event=event, task=task, kind=ReminderKind.OVERDUE,
                                       for_date=task.due_date, level=2)
    message = notifications.reminder_message(reminder)
    subject, text, html = message.subject, message.text, message.html
    assert subject == f"[{event.name}] متأخرة بمقدار 2 يومين: PR-01 Plan to welcome delegations"
    assert "يُرجى إنجازها أو إبلاغ الأمانة" in text
    assert 'lang="ar" dir="rtl"' in html
