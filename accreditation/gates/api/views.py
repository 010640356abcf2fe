"""Scans at the gates: the answer for one reading, and the kit an offline scanner decides
with. Plain APIViews: no pagination, no filters, no serializer instance per request; a new
scan costs three statements (the key, the badge with its holder, the insert), each compiled
once per process (queries/scan_path.py). Answers are 200 whether allowed or denied."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from accreditation.api.permissions import ScopeOrRole
from accreditation.badges import codes
from accreditation.gates.api import serializers as s
from accreditation.gates.models import Checkpoint
from accreditation.gates.queries import gates as queries
from accreditation.gates.services import scans
from accreditation.keys.authentication import ApiKeyAuthentication
from accreditation.keys.models import ApiScope
from accreditation.permissions import can_scan
from logistics.core.accounts.authentication import VerifiedSessionAuthentication
from logistics.core.api.base import INVALID, error_response
from logistics.core.api.permissions import api_key_of
from logistics.core.errors import AccordError
from logistics.core.ids import as_id
from logistics.core.queries.event import current_event

ScanAccess = ScopeOrRole.of(ApiScope.SCAN, can_scan, name="ScanAccess")


CODE = "ACC2.q3Vb0xZk.MTJ-YjNhOWYxYzJkNGU1ZjYwNzh-MSwyLDN-MjAyNjEyMTF-MjAyNjEyMTg.Pq3n…"


class UnknownCheckpointError(AccordError):
    code = "unknown_checkpoint"


class JsonFirstNegotiation(DefaultContentNegotiation):
    """What a scanner asks for (JSON, or anything) is answered as JSON without parsing the
    Accept header against every renderer; any other request negotiates as usual."""

    JSON_ACCEPTS = frozenset({"", "*/*", "application/json"})

    def select_renderer(self, request, renderers, format_suffix=None):
        if (format_suffix is None and request.META.get("HTTP_ACCEPT", "") in self.JSON_ACCEPTS
                and self.settings.URL_FORMAT_OVERRIDE not in request.query_params):
            for renderer in renderers:
                if type(renderer) is JSONRenderer:
                    return renderer, renderer.media_type
        return super().select_renderer(request, renderers, format_suffix)


def _operator(request):
    key = api_key_of(request)
    return f"api-key:{key.name}" if key is not None else request.user.get_username()


@extend_schema(
    tags=["scans"], summary="Scan a badge at a checkpoint",
    request=s.ScanRequestSerializer,
    responses={200: s.ScanAnswerSerializer,
               400: error_response("invalid: bad fields; unknown_checkpoint: no open "
                                   "checkpoint has this id."),
               401: error_response("not_authenticated"),
               403: error_response("permission_denied: the key lacks the scan scope.")},
    examples=[
        OpenApiExample("A scan", request_only=True, value={
            "code": CODE, "checkpoint": 3, "scanned_at": "2026-12-15T08:02:11+07:00",
            "client_scan_id": "4f7d2c1e-9a0b-4c3d-8e5f-6a7b8c9d0e1f", "direction": "in"}),
        OpenApiExample("An offline scan uploaded later", request_only=True, value={
            "code": CODE, "checkpoint": 3, "scanned_at": "2026-12-15T08:02:11+07:00",
            "client_scan_id": "0b6f7a3c-2d4e-4f5a-9b8c-7d6e5f4a3b2c", "offline": True}),
        OpenApiExample("Allowed", response_only=True, status_codes=["200"], value={
            "result": "allow", "reason": "", "reason_text": "", "repeated": False,
            "scan_id": 1042, "holder": {
                "name": "Thị Mai Trần", "category": "Press", "category_code": "P",
                "colour": "#FFD100", "organisation": "Vietnam News Agency",
                "badge_number": "HCS26-P-00042",
                "photo_url": "/accreditation/applications/17/file/photo/"}}),
        OpenApiExample("Denied: revoked", response_only=True, status_codes=["200"], value={
            "result": "deny", "reason": "revoked", "reason_text": "Badge revoked",
            "repeated": False, "scan_id": 1043, "holder": {
                "name": "Thị Mai Trần", "category": "Press", "category_code": "P",
                "colour": "#FFD100", "organisation": "Vietnam News Agency",
                "badge_number": "HCS26-P-00042", "photo_url": None}}),
        OpenApiExample("Denied: not our code", response_only=True, status_codes=["200"],
                       value={"result": "deny", "reason": "unknown_code",
                              "reason_text": "Unknown code", "repeated": False,
                              "scan_id": 1044, "holder": None}),
    ],
)
class ScanView(APIView):
    """Decide allow or deny for a code read at a checkpoint and record the scan, once per
    client_scan_id: a retry (or an offline upload sent twice) records nothing new and gets
    the first answer, even if the badge was revoked in between. Always 200 with the answer,
    allowed or denied; `repeated` tells a retry. Reasons: unknown_code, forged, revoked,
    suspended (send the holder to the accreditation office), lost, replaced, not_collected,
    wrong_zone, outside_dates, wrong_direction. A badge's dates are checked against the
    server's time, or, for an offline upload, against its scanned_at when that lies within
    the last 24 hours. Needs the `scan` scope, or a gate operator's session (with its CSRF
    token)."""

    authentication_classes = [ApiKeyAuthentication, VerifiedSessionAuthentication]
    permission_classes = [ScanAccess]
    content_negotiation_class = JsonFirstNegotiation
    throttle_scope = "scan"  # config.throttling: a gate operator's session at the scan rate

    def post(self, request):
        data = s.ScanRequestSerializer.validate_data(request.data)
        try:
            answer = scans.scan_record(
                code=data["code"], checkpoint_id=data["checkpoint"],
                client_scan_id=data["client_scan_id"],
                scanned_at=scans.reading_time(scanned_at=data["scanned_at"],
                                              offline=data["offline"]),
                direction=data.get("direction"), offline=data["offline"],
                operator=_operator(request))
        except scans.UnknownCheckpoint:
            message = _("No open checkpoint has this id.")
            raise UnknownCheckpointError(message, fields={"checkpoint": [message]}) from None
        return Response(s.answer_data(answer))


@extend_schema(
    tags=["scans"], summary="What a scanner needs to decide offline",
    parameters=[OpenApiParameter("checkpoint", int, description=(
        "A checkpoint of the event the kit is for; by default the current event."))],
    responses={200: s.OfflineKitSerializer, 400: INVALID,
               401: error_response("not_authenticated"),
               403: error_response("permission_denied: the key lacks the scan scope.")},
    examples=[OpenApiExample("A kit", response_only=True, value={
        "public_key": "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE…",
        "public_keys": {"q3Vb0xZk": "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE…"}, "event": 1,
        "time_zone": "Asia/Ho_Chi_Minh", "revoked": [17, 230], "suspended": [230],
        "collected": [1, 2, 3, 5], "generated_at": "2026-12-15T08:00:00+07:00",
        "old_codes_until": "2026-12-31",
        "checkpoints": [{"id": 3, "name": "Press centre, north door", "zone_code": "2",
                         "mode": "both"}]})],
)
class OfflineKitView(APIView):
    """The public keys that verify badge codes, the badges that open nothing (`revoked`:
    revoked, lost, replaced or suspended; `suspended` names those suspended until the office
    decides) and those handed over, and the open checkpoints with their zone: enough for a
    scanner to go on deciding while the network is down, and the last day badges printed
    before key ids open. Fetch it again every few minutes."""

    permission_classes = [ScanAccess]

    def get(self, request):
        event = None
        if "checkpoint" in request.query_params:
            checkpoint_id = as_id(request.query_params["checkpoint"])
            checkpoint = Checkpoint.objects.filter(pk=checkpoint_id or 0).select_related(
                "event").first()
            if checkpoint is None:
                message = _("No checkpoint has this id.")
                raise UnknownCheckpointError(message, fields={"checkpoint": [message]})
            event = checkpoint.event
        else:
            session = getattr(request, "session", None)
            event_id = session.get("event_id") if api_key_of(request) is None and session \
                else None
            event = current_event(event_id)
        kit = queries.offline_kit(event) if event else {
            "revoked": [], "suspended": [], "collected": [], "checkpoints": []}
        return Response({
            "public_key": codes.public_key_spki(),
            "public_keys": codes.public_keys_spki(),
            "old_codes_until": codes.old_codes_until(),
            "event": event.pk if event else None,
            "time_zone": event.time_zone if event else "UTC",
            **kit,
            "generated_at": timezone.now(),
        })
