"""Badges over REST: for a badge printer or an access-control system. List (with the same
incremental sync as applications), one badge, its PDF, revocation, and the office's decision
on a badge suspended after a security vetting flag (reinstate, or revoke)."""

from django.http import HttpResponse
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    OpenApiTypes,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer, JSONRenderer

from accreditation.api.pagination import SyncPagination
from accreditation.api.permissions import ReadWriteScopeOrRole
from accreditation.badges.api import queries
from accreditation.badges.api import serializers as s
from accreditation.badges.api.filters import BadgeFilter
from accreditation.badges.models import Badge
from accreditation.badges.services.badges import (
    badge_confirm_printed,
    badge_reinstate,
    badge_revoke,
    badges_mark_pdf_made,
)
from accreditation.keys.models import ApiScope
from accreditation.permissions import can_manage_accreditation, can_view_accreditation
from logistics.core.api.base import INVALID, ServiceViewSet, error_response


class BadgeAccess(ReadWriteScopeOrRole):
    """Reads: accreditation:read, or the staff who see the applications. PDFs: a key with
    accreditation:read and personal_data (the badge shows the holder's photo), and of the
    staff only the accreditation office, as on its pages: a PDF carries the signed code that
    opens the gates. Revoking and reinstating: accreditation:decide, or the accreditation
    office; so is confirming a badge printed."""

    read_scope, read = ApiScope.ACCREDITATION_READ, staticmethod(can_view_accreditation)
    write_scope = ApiScope.ACCREDITATION_DECIDE
    write = staticmethod(can_manage_accreditation)
    scopes_by_action = {"pdf": ((ApiScope.ACCREDITATION_READ, ApiScope.PERSONAL_DATA),
                                can_manage_accreditation)}


class PdfRenderer(BaseRenderer):
    """Lets a client ask for `Accept: application/pdf`. It renders only the PDF: an error
    leaves as JSON (config.api.exception_handler)."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


NOT_FOUND = error_response("not_found")


@extend_schema(tags=["badges"])
@extend_schema_view(
    list=extend_schema(
        summary="List badges, or sync the ones changed since a time",
        description="As for applications: `changed_since` (ISO 8601) gives the badges changed "
                    "since then, oldest change first, with a cursor in `next` and `resume`. "
                    "The QR code is never in JSON: it is printed on the badge (the PDF)."),
    retrieve=extend_schema(summary="One badge"),
)
class BadgeViewSet(ServiceViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Badges of approved applications: active, suspended (security vetting flagged the holder
    after issue; it opens no gate until the office reinstates or revokes it), revoked, lost
    or replaced."""

    queryset = Badge.objects.none()
    serializer_class = s.BadgeSerializer
    permission_classes = [BadgeAccess]
    personal_data_rule = staticmethod(can_manage_accreditation)
    pagination_class = SyncPagination
    filterset_class = BadgeFilter
    search_fields = ["number", "application__reference", "application__family_name",
                     "application__given_names", "application__organisation"]
    ordering_fields = ["issued_at", "updated_at", "number"]
    ordering = ["-issued_at"]

    def get_queryset(self):
        return queries.badges()

    @extend_schema(
        summary="The badge as a printable PDF (A6, with its QR code)",
        responses={(200, "application/pdf"): OpenApiResponse(
                       OpenApiTypes.BINARY, description="One A6 page."),
                   404: NOT_FOUND})
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, PdfRenderer])
    def pdf(self, request, pk=None):
        from accreditation.badges.pdf import render_badge

        badge = self.get_object()
        badge = (Badge.objects.select_related("event", "category", "application__outlet",
                                              "application__delegation")
                 .get(pk=badge.pk))
        response = HttpResponse(render_badge(badge), content_type="application/pdf")
        badges_mark_pdf_made(badge_ids=[badge.pk])
        response["Content-Disposition"] = f'inline; filename="{badge.number}.pdf"'
        return response

    @extend_schema(
        summary="Confirm the badge printed",
        description="Making the PDF does not make a badge printed: `print_status` reads "
                    "`printed` (and `printed_at` is set) once someone, or the printer's "
                    "integration, confirms it came out of the printer. A second confirmation "
                    "changes nothing.",
        request=None,
        responses={200: s.BadgeSerializer, 404: NOT_FOUND,
                   409: error_response("badge_unusable: the badge is not active, or no PDF "
                                       "was made of it yet.")})
    @action(detail=True, methods=["post"])
    def printed(self, request, pk=None):
        return self.respond(badge_confirm_printed(badge=self.get_object(), by=self.by))

    @extend_schema(
        summary="Revoke; the QR code stops opening gates at the next scan",
        request=s.RevokeSerializer,
        responses={200: s.BadgeSerializer, 400: INVALID, 404: NOT_FOUND,
                   409: error_response("badge_unusable: the badge is already revoked, lost "
                                       "or replaced (a suspended one can be revoked).")},
        examples=[OpenApiExample("A reason", request_only=True,
                                 value={"reason": "Left the delegation."})])
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        badge = self.get_object()
        data = self.validated(s.RevokeSerializer)
        return self.respond(badge_revoke(badge=badge, by=self.by, reason=data["reason"]))

    @extend_schema(
        summary="Reinstate a suspended badge; it opens its gates again",
        description="A badge is suspended when security vetting flags its holder after it "
                    "was issued. The office reinstates it once vetting has cleared the holder "
                    "again, or revokes it.",
        request=s.ReinstateSerializer,
        responses={200: s.BadgeSerializer, 400: INVALID, 404: NOT_FOUND,
                   409: error_response("badge_unusable: the badge is not suspended, or its "
                                       "application no longer approved; vetting_required: "
                                       "security vetting still flags the holder.")})
    @action(detail=True, methods=["post"])
    def reinstate(self, request, pk=None):
        badge = self.get_object()
        data = self.validated(s.ReinstateSerializer)
        return self.respond(badge_reinstate(badge=badge, by=self.by,
                                            reason=data.get("reason", "")))
