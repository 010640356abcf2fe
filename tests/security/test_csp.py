"""The Content Security Policy: sent on every kind of page without 'unsafe-inline' or
'unsafe-eval', the served templates free of what it would block, and the categories'
colours served as a stylesheet instead of style attributes."""

import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.urls import reverse

from accreditation.setup.category_styles import readable_text_colour
from accreditation.setup.models import AccreditationCategory
from logistics.core.enums import Role
from tests.factories.accreditation import categories
from tests.factories.plan import EventFactory, user_with_role
from tests.queries import same_queries

BASE_DIR = Path(__file__).resolve().parents[2]
TEMPLATES = BASE_DIR / "templates"


def directives(response):
    header = response["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_strict(response):
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]


@pytest.mark.parametrize("url", [
    "/login/", "/public/programme/", "/side-events/propose/", "/apply/status/",
])
def test_csp_header_on_public_pages(client, event, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_strict(response)


@pytest.mark.parametrize("name", [
    "logistics:dashboard", "logistics:task_list", "logistics:delegation_list",
    "accreditation:application_list", "accreditation:setup",
])
def test_csp_header_on_staff_pages(client, event, secretariat, name):
    client.force_login(secretariat)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_strict(response)


def test_csp_header_on_admin(admin_client, event):
    for url in ["/admin/", "/admin/logistics/task/", "/admin/logistics/task/add/"]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


def test_csp_header_on_api_docs_and_errors(client, event, secretariat):
    client.force_login(secretariat)
    for url, status in [("/api/docs/", 200), ("/api/v1/tasks/", 200), ("/no-such-page/", 404)]:
        response = client.get(url)
        assert response.status_code == status, url
        assert_strict(response)


def test_api_docs_page_loads_its_script_from_a_file(client, event, secretariat):
    client.force_login(secretariat)
    page = client.get("/api/docs/").content.decode()
    assert "<style" not in page
    scripts = re.findall(r"<script\b([^>]*)>", page)
    assert scripts and all("src=" in attributes for attributes in scripts)
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


# The template scan: a style attribute, a <style> block, an inline script or an on*= handler
# put back into a served template fails here before it fails in a browser. Mail is rendered
# by mail clients, not served by us: exempt.
SERVED = [path for path in TEMPLATES.rglob("*.html") if "email" not in path.parts]
COMMENTS = re.compile(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", re.S)
FORBIDDEN = {
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "<style> block": re.compile(r"<style\b", re.I),
    "inline event handler": re.compile(r"\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)
DATA_BLOCK = re.compile(r"""type\s*=\s*["']application/(ld\+)?json["']""", re.I)


def template_problems(text):
    text = COMMENTS.sub("", text)
    problems = [label for label, pattern in FORBIDDEN.items() if pattern.search(text)]
    for attributes in SCRIPT_TAG.findall(text):
        if "src=" not in attributes and not DATA_BLOCK.search(attributes):
            problems.append("inline script")
    return problems


def test_template_scan_covers_the_served_templates():
    names = {path.relative_to(TEMPLATES).as_posix() for path in SERVED}
    assert {"base.html", "public/base.html", "accreditation/gates/scanner.html",
            "logistics/programme/grid.html", "api/swagger_ui.html"} <= names
    assert not any("/email/" in name for name in names)


@pytest.mark.parametrize("path", SERVED, ids=lambda path: path.relative_to(TEMPLATES).as_posix())
def test_served_template_has_nothing_the_policy_blocks(path):
    assert template_problems(path.read_text()) == []


@pytest.mark.parametrize("snippet, problem", [
    ('<span class="badge" style="color:red">', "style attribute"),
    ("<style>.x{}</style>", "<style> block"),
    ('<button onclick="go()">', "inline event handler"),
    ("<img src=x onerror=alert(1)>", "inline event handler"),
    ('<a href="javascript:go()">', "javascript: URL"),
    ("<script>go()</script>", "inline script"),
    ('<script type="module">go()</script>', "inline script"),
])
def test_template_scan_catches_each_regression(snippet, problem):
    assert template_problems(f"<div>{snippet}</div>") == [problem]


@pytest.mark.parametrize("snippet", [
    '<script src="/static/js/accord.js" defer></script>',
    '<script id="cfg" type="application/json">{}</script>',
    '<button data-on-click="x" hx-on="y">',  # data attributes, not handlers
    "{# <style> in a comment #}",
    "{% comment %}style=\"x\" onclick=\"y\"{% endcomment %}",
])
def test_template_scan_allows_what_the_policy_allows(snippet):
    assert template_problems(snippet) == []


# The categories' colours, as a stylesheet.
@pytest.mark.parametrize("colour, text", [
    ("#C8102E", "#ffffff"),  # delegates' red: light text (the chips used to print dark)
    ("#0057B8", "#ffffff"),  # host's blue
    ("#00843D", "#ffffff"),  # UN green
    ("#FFD100", "#212529"),  # press yellow: dark text
    ("#FFFFFF", "#212529"),
    ("#000000", "#ffffff"),
])
def test_readable_text_colour_picks_the_higher_contrast(colour, text):
    assert readable_text_colour(colour) == text


def test_category_styles_gives_each_category_of_the_open_event_a_class(client, event, officer):
    cats = categories(event)
    other = categories(EventFactory())
    client.force_login(officer)
    response = client.get(reverse("accreditation:category_styles"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    css = response.content.decode()
    assert f".cat-{cats['D'].pk}{{background-color:#C8102E;color:#ffffff}}" in css
    assert f".cat-{cats['P'].pk}{{background-color:#FFD100;color:#212529}}" in css
    assert css.count(".cat-") == len(cats)
    assert f".cat-{other['D'].pk}{{" not in css


def test_category_styles_leaves_out_a_colour_that_is_not_hex(client, event, officer):
    cats = categories(event)
    # Past the model's validator (a raw update), as a value from elsewhere could be: seven
    # characters that would close the rule and style every element.
    AccreditationCategory.objects.filter(pk=cats["D"].pk).update(badge_colour="#fff}*{")
    client.force_login(officer)
    css = client.get(reverse("accreditation:category_styles")).content.decode()
    assert f".cat-{cats['D'].pk}{{" not in css
    assert "*{" not in css
    assert f".cat-{cats['P'].pk}{{" in css


def test_category_styles_answers_304_until_a_colour_changes(client, event, officer):
    cats = categories(event)
    client.force_login(officer)
    url = reverse("accreditation:category_styles")
    first = client.get(url)
    assert "no-cache" in first["Cache-Control"] and "private" in first["Cache-Control"]
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    AccreditationCategory.objects.filter(pk=cats["P"].pk).update(badge_colour="#123456")
    changed = client.get(url, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert f".cat-{cats['P'].pk}{{background-color:#123456;color:#ffffff}}" in \
        changed.content.decode()


def test_category_styles_is_for_signed_in_staff(client, event):
    categories(event)
    response = client.get(reverse("accreditation:category_styles"))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    gate = user_with_role(Role.GATE, username="gate-css")
    client.force_login(gate)
    assert client.get(reverse("accreditation:category_styles")).status_code == 200


def test_staff_pages_link_the_category_styles_and_anonymous_pages_do_not(client, event,
                                                                         officer):
    link = f'href="{reverse("accreditation:category_styles")}"'
    assert link not in client.get("/login/").content.decode()
    client.force_login(officer)
    assert link in client.get(reverse("accreditation:application_list")).content.decode()


def test_category_chip_names_a_class_not_a_colour(client, event, officer):
    cats = categories(event)
    client.force_login(officer)
    page = client.get(reverse("accreditation:setup")).content.decode()
    assert f"cat-{cats['D'].pk}" in page
    assert "style=" not in page


def test_htmx_is_configured_without_what_the_policy_refuses(client, event, secretariat):
    client.force_login(secretariat)
    page = client.get(reverse("logistics:dashboard")).content.decode()
    config = json.loads(unescape(re.search(
        r"""<meta name="htmx-config" content='([^']*)'>""", page).group(1)))
    assert config["includeIndicatorStyles"] is False  # it would add a <style> element
    assert config["allowEval"] is False
    assert config["allowScriptTags"] is False
    assert "style" not in config["attributesToSettle"]  # it would copy style attributes
    css = (BASE_DIR / "static" / "css" / "accord.css").read_text()
    assert ".htmx-request .htmx-indicator" in css


def test_category_styles_query_count_does_not_grow_with_the_categories(client, event, officer):
    cats = categories(event)
    client.force_login(officer)
    url = reverse("accreditation:category_styles")

    AccreditationCategory.objects.filter(event=event).exclude(
        pk__in=[cats["D"].pk, cats["P"].pk]).delete()
    assert client.get(url).content.decode().count(".cat-") == 2
    all_again = same_queries(lambda: client.get(url), lambda: categories(event))
    assert all_again.content.decode().count(".cat-") == len(cats)
