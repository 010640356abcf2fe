"""API plumbing shared by every app: one pagination and one JSON error shape (and the
site's 404 and 500 handlers, which answer in it under /api/)."""

import sys

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, InterfaceError, OperationalError, connections
from django.http import Http404, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from logistics.core.errors import AccordError


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


def _error(code, message, http_status, fields=None):
    body = {"error": {"code": code, "message": str(message)}}
    if fields:
        body["error"]["fields"] = fields
    return Response(body, status=http_status)


def exception_handler(exc, context):
    """Every error leaves the API as {"error": {"code", "message", "fields"?}}, in JSON and
    labelled application/json, whatever the view renders when it succeeds (the schema in
    YAML or as vnd.oai.openapi, the docs page, a badge's PDF): a client reads an error's
    body by its Content-Type. Only the browsable API keeps its page, which shows that JSON."""
    response = _error_response(exc, context)
    request = context.get("request")
    if response is not None and request is not None:
        renderer = getattr(request, "accepted_renderer", None)
        if not (isinstance(renderer, BrowsableAPIRenderer)
                or isinstance(renderer, JSONRenderer)
                and renderer.media_type == JSONRenderer.media_type):
            # DRF's finalize_response renders with the request's renderer.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
    return response


def _error_response(exc, context):
    if isinstance(exc, AccordError):
        set_rollback()
        return _error(exc.code, exc.message, exc.http_status, exc.fields or None)
    if isinstance(exc, DjangoValidationError):
        set_rollback()
        fields = None
        if hasattr(exc, "error_dict"):
            fields = {("non_field_errors" if name == "__all__" else name): messages
                      for name, messages in exc.message_dict.items()}
        message = "; ".join(exc.messages)
        return _error("invalid", message, status.HTTP_400_BAD_REQUEST, fields)
    if isinstance(exc, IntegrityError):
        # Two requests creating the same code at once: the database let one win.
        set_rollback()
        return _error("conflict", _("The request conflicts with data saved meanwhile; reload "
                                    "and try again."), status.HTTP_409_CONFLICT)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        fields = detail if isinstance(detail, dict) else {"non_field_errors": detail}
        return _error("invalid", _("The request has invalid fields."), response.status_code,
                      fields)
    code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
    if not isinstance(code, str):
        code = "error"
    message = getattr(exc, "detail", str(exc))
    error = _error(code, message, response.status_code)
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            error[header] = response[header]
    return error


def _api_path(request):
    return request.path.startswith("/api/")


def not_found(request, exception=None):
    """404 for the whole site: JSON in the error shape under /api/, the usual page elsewhere."""
    if _api_path(request):
        return JsonResponse({"error": {"code": "not_found", "message": _("Not found.")}},
                            status=404)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


# A connection lost or refused (the database restarting): the request may well succeed in a
# moment, so 503 with a Retry-After rather than 500. Only when a connection is actually
# unusable: an OperationalError on a working connection (SQLite's "no such table" after a
# missed migration, a statement timeout) is a fault of ours and stays 500.
UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def _database_unreachable():
    for conn in connections.all(initialized_only=True):
        if conn.connection is None:  # the connection could not even be opened
            return True
        try:
            if not conn.is_usable():
                return True
        except Exception:
            return True
    return False


def server_error(request):
    """500 for the whole site, or 503 while the database cannot be reached. Django calls it
    inside the `except` of the failed request, so the error is still at hand. Nothing here
    touches the database."""
    if isinstance(sys.exc_info()[1], UNAVAILABLE) and _database_unreachable():
        return _unavailable(request)
    if _api_path(request):
        return JsonResponse({"error": {"code": "server_error",
                                       "message": _("Server error; it has been logged.")}},
                            status=500)
    from django.views.defaults import server_error as page_server_error

    return page_server_error(request)


def _unavailable(request):
    message = _("The service is briefly unavailable; try again in a moment.")
    if _api_path(request):
        response = JsonResponse({"error": {"code": "unavailable", "message": message}},
                                status=503)
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
