"""Applications as JSON. Read: everything the office sees but the ID document number and the
vetting note (never sent) and the uploads (their presence only, as booleans). Write: the
person's details as in application_create; categories by letter code, countries by ISO code,
outlets and delegations by id. Files come on their own, as multipart (serializers_files).

The answer to a write shows the application as its sender sees it (context `as_sent`): a
possible duplicate reads as submitted, with no `possible_duplicate_of`, exactly as a new
application would read. Reads show what it is to the office and to keys that decide; a key
without accreditation:decide reads it as its sender does (api.permissions.
sees_held_applications).

A bulk call validates each item on its own: ItemsSerializer gives back, per item, either the
checked data or that item's errors, and never fails the whole call for one item."""

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from accreditation.applications.documents import missing_documents
from accreditation.applications.models.applications import Application
from accreditation.applications.services.bulk import MAX_ITEMS
from accreditation.enums import (
    ApplicationSource,
    ApplicationStatus,
    IdDocumentKind,
    MediaRole,
    OutletKind,
    VettingStatus,
    status_as_sent,
)
from accreditation.setup.models import AccreditationCategory, MediaOutlet
from config.languages import LANGUAGES
from logistics.core.api.base import (
    EnumField,
    EventLocalTimesMixin,
    ModelSerializer,
    PersonalDataMixin,
)
from logistics.core.ids import IdField, PrimaryKeyRelatedField
from logistics.core.models.event import Event
from logistics.delegations.enums import Gender
from logistics.delegations.models import Country, Delegation

# What an integration writes; the ID document number is accepted and never read back.
PERSON_FIELDS = [
    "family_name", "given_names", "gender", "date_of_birth", "nationality", "email", "phone",
    "organisation", "function", "id_document_kind", "id_document_number",
    "id_document_expiry", "outlet", "proposed_outlet", "proposed_outlet_country",
    "proposed_outlet_kind", "media_role", "equipment", "mail_language",
]


