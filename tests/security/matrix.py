"""docs/PERMISSIONS.md as data, every URL the project serves, and what a response means.

The document's tables are the rules: each row names a URL (`logistics:task_list`, an API
route as `api:task-detail`, an admin page as `admin:logistics_task_changelist`), the methods
it is tried with, and one cell per role, key scope or visitor."""

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import admin
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver

DOC = Path(__file__).resolve().parents[2] / "docs" / "PERMISSIONS.md"

ALLOWED = "✓"
REFUSED = "—"
OWN = "own"
HOME = "home"
CELLS = {ALLOWED, REFUSED, OWN, HOME}


@dataclass(frozen=True, eq=False)
class Row:
    name: str  # URL name, with its namespace; "api:" before an API route's name
    variant: str  # e.g. the kind of file, for a URL whose argument changes the rule
    method: str
    cells: dict  # column -> cell
    line: int


class MatrixError(ValueError):
    pass


_NAME = re.compile(r"^`([^`]+)`(?:\s*\(([\w-]+)\))?$")


def read_matrix(path=DOC):
    """Every row of every table whose first column is "URL name", one Row per method (a
    cell "PUT PATCH" makes two). Raises MatrixError on a cell outside the legend or a
    URL and method given twice."""
    rows = {}
    header = None
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.startswith("|"):
            header = None
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if header is None:
            header = cells if cells[0] == "URL name" else []
            continue
        if not header or set(cells[0]) <= {"-", ":", " "}:
            continue
        match = _NAME.match(cells[0])
        if not match or len(cells) != len(header):
            raise MatrixError(f"line {number}: a row is `name` (variant)?, method, and one "
                              f"cell per column ({len(header)} in all): {line}")
        name, variant = match.group(1), match.group(2) or ""
        columns = dict(zip(header[2:], cells[2:], strict=True))
        unknown = {cell for cell in columns.values() if cell not in CELLS}
        if unknown:
            raise MatrixError(f"line {number}: cells {unknown} are not in the legend")
        for method in re.split(r"[\s,/]+", cells[1]):
            key = (name, variant, method.upper())
            if key in rows:
                raise MatrixError(f"line {number}: {name} {method} is in the matrix twice")
            rows[key] = Row(name, variant, method.upper(), columns, number)
    return rows


@dataclass(frozen=True)
class Route:
    name: str
    params: frozenset
    pattern: URLPattern
    prefix: str
    methods: tuple  # what an API route answers to; empty for a page (the matrix says)


def _api_methods(callback):
    view = callback.cls
    actions = getattr(callback, "actions", None)
    if actions:
        # DRF adds "head" to a route's actions at its first request (it answers as GET), so
        # whether it is there depends on which tests ran before: left out, like for pages.
        return tuple(sorted(method.upper() for method in actions
                            if method in view.http_method_names and method != "head"))
    return tuple(method.upper() for method in ("get", "post", "put", "patch", "delete")
                 if hasattr(view, method) and method in view.http_method_names)


def _is_api(callback):
    return hasattr(callback, "cls")


def routes():
    """Every URL pattern of the project, by name (admin: one route for each registered
    model's list and add pages, and the index). Format-suffix copies of API routes
    (`tasks.json`) share their route's name and view, and are left out."""
    found = []

    def walk(resolver, prefix, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                if inner == "admin":
                    continue
                walk(entry, prefix + str(entry.pattern), inner)
                continue
            text = str(entry.pattern)
            if "<format>" in text or "(?P<format>" in text or "drf_format_suffix" in text:
                continue
            callback = entry.callback
            # An unnamed pattern goes by its path (it cannot take arguments then).
            name = entry.name or prefix + text
            api = _is_api(callback) and (prefix + text).startswith("/api/")
            if api:
                name = f"api:{name}"
            elif namespace and entry.name:
                name = f"{namespace}:{name}"
            found.append(Route(name, frozenset(entry.pattern.regex.groupindex), entry, prefix,
                               _api_methods(callback) if api else ()))

    walk(get_resolver(), "/", "")
    for model in admin.site._registry:
        label = f"{model._meta.app_label}_{model._meta.model_name}"
        for page in ("changelist", "add"):
            found.append(Route(f"admin:{label}_{page}", frozenset(), None, "", ()))
    found.append(Route("admin:index", frozenset(), None, "", ()))
    return found


# What a response says about the rule.

def login_paths():
    return {urlsplit(resolve_url(settings.LOGIN_URL)).path, resolve_url("admin:login")}


def outcome(response):
    """"refused" (401, 403, or sent to a login page), "error" (5xx), "missing" (404),
    "wrong method" (405), a redirect elsewhere "redirect:<path>", and "allowed" with
    anything else."""
    status = response.status_code
    if status >= 500:
        return "error"
    if status == 405:
        return "wrong method"
    if status in (401, 403):
        return "refused"
    if status == 404:
        return "missing"
    if status in (301, 302, 303, 307, 308):
        # Sent to sign in and come back (`?next=`): refused. Sent to the login page after
        # logging out, say, is an answer like any other.
        location = urlsplit(response["Location"])
        if location.path in login_paths() and "next=" in location.query:
            return "refused"
        return f"redirect:{location.path}"
    return "allowed"
