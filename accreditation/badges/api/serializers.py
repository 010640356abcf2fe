"""Badges as JSON: what is printed on them and where they stand. Never the QR payload: it
opens gates, and it travels only on the badge itself (the PDF)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accreditation.badges.models import Badge
from accreditation.enums import BadgeStatus, PrintStatus
from logistics.core.api.base import (
    EnumField,
    EventLocalTimesMixin,
    ModelSerializer,
    PersonalDataMixin,
)


class BadgeSerializer(EventLocalTimesMixin, PersonalDataMixin, ModelSerializer):
    # The printed badge carries the holder's photo.
    personal_fields = ("pdf",)

    application = serializers.CharField(source="application.reference", read_only=True,
                                        help_text=gettext_lazy("The application's reference."))
    holder = serializers.CharField(source="application.full_name", read_only=True)
    organisation = serializers.CharField(source="application.organisation", read_only=True)
    category = serializers.CharField(source="category.code", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    colour = serializers.CharField(source="category.badge_colour", read_only=True)
    zones = serializers.SerializerMethodField(
        help_text=gettext_lazy("Codes of the access zones the badge opens."))
    status = EnumField(BadgeStatus, read_only=True)
    print_status = EnumField(PrintStatus, read_only=True)
    pdf = serializers.SerializerMethodField()

    class Meta:
        model = Badge
        fields = ["id", "number", "event", "application", "holder", "organisation", "category",
                  "category_name", "colour", "zones", "valid_from", "valid_until", "status",
                  "status_reason", "replaces", "print_status", "printed_at", "pdf_made_at",
                  "collected_at", "issued_at", "updated_at", "pdf"]
        read_only_fields = fields

    def get_zones(self, badge) -> list[str]:
        return [code for code in badge.zone_codes.split(",") if code]

    @extend_schema_field(serializers.URLField())
    def get_pdf(self, badge):
        request = self.context.get("request")
        path = reverse("badge-pdf", args=[badge.pk])
        return request.build_absolute_uri(path) if request is not None else path


class RevokeSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=2000, help_text=gettext_lazy("Why the badge is revoked; kept with it."))


class ReinstateSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000,
                                   help_text=gettext_lazy("Kept with the badge's status."))