class ApplicationSerializer(EventLocalTimesMixin, PersonalDataMixin, ModelSerializer):
    # What identifies or locates the applicant beyond the name on the badge (the number
    # itself is never sent; its kind and expiry are ID document data too).
    personal_fields = ("date_of_birth", "email", "phone", "id_document_kind",
                       "id_document_expiry")

    category = serializers.CharField(source="category.code", read_only=True,
                                     help_text=gettext_lazy("Letter code, e.g. P (press)."))
    category_name = serializers.CharField(source="category.name", read_only=True)
    status = EnumField(ApplicationStatus, read_only=True)
    vetting = EnumField(VettingStatus, read_only=True)
    source = EnumField(ApplicationSource, read_only=True)
    # A plain choice: the members' endpoint already names this enum GenderEnum.
    gender = serializers.ChoiceField(Gender.choices, read_only=True, allow_blank=True)
    mail_language = serializers.ChoiceField(LANGUAGES, read_only=True, allow_blank=True)
    nationality = serializers.CharField(source="nationality.code", read_only=True,
                                        allow_null=True, default=None,
                                        help_text=gettext_lazy("ISO 3166 alpha-2 code."))
    id_document_kind = EnumField(IdDocumentKind, read_only=True, allow_blank=True)
    has_id_document_number = serializers.SerializerMethodField(
        help_text=gettext_lazy("The number itself is for the security vetting officers only "
                               "and is never sent."))
    outlet_name = serializers.CharField(source="outlet.name", read_only=True, allow_null=True,
                                        default=None)
    proposed_outlet_country = serializers.CharField(
        source="proposed_outlet_country.code", read_only=True, allow_null=True, default=None)
    proposed_outlet_kind = EnumField(OutletKind, read_only=True, allow_blank=True)
    media_role = EnumField(MediaRole, read_only=True, allow_blank=True)
    has_photo = serializers.SerializerMethodField()
    has_letter_of_assignment = serializers.SerializerMethodField()
    has_press_card = serializers.SerializerMethodField()
    has_id_copy = serializers.SerializerMethodField()
    missing_documents = serializers.SerializerMethodField(
        help_text=gettext_lazy("The documents the application's category requires and it "
                               "lacks: letter_of_assignment, press_card, id_copy (the press "
                               "categories require all three, the others none)."))
    badge = serializers.IntegerField(
        source="badge_id", read_only=True, allow_null=True, default=None,
        help_text=gettext_lazy("The active badge's id, once one is issued."))
    badge_number = serializers.CharField(read_only=True, allow_null=True, default=None)
    possible_duplicate_of = serializers.CharField(
        source="duplicate_of_reference", read_only=True, allow_null=True, default=None,
        help_text=gettext_lazy(
            "While the status is possible_duplicate (and after a rejection or withdrawal of "
            "one held): the reference of the open application it may duplicate. Never why. "
            "Only the office and keys with accreditation:decide see it (and the status "
            "possible_duplicate); to other keys, and in the answer to a write, a held "
            "application reads as submitted with null here, as any new application."))

    class Meta:
        model = Application
        fields = ["id", "reference", "event", "category", "category_name", "status",
                  "possible_duplicate_of", "vetting",
                  "source", "family_name", "given_names", "gender", "date_of_birth",
                  "nationality", "email", "phone", "organisation", "function",
                  "id_document_kind", "has_id_document_number", "id_document_expiry",
                  "outlet", "outlet_name", "proposed_outlet", "proposed_outlet_country",
                  "proposed_outlet_kind", "media_role", "equipment", "mail_language", "delegation",
                  "information_requested", "has_photo", "has_letter_of_assignment",
                  "has_press_card", "has_id_copy", "missing_documents", "badge",
                  "badge_number", "created_at", "updated_at"]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if self.context.get("as_sent"):
            # The sender of a write is told nothing a new application would not show.
            data["status"] = status_as_sent(data["status"])
            data["possible_duplicate_of"] = None
        return data

    def get_has_id_document_number(self, application) -> bool:
        return bool(application.id_document_index)

    def get_has_photo(self, application) -> bool:
        return bool(application.photo)

    def get_has_letter_of_assignment(self, application) -> bool:
        return bool(application.letter_of_assignment)

    def get_has_press_card(self, application) -> bool:
        return bool(application.press_card)

    def get_has_id_copy(self, application) -> bool:
        return bool(application.id_copy)

    def get_missing_documents(self, application) -> list[str]:
        return [document.field for document in missing_documents(application)]


class Lookups:
    """What the items of one request name by code or id, looked up once: a bulk call of a
    thousand items costs a handful of queries, not thousands."""

    def __init__(self, event):
        self.event = event
        self._categories = None
        self._countries, self._outlets, self._delegations = {}, {}, {}

    def prefetch(self, items):
        codes = {str(item.get(name) or "").upper() for item in items
                 for name in ("nationality", "proposed_outlet_country")} - {""}
        for country in Country.objects.filter(code__in=codes):
            self._countries[country.code] = country
        self._countries.update({code: None for code in codes - set(self._countries)})
        for name, cache, queryset in (
                ("outlet", self._outlets, MediaOutlet.objects.filter(event=self.event)),
                ("delegation", self._delegations,
                 Delegation.objects.filter(event=self.event).select_related("event"))):
            ids = {item[name] for item in items if isinstance(item.get(name), int)}
            found = {obj.pk: obj for obj in queryset.filter(pk__in=ids)}
            cache.update({pk: found.get(pk) for pk in ids})

    def category(self, code):
        if self._categories is None:
            self._categories = {c.code: c for c in AccreditationCategory.objects.filter(
                event=self.event)}
        return self._categories.get(code.upper())

    def country(self, code):
        code = code.upper()
        if code not in self._countries:
            self._countries[code] = Country.objects.filter(code=code).first()
        return self._countries[code]

    def outlet(self, pk):
        if pk not in self._outlets:
            self._outlets[pk] = MediaOutlet.objects.filter(event=self.event, pk=pk).first()
        return self._outlets[pk]

    def delegation(self, pk):
        if pk not in self._delegations:
            self._delegations[pk] = (Delegation.objects.filter(event=self.event, pk=pk)
                                     .select_related("event").first())
        return self._delegations[pk]


