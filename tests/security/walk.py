"""Request every row of the matrix as one column (a visitor, a role, an API key scope) and
say where the answer differs from the cell."""

import contextlib
import copy
import json
import logging

from django.db import transaction
from django.template.base import Template
from django.test import Client
from django.test.utils import _TestState
from django.urls import reverse

from tests.security.matrix import ALLOWED, HOME, OWN, REFUSED, outcome
from tests.security.world import NoArguments, kwargs, other_kwargs

# Bodies for the few actions that need one to get past "which object?" to the rule.
POST_DATA = {
    "logistics:choose_event": lambda o: {"event": o["event"].pk},
}


def client_for(world, column):
    if column == "anonymous":
        return Client(raise_request_exception=False)
    if column in world.keys:
        _key, raw = world.keys[column]
        return Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {raw}")
    client = Client(raise_request_exception=False)
    client.force_login(world.users[column])
    return client


def url_of(world, row, params, column, *, other=False):
    if row.name.startswith("/"):
        return row.name
    name = row.name.removeprefix("api:")
    if other:
        args = other_kwargs(world, row.name, column)
    else:
        args = kwargs(world, row.name, params, column)
        if row.variant and "kind" in args:
            args["kind"] = row.variant
    return reverse(name, kwargs=args)


def send(client, world, row, url):
    """One request, its effects rolled back (an empty POST may still do something: log the
    client out, revoke a link); the client's cookies are kept as they were."""
    cookies = copy.deepcopy(client.cookies)
    method = row.method.lower()
    with transaction.atomic():
        if row.name.startswith("api:") and method not in ("get", "head"):
            response = client.generic(method.upper(), url, json.dumps({}),
                                      content_type="application/json")
        elif method == "post":
            data = POST_DATA.get(row.name, lambda o: {})(world.objects)
            response = client.post(url, data)
        else:
            response = getattr(client, method)(url)
        transaction.set_rollback(True)
    client.cookies = cookies
    return response


def _holds(cell, seen, home):
    if cell in (ALLOWED, OWN):
        return seen == "allowed" or seen.startswith("redirect:")
    if cell == REFUSED:
        return seen == "refused"
    return seen == f"redirect:{home}"  # HOME


def _describe(response, seen):
    text = f"{response.status_code} ({seen})"
    exc = getattr(response, "exc_info", None)
    if exc:
        text += f" {exc[0].__name__}: {exc[1]}"
    return text


@contextlib.contextmanager
def walking():
    """A thousand requests, most of them refused on purpose: without a warning logged for
    each, and without the test client's copy of every template context (it renders each
    page as it would, only faster). Errors are still reported, with their exception."""
    saved = getattr(_TestState, "saved_data", None)
    instrumented = Template._render
    logging.disable(logging.WARNING)
    if saved is not None:
        Template._render = saved.template_render
    try:
        yield
    finally:
        Template._render = instrumented
        logging.disable(logging.NOTSET)


def check_column(world, rows, params_by_name, column, home=None):
    """Mismatches between the matrix and the answers, one line each."""
    with walking():
        return _check_column(world, rows, params_by_name, column, home)


def _check_column(world, rows, params_by_name, column, home):
    client = client_for(world, column)
    problems = []
    for row in rows:
        cell = row.cells.get(column)
        if cell is None:
            continue
        try:
            url = url_of(world, row, params_by_name.get(row.name, frozenset()), column)
        except NoArguments as missing:
            problems.append(f"{row.name}: the walk cannot fill its URL arguments: {missing}")
            continue
        response = send(client, world, row, url)
        seen = outcome(response)
        where = f"{row.name}{f' ({row.variant})' if row.variant else ''} {row.method}"
        if not _holds(cell, seen, home):
            said = f"home ({home})" if cell == HOME else cell
            problems.append(f"{where}: the matrix says {said}, got {_describe(response, seen)}")
        if cell == OWN:
            try:
                other = url_of(world, row, None, column, other=True)
            except NoArguments as missing:
                problems.append(f"{where}: {missing}")
                continue
            response = send(client, world, row, other)
            seen = outcome(response)
            if seen not in ("refused", "missing"):
                problems.append(f"{where} on what is not the caller's ({other}): the matrix "
                                f"says {cell}, got {_describe(response, seen)}")
    return problems
