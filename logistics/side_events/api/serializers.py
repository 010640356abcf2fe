"""Side-event proposals as JSON, and the input of the programme office's actions on them.
Times are given in the event's time zone.

A proposal is shown without its reviews (never shown outside the review pages) and without
the organiser's confirmation link."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from logistics.core.api.base import (
    EnumField,
    EventLocalTimesMixin,
    ModelSerializer,
    MomentField,
    PersonalDataMixin,
)
from logistics.core.ids import PrimaryKeyRelatedField
from logistics.programme.models import Room
from logistics.side_events.enums import ProposalStatus
from logistics.side_events.models import SideEventProposal


class ProposalDecision(models.TextChoices):
    """The decisions of the programme office
    (logistics.side_events.services.decisions.DECISIONS)."""

    ACCEPTED = ProposalStatus.ACCEPTED.value, ProposalStatus.ACCEPTED.label
    WAITLISTED = ProposalStatus.WAITLISTED.value, ProposalStatus.WAITLISTED.label
    REJECTED = ProposalStatus.REJECTED.value, ProposalStatus.REJECTED.label


class ProposalSerializer(EventLocalTimesMixin, PersonalDataMixin, ModelSerializer):
    # The contact person: the organisation and its co-organisers are not personal.
    personal_fields = ("organiser_name", "organiser_email")

    status = EnumField(ProposalStatus, read_only=True)
    co_organisers = serializers.SerializerMethodField(
        help_text=_("One organisation per entry."))
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    preferred_slots = serializers.ListField(
        child=serializers.CharField(), read_only=True,
        help_text=_("Days and parts of days the organiser prefers, e.g. 2026-12-10:am "
                    "(am, pm or eve)."))

    class Meta:
        model = SideEventProposal
        fields = ["id", "event", "reference", "title", "abstract", "format", "status",
                  "organiser_organisation", "organiser_name", "organiser_email",
                  "co_organisers", "languages", "expected_audience", "technical_needs",
                  "preferred_slots", "submitted_at", "decided_at", "confirmed_at", "session",
                  "updated_at"]
        read_only_fields = fields

    def get_co_organisers(self, proposal) -> list[str]:
        return [line.strip() for line in proposal.co_organisers.splitlines() if line.strip()]


class ProposalDecideSerializer(serializers.Serializer):
    status = EnumField(
        ProposalDecision,
        help_text=_("A submitted proposal may be accepted, waitlisted or rejected; a "
                    "waitlisted one accepted or rejected. The organiser is told by mail."))


class ProposalScheduleSerializer(serializers.Serializer):
    room = PrimaryKeyRelatedField(
        queryset=Room.objects.all(), help_text=_("A room of the event's venues."))
    starts_at = MomentField(
        help_text=_("On a day of the event. With its offset; without one, the time is read "
                    "in the event's time zone."))
    ends_at = MomentField()

    def validate(self, attrs):
        if attrs["ends_at"] <= attrs["starts_at"]:
            raise serializers.ValidationError(
                {"ends_at": [_("A side event must end after it starts.")]})
        return attrs
