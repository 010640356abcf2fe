"""Applications over REST, for the integrations (the UN's registration system, a media
portal): list and incremental sync, one at a time or up to 1,000 per call, corrections while
the application may still change, and the office's decisions.

Applications are addressed by their reference (A-7K3M9QXP), the number the applicant is
mailed and quotes, not by the database id: an integration keeps the one identifier people
use. Writes go through accreditation.services (applications, bulk); an API key acts as
by=None and its name is recorded as the actor of every status change it makes.

A person who already holds an open application (live, or itself held) is never refused on
creation or correction: the application is held as a possible duplicate
(services.duplicates), and the answer to the write reads as a new application's would
(status submitted, no possible_duplicate_of): a write never tells whether an ID number or
an address is someone else's."""

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiTypes,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from accreditation.api.pagination import SyncPagination
from accreditation.api.permissions import ReadWriteScopeOrRole, sees_held_applications
from accreditation.applications.api import queries
from accreditation.applications.api import serializers as s
from accreditation.applications.api.filters import ApplicationFilter
from accreditation.applications.api.serializers_files import ApplicationFilesSerializer
from accreditation.applications.models.applications import Application
from accreditation.applications.services.applications import (
    application_approve,
    application_create,
    application_reject,
    application_release,
    application_request_information,
    application_update,
    application_withdraw,
)
from accreditation.applications.services.bulk import applications_bulk_create
from accreditation.enums import ApplicationSource
from accreditation.keys.models import ApiScope
from accreditation.permissions import can_manage_accreditation, can_view_accreditation
from logistics.core.api.base import INVALID, ServiceViewSet, error_response
from logistics.core.api.permissions import acting_via

DECISIONS = ("approve", "reject", "request_information", "withdraw", "release")


class ApplicationAccess(ReadWriteScopeOrRole):
    """Reads: accreditation:read, or the staff who see the applications. Creating and
    correcting: accreditation:write, or the accreditation office. Decisions:
    accreditation:decide, or the accreditation office."""

    read_scope, read = ApiScope.ACCREDITATION_READ, staticmethod(can_view_accreditation)
    write_scope = ApiScope.ACCREDITATION_WRITE
    write = staticmethod(can_manage_accreditation)
    scopes_by_action = {name: (ApiScope.ACCREDITATION_DECIDE, can_manage_accreditation)
                        for name in DECISIONS}


REFERENCE = OpenApiParameter("reference", OpenApiTypes.STR, OpenApiParameter.PATH,
                             description="The application's reference, e.g. A-7K3M9QXP.")
REFUSED = error_response(
    "invalid_application: the application breaks a rule (a media category without an outlet "
    "or a media role, a category of another event), the fields at fault in error.fields.")
CONFLICT = error_response(
    "delegation_media: a delegation brings one photographer and one camera operator, and "
    "only when led by a dignitary (an application held as a possible duplicate keeps its "
    "place as any other). A person who already has an open application (same ID "
    "document and nationality, or same e-mail) is not refused: the application is created "
    "and held by the office as a possible duplicate, and this answer reads as any other "
    "(201, status submitted).")
NOT_EDITABLE = error_response(
    "not_editable: the application is under review, decided or withdrawn and no longer "
    "changes; delegation_media: as on creation. A correction to the ID document or e-mail "
    "of another open application is held as on creation, and answered as any other "
    "correction.")
RELEASE_REFUSED = error_response(
    "invalid_transition: the application is not held as a possible duplicate; "
    "duplicate_application: the application it may duplicate (or another of the person's) "
    "is still live: close one of the two first; delegation_media: the delegation-media rule, "
    "checked again, refuses it (the delegation is no longer led by a dignitary).")
MOVE_REFUSED = error_response(
    "invalid_transition: the application's status does not allow this move (e.g. approving "
    "a rejected one).")
APPROVE_REFUSED = error_response(
    "invalid_transition: not from this status; vetting_required: the category needs security "
    "vetting and the applicant is not cleared; quota_exceeded: the category's, outlet's or "
    "organisation's quota is reached.")
DENIED = error_response("permission_denied: the key lacks the scope, or the staff member the "
                        "role.")

