"""The signing ceremony as JSON: who signs, where, when, in what order, and the full powers.
The instrument of full powers itself is not served over the API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from logistics.core.api.base import (
    ORDER_MAX,
    EnumField,
    EventLocalTimesMixin,
    ModelSerializer,
    MomentField,
)
from logistics.core.ids import PrimaryKeyRelatedField
from logistics.core.models.event import Event
from logistics.delegations.enums import DelegationLevel
from logistics.signing import services
from logistics.signing.enums import PlenaryOrderRule, SigningPlace
from logistics.signing.models import Signing


class SigningSerializer(EventLocalTimesMixin, ModelSerializer):
    state = serializers.CharField(source="state_name", read_only=True)
    country = serializers.CharField(source="delegation.country.code", read_only=True,
                                    allow_null=True, default=None)
    signatory_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True,
        help_text=_("Defaults to the head of delegation, as do the title and level."))
    signatory_title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    signatory_level = EnumField(DelegationLevel, required=False, allow_blank=True)
    needs_full_powers = serializers.BooleanField(
        read_only=True, help_text=_("False for a head of state, head of government or minister "
                                    "for foreign affairs (VCLT art. 7)."))
    full_powers_verified = serializers.BooleanField(read_only=True)
    may_sign = serializers.BooleanField(
        read_only=True, help_text=_("No full powers needed, or they are verified."))

    class Meta:
        model = Signing
        fields = ["id", "event", "delegation", "state", "country", "where", "order",
                  "scheduled_at", "signatory_name", "signatory_title", "signatory_level",
                  "needs_full_powers", "full_powers_received_at", "full_powers_verified",
                  "full_powers_verified_at", "may_sign", "signed_at", "created_at",
                  "updated_at"]
        read_only_fields = ["order", "scheduled_at", "full_powers_received_at",
                            "full_powers_verified_at", "signed_at"]
        validators = []

    def validate(self, attrs):
        attrs = super().validate(attrs)
        event, delegation = attrs.get("event"), attrs.get("delegation")
        if event and delegation and delegation.event_id != event.pk:
            raise serializers.ValidationError(
                {"delegation": [_("The delegation attends another event.")]})
        return attrs

    def create(self, validated_data):
        return services.signing_create(**validated_data)


class SigningScheduleSerializer(serializers.Serializer):
    where = serializers.ChoiceField(choices=SigningPlace.choices)
    scheduled_at = MomentField(
        required=False, allow_null=True, default=None,
        help_text=_("With its time zone, e.g. 2026-12-10T10:30:00+07:00."))
    order = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=ORDER_MAX,
        help_text=_("The place in the plenary order, which must be free; left out, the "
                    "signing keeps its place; null takes it out of the order. Ignored at "
                    "the treaty desk."))


class FullPowersReceiveSerializer(serializers.Serializer):
    received_at = MomentField(
        required=False, allow_null=True, default=None,
        help_text=_("When the instrument (or a copy sent ahead) arrived; default now."))


class SignSerializer(serializers.Serializer):
    signed_at = MomentField(required=False, allow_null=True, default=None,
                            help_text=_("Default now."))


class PlenaryMoveSerializer(serializers.Serializer):
    order = serializers.IntegerField(min_value=1, max_value=ORDER_MAX,
                                     help_text=_("The new place; the others shift to make room."))


class PlenaryOrderSerializer(serializers.Serializer):
    event = PrimaryKeyRelatedField(queryset=Event.objects.all())
    rule = serializers.ChoiceField(choices=PlenaryOrderRule.choices)
    letter = serializers.CharField(
        max_length=1, required=False, allow_blank=True, default="",
        help_text=_("The drawn letter. Required when rule is alphabetical_from_letter; "
                    "ignored otherwise."))

    def validate(self, attrs):
        if attrs["rule"] == PlenaryOrderRule.ALPHABETICAL_FROM_LETTER and not attrs["letter"]:
            raise serializers.ValidationError(
                {"letter": [_("Draw a letter to start the alphabetical order from.")]})
        return attrs


class SignatoryProgressSerializer(serializers.Serializer):
    signed = serializers.IntegerField(help_text=_("States that have signed, wherever."))
    threshold = serializers.IntegerField(
        help_text=_("Signatures needed for the treaty to enter into force: the event's "
                    "setting (signing_threshold)."))
    reached = serializers.BooleanField()
