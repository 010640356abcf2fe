"""The gates: checkpoints (set up by the accreditation office), the scanner page the gate
staff hold up to badges, and the zones' live counts."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods

from accreditation.enums import CheckpointMode, DenyReason, Direction
from accreditation.forms_gates import CheckpointForm
from accreditation.models import Checkpoint
from accreditation.permissions import can_manage_accreditation, can_scan
from accreditation.queries import gates as queries
from accreditation.services import checkpoints as services
from logistics.errors import AccordError
from logistics.ids import as_id
from logistics.views.common import paginate, staff_view

# The scanner refreshes its offline kit every few minutes while online; a kit older than
# this has missed revocations for too long to decide with.
OFFLINE_KIT_MAX_AGE_SECONDS = 2 * 60 * 60

gate_staff = staff_view(can_scan)
gate_manager = staff_view(can_manage_accreditation)


@gate_manager
def checkpoint_list(request, event):
    return render(request, "accreditation/gates/checkpoint_list.html", {
        "event": event,
        "page": paginate(request, queries.checkpoints(event)),
        "has_zones": event.zones.exists(),
    })


def _form_page(request, event, form, checkpoint=None, status=200):
    return render(request, "accreditation/gates/checkpoint_form.html", {
        "event": event, "form": form, "checkpoint": checkpoint}, status=status)


def _saved(request, form, save):
    try:
        checkpoint = save(**form.cleaned_data)
    except AccordError as error:
        form.add_domain_error(error)
        return None
    messages.success(request, _("Checkpoint “%(name)s” is saved.") % {"name": checkpoint.name})
    return checkpoint


@require_http_methods(["GET", "POST"])
@gate_manager
def checkpoint_add(request, event):
    form = CheckpointForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        def save(**fields):
            return services.checkpoint_create(event=event, by=request.user, **fields)
        if _saved(request, form, save):
            return redirect("accreditation:checkpoint_list")
    status = 400 if request.method == "POST" else 200
    return _form_page(request, event, form, status=status)


@require_http_methods(["GET", "POST"])
@gate_manager
def checkpoint_edit(request, event, pk):
    checkpoint = get_object_or_404(Checkpoint.objects.select_related("zone"), pk=pk,
                                   event=event)
    initial = {"zone": checkpoint.zone, "name": checkpoint.name, "mode": checkpoint.mode,
               "active": checkpoint.active}
    form = CheckpointForm(request.POST or None, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        def save(**fields):
            return services.checkpoint_update(checkpoint=checkpoint, by=request.user, **fields)
        if _saved(request, form, save):
            return redirect("accreditation:checkpoint_list")
    status = 400 if request.method == "POST" else 200
    return _form_page(request, event, form, checkpoint, status=status)


def _scanner_config(checkpoint):
    """What scanner.js needs, as JSON in the page (no inline script: the CSP forbids it)."""
    return {
        "checkpoint": {"id": checkpoint.pk, "name": checkpoint.name,
                       "zone_code": checkpoint.zone.code, "mode": checkpoint.mode},
        "scan_url": reverse("api-scan"),
        "kit_url": f"{reverse('api-scan-offline-kit')}?checkpoint={checkpoint.pk}",
        "kit_max_age_seconds": OFFLINE_KIT_MAX_AGE_SECONDS,
        "reasons": {reason.value: str(reason.label) for reason in DenyReason},
        "text": {
            "allow": _("Allowed"), "deny": _("Denied"), "offline": _("Decided offline"),
            "repeated": _("Already scanned: the first answer"),
            "online": pgettext("network", "Online"),
            "offline_status": _("Offline: deciding on this device"),
            "queued": _("%(count)s scan(s) waiting to upload"),
            "badge": _("Badge no. %(id)s"),
            "error": _("The server refused the scan: %(message)s"),
            "no_kit": _("Offline and no offline kit on this device: check the badge by "
                        "hand."),
            "stale_kit": _("Offline for too long: the revocation list on this device is out "
                           "of date. Check the badge by hand."),
            "camera_error": _("The camera cannot be used here: %(message)s"),
            "camera_on": _("Stop camera"), "camera_off": _("Start camera"),
            "session": _("Your session has ended: log in again."),
        },
    }


@gate_staff
def scanner(request, event):
    checkpoint_id = as_id(request.GET.get("checkpoint"))
    checkpoint = queries.checkpoint_of(event, checkpoint_id) if checkpoint_id else None
    if checkpoint is None:
        return render(request, "accreditation/gates/picker.html", {
            "event": event, "checkpoints": queries.active_checkpoints(event),
            "asked": checkpoint_id is not None or "checkpoint" in request.GET,
        }, status=404 if "checkpoint" in request.GET else 200)
    return render(request, "accreditation/gates/scanner.html", {
        "event": event, "checkpoint": checkpoint,
        "both_ways": checkpoint.mode == CheckpointMode.BOTH,
        "direction": Direction.OUT if checkpoint.mode == CheckpointMode.EXIT else Direction.IN,
        "config": _scanner_config(checkpoint),
    })


SPARK_HEIGHT = 30
SPARK_STEP = 10


def _spark(series):
    """SVG bars (x, y, height, count) for scans per minute: attributes, not styles (CSP)."""
    peak = max(series) or 1
    bars = []
    for n, count in enumerate(series):
        height = round(SPARK_HEIGHT * count / peak, 1)
        bars.append((n * SPARK_STEP, SPARK_HEIGHT - height, height, count))
    return bars


@gate_staff
def zone_live(request, event):
    zones = queries.zone_live(event)
    labels = dict(DenyReason.choices)
    for row in zones:
        row["bars"] = _spark(row["per_minute"])
        row["denials"] = [(labels.get(reason, reason), count)
                          for reason, count in row["denials"]]
    template = ("accreditation/gates/_live.html" if request.headers.get("HX-Request")
                else "accreditation/gates/live.html")
    return render(request, template, {"event": event, "zones": zones,
                                      "spark_width": SPARK_STEP * queries.RATE_MINUTES,
                                      "spark_height": SPARK_HEIGHT})