PERSON = {
    "category": "P", "family_name": "Trần", "given_names": "Thị Mai", "gender": "female",
    "date_of_birth": "1988-03-14", "nationality": "VN", "email": "mai.tran@vna.example",
    "phone": "+84 24 3825 2931", "organisation": "Vietnam News Agency",
    "function": "Correspondent", "id_document_kind": "passport",
    "id_document_number": "C1234567", "id_document_expiry": "2031-01-01", "outlet": 12,
    "media_role": "reporter", "equipment": "One camera, one tripod",
}
APPLICATION = {
    "id": 417, "reference": "A-7K3M9QXP", "event": 1, "category": "P", "category_name": "Press",
    "status": "submitted", "possible_duplicate_of": None, "vetting": "pending",
    "source": "api", "family_name": "Trần",
    "given_names": "Thị Mai", "gender": "female", "date_of_birth": "1988-03-14",
    "nationality": "VN", "email": "mai.tran@vna.example", "phone": "+84 24 3825 2931",
    "organisation": "Vietnam News Agency", "function": "Correspondent",
    "id_document_kind": "passport", "has_id_document_number": True,
    "id_document_expiry": "2031-01-01", "outlet": 12, "outlet_name": "Vietnam News Agency",
    "proposed_outlet": "", "proposed_outlet_country": None, "proposed_outlet_kind": "",
    "media_role": "reporter", "equipment": "One camera, one tripod", "delegation": None,
    "information_requested": "", "has_photo": False, "has_letter_of_assignment": False,
    "has_press_card": False, "has_id_copy": False,
    "missing_documents": ["letter_of_assignment", "press_card", "id_copy"], "badge": None,
    "badge_number": None,
    "created_at": "2026-05-02T09:15:04.218311+07:00",
    "updated_at": "2026-05-02T09:15:04.218311+07:00",
}
FILES_NOTE = (
    " Files (photo, letter of assignment, press card, ID copy) are sent afterwards, as "
    "multipart/form-data, to POST /api/v1/applications/{reference}/files/; the has_photo... "
    "booleans say which are on record.")
FILES_REFUSED = error_response(
    "invalid: a file is refused, with the reason in error.fields under its name: too_big "
    "(over the limit), not_an_image or not_a_document (its content is not a JPEG or PNG, "
    "or a PDF, JPEG or PNG, whatever its name says), too_small (a photo under 300×400 "
    "pixels), too_many_pixels (an image declaring more pixels than any photo or scan has), "
    "unreadable_pdf, too_many_objects; no_file when none is sent.")


def _decision(summary, request, responses, examples=()):
    return extend_schema(summary=summary, request=request, parameters=[REFERENCE],
                         responses={200: s.ApplicationSerializer, 400: INVALID, 403: DENIED,
                                    404: error_response("not_found"), **responses},
                         examples=list(examples))


