"""API plumbing shared by every app: one pagination and one JSON error shape."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from logistics.errors import AccordError


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


def _error(code, message, http_status, fields=None):
    body = {"error": {"code": code, "message": str(message)}}
    if fields:
        body["error"]["fields"] = fields
    return Response(body, status=http_status)


def exception_handler(exc, context):
    """Every error leaves the API as {"error": {"code", "message", "fields"?}}."""
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


def server_error(request):
    if _api_path(request):
        return JsonResponse({"error": {"code": "server_error",
                                       "message": _("Server error; it has been logged.")}},
                            status=500)
    from django.views.defaults import server_error as page_server_error

    return page_server_error(request)