def resolve(data, lookups):
    """`data` with codes and ids replaced by the objects they name in the lookups' event, or
    ValidationError naming each field that names nothing."""
    data = dict(data)
    errors = {}
    if "category" in data:
        category = lookups.category(data["category"])
        if category is None:
            errors["category"] = [_("No category %(code)s in this event.")
                                  % {"code": data["category"]}]
        data["category"] = category
    for name in ("nationality", "proposed_outlet_country"):
        if data.get(name):
            country = lookups.country(data[name])
            if country is None:
                errors[name] = [_("Unknown country code %(code)s; give the ISO 3166 two-letter "
                                  "code, e.g. VN.") % {"code": data[name]}]
            data[name] = country
        elif name in data:
            data[name] = None
    for name, find, label in (("outlet", lookups.outlet, _("media outlet")),
                              ("delegation", lookups.delegation, _("delegation"))):
        if data.get(name) is not None:
            found = find(data[name])
            if found is None:
                errors[name] = [_("No %(what)s %(id)s in this event.")
                                % {"what": label, "id": data[name]}]
            data[name] = found
    if errors:
        raise serializers.ValidationError(errors)
    return data


def _country_field():
    return serializers.CharField(
        max_length=2, min_length=2, required=False, allow_blank=True,
        help_text=gettext_lazy("ISO 3166 alpha-2 code, e.g. VN."))


def _choice(enum, **kwargs):
    return EnumField(enum, required=False, allow_blank=True, **kwargs)


# Required only for some categories (services/applications.py, application_validate): the
# schema cannot say so by its `required` list, so the description does.
MEDIA_CATEGORY = gettext_lazy("a media category (kind media or media_technician, e.g. P "
                              "press)")


class ApplicationFieldsSerializer(ModelSerializer):
    """The person's details, as an integration writes them (no files)."""

    nationality = _country_field()
    proposed_outlet_country = _country_field()
    outlet = IdField(required=False, allow_null=True, help_text=format_lazy(
        gettext_lazy("Media outlet id (see the office's list). Required for {media}, unless "
                     "proposed_outlet names an outlet not in the list or delegation makes the "
                     "journalist delegation media."), media=MEDIA_CATEGORY))
    gender = serializers.ChoiceField(Gender.choices, required=False, allow_blank=True)
    mail_language = serializers.ChoiceField(
        LANGUAGES, required=False, allow_blank=True,
        help_text=gettext_lazy("The language of the applicant's mails; blank: the committee's."))
    id_document_kind = _choice(IdDocumentKind)
    id_document_number = serializers.CharField(
        max_length=40, required=False, allow_blank=True, write_only=True,
        help_text=gettext_lazy("Passport or ID card number. Stored encrypted, used to catch a "
                               "second application by the same person; never sent back."))
    proposed_outlet_kind = _choice(OutletKind)
    media_role = _choice(MediaRole, help_text=format_lazy(
        gettext_lazy("What the journalist does. Required for {media}; refused for any other "
                     "category."), media=MEDIA_CATEGORY))

    class Meta:
        model = Application
        fields = PERSON_FIELDS
        # The service and the database check one person, one accreditation.
        validators = []


class ApplicationCreateFieldsSerializer(ApplicationFieldsSerializer):
    category = serializers.CharField(
        max_length=3, help_text=gettext_lazy("Letter code of an accreditation category of the "
                                             "event, e.g. P (press), D (delegate)."))
    delegation = IdField(
        required=False, allow_null=True,
        help_text=gettext_lazy("Delegation id, for delegates and delegation media."))

    class Meta(ApplicationFieldsSerializer.Meta):
        fields = ["category", *PERSON_FIELDS, "delegation"]


