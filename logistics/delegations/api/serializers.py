"""Delegations and their members as JSON. A country is its ISO code (`country: "VN"`).

Personal data (a member's date of birth, e-mail, flights, hotel, dietary and accessibility
needs; a delegation's focal point and hotel) is shown only to the protocol office, the
secretariat and keys with the personal_data scope. ID document numbers never leave the server
through the API, and photos are not served over it."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from logistics.core import permissions
from logistics.core.api.base import (
    EnumField,
    EventLocalTimesMixin,
    ModelSerializer,
    PersonalDataMixin,
    changed_fields,
)
from logistics.core.ids import PrimaryKeyRelatedField
from logistics.delegations.enums import STATE_KINDS, DelegationLevel, DelegationStatus
from logistics.delegations.models import Country, Delegation, DelegationMember
from logistics.delegations.services import delegations as services


def _country_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="code", queryset=Country.objects.all(),
                                        allow_null=True, required=False, **kwargs)


def _user_name(user):
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


class DelegationSerializer(EventLocalTimesMixin, PersonalDataMixin,
                           ModelSerializer):
    personal_fields = ("focal_point_name", "focal_point_email", "hotel")
    # Kept by the registration through the invitation link once created; the protocol office
    # changes only its own fields over the API (see services.delegations).
    update_fields = frozenset(services.PROTOCOL_FIELDS)

    # Required by kind (the database's delegation_state_has_country; a name for the others).
    country = _country_field(help_text=_("ISO 3166-1 alpha-2 code. Required when kind is state "
                                         "or observer_state."))
    country_name = serializers.CharField(source="country.name", read_only=True,
                                         allow_null=True, default=None)
    regional_group = serializers.CharField(
        read_only=True, help_text=_("The country's UN regional group; empty for an "
                                    "organisation."))
    name = serializers.CharField(
        max_length=200, required=False, allow_blank=True,
        help_text=_("Required when kind is an organisation's (igo, un_entity, ngo, "
                    "private_sector); a state's name defaults to its country's."))
    liaison_officer = PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), allow_null=True,
        required=False, help_text=_("Id of the staff member who looks after the delegation."))
    liaison_officer_name = serializers.SerializerMethodField()
    head_level = EnumField(DelegationLevel, required=False, allow_blank=True,
                           help_text=_("The head of delegation's level: protocol precedence."))
    status = EnumField(DelegationStatus, read_only=True,
                       help_text=_("Changed with the status action."))
    member_count = serializers.IntegerField(read_only=True)
    has_credentials = serializers.SerializerMethodField(
        help_text=_("Whether the note verbale or nomination letter has been uploaded (the "
                    "document itself is not served over the API)."))

    class Meta:
        model = Delegation
        fields = ["id", "event", "kind", "country", "country_name", "regional_group", "name",
                  "head_name", "head_title", "head_level", "status", "size_quota",
                  "member_count", "intends_to_sign", "focal_point_name", "focal_point_email",
                  "liaison_officer", "liaison_officer_name", "hotel", "protocol_notes",
                  "has_credentials", "credentials_checked_at", "registered_at", "created_at",
                  "updated_at"]
        read_only_fields = ["credentials_checked_at", "registered_at"]
        extra_kwargs = {"size_quota": {"min_value": 1}}
        # The database's constraints are checked by the service's full_clean(), with the
        # same messages as the staff UI.
        validators = []

    def get_liaison_officer_name(self, delegation) -> str | None:
        return _user_name(delegation.liaison_officer)

    def get_has_credentials(self, delegation) -> bool:
        return bool(delegation.credentials_document)

    def validate_liaison_officer(self, user):
        if user is not None and not permissions.roles_of(user):
            raise serializers.ValidationError(
                _("%(user)s is not a staff member.") % {"user": _user_name(user)})
        return user

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if (self.instance is None and attrs.get("kind") in STATE_KINDS
                and attrs.get("country") is None):
            # The database's delegation_state_has_country, said of the field it is about
            # (as the schema's description of country does).
            raise serializers.ValidationError(
                {"country": [_("A state's delegation needs its country.")]})
        if self.instance is not None:
            errors = {name: [_("Set when the delegation is created or by its registration; "
                               "not changed over the API.")]
                      for name, value in attrs.items()
                      if name not in self.update_fields
                      and value != getattr(self.instance, name)}
            if errors:
                raise serializers.ValidationError(errors)
        return attrs

    def create(self, validated_data):
        return services.delegation_create(**validated_data)

    def update(self, instance, validated_data):
        by = validated_data.pop("by")
        changed = changed_fields(instance, validated_data)
        if not changed:
            return instance
        return services.delegation_update_protocol(delegation=instance, by=by, **changed)


class DelegationStatusSerializer(serializers.Serializer):
    status = EnumField(
        DelegationStatus,
        help_text=_("invited → confirmed → registered → arrived → departed, or declined; "
                    "other moves are refused with invalid_transition."))


class MemberSerializer(EventLocalTimesMixin, PersonalDataMixin, ModelSerializer):
    """A registered member of a delegation. The photo is not served over the API for now."""

    event_path = "delegation.event"
    personal_fields = ("date_of_birth", "email", "arrival_at", "arrival_flight",
                       "arrival_airport", "departure_at", "departure_flight",
                       "departure_airport", "hotel", "dietary_needs", "accessibility_needs")

    nationality = _country_field(help_text=_("ISO 3166-1 alpha-2 code."))
    delegation_name = serializers.CharField(source="delegation.name", read_only=True)

    class Meta:
        model = DelegationMember
        fields = ["id", "delegation", "delegation_name", "family_name", "given_names", "title",
                  "gender", "nationality", "is_head", "in_list_of_participants",
                  "date_of_birth", "email", "arrival_at",
                  "arrival_flight", "arrival_airport", "departure_at", "departure_flight",
                  "departure_airport", "hotel", "dietary_needs", "accessibility_needs",
                  "created_at"]
        validators = []

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if (self.instance is not None and "delegation" in attrs
                and attrs.pop("delegation") != self.instance.delegation):
            raise serializers.ValidationError(
                    {"delegation": [_("A member cannot move to another delegation.")]})
        return attrs

    def create(self, validated_data):
        return services.member_add(**validated_data)

    def update(self, instance, validated_data):
        by = validated_data.pop("by")
        return services.member_update(member=instance, by=by,
                                      **changed_fields(instance, validated_data))
