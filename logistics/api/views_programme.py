"""The programme over REST: rooms and sessions (the speakers list and side-event proposals
are in views_speakers and views_proposals).

Sessions are booked through logistics.services.programme, which checks under row locks that
a room holds one session at a time, that the expected audience fits, and that a head of
delegation or host leader is in one place at a time."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action

from logistics import permissions
from logistics.models import Room, Session
from logistics.queries import api as queries
from logistics.services.programme import session_cancel

from . import filters_programme as filters
from . import serializers_programme as serializers
from .base import ServiceViewSet, error_response
from .permissions import ProgrammeAccess

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
