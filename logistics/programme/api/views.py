"""The programme over REST: rooms and sessions (the speakers list and side-event proposals
are in views_speakers and views_proposals).

Sessions are booked through logistics.programme.services.sessions, which checks under row locks that
a room holds one session at a time, that the expected audience fits, and that a head of
delegation or host leader is in one place at a time."""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action

from logistics.core import permissions
from logistics.core.api.base import ServiceViewSet, error_response
from logistics.core.api.permissions import ProgrammeAccess, api_key_of
from logistics.programme.api import filters, queries, serializers
from logistics.programme.errors import SessionOwned
from logistics.programme.models import Room, Session
from logistics.programme.services.sessions import session_cancel

CLASH = error_response(
    "room_clash: the room holds another scheduled session then; person_clash: a head of "
    "delegation or host leader taking part is in another session then; capacity_exceeded: "
    "the expected audience does not fit the room. The message names the clash.")
ROOM_TOO_SMALL = error_response(
    "capacity_exceeded: a session booked into the room expects more than the new capacity.")
OWNED = error_response(
    "session_owned: the session belongs to a bilateral meeting (moved or declined by the "
    "protocol office from the bilateral's page) or to a side-event proposal (moved with "
    "POST /api/v1/side-event-proposals/{id}/schedule/); the message says which.")
CLASH_OR_OWNED = error_response(
    "room_clash, person_clash, capacity_exceeded: as for a new session; session_owned: the "
    "session belongs to a bilateral meeting or a side-event proposal, which moves it.")
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
                                    409: CLASH_OR_OWNED}),
    partial_update=extend_schema(summary="Change or move a session",
                                 responses={200: serializers.SessionSerializer,
                                            400: SESSION_INVALID, 409: CLASH_OR_OWNED}),
)
class SessionViewSet(ServiceViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                     mixins.CreateModelMixin, mixins.UpdateModelMixin):
    """Sessions of every kind (plenary, seminars, side events, bilaterals...), with their room,
    times in the event's time zone, languages of interpretation and media access. Every staff
    role reads them; the programme office and the secretariat book, move and cancel them, and
    a clash is refused with 409. The organiser's e-mail appears only for the programme office,
    the secretariat and API keys with the personal_data scope beside read. Bilaterals are
    listed for API keys and for the staff who see the delegations. A bilateral's or an
    accepted side event's session is moved through its bilateral or proposal, not here (409
    session_owned)."""

    queryset = Session.objects.none()
    serializer_class = serializers.SessionSerializer
    permission_classes = [ProgrammeAccess]
    personal_data_rule = staticmethod(permissions.can_manage_programme)
    filterset_class = filters.SessionFilter
    search_fields = ["title", "organiser", "chair"]
    ordering_fields = ["starts_at", "title"]
    ordering = ["starts_at"]

    def get_queryset(self):
        request = self.request
        return queries.sessions(with_bilaterals=api_key_of(request) is not None
                                or permissions.can_view_delegations(request.user))

    def update(self, request, *args, **kwargs):
        refuse_owned(self.get_object())
        return super().update(request, *args, **kwargs)

    @extend_schema(summary="Cancel a session; its room is free again for that time",
                   request=None, responses={200: serializers.SessionSerializer, 409: OWNED})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None, format=None):
        session = self.get_object()
        refuse_owned(session)
        return self.respond(session_cancel(session=session, by=self.by))


def refuse_owned(session):
    """SessionOwned if a bilateral meeting or a side-event proposal books `session`: it moves
    or cancels the session itself, and the two would fall out of step."""
    # Both book the session one-to-one ("bilateral" and "proposal" on the session's side).
    owner = (Session.objects.filter(pk=session.pk)
             .values("bilateral", "proposal", "proposal__reference").first() or {})
    if owner.get("bilateral") is not None:
        raise SessionOwned(_(
            "“%(title)s” is the session of a bilateral meeting: the protocol office moves, "
            "declines or marks it held from the bilateral's page, not through the sessions "
            "endpoint.") % {"title": session.title})
    reference = owner.get("proposal__reference")
    if reference is not None:
        raise SessionOwned(_(
            "“%(title)s” is the session of side event %(reference)s: move it with POST "
            "%(url)s, not through the sessions endpoint.") % {
            "title": session.title, "reference": reference,
            "url": reverse("side-event-proposal-schedule", args=[owner["proposal"]])})
