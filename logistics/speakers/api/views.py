"""The speakers list over REST: the same services as the protocol office's speakers page,
which lock the session's row so that two officers changing one list take turns and the
order stays 1, 2, … without gaps."""

from django.db.models import F
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from logistics.core.api.base import INVALID, ServiceViewSet, error_response
from logistics.core.api.permissions import DelegationAccess
from logistics.speakers import services
from logistics.speakers.api import queries, serializers
from logistics.speakers.api.filters import SpeakerFilter
from logistics.speakers.models import SpeakerSlot

SPEAKER = serializers.SpeakerSerializer
SPEAKER_INVALID = error_response(
    "invalid: bad fields; invalid_speaker: the statement breaks a rule (a session without a "
    "speakers list or cancelled, a delegation of another event, a language code, a time "
    "limit), each field at fault in error.fields.")
ALREADY_INSCRIBED = error_response(
    "already_inscribed: the delegation is on this session's list already (one statement per "
    "delegation); the message says whether it withdrew.")


@extend_schema(tags=["speakers"])
@extend_schema_view(
    list=extend_schema(summary="The list of speakers"),
    retrieve=extend_schema(summary="One statement on the list of speakers"),
    create=extend_schema(summary="Inscribe a delegation on a session's list, last in the order",
                         responses={201: SPEAKER, 400: SPEAKER_INVALID, 409: ALREADY_INSCRIBED}),
    partial_update=extend_schema(
        summary="Change the speaker, level, language or time limit of a statement",
        responses={200: SPEAKER, 400: SPEAKER_INVALID}),
)
class SpeakerViewSet(ServiceViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                     mixins.CreateModelMixin, mixins.UpdateModelMixin):
    """The list of speakers of the plenary and the high-level debate: each statement with its
    delegation, speaker, level, time limit and language (the interpreters need it), in the
    order of the list (then by date of inscription). Filter by session for one session's
    list. Read by every staff role but the agencies' focal points; changed by the protocol
    office and the secretariat: inscribe, change, move, mark spoken or withdrawn, and order
    by protocol precedence (level, then date of inscription)."""

    queryset = SpeakerSlot.objects.none()
    serializer_class = SPEAKER
    permission_classes = [DelegationAccess]
    # A statement is changed field by field (PATCH); its session and delegation never change.
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_class = SpeakerFilter
    search_fields = ["speaker_name", "delegation__name"]
    ordering_fields = ["order", "inscribed_at"]
    # The model's order: the list's order where set, then by date of inscription.
    ordering = ["session__starts_at", "session_id", F("order").asc(nulls_last=True),
                "inscribed_at"]

    def get_queryset(self):
        return queries.speakers()

    @extend_schema(summary="Move a statement to another place on the list; the others shift",
                   request=serializers.SpeakerMoveSerializer,
                   responses={200: SPEAKER, 400: error_response(
                       "invalid, or invalid_speaker: a place beyond the end of the list, or "
                       "a withdrawn statement (put it back first).")})
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None, format=None):
        slot = self.get_object()
        data = self.validated(serializers.SpeakerMoveSerializer)
        return self.respond(services.speaker_move(slot=slot, by=self.by,
                                                  new_order=data["order"]))

    @extend_schema(summary="Mark a statement spoken or withdrawn, or put it back on the list",
                   request=serializers.SpeakerStatusSerializer,
                   responses={200: SPEAKER, 400: INVALID, 409: error_response(
                       "invalid_transition: e.g. a statement spoken cannot be withdrawn.")})
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None, format=None):
        slot = self.get_object()
        data = self.validated(serializers.SpeakerStatusSerializer)
        return self.respond(services.speaker_set_status(slot=slot, by=self.by,
                                                        status=data["status"]))

    @extend_schema(summary="Order a session's list by protocol precedence: those who have "
                           "spoken keep their places, the others follow by level, then by "
                           "date of inscription",
                   request=serializers.SpeakersOrderSerializer,
                   responses={200: SPEAKER(many=True), 400: INVALID})
    @action(detail=False, methods=["post"], filter_backends=[], pagination_class=None)
    def order(self, request, format=None):
        session = self.validated(serializers.SpeakersOrderSerializer)["session"]
        services.speakers_order(session=session, by=self.by)
        ordered = self.get_queryset().filter(session=session).order_by(*self.ordering)
        return Response(self.get_serializer(ordered, many=True).data)
