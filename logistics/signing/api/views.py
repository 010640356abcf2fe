"""The signing ceremony over REST: the same services as the ceremony screen, so that a state
whose signatory lacks verified full powers can be neither scheduled nor marked signed."""

from django.db.models import F
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from logistics.core.api.base import INVALID, ServiceViewSet, error_response
from logistics.core.api.permissions import DelegationAccess
from logistics.core.ids import as_id
from logistics.core.models.event import Event
from logistics.signing import services
from logistics.signing.api import filters, queries
from logistics.signing.api import serializers as signing_serializers
from logistics.signing.models import Signing
from logistics.signing.queries import run_of_show, signatory_progress

FULL_POWERS_MISSING = error_response(
    "full_powers_missing: the signatory is not a head of state, head of government or "
    "minister for foreign affairs, and their full powers are not verified; already_signed: "
    "the state has signed.")
SIGNING = signing_serializers.SigningSerializer


@extend_schema(tags=["signings"])
@extend_schema_view(
    list=extend_schema(summary="List signings"),
    retrieve=extend_schema(summary="One signing"),
    create=extend_schema(
        summary="Record that a state will sign",
        responses={201: SIGNING, 400: error_response(
            "invalid: bad fields; not_a_state: only states and observer states sign.")}),
)
class SigningViewSet(ServiceViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                     mixins.CreateModelMixin):
    """Which states sign the treaty, where (the plenary ceremony or the treaty desk), when, in
    what order and by whom, and the state of the signatory's full powers (VCLT art. 7). Every
    change is an action; the instrument of full powers itself is not served over the API."""

    queryset = Signing.objects.none()
    serializer_class = SIGNING
    permission_classes = [DelegationAccess]
    filterset_class = filters.SigningFilter
    search_fields = ["delegation__name", "delegation__country__name", "signatory_name"]
    ordering_fields = ["order", "scheduled_at", "signed_at", "delegation__name"]
    ordering = ["event_id", "where", F("order").asc(nulls_last=True), "delegation__name"]

    def get_queryset(self):
        return queries.signings()

    @extend_schema(summary="Schedule a state's signature: where, when and its place in the "
                           "plenary order",
                   request=signing_serializers.SigningScheduleSerializer,
                   responses={200: SIGNING, 400: INVALID, 409: FULL_POWERS_MISSING})
    @action(detail=True, methods=["post"])
    def schedule(self, request, pk=None, format=None):
        signing = self.get_object()
        data = self.validated(signing_serializers.SigningScheduleSerializer, signing.event)
        return self.respond(services.signing_schedule(signing=signing, by=self.by, **data))

    @extend_schema(summary="Record that the full powers (or a copy sent ahead) have arrived",
                   request=signing_serializers.FullPowersReceiveSerializer,
                   responses={200: SIGNING, 400: INVALID})
    @action(detail=True, methods=["post"], url_path="receive-full-powers")
    def receive_full_powers(self, request, pk=None, format=None):
        signing = self.get_object()
        data = self.validated(signing_serializers.FullPowersReceiveSerializer, signing.event)
        return self.respond(services.full_powers_receive(signing=signing, by=self.by,
                                                         received_at=data["received_at"]))

    @extend_schema(summary="Record that the depositary has verified the full powers",
                   request=None,
                   responses={200: SIGNING, 409: error_response(
                       "full_powers_not_received: record their arrival first.")})
    @action(detail=True, methods=["post"], url_path="verify-full-powers")
    def verify_full_powers(self, request, pk=None, format=None):
        signing = self.get_object()
        return self.respond(services.full_powers_verify(signing=signing, by=self.by))

    @extend_schema(summary="Mark a state signed (during the ceremony, one click)",
                   request=signing_serializers.SignSerializer,
                   responses={200: SIGNING, 400: INVALID, 409: FULL_POWERS_MISSING})
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None, format=None):
        signing = self.get_object()
        data = self.validated(signing_serializers.SignSerializer, signing.event)
        return self.respond(services.signing_mark_signed(signing=signing, by=self.by,
                                                         signed_at=data["signed_at"]))

    @extend_schema(summary="Move a plenary signing to another place in the order",
                   request=signing_serializers.PlenaryMoveSerializer,
                   responses={200: SIGNING, 400: INVALID, 409: error_response(
                       "not_in_plenary: the state signs at the treaty desk.")})
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None, format=None):
        signing = self.get_object()
        data = self.validated(signing_serializers.PlenaryMoveSerializer)
        return self.respond(services.plenary_move(signing=signing, by=self.by,
                                                  new_order=data["order"]))

    @extend_schema(summary="Order the plenary signings by a rule: precedence (level, then "
                           "name) or alphabetically from a drawn letter",
                   request=signing_serializers.PlenaryOrderSerializer,
                   responses={200: SIGNING(many=True), 400: INVALID})
    @action(detail=False, methods=["post"], filter_backends=[], pagination_class=None)
    def order(self, request, format=None):
        data = self.validated(signing_serializers.PlenaryOrderSerializer)
        services.plenary_order(by=self.by, **data)
        ordered = run_of_show(data["event"]).select_related("event")
        return Response(self.get_serializer(ordered, many=True).data)

    @extend_schema(summary="How many states have signed, against the threshold",
                   parameters=[OpenApiParameter("event", int, required=True,
                                                description="Event id")],
                   responses={200: signing_serializers.SignatoryProgressSerializer,
                              400: INVALID})
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def progress(self, request, format=None):
        pk = as_id(request.query_params.get("event", ""))
        event = Event.objects.filter(pk=pk).first() if pk is not None else None
        if event is None:
            raise serializers.ValidationError({"event": [_("Give the id of an event.")]})
        return Response(signing_serializers.SignatoryProgressSerializer(
            signatory_progress(event)).data)
