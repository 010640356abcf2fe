"""While the database cannot be reached, a request is answered 503 with Retry-After (the
page, or the API's JSON error), not 500: it may well succeed in a moment. An error on a
working connection (a bug, a missed migration) stays a 500. Here the database is made
unreachable for real (its name pointed at one that cannot be opened); the outage of a
running PostgreSQL server under load is in tests/faults."""

import pytest
from django.db import ProgrammingError, connection
from django.test import Client, override_settings
from django.urls import path


def _unreachable(request):
    # The connection dropped, and the database cannot be opened again.
    connection.close()
    connection.settings_dict["NAME"] = "/nonexistent/accord/database"
    connection.ensure_connection()


def _broken_query(request):
    # A working connection, a query it refuses (on SQLite an OperationalError, as after a
    # missed migration): not an outage.
    with connection.cursor() as cursor:
        cursor.execute("SELECT no_such_column FROM logistics_event")


def _bug(request):
    raise ProgrammingError('column "nonexistent" does not exist')


# This module is the URLconf of the tests below: the site's handlers, failing views.
urlpatterns = [path("staff/", _unreachable), path("api/v1/tasks/", _unreachable),
               path("api/v1/query/", _broken_query), path("api/v1/bug/", _bug)]
handler500 = "config.api.server_error"


@pytest.fixture
def browser(transactional_db):
    # The real name back, and a fresh connection, for whatever runs next.
    name = connection.settings_dict["NAME"]
    try:
        with override_settings(ROOT_URLCONF=__name__):
            yield Client(raise_request_exception=False)
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name


def test_a_page_says_the_service_is_briefly_unavailable(browser):
    response = browser.get("/staff/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Briefly unavailable" in page and "try again in a moment" in page
    assert "OperationalError" not in page and "nonexistent" not in page


def test_the_api_answers_in_its_error_shape(browser):
    response = browser.get("/api/v1/tasks/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json()["error"]["code"] == "unavailable"


def test_the_page_is_translated(browser):
    response = browser.get("/staff/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 503
    assert "Briefly unavailable" not in response.content.decode()


def test_an_error_on_a_working_connection_is_a_server_error(browser):
    for url in ("/api/v1/query/", "/api/v1/bug/"):
        response = browser.get(url)
        assert response.status_code == 500, url
        assert "Retry-After" not in response
        assert response.json()["error"]["code"] == "server_error"
