"""The programme over REST: rooms, sessions, the speakers list and side-event proposals.

Sessions are booked through logistics.services.programme, which checks under row locks that
a room holds one session at a time, that the expected audience fits, and that a head of
delegation or host leader is in one place at a time."""

from types import SimpleNamespace

from django.db.models import F
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import DefaultContentNegotiation

from logistics import permissions
from logistics.models import Room, Session, SideEventProposal, SpeakerSlot
from logistics.queries import api as queries
from logistics.services.programme import session_cancel

from . import filters_programme as filters
from . import serializers_programme as serializers
from .base import ServiceViewSet, error_response
from .permissions import DelegationAccess, ProgrammeAccess, ProposalAccess

CLASH = error_response(
    "room_clash: the room holds another scheduled session then; person_clash: a head of "
    "delegation or host leader taking part is in another session then; capacity_exceeded: "
    "the expected audience does not fit the room. The message names the clash.")
ROOM_TOO_SMALL = error_response(
    "capacity_exceeded: a session booked into the room expects more than the new capacity.")
SESSION_INVALID = error_response(
    "invalid: bad fields; invalid_session: the session breaks a rule (ends before it starts, "
    "a room or delegation of another event), each field at fault in error.fields.")


@extend_schema(tags=["rooms"])
@extend_schema_view(
    list=extend_schema(summary="List rooms"),
    retrieve=extend_schema(summary="One room"),
    create=extend_schema(summary="Add a room to a venue",
                         responses={201: serializers.RoomSerializer, 400: error_response(
                             "invalid, or invalid_room: e.g. a second room of that name in "
                             "the venue.")}),
    update=extend_schema(summary="Change a room", responses={
        200: serializers.RoomSerializer, 400: error_response("invalid, or invalid_room."),
        409: ROOM_TOO_SMALL}),
    partial_update=extend_schema(summary="Change some of a room's fields", responses={
        200: serializers.RoomSerializer, 400: error_response("invalid, or invalid_room."),
        409: ROOM_TOO_SMALL}),
)
class RoomViewSet(ServiceViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                  mixins.CreateModelMixin, mixins.UpdateModelMixin):
    """Rooms of the venues: capacity, access zone, interpretation booths and streaming. Every
    staff role reads them; the programme office and the secretariat add and change them (a
    room may move to another venue of the same event)."""

    queryset = Room.objects.none()
    serializer_class = serializers.RoomSerializer
    permission_classes = [ProgrammeAccess]
    filterset_class = filters.RoomFilter
    search_fields = ["name", "venue__name"]
    ordering_fields = ["name", "capacity"]
    ordering = ["venue__name", "name"]

    def get_queryset(self):
        return queries.rooms()


@extend_schema(tags=["sessions"])
@extend_schema_view(
    list=extend_schema(summary="List sessions"),
    retrieve=extend_schema(summary="One session"),
    create=extend_schema(summary="Add a session",
                         responses={201: serializers.SessionSerializer, 400: SESSION_INVALID,
                                    409: CLASH}),
    update=extend_schema(summary="Change or move a session",
                         responses={200: serializers.SessionSerializer, 400: SESSION_INVALID,
                                    409: CLASH}),
    partial_update=extend_schema(summary="Change or move a session",
                                 responses={200: serializers.SessionSerializer,
                                            400: SESSION_INVALID, 409: CLASH}),
)
class SessionViewSet(ServiceViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                     mixins.CreateModelMixin, mixins.UpdateModelMixin):
    """Sessions of every kind (plenary, seminars, side events, bilaterals...), with their room,
    times in the event's time zone, languages of interpretation and media access. Every staff
    role reads them; the programme office and the secretariat book, move and cancel them, and
    a clash is refused with 409. The organiser's e-mail appears only for the programme office,
    the secretariat and API keys with the read scope."""

    queryset = Session.objects.none()
    serializer_class = serializers.SessionSerializer
    permission_classes = [ProgrammeAccess]
    personal_data_rule = staticmethod(permissions.can_manage_programme)
    filterset_class = filters.SessionFilter
    search_fields = ["title", "organiser", "chair"]
    ordering_fields = ["starts_at", "title"]
    ordering = ["starts_at"]

    def get_queryset(self):
        return queries.sessions()

    @extend_schema(summary="Cancel a session; its room is free again for that time",
                   request=None, responses={200: serializers.SessionSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        session = self.get_object()
        return self.respond(session_cancel(session=session, by=self.by))


@extend_schema(tags=["speakers"])
@extend_schema_view(list=extend_schema(summary="The list of speakers"),
                    retrieve=extend_schema(summary="One statement on the list of speakers"))
class SpeakerViewSet(viewsets.ReadOnlyModelViewSet):
    """The plenary's list of speakers: each statement with its delegation, speaker, level,
    time limit and language (the interpreters need it), in the order of the list (then by
    date of inscription). Filter by session for one session's list. Read by every staff role
    but the agencies' focal points."""

    queryset = SpeakerSlot.objects.none()
    serializer_class = serializers.SpeakerSerializer
    permission_classes = [DelegationAccess]
    filter_backends = ServiceViewSet.filter_backends
    filterset_class = filters.SpeakerFilter
    search_fields = ["speaker_name", "delegation__name"]
    ordering_fields = ["order", "inscribed_at"]
    # The model's order: the list's order where set, then by date of inscription.
    ordering = ["session__starts_at", "session_id", F("order").asc(nulls_last=True),
                "inscribed_at"]

    def get_queryset(self):
        return queries.speakers()


class FormatIsAFilter(DefaultContentNegotiation):
    """`?format=panel` filters proposals by their format; it does not pick a renderer."""

    settings = SimpleNamespace(URL_FORMAT_OVERRIDE=None)


@extend_schema(tags=["side-event proposals"])
@extend_schema_view(list=extend_schema(summary="List side-event proposals"),
                    retrieve=extend_schema(summary="One side-event proposal"))
class ProposalViewSet(viewsets.ReadOnlyModelViewSet):
    """Side events proposed through the public form, with their status. For the programme
    office and the secretariat, who review them, and keys with the read scope. Reviews
    (scores and comments) are never given over the API."""

    queryset = SideEventProposal.objects.none()
    serializer_class = serializers.ProposalSerializer
    permission_classes = [ProposalAccess]
    content_negotiation_class = FormatIsAFilter
    filter_backends = ServiceViewSet.filter_backends
    filterset_class = filters.ProposalFilter
    search_fields = ["reference", "title", "organiser_organisation"]
    ordering_fields = ["submitted_at", "expected_audience", "title"]
    ordering = ["-submitted_at"]

    def get_queryset(self):
        return queries.proposals()