class ItemsSerializer(serializers.ListSerializer):
    """Each item validated on its own: the value is a list of (data, None) or (None, errors),
    one per item, in order. Only the list itself (not a list, empty, too long) fails."""

    def to_internal_value(self, data):
        if not isinstance(data, list):
            raise serializers.ValidationError(_("Give a list of applications."))
        if not data:
            raise serializers.ValidationError(_("Give at least one application."))
        if len(data) > MAX_ITEMS:
            raise serializers.ValidationError(
                _("At most %(max)s applications per call; this one has %(count)s. Split it.")
                % {"max": MAX_ITEMS, "count": len(data)})
        results = []
        for item in data:
            try:
                results.append((self.child.run_validation(item), None))
            except serializers.ValidationError as error:
                detail = error.detail
                results.append((None, detail if isinstance(detail, dict)
                                else {"non_field_errors": detail}))
        return results


class ApplicationItemSerializer(ApplicationCreateFieldsSerializer):
    """One application of a bulk call; its event is the call's."""

    class Meta(ApplicationCreateFieldsSerializer.Meta):
        list_serializer_class = ItemsSerializer


class ApplicationCreateSerializer(ApplicationCreateFieldsSerializer):
    event = PrimaryKeyRelatedField(queryset=Event.objects.all())

    class Meta(ApplicationCreateFieldsSerializer.Meta):
        fields = ["event", *ApplicationCreateFieldsSerializer.Meta.fields]

    def validate(self, attrs):
        return resolve(attrs, Lookups(attrs["event"]))


class ApplicationUpdateSerializer(ApplicationFieldsSerializer):
    """A PATCH: any of the person's details; category, event and delegation stay."""

    def validate(self, attrs):
        return resolve(attrs, Lookups(self.context["event"]))


class ApplicationBulkSerializer(serializers.Serializer):
    event = PrimaryKeyRelatedField(queryset=Event.objects.all())
    items = ApplicationItemSerializer(
        many=True, max_length=MAX_ITEMS,
        help_text=gettext_lazy("1 to 1,000 applications, each checked and created on its own."))

    def validate(self, attrs):
        """Codes and ids resolved in the call's event, per item; an item that names nothing
        gets its own errors."""
        lookups = Lookups(attrs["event"])
        lookups.prefetch([data for data, _errors in attrs["items"] if data is not None])
        items = []
        for data, errors in attrs["items"]:
            if errors is None:
                try:
                    data = resolve(data, lookups)
                except serializers.ValidationError as error:
                    data, errors = None, error.detail
            items.append((data, errors))
        attrs["items"] = items
        return attrs


class BulkResultSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text=gettext_lazy("The item's place in `items`, "
                                                            "from 0."))
    reference = serializers.CharField(allow_null=True,
                                      help_text=gettext_lazy("The new application's reference; "
                                                             "null when refused."))
    code = serializers.CharField(
        allow_null=True, help_text=gettext_lazy(
            "Why it was refused: invalid (fields), invalid_application, delegation_media; null "
            "when created. A person who already has an open application (same ID document and "
            "nationality, or same e-mail) is not refused: the item is created, held by the "
            "office as a possible duplicate, and its result reads as any other's."))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), allow_null=True,
        help_text=gettext_lazy("Messages by field (non_field_errors for the whole item); "
                               "null when created."))


class BulkResponseSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    refused = serializers.IntegerField()
    results = BulkResultSerializer(many=True)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000,
                                   help_text=gettext_lazy("Kept with the status change."))


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000,
                                   help_text=gettext_lazy("Mailed to the applicant."))


class RequestInformationSerializer(serializers.Serializer):
    message = serializers.CharField(
        max_length=2000, help_text=gettext_lazy("What is missing; mailed to the applicant with "
                                                "the link to correct the application."))
