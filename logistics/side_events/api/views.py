"""Side-event proposals over REST: the programme office's decisions, bookings and
withdrawals, through the same services as the review pages. Reviews (scores and comments)
are never given over the API, and cannot be written through it either."""

from types import SimpleNamespace

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.negotiation import DefaultContentNegotiation

from logistics.core import permissions
from logistics.core.api.base import INVALID, ServiceViewSet, error_response
from logistics.core.api.permissions import ProposalAccess
from logistics.side_events.api import queries, serializers
from logistics.side_events.api.filters import ProposalFilter
from logistics.side_events.models import SideEventProposal
from logistics.side_events.services import decisions

PROPOSAL = serializers.ProposalSerializer
TRANSITION = error_response(
    "invalid_transition: the proposal's status does not allow it (e.g. a rejected proposal "
    "cannot be accepted); the message names the proposal and its status.")
SCHEDULE_INVALID = error_response(
    "invalid: bad fields; invalid_session: the booking breaks a rule (a room of another "
    "event, a day outside the event), each field at fault in error.fields.")
SCHEDULE_CONFLICT = error_response(
    "room_clash: the room holds another scheduled session then; capacity_exceeded: the "
    "expected audience does not fit the room; invalid_transition: only an accepted side "
    "event is scheduled. The message names the clash.")


class FormatIsAFilter(DefaultContentNegotiation):
    """`?format=panel` filters proposals by their format; it does not pick a renderer."""

    settings = SimpleNamespace(URL_FORMAT_OVERRIDE=None)


@extend_schema(tags=["side-event proposals"])
@extend_schema_view(list=extend_schema(summary="List side-event proposals"),
                    retrieve=extend_schema(summary="One side-event proposal"))
class ProposalViewSet(ServiceViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Side events proposed through the public form, with their status. For the programme
    office and the secretariat, who decide on them and book them into the programme, and
    keys with the read scope (the write scope to act; the contact person's name and e-mail
    with the personal_data scope). Proposals are made through the public form only. Reviews
    (scores and comments) are never given over the API."""

    queryset = SideEventProposal.objects.none()
    serializer_class = PROPOSAL
    permission_classes = [ProposalAccess]
    personal_data_rule = staticmethod(permissions.can_review_proposals)
    content_negotiation_class = FormatIsAFilter
    filterset_class = ProposalFilter
    search_fields = ["reference", "title", "organiser_organisation"]
    ordering_fields = ["submitted_at", "expected_audience", "title"]
    ordering = ["-submitted_at"]

    def get_queryset(self):
        return queries.proposals()

    @extend_schema(summary="Accept, waitlist or reject a proposal; the organiser is told by "
                           "mail (an accepted one with a link to confirm)",
                   request=serializers.ProposalDecideSerializer,
                   responses={200: PROPOSAL, 400: INVALID, 409: TRANSITION})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None, format=None):
        proposal = self.get_object()
        data = self.validated(serializers.ProposalDecideSerializer)
        return self.respond(decisions.proposal_decide(proposal=proposal, by=self.by,
                                                     status=data["status"]))

    @extend_schema(summary="Book an accepted side event into a room and a time, or move it; "
                           "it appears in the programme as a session",
                   request=serializers.ProposalScheduleSerializer,
                   responses={200: PROPOSAL, 400: SCHEDULE_INVALID, 409: SCHEDULE_CONFLICT})
    @action(detail=True, methods=["post"])
    def schedule(self, request, pk=None, format=None):
        proposal = self.get_object()
        data = self.validated(serializers.ProposalScheduleSerializer, proposal.event)
        decisions.proposal_schedule(proposal=proposal, by=self.by, **data)
        return self.respond(proposal)

    @extend_schema(summary="Withdraw a proposal at the organiser's request; its session, if "
                           "booked, is cancelled",
                   request=None, responses={200: PROPOSAL, 409: TRANSITION})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None, format=None):
        proposal = self.get_object()
        return self.respond(decisions.proposal_withdraw(proposal=proposal, by=self.by))