@extend_schema(tags=["applications"])
@extend_schema_view(
    list=extend_schema(
        summary="List applications, or sync the ones changed since a time",
        description=(
            "Filters combine. Without `changed_since` or `cursor`, pages by number, newest "
            "first (or by `ordering`). With `changed_since` (ISO 8601), the rows changed at "
            "or after that time come oldest change first, a page at a time, with an opaque "
            "cursor in `next`: a row changed while you page comes again later with its new "
            "state, and no row is skipped. When `next` is null, keep `resume` and call it on "
            "the next sync to get what changed since. The ID document number is never "
            "sent.")),
    retrieve=extend_schema(summary="One application", parameters=[REFERENCE]),
    create=extend_schema(
        summary="Submit one application",
        description="A new application in `submitted`; the applicant is mailed its reference "
                    "(when an e-mail is given) and the webhooks are told. One person, one "
                    "accreditation: an application naming the ID document and nationality, or "
                    "the e-mail, of a live one is held by the office as a possible duplicate "
                    "(status `possible_duplicate` in reads). Its sender is not told: the "
                    "answer, the applicant's mail and the webhooks read as for any new "
                    "application." + FILES_NOTE,
        request=s.ApplicationCreateSerializer,
        responses={201: s.ApplicationSerializer, 400: REFUSED, 403: DENIED, 409: CONFLICT},
        examples=[
            OpenApiExample("A journalist", request_only=True, value={"event": 1, **PERSON}),
            OpenApiExample("A delegate", request_only=True, value={
                "event": 1, "category": "D", "family_name": "Okafor",
                "given_names": "Chinwe", "nationality": "NG", "email": "c.okafor@mfa.example",
                "organisation": "Federal Republic of Nigeria", "function": "Counsellor",
                "id_document_kind": "passport", "id_document_number": "A09876543",
                "delegation": 58}),
            OpenApiExample("Created", response_only=True, status_codes=["201"],
                           value=APPLICATION),
        ]),
    partial_update=extend_schema(
        summary="Correct an application while it is submitted or waiting for information",
        description="Any of the person's details; the category, event and delegation stay. "
                    "A correction of an application waiting for information sends it back "
                    "to the office (submitted); one to the ID document or e-mail of another "
                    "open application is held as a possible duplicate, and answered as any "
                    "other correction." + FILES_NOTE,
        parameters=[REFERENCE], request=s.ApplicationUpdateSerializer,
        responses={200: s.ApplicationSerializer, 400: REFUSED, 403: DENIED,
                   404: error_response("not_found"), 409: NOT_EDITABLE},
        examples=[OpenApiExample("A new e-mail address", request_only=True,
                                 value={"email": "mai.tran@vnanet.example"})]),
)
class ApplicationViewSet(ServiceViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Applications for badges, from every source. Read with accreditation:read (or as staff
    who see the applications); create and correct with accreditation:write; approve, reject,
    ask for information, withdraw and release a possible duplicate with accreditation:decide
    (or as the accreditation office)."""

    queryset = Application.objects.none()
    serializer_class = s.ApplicationSerializer
    permission_classes = [ApplicationAccess]
    personal_data_rule = staticmethod(can_view_accreditation)
    pagination_class = SyncPagination
    filterset_class = ApplicationFilter
    search_fields = ["reference", "family_name", "given_names", "email", "organisation"]
    ordering_fields = ["created_at", "updated_at", "family_name"]
    ordering = ["-created_at"]
    lookup_field = "reference"
    lookup_value_converter = "slug"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return queries.applications()

    def get_serializer_context(self):
        # Reads by a key that does not decide show a possible duplicate as its sender sees it.
        return {**super().get_serializer_context(),
                "as_sent": not sees_held_applications(self.request)}

    @property
    def actor(self):
        return acting_via(self.request)[:100]

    def create(self, request, *args, **kwargs):
        data = self.validated(s.ApplicationCreateSerializer)
        application = application_create(source=ApplicationSource.API, by=self.by,
                                         actor=self.actor, **data)
        return Response(self.as_sent(application), status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        application = self.get_object()
        form = s.ApplicationUpdateSerializer(
            data=request.data, partial=True,
            context={**self.get_serializer_context(), "event": application.event})
        form.is_valid(raise_exception=True)
        return Response(self.as_sent(application_update(
            application=application, by=self.by, actor=self.actor, **form.validated_data)))

    def as_sent(self, application):
        """The application after a write, as its sender sees it (see the serializer)."""
        context = {**self.get_serializer_context(), "as_sent": True}
        return s.ApplicationSerializer(self.reloaded(application), context=context).data

    @extend_schema(
        summary="Submit up to 1,000 applications in one call",
        description=(
            "Each item is checked and created on its own, by the same rules as one at a "
            "time: a refused item (bad fields) does not stop the others. The answer has one "
            "result per item, in order, with the new reference or the item's errors. An item "
            "naming the ID document and nationality, or the e-mail, of an open application "
            "(or of an earlier item) is created and held as a possible duplicate, and its "
            "result reads as any other's; the items are created in the order sent. More than "
            "1,000 items, or an unknown event, refuse the whole call (400)." + FILES_NOTE),
        request=s.ApplicationBulkSerializer,
        responses={200: s.BulkResponseSerializer, 400: INVALID, 403: DENIED},
        examples=[
            OpenApiExample("Two journalists", request_only=True, value={"event": 1, "items": [
                PERSON, {**PERSON, "family_name": "Nguyễn", "given_names": "Văn An",
                         "email": "an.nguyen@vtv.example", "id_document_number": "C7654321",
                         "media_role": "camera_operator", "outlet": 15}]}),
            OpenApiExample("One created, one refused", response_only=True,
                           status_codes=["200"], value={"created": 1, "refused": 1,
                                                        "results": [
                {"index": 0, "reference": "A-7K3M9QXP", "code": None, "errors": None},
                {"index": 1, "reference": None, "code": "invalid",
                 "errors": {"email": ["Enter a valid email address."]}}]}),
        ])
    @action(detail=False, methods=["post"])
    def bulk(self, request):
        form = s.ApplicationBulkSerializer(data=request.data,
                                           context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        event, items = form.validated_data["event"], form.validated_data["items"]
        valid = [index for index, (_data, errors) in enumerate(items) if errors is None]
        outcomes = applications_bulk_create(
            event=event, items=[items[index][0] for index in valid],
            source=ApplicationSource.API, by=self.by, actor=self.actor)
        results = [{"index": index, "reference": None, "code": "invalid", "errors": errors}
                   for index, (_data, errors) in enumerate(items)]
        for index, outcome in zip(valid, outcomes, strict=True):
            results[index] = _result(index, outcome)
        created = sum(1 for result in results if result["reference"])
        return Response({"created": created, "refused": len(results) - created,
                         "results": results})

    @extend_schema(
        summary="Send the photo and documents",
        description=(
            "multipart/form-data with one to four files: photo, letter_of_assignment, "
            "press_card, id_copy. Each is checked by its content as the application forms "
            "check it (the same types, sizes and pixel limits), stored cleaned (re-encoded, "
            "without metadata or active content) and replaces the one on record; a file "
            "left out keeps its own. Only while the application may still change "
            "(submitted, or waiting for information, which it answers as a correction does: "
            "back to submitted). A new photo sends a vetted applicant back to security "
            "vetting, as in the forms. The files are never served through the API: the "
            "office reads them in its pages (the ID copy security vetting alone)."),
        parameters=[REFERENCE],
        request={"multipart/form-data": ApplicationFilesSerializer},
        responses={200: s.ApplicationSerializer, 400: FILES_REFUSED, 403: DENIED,
                   404: error_response("not_found"), 409: NOT_EDITABLE})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def files(self, request, reference=None):
        application = self.get_object()
        form = ApplicationFilesSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        return Response(self.as_sent(application_update(
            application=application, by=self.by, actor=self.actor, **form.validated_data)))

    @_decision("Approve; the badge is issued shortly after", s.ReasonSerializer,
               {409: APPROVE_REFUSED})
    @action(detail=True, methods=["post"])
    def approve(self, request, reference=None):
        application = self.get_object()
        data = self.validated(s.ReasonSerializer)
        return self.respond(application_approve(application=application, by=self.by,
                                                actor=self.actor,
                                                reason=data.get("reason", "")))

    @_decision("Reject, with the reason the applicant is mailed", s.RejectSerializer,
               {409: MOVE_REFUSED},
               [OpenApiExample("A reason", request_only=True, value={
                   "reason": "The letter of assignment is not on the outlet's letterhead."})])
    @action(detail=True, methods=["post"])
    def reject(self, request, reference=None):
        application = self.get_object()
        data = self.validated(s.RejectSerializer)
        return self.respond(application_reject(application=application, by=self.by,
                                               actor=self.actor, reason=data["reason"]))

    @_decision("Ask the applicant for more information", s.RequestInformationSerializer,
               {409: MOVE_REFUSED},
               [OpenApiExample("A request", request_only=True, value={
                   "message": "Please send a letter of assignment signed by your editor."})])
    @action(detail=True, methods=["post"], url_path="request-information")
    def request_information(self, request, reference=None):
        application = self.get_object()
        data = self.validated(s.RequestInformationSerializer)
        return self.respond(application_request_information(
            application=application, by=self.by, actor=self.actor, message=data["message"]))

    @_decision("Release a possible duplicate to the review queue (submitted)",
               s.ReasonSerializer, {409: RELEASE_REFUSED})
    @action(detail=True, methods=["post"])
    def release(self, request, reference=None):
        application = self.get_object()
        data = self.validated(s.ReasonSerializer)
        return self.respond(application_release(application=application, by=self.by,
                                                actor=self.actor,
                                                reason=data.get("reason", "")))

    @_decision("Withdraw; an approved application's badge is revoked with it",
               s.ReasonSerializer, {409: MOVE_REFUSED})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, reference=None):
        application = self.get_object()
        data = self.validated(s.ReasonSerializer)
        return self.respond(application_withdraw(application=application, by=self.by,
                                                 actor=self.actor,
                                                 reason=data.get("reason", "")))


def _result(index, outcome):
    if outcome.application is not None:
        return {"index": index, "reference": outcome.application.reference, "code": None,
                "errors": None}
    error = outcome.error
    return {"index": index, "reference": None, "code": error.code,
            "errors": error.fields or {"non_field_errors": [error.message]}}

