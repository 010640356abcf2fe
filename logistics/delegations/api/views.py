"""Delegations and their members over REST, for the protocol office and its integrations
(the UN registration system among them).

Reads: every staff role but the agencies' focal points, and keys with the read scope.
Writes: the protocol office, the secretariat and keys with the write scope, through
logistics.delegations.services.delegations."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action

from logistics.core import permissions
from logistics.core.api.base import INVALID, ServiceViewSet, error_response
from logistics.core.api.permissions import DelegationAccess
from logistics.delegations.api import filters, queries, serializers
from logistics.delegations.models import Delegation, DelegationMember
from logistics.delegations.services.delegations import (
    delegation_credentials_check,
    delegation_set_status,
    member_remove,
)

PERSONAL_DATA = (
    "Personal data ({fields}) appear only for the protocol office, the secretariat and API "
    "keys with the personal_data scope beside read. ID document numbers are never given over "
    "the API, and photos are not served over it for now.")

QUOTA = error_response("quota_exceeded: the delegation has as many members as its size quota "
                       "allows (or more than a lower quota would).")
NOT_ALLOWED = error_response("not_allowed: the caller may not make this change.")


@extend_schema(tags=["delegations"])
@extend_schema_view(
    list=extend_schema(summary="List delegations"),
    retrieve=extend_schema(summary="One delegation"),
    create=extend_schema(summary="Add a delegation",
                         responses={201: serializers.DelegationSerializer, 400: INVALID}),
    update=extend_schema(summary="Change the protocol office's fields of a delegation",
                         responses={200: serializers.DelegationSerializer, 400: INVALID,
                                    409: QUOTA}),
    partial_update=extend_schema(
        summary="Change some of the protocol office's fields of a delegation",
        responses={200: serializers.DelegationSerializer, 400: INVALID, 409: QUOTA}),
)
class DelegationViewSet(ServiceViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        mixins.CreateModelMixin, mixins.UpdateModelMixin):
    __doc__ = (
        "Delegations of states, observer states, IGOs, UN entities, NGOs, the private sector "
        "and research institutions. Once created, a delegation's details come from its own "
        "registration through the invitation link; over the API the protocol office changes "
        "its liaison officer, hotel, notes, size quota and intent to sign, moves its status "
        "with the status action and records that it checked the credentials. "
        + PERSONAL_DATA.format(fields="the focal point and the hotel"))

    queryset = Delegation.objects.none()  # the schema reads this; requests use get_queryset()
    serializer_class = serializers.DelegationSerializer
    permission_classes = [DelegationAccess]
    personal_data_rule = staticmethod(permissions.can_see_personal_data)
    filterset_class = filters.DelegationFilter
    search_fields = ["name", "head_name", "country__name", "country__code"]
    ordering_fields = ["name", "status", "level_rank", "member_count", "created_at"]
    ordering = ["name"]

    def get_queryset(self):
        return queries.delegations()

    @extend_schema(
        summary="Move a delegation to another status",
        request=serializers.DelegationStatusSerializer,
        responses={200: serializers.DelegationSerializer, 400: INVALID,
                   409: error_response("invalid_transition: the protocol office does not "
                                       "make that move (e.g. departed → invited).")})
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request, pk=None, format=None):
        delegation = self.get_object()
        data = self.validated(serializers.DelegationStatusSerializer)
        return self.respond(delegation_set_status(delegation=delegation, by=self.by,
                                                  status=data["status"]))

    @extend_schema(
        summary="Record that the protocol office has checked the delegation's credentials",
        request=None,
        responses={200: serializers.DelegationSerializer,
                   409: error_response("credentials_missing: the note verbale or nomination "
                                       "letter has not been uploaded yet.")})
    @action(detail=True, methods=["post"], url_path="check-credentials")
    def check_credentials(self, request, pk=None, format=None):
        delegation = self.get_object()
        return self.respond(delegation_credentials_check(delegation=delegation, by=self.by))


@extend_schema(tags=["members"])
@extend_schema_view(
    list=extend_schema(summary="List delegation members"),
    retrieve=extend_schema(summary="One delegation member"),
    create=extend_schema(summary="Register a member",
                         responses={201: serializers.MemberSerializer, 400: INVALID,
                                    409: QUOTA}),
    update=extend_schema(summary="Change a member",
                         responses={200: serializers.MemberSerializer, 400: INVALID}),
    partial_update=extend_schema(summary="Change some of a member's fields",
                                 responses={200: serializers.MemberSerializer, 400: INVALID}),
    destroy=extend_schema(summary="Remove a member", responses={204: None, 403: NOT_ALLOWED}),
)
class MemberViewSet(ServiceViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                    mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin):
    __doc__ = (
        "The people a delegation registers: those the accreditation office accredits. A "
        "delegation registers at most its size quota; one member is its head. "
        + PERSONAL_DATA.format(fields="date of birth, e-mail, flights, hotel, dietary and "
                                      "accessibility needs"))

    queryset = DelegationMember.objects.none()
    serializer_class = serializers.MemberSerializer
    permission_classes = [DelegationAccess]
    personal_data_rule = staticmethod(permissions.can_see_personal_data)
    filterset_class = filters.MemberFilter
    search_fields = ["family_name", "given_names"]
    ordering_fields = ["family_name", "created_at"]
    ordering = ["delegation_id", "-is_head", "family_name", "given_names"]

    def get_queryset(self):
        return queries.members()

    def perform_destroy(self, instance):
        member_remove(member=instance, by=self.by)
