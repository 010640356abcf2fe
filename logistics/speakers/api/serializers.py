"""The speakers list as JSON: one statement per delegation and session, with its speaker,
level (protocol precedence), language (the interpreters need it) and time limit. Times are
given in the event's time zone.

Writes go through logistics.speakers.services; the place on the list and the status change
only through the move, status and order actions, which keep the order 1, 2, … intact."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from logistics.core.api.base import (
    ORDER_MAX,
    CreateOnlyFieldsMixin,
    EnumField,
    EventLocalTimesMixin,
    ModelSerializer,
    MomentField,
    changed_fields,
)
from logistics.core.ids import PrimaryKeyRelatedField
from logistics.delegations.enums import DelegationLevel
from logistics.programme.enums import SpeakerStatus
from logistics.programme.models import Session
from logistics.speakers import services
from logistics.speakers.models import SpeakerSlot

# Changed by an action of their own, never by PATCH.
ACTION_FIELDS = {"order": "move", "status": "status"}


class SpeakerSerializer(EventLocalTimesMixin, CreateOnlyFieldsMixin,
                        ModelSerializer):
    """A statement on a session's list of speakers. Its session, delegation and time of
    inscription are given once, at inscription."""

    event_path = "session.event"
    create_only_fields = ("session", "delegation", "inscribed_at")

    session_title = serializers.CharField(source="session.title", read_only=True)
    delegation_name = serializers.CharField(source="delegation.name", read_only=True)
    speaker_title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    level = EnumField(DelegationLevel,
                      help_text=_("The speaker's level: protocol precedence."))
    language = serializers.CharField(
        max_length=10, help_text=_("Language of the statement: a code, e.g. en, fr, ar, "
                                   "zh-Hans."))
    time_limit_minutes = serializers.IntegerField(
        required=False, default=5, min_value=services.TIME_LIMIT_MIN,
        max_value=services.TIME_LIMIT_MAX)
    inscribed_at = MomentField(
        required=False, allow_null=True, default=None,
        help_text=_("When the delegation asked to speak, for precedence; default now. With "
                    "its offset; without one, the time is read in the event's time zone."))
    order = serializers.IntegerField(
        read_only=True, allow_null=True,
        help_text=_("The place on the list; a new statement comes last. Change it with the "
                    "move or order actions."))
    status = EnumField(SpeakerStatus, read_only=True,
                       help_text=_("Change it with the status action."))

    class Meta:
        model = SpeakerSlot
        fields = ["id", "session", "session_title", "order", "delegation", "delegation_name",
                  "speaker_name", "speaker_title", "level", "inscribed_at",
                  "time_limit_minutes", "language", "status"]
        extra_kwargs = {
            "session": {"help_text": _("A plenary or a high-level debate.")},
            "delegation": {"help_text": _("One statement per delegation and session.")},
        }
        # The service says "already inscribed" (409) itself, naming the delegation.
        validators = []

    def validate(self, attrs):
        # Read-only, but a client that sends them expects them to change: say where instead.
        # Sent back unchanged (a GET's body PATCHed back), they pass.
        current = (self.instance if self.instance is not None
                   else SpeakerSlot(order=None, status=SpeakerStatus.INSCRIBED))
        given = self.initial_data if hasattr(self.initial_data, "get") else {}
        errors = {name: [_("Change it with the %(action)s action.") % {"action": action}]
                  for name, action in ACTION_FIELDS.items()
                  if name in given and str(given.get(name)) != str(getattr(current, name))}
        if errors:
            raise serializers.ValidationError(errors)
        return super().validate(attrs)

    def create(self, validated_data):
        return services.speaker_inscribe(**validated_data)

    def update(self, instance, validated_data):
        by = validated_data.pop("by")
        editable = {name: value for name, value in validated_data.items()
                    if name in services.EDITABLE_FIELDS}
        changed = changed_fields(instance, editable)
        if not changed:
            return instance
        return services.speaker_update(slot=instance, by=by, **changed)


class SpeakerMoveSerializer(serializers.Serializer):
    order = serializers.IntegerField(
        min_value=1, max_value=ORDER_MAX,
        help_text=_("The new place on the list; the others shift to make room."))


class SpeakerStatusSerializer(serializers.Serializer):
    status = EnumField(
        SpeakerStatus,
        help_text=_("spoken or withdrawn from inscribed, or back to inscribed (an officer's "
                    "slip undone; a withdrawn statement goes back at the end of the list)."))


class SpeakersOrderSerializer(serializers.Serializer):
    session = PrimaryKeyRelatedField(
        queryset=Session.objects.all(),
        help_text=_("The plenary or high-level debate whose list to order."))

    def validate_session(self, session):
        if session.kind not in services.SPEAKER_SESSION_KINDS:
            raise serializers.ValidationError(
                _("“%(session)s” has no speakers list: choose a plenary or a high-level "
                  "debate.") % {"session": session.title})
        return session
