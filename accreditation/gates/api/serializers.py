"""What the scan endpoints take and give. The answer is built as a plain dict (the endpoint
is the hot path of the event's mornings); its serializer here only documents it."""

from collections.abc import Mapping
from datetime import timedelta
from functools import cache

from django.core.validators import RegexValidator
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import SkipField

from accreditation.enums import CheckpointMode, DenyReason, Direction, ScanResult
from logistics.core.api.base import EnumField, MomentField
from logistics.core.ids import IdField

# A device clock may run a little ahead; one far ahead would write scans into the future.
FUTURE_TOLERANCE = timedelta(minutes=15)
CODE_MAX_LENGTH = 1000

client_id = RegexValidator(r"^[A-Za-z0-9_.:-]{1,64}$",
                           _("Letters, digits and _ . : - only, at most 64 (a UUID fits)."))


class ScanRequestSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=CODE_MAX_LENGTH, trim_whitespace=True,
                                 help_text=_("What the QR code or the keyboard-wedge scanner "
                                             "read, as it is."))
    checkpoint = IdField(help_text=_("The checkpoint's id."))
    # What reading_time() (services/scans.py) does with it, said exactly: integrators read
    # this to know which clock a badge's dates are checked against.
    scanned_at = MomentField(
        help_text=_("When the code was read, by the scanner's clock (ISO 8601 with offset). "
                    "An online scan (offline false) is judged and recorded at the server's "
                    "time when it arrives, never at this one: a scanner's clock set back "
                    "cannot revive an expired badge; this value is only refused when more "
                    "than 15 minutes ahead of the server's. An offline upload (offline true) "
                    "is judged and recorded at this time when it lies within the last 24 "
                    "hours by the server's clock, otherwise at the server's time."))
    client_scan_id = serializers.CharField(
        max_length=64, validators=[client_id],
        help_text=_("The scanner's own id for this reading (a UUID). Sending it again "
                    "records nothing new and answers as the first time."))
    direction = EnumField(Direction, required=False,
                          help_text=_("in or out; by default the checkpoint's own direction "
                                      "(out at an exit-only checkpoint, otherwise in)."))
    offline = serializers.BooleanField(required=False, default=False,
                                       help_text=_("Decided on the device while the network "
                                                   "was down, uploaded now: judged at "
                                                   "scanned_at (within the last 24 hours)."))

    def validate_scanned_at(self, value):
        if value > timezone.now() + FUTURE_TOLERANCE:
            raise serializers.ValidationError(
                _("This time is in the future: check the scanner's clock."))
        return value


    @classmethod
    def validate_data(cls, data):
        """validated_data, as is_valid() gives it, without a serializer per request: each
        instance deep-copies its fields, the dearest part of checking six values. The
        fields of one bound instance are reused; they keep no state between calls."""
        template = _template(cls)
        if not isinstance(data, Mapping):
            raise serializers.ValidationError(
                {"non_field_errors": [_("Send a JSON object.")]})
        values, errors = {}, {}
        for name, field in template.fields.items():
            try:
                value = field.run_validation(field.get_value(data))
                check = getattr(template, f"validate_{name}", None)
                values[name] = check(value) if check else value
            except serializers.ValidationError as error:
                errors[name] = error.detail
            except SkipField:
                pass
        if errors:
            raise serializers.ValidationError(errors)
        return values


@cache
def _template(serializer_class):
    return serializer_class()


class HolderSerializer(serializers.Serializer):
    name = serializers.CharField()
    category = serializers.CharField()
    category_code = serializers.CharField()
    colour = serializers.CharField(help_text=_("The category's badge colour, #RRGGBB."))
    organisation = serializers.CharField()
    badge_number = serializers.CharField()
    photo_url = serializers.CharField(allow_null=True,
                                      help_text=_("The holder's photo, for staff sessions."))


class ScanAnswerSerializer(serializers.Serializer):
    result = EnumField(ScanResult)
    reason = EnumField(DenyReason, allow_blank=True, help_text=_("Empty when allowed."))
    reason_text = serializers.CharField(help_text=_("The reason for the guard, translated."))
    repeated = serializers.BooleanField(
        help_text=_("True when this client_scan_id was already recorded: the first answer, "
                    "whatever changed since."))
    scan_id = serializers.IntegerField()
    holder = HolderSerializer(allow_null=True,
                              help_text=_("Null when the code is not one of our badges."))


class KitCheckpointSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    zone_code = serializers.CharField()
    mode = EnumField(CheckpointMode)


class OfflineKitSerializer(serializers.Serializer):
    public_key = serializers.CharField(
        help_text=_("The key that signs new codes: base64 SubjectPublicKeyInfo, ECDSA P-256."))
    public_keys = serializers.DictField(
        child=serializers.CharField(),
        help_text=_("Every key a code may name, by key id (the signing key's and earlier "
                    "ones'). Codes are ACC2.<key id>.<base64url body>.<base64url 64-byte "
                    "r||s signature>, signed (SHA-256) over the text before the last dot, "
                    "with s at most half the curve order: refuse a code whose s is higher. "
                    "body = id~nonce~zones~YYYYMMDD~YYYYMMDD."))
    old_codes_until = serializers.DateField(allow_null=True, help_text=_(
        "Badges printed before key ids (ACC1.<body>.<signature over the body>, either s, "
        "any key of public_keys) open up to and including this day at the venue (time_zone), "
        "in either form of their signature; from the next day they are refused as forged. "
        "Null: no last day."))
    event = serializers.IntegerField()
    time_zone = serializers.CharField(help_text=_("The venue's; badge dates are its days."))
    revoked = serializers.ListField(
        child=serializers.IntegerField(),
        help_text=_("Badges that open nothing: revoked, lost, replaced, or suspended until "
                    "the accreditation office decides."))
    suspended = serializers.ListField(
        child=serializers.IntegerField(),
        help_text=_("Those of `revoked` that are suspended: the holder is sent to the "
                    "accreditation office (reason `suspended`)."))
    collected = serializers.ListField(
        child=serializers.IntegerField(),
        help_text=_("Active badges already handed over: offline, any other badge is "
                    "refused."))
    generated_at = serializers.DateTimeField()
    checkpoints = KitCheckpointSerializer(many=True)


def photo_url(application_id):
    """The holder's photo on the staff pages, or None while that page does not exist."""
    for kwargs in ({"pk": application_id, "kind": "photo"},
                   {"application_id": application_id, "kind": "photo"}):
        try:
            return reverse("accreditation:application_file", kwargs=kwargs)
        except NoReverseMatch:
            continue
    return None


def holder_data(holder):
    if holder is None:
        return None
    return {
        "name": holder.name, "category": holder.category,
        "category_code": holder.category_code, "colour": holder.colour,
        "organisation": holder.organisation, "badge_number": holder.badge_number,
        "photo_url": photo_url(holder.application_id) if holder.has_photo else None,
    }


def answer_data(answer):
    return {
        "result": answer.result,
        "reason": answer.reason,
        "reason_text": str(DenyReason(answer.reason).label) if answer.reason else "",
        "repeated": answer.repeated,
        "scan_id": answer.scan.pk,
        "holder": holder_data(answer.holder),
    }
