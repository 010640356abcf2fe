"""Refuse a request whose body is larger than any form or upload of Accord takes, before a
byte of it is read: Django limits form fields in memory, but not the files of a multipart
body, which it would stream to disk whatever their size."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


class RequestSizeLimit:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_REQUEST_BYTES
        if length > limit:
            message = _("The request is %(size)s; the limit is %(limit)s.") % {
                "size": filesizeformat(length), "limit": filesizeformat(limit)}
            if request.path.startswith("/api/"):
                return JsonResponse({"error": {"code": "too_large", "message": message}},
                                    status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
