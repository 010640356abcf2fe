"""What the delegations, signing and programme endpoints share: the error shape as the schema
shows it, times in the event's own time zone, personal data only for those who may see it,
and a viewset whose writes go through the services."""

from contextlib import nullcontext

from django.db import models
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.extensions import (
    OpenApiSerializerExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.plumbing import ResolvedComponent, build_choice_description_list
from drf_spectacular.utils import OpenApiResponse, extend_schema_serializer
from rest_framework import serializers, viewsets
from rest_framework.filters import SearchFilter
from rest_framework.response import Response

from logistics.core.api.filters import StableOrderingFilter
from logistics.core.api.permissions import acting_user, may_see_personal_data
from logistics.core.ids import PrimaryKeyRelatedField, as_id
from logistics.core.validators import validate_moment

# A place in a plenary's or a speakers list's order: what the database's small integer holds.
ORDER_MAX = 32767


class MomentField(serializers.DateTimeField):
    """A time the API takes (an arrival, a session, a scan): "0001-01-01T00:00" without an
    offset is year 1 at the venue, before the first instant UTC holds; DRF's own check and
    then the database adapter failed on it with a 500."""

    def enforce_timezone(self, value):
        try:
            value = super().enforce_timezone(value)
        except OverflowError:
            self.fail("overflow")
        error = validate_moment(value)
        if error:
            raise serializers.ValidationError(error, code="out_of_range")
        return value


class ModelSerializer(serializers.ModelSerializer):
    """The API's model serializers: every model time is a MomentField."""

    serializer_field_mapping = {**serializers.ModelSerializer.serializer_field_mapping,
                                models.DateTimeField: MomentField}
    # Every relation's id range-checked (logistics/core/ids.py).
    serializer_related_field = PrimaryKeyRelatedField


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Stable, for programs: e.g. room_clash."))
    message = serializers.CharField(help_text=_("For people, in the request's language."))
    # A list field's or a nested object's errors are keyed by position or inner field: the
    # schema may not promise a flat list of messages for every field.
    fields = serializers.DictField(
        child=serializers.JSONField(), required=False,
        help_text=_("The fields at fault, each with its messages: a list of them, or for a "
                    "list or nested field an object of such lists by position or name."))


# Not "Error": a generated client names the object it builds after the schema (error) and
# would shadow its own `error` field with it.
@extend_schema_serializer(component_name="ErrorResponse")
class ErrorSerializer(serializers.Serializer):
    """The one shape every error of the API has."""

    error = ErrorDetailSerializer()


class EnumField(serializers.ChoiceField):
    """A choice of one of logistics.core.enums, documented once in the schema under the enum's own
    name (DelegationStatusEnum), however many fields use it and whatever they are called."""

    def __init__(self, enum, **kwargs):
        self.enum = enum
        super().__init__(choices=enum.choices, **kwargs)


BLANK = ResolvedComponent(name="BlankEnum", type=ResolvedComponent.SCHEMA, object="BlankEnum",
                          schema={"enum": [""]})


class EnumFieldSchema(OpenApiSerializerFieldExtension):
    target_class = EnumField

    def map_serializer_field(self, auto_schema, direction):
        enum = self.target.enum
        component = ResolvedComponent(
            name=f"{enum.__name__}Enum", type=ResolvedComponent.SCHEMA, object=enum,
            schema={"type": "string", "enum": list(enum.values),
                    "description": build_choice_description_list(enum.choices)})
        auto_schema.registry.register_on_missing(component)
        if self.target.allow_blank:
            # The one BlankEnum drf-spectacular names for every other blank choice: written
            # inline, a generated client makes a class of it per field and per model.
            auto_schema.registry.register_on_missing(BLANK)
            return {"oneOf": [component.ref, BLANK.ref]}
        return component.ref


def error_response(description):
    return OpenApiResponse(ErrorSerializer, description=description)


INVALID = error_response("invalid: the request has invalid fields, listed in error.fields.")


def _follow(obj, path):
    for name in path:
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj


class EventLocalTimesMixin:
    """Date-times in the time zone of the object's event (`event_path`, dotted), as the staff
    UI shows them: a session at 10:00 at the venue reads 10:00+07:00. A time sent without an
    offset is read in that time zone too."""

    event_path = "event"

    def to_representation(self, instance):
        event = _follow(instance, self.event_path.split("."))
        with timezone.override(event.tz):
            return super().to_representation(instance)

    def to_internal_value(self, data):
        event = self._event_of_input(data)
        if event is None:
            return super().to_internal_value(data)
        with timezone.override(event.tz):
            return super().to_internal_value(data)

    def _event_of_input(self, data):
        first, *rest = self.event_path.split(".")
        if self.instance is not None:
            return _follow(self.instance, [first, *rest])
        pk = as_id(str(data.get(first, ""))) if hasattr(data, "get") else None
        if pk is None:
            return None
        related = self.Meta.model._meta.get_field(first).related_model
        return _follow(related.objects.filter(pk=pk).first(), rest)


PERSONAL_NOTE = _("Personal data: sent only to API keys with the personal_data scope and to "
                  "the staff roles that see it (docs/PERMISSIONS.md); left out otherwise.")


class PersonalDataMixin:
    """`personal_fields`, the serializer's fields that identify or locate a person beyond
    their name (a date of birth, an address, a phone, travel, a hotel, ID document data, a
    link to a photo), are left out of responses unless the view's context says the caller
    may see personal data (see permissions.may_see_personal_data); the schema says so in
    each one's description. They are still accepted in a write: a key with the write scope
    alone may send what it may not read back."""

    personal_fields = ()

    def get_fields(self):
        fields = super().get_fields()
        for name in self.personal_fields:
            field = fields[name]
            field.help_text = (format_lazy("{} {}", field.help_text, PERSONAL_NOTE)
                               if field.help_text else PERSONAL_NOTE)
        return fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("personal_data", False):
            for name in self.personal_fields:
                data.pop(name, None)
        return data


class PersonalDataSchema(OpenApiSerializerExtension):
    """A personal field may be left out of an answer: the schema never lists it as required
    (drf-spectacular would, as it does every read-only field)."""

    target_class = PersonalDataMixin
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        required = [name for name in schema.get("required", ())
                    if name not in self.target.personal_fields]
        if required:
            schema["required"] = required
        else:
            schema.pop("required", None)
        return schema


class PersonalDataSearch(SearchFilter):
    """`?search=` never matches on a personal field the caller is not shown: a search on
    e-mail addresses would tell a key without personal_data whose address it holds."""

    def get_search_fields(self, view, request):
        fields = super().get_search_fields(view, request) or []
        personal = getattr(view.get_serializer_class(), "personal_fields", ())
        if personal and not view.get_serializer_context().get("personal_data", True):
            return [name for name in fields if name.lstrip("^=@$") not in personal]
        return fields


class ServiceViewSet(viewsets.GenericViewSet):
    """Reads from its concept's api.queries through `get_queryset()`; writes through the
    serializers' create() and update(), which call the services with `by` (the staff member,
    or None for an API key); the response is read back through the list queryset, so it
    carries the same annotations as a GET. Name it first among a viewset's bases, before
    DRF's mixins, whose perform_create() and perform_update() it replaces."""

    filter_backends = [DjangoFilterBackend, PersonalDataSearch, StableOrderingFilter]
    # Who of the staff may see the serializer's personal_fields (keys: the personal_data
    # scope); None for a serializer without any.
    personal_data_rule = None

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.personal_data_rule is not None:
            context["personal_data"] = may_see_personal_data(self.request,
                                                             self.personal_data_rule)
        return context

    @property
    def by(self):
        return acting_user(self.request)

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        self._save(serializer)

    def _save(self, serializer):
        saved = serializer.save(by=self.by)
        serializer.instance = self.reloaded(saved)
        # A PATCH's serializer is partial, and a partial serializer leaves out of its output
        # the fields it would fill with their default (a null code): answer in full, as GET.
        serializer.partial = False

    def reloaded(self, obj):
        return self.get_queryset().get(pk=obj.pk)

    def validated(self, serializer_class, event=None):
        """An action's input, checked; times without an offset are read in `event`'s zone."""
        form = serializer_class(data=self.request.data, context=self.get_serializer_context())
        with timezone.override(event.tz) if event is not None else nullcontext():
            form.is_valid(raise_exception=True)
        return form.validated_data

    def respond(self, obj):
        """The object after an action, as a GET would show it."""
        return Response(self.get_serializer(self.reloaded(obj)).data)


def changed_fields(instance, data, m2m=()):
    """The fields of `data` whose value differs from the instance's. Many-to-many fields are
    compared as sets of ids, and kept only when they differ."""
    changed = {}
    for name, value in data.items():
        if name in m2m:
            if {o.pk for o in value} != {o.pk for o in getattr(instance, name).all()}:
                changed[name] = value
        elif getattr(instance, name) != value:
            changed[name] = value
    return changed


class CreateOnlyFieldsMixin:
    # Fields that identify an object (its event, a task's code) are given once, at creation;
    # an update may repeat them unchanged but not change them.

    create_only_fields = ("event",)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is not None:
            errors = {}
            for name in self.create_only_fields:
                if name in attrs and attrs.pop(name) != getattr(self.instance, name):
                    errors[name] = [_("Cannot be changed once created.")]
            if errors:
                raise serializers.ValidationError(errors)
        return attrs
