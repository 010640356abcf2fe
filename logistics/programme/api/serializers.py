"""The programme as JSON: rooms and sessions. Times are given in the event's time zone. The
speakers list and side-event proposals have modules of their own (serializers_speakers,
serializers_proposals)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from logistics.core.api.base import (
    CreateOnlyFieldsMixin,
    EnumField,
    EventLocalTimesMixin,
    ModelSerializer,
    PersonalDataMixin,
    changed_fields,
)
from logistics.programme.enums import SessionStatus
from logistics.programme.models import Room, Session
from logistics.programme.services import sessions as services


class RoomSerializer(ModelSerializer):
    event = serializers.IntegerField(source="venue.event_id", read_only=True)
    venue_name = serializers.CharField(source="venue.name", read_only=True)
    access_zone = serializers.CharField(
        max_length=20, required=False, allow_blank=True,
        help_text=_("The badge zone needed to enter, e.g. A."))

    class Meta:
        model = Room
        fields = ["id", "event", "venue", "venue_name", "name", "capacity", "access_zone",
                  "interpretation_booths", "streaming"]
        extra_kwargs = {"capacity": {"min_value": 1}}
        validators = []

    def create(self, validated_data):
        return services.room_create(**validated_data)

    def update(self, instance, validated_data):
        by = validated_data.pop("by")
        changed = changed_fields(instance, validated_data)
        if not changed:
            return instance
        return services.room_update(room=instance, by=by, **changed)


class SessionSerializer(EventLocalTimesMixin, PersonalDataMixin, CreateOnlyFieldsMixin,
                        ModelSerializer):
    personal_fields = ("organiser_email",)

    room_name = serializers.CharField(source="room.name", read_only=True, allow_null=True,
                                      default=None)
    venue = serializers.IntegerField(source="room.venue_id", read_only=True, allow_null=True,
                                     default=None)
    venue_name = serializers.CharField(source="room.venue.name", read_only=True,
                                       allow_null=True, default=None)
    languages = serializers.ListField(
        child=serializers.CharField(max_length=10), required=False,
        help_text=_("Languages of interpretation: codes, e.g. en, fr, ar."))
    host_leader_name = serializers.SerializerMethodField()
    status = EnumField(
        SessionStatus, required=False,
        help_text=_("On creation, scheduled when a room is given, else draft. Cancel with the "
                    "cancel action."))

    class Meta:
        model = Session
        fields = ["id", "event", "kind", "title", "status", "room", "room_name", "venue",
                  "venue_name", "starts_at", "ends_at", "languages", "media_access", "chair",
                  "organiser", "organiser_email", "expected_audience", "delegations",
                  "host_leader", "host_leader_name", "created_at", "updated_at"]
        extra_kwargs = {
            "starts_at": {"help_text": _("With its offset; without one, the time is read in "
                                         "the event's time zone.")},
            "delegations": {"required": False,
                            "help_text": _("Delegations whose heads take part: a head of "
                                           "delegation is in one place at a time.")},
        }

    def get_host_leader_name(self, session) -> str | None:
        return str(session.host_leader) if session.host_leader_id else None

    def validate_status(self, value):
        if value == SessionStatus.CANCELLED:
            raise serializers.ValidationError(_("Cancel a session with the cancel action."))
        return value

    def create(self, validated_data):
        return services.session_create(**validated_data)

    def update(self, instance, validated_data):
        by = validated_data.pop("by")
        changed = changed_fields(instance, validated_data, m2m={"delegations"})
        if not changed:
            return instance
        return services.session_update(session=instance, by=by, **changed)
