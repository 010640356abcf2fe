"""The errors every API operation can answer, in the schema: the one JSON error shape
(config.api) for a bad request, a missing or refused key, an unknown object or page, and
too many requests. Views document their own errors (409s, domain codes) themselves; this
fills in the ones that come from DRF's machinery, so that the schema does not claim an
operation answers only 200."""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import get_view_model
from rest_framework.schemas.utils import get_pk_description

ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}
METHODS = ("get", "put", "post", "patch", "delete")
STANDARD = {
    "400": "invalid: the request has invalid fields, listed in error.fields.",
    "401": "not_authenticated or authentication_failed: no API key or session, or a key "
           "unknown or revoked.",
    "403": "permission_denied: the key lacks the scope, or the user the role.",
    "404": "not_found: no such object (or page of a list) for this key or user.",
    "429": "throttled: too many requests from this key or address; retry after the number "
           "of seconds in Retry-After.",
}
RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"},
                               "description": "Seconds until requests are taken again."}}


def _takes_input(operation):
    return "requestBody" in operation or any(
        parameter.get("in") == "query" for parameter in operation.get("parameters", ()))


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook."""
    for item in result.get("paths", {}).values():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            responses = operation.setdefault("responses", {})
            for status, description in STANDARD.items():
                if status == "400" and not _takes_input(operation):
                    continue
                response = responses.setdefault(status, {"description": description,
                                                         "content": ERROR})
                if status == "429":
                    response.setdefault("headers", RETRY_AFTER)
    return result


class AutoSchema(SpectacularAutoSchema):
    """An id in the path (`<id:pk>`, logistics/core/ids.py) is described as drf-spectacular
    describes a primary key it finds by itself: its own converter's schema has no words."""

    def _resolve_path_parameters(self, variables):
        parameters = super()._resolve_path_parameters(variables)
        model = get_view_model(self.view, emit_warnings=False)
        for parameter in parameters:
            if model is not None and not parameter.get("description") and (
                    parameter["name"] == "id" and "<id:pk>" in self.path_regex):
                parameter["description"] = get_pk_description(model, model._meta.pk)
        return parameters
