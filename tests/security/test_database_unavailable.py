"""While the database cannot be reached, a request is answered 503 with Retry-After (the
page, or the API's JSON error), not 500: it may well succeed in a moment. A bug's database
error stays a 500. The real outage (PostgreSQL stopped under load) is in tests/faults."""

import pytest
from django.db import OperationalError, ProgrammingError
from django.test import Client, override_settings
from django.urls import path


def _lost(request):
    raise OperationalError("server closed the connection unexpectedly")


def _bug(request):
    raise ProgrammingError('column "nonexistent" does not exist')


# This module is the URLconf of the tests below: the site's handlers, two failing views.
urlpatterns = [path("staff/", _lost), path("api/v1/tasks/", _lost), path("api/v1/bug/", _bug)]
handler500 = "config.api.server_error"

@pytest.fixture
def browser():
    with override_settings(ROOT_URLCONF=__name__):
        yield Client(raise_request_exception=False)


def test_a_page_says_the_service_is_briefly_unavailable(browser):
    response = browser.get("/staff/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Briefly unavailable" in page and "try again in a moment" in page
    assert "OperationalError" not in page and "server closed" not in page


def test_the_api_answers_in_its_error_shape(browser):
    response = browser.get("/api/v1/tasks/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json()["error"]["code"] == "unavailable"


def test_the_page_is_translated(browser):
    response = browser.get("/staff/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 503
    assert "Briefly unavailable" not in response.content.decode()


def test_a_bug_is_still_a_server_error(browser):
    response = browser.get("/api/v1/bug/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert response.json()["error"]["code"] == "server_error"
