"""A body larger than any form takes is refused (413) from its Content-Length, before it is
read; a body within the limit goes through as before."""

from django.test import Client


def test_an_oversized_upload_is_refused_before_it_is_read(db, settings):
    settings.MAX_REQUEST_BYTES = 1000
    response = Client().generic("POST", "/apply/media/", b"x" * 1001,
                                content_type="application/octet-stream")
    assert response.status_code == 413
    assert "the limit is 1000" in response.content.decode()


def test_the_api_answers_in_its_error_shape(db, settings):
    settings.MAX_REQUEST_BYTES = 1000
    response = Client().generic("POST", "/api/v1/applications/bulk/", b"[" + b" " * 2000 + b"]",
                                content_type="application/json")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_a_body_within_the_limit_goes_through(db, settings):
    settings.MAX_REQUEST_BYTES = 1000
    response = Client().post("/api/v1/applications/bulk/", b"[]",
                             content_type="application/json")
    assert response.status_code in (401, 403)  # reached the API: not who may call it
