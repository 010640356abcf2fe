"""The gates: checkpoints (set up by the accreditation office), the scanner page the gate
staff hold up to badges, and the zones' live counts."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from accreditation.enums import CheckpointMode, DenyReason, Direction, ManualReason
from accreditation.gates.forms import CheckpointForm, GateLookupForm, ManualAdmissionForm
from accreditation.gates.models import Checkpoint
from accreditation.gates.queries import gates as queries
from accreditation.gates.services import checkpoints as services
from accreditation.gates.services import gate_lookups, scans
from accreditation.permissions import can_manage_accreditation, can_scan
from config.throttling import hit, too_many_requests
from logistics.core.ids import as_id
from logistics.core.views.common import paginate, staff_view
from logistics.core.views.refusals import form_status, service_call

# The scanner refreshes its offline kit every few minutes while online; a kit older than
# this has missed revocations for too long to decide with.
OFFLINE_KIT_MAX_AGE_SECONDS = 2 * 60 * 60
# scanner.js fetches the kit every three minutes: one older than this has missed a few, and
# the page says so while it still decides with it.
KIT_LATE_SECONDS = 10 * 60

gate_staff = staff_view(can_scan)
gate_manager = staff_view(can_manage_accreditation)


@gate_manager
def checkpoint_list(request, event):
    return render(request, "accreditation/gates/checkpoint_list.html", {
        "event": event,
        "page": paginate(request, queries.checkpoints(event)),
        "has_zones": event.zones.exists(),
    })


def _form_page(request, event, form, checkpoint=None):
    return render(request, "accreditation/gates/checkpoint_form.html", {
        "event": event, "form": form, "checkpoint": checkpoint},
        status=form_status(request, form))


def _saved(request, checkpoint):
    messages.success(request, _("Checkpoint “%(name)s” is saved.") % {"name": checkpoint.name})
    return redirect("accreditation:checkpoint_list")


@require_http_methods(["GET", "POST"])
@gate_manager
def checkpoint_add(request, event):
    form = CheckpointForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        with service_call(form=form):
            return _saved(request, services.checkpoint_create(event=event, by=request.user,
                                                              **form.cleaned_data))
    return _form_page(request, event, form)


@require_http_methods(["GET", "POST"])
@gate_manager
def checkpoint_edit(request, event, pk):
    checkpoint = get_object_or_404(Checkpoint.objects.select_related("zone"), pk=pk,
                                   event=event)
    initial = {"zone": checkpoint.zone, "name": checkpoint.name, "mode": checkpoint.mode,
               "active": checkpoint.active}
    form = CheckpointForm(request.POST or None, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form=form):
            return _saved(request, services.checkpoint_update(
                checkpoint=checkpoint, by=request.user, **form.cleaned_data))
    return _form_page(request, event, form, checkpoint)


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
            "kit_age": _("Offline kit and revocation list: %(age)s"),
            "kit_missing": _("No offline kit on this device yet: offline, badges are checked "
                             "by hand."),
            "kit_late": _("Offline kit and revocation list: %(age)s, not refreshed since."),
            "kit_stale": _("Offline kit and revocation list: %(age)s, too old to decide "
                           "offline."),
            "lookup_offline": _("Looking a badge up needs the network: check the badge by "
                                "hand."),
        },
        "kit_late_seconds": KIT_LATE_SECONDS,
    }


def _picker(request, event, *, asked, status):
    return render(request, "accreditation/gates/picker.html", {
        "event": event, "checkpoints": queries.active_checkpoints(event), "asked": asked,
    }, status=status)


def _scanner_page(request, event, checkpoint, *, lookup_form=None, lookup=None, status=200):
    direction = Direction.OUT if checkpoint.mode == CheckpointMode.EXIT else Direction.IN
    admission = None
    if lookup is not None and lookup.badges:
        only = lookup.badges[0][0].pk if len(lookup.badges) == 1 else None
        admission = ManualAdmissionForm(initial={
            "lookup": lookup.record.pk, "badge": only, "direction": direction})
    return render(request, "accreditation/gates/scanner.html", {
        "event": event, "checkpoint": checkpoint,
        "both_ways": checkpoint.mode == CheckpointMode.BOTH,
        "direction": direction,
        "config": _scanner_config(checkpoint),
        "lookup_form": lookup_form or GateLookupForm(),
        "lookup": lookup, "admission": admission,
        "lookup_limit": gate_lookups.LOOKUP_LIMIT,
        # The language switch comes back to the scanner, not to a lookup's POST.
        "language_next": _scanner_url(checkpoint.pk),
    }, status=status)


@gate_staff
def scanner(request, event):
    checkpoint_id = as_id(request.GET.get("checkpoint"))
    checkpoint = queries.checkpoint_of(event, checkpoint_id) if checkpoint_id else None
    if checkpoint is None:
        return _picker(request, event, asked=checkpoint_id is not None
                       or "checkpoint" in request.GET,
                       status=404 if "checkpoint" in request.GET else 200)
    return _scanner_page(request, event, checkpoint)


def _scanner_url(checkpoint_id):
    return f"{reverse('accreditation:scanner')}?checkpoint={checkpoint_id}"


@require_POST
@gate_staff
def gate_lookup(request, event):
    """A badge looked up by its printed number or its holder's name (the code cannot be
    read): the page again, with the badges found and the form that admits one of them."""
    checkpoint_id = as_id(request.POST.get("checkpoint"))
    checkpoint = queries.checkpoint_of(event, checkpoint_id) if checkpoint_id else None
    if checkpoint is None:
        return _picker(request, event, asked=True, status=400)
    # Per operator, counted before the search: numbers are sequential, names guessable.
    retry_after = hit(f"gate-lookup:{request.user.pk}", settings.GATE_LOOKUP_RATE)
    if retry_after is not None:
        return too_many_requests(request, retry_after)
    form = GateLookupForm(request.POST)
    lookup = None
    if form.is_valid():
        with service_call(form=form):
            try:
                lookup = gate_lookups.gate_lookup(checkpoint=checkpoint, by=request.user,
                                                  query=form.cleaned_data["query"])
            except scans.UnknownCheckpoint:
                return _picker(request, event, asked=True, status=400)
    return _scanner_page(request, event, checkpoint, lookup_form=form, lookup=lookup,
                         status=200 if lookup is not None else form_status(request, form))


@require_POST
@gate_staff
def gate_admit(request, event):
    """The face matches a badge the operator's own lookup showed: admit its holder by hand
    (a scan marked manual, with the reason), then back to the scanner."""
    form = ManualAdmissionForm(request.POST)
    back = as_id(request.POST.get("checkpoint"))
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return redirect(_scanner_url(back) if back else "accreditation:scanner")
    data = form.cleaned_data
    with service_call(request):
        try:
            answer = gate_lookups.scan_record_manual(
                lookup_id=data["lookup"], badge_id=data["badge"], by=request.user,
                reason=data["reason"], direction=data["direction"] or None)
        except scans.UnknownCheckpoint:
            messages.error(request, _("This checkpoint is closed."))
            return redirect("accreditation:scanner")
        _admitted(request, answer, data["reason"])
        return redirect(_scanner_url(answer.scan.checkpoint_id))
    return redirect(_scanner_url(back) if back else "accreditation:scanner")


def _admitted(request, answer, reason):
    """What the scan by hand decided, on top of the scanner."""
    values = {"name": answer.holder.name, "number": answer.holder.badge_number,
              "why": ManualReason(reason).label}
    if answer.allowed:
        messages.success(request, _("Allowed, entered by hand: %(name)s, badge %(number)s "
                                    "(%(why)s).") % values)
    else:
        values["reason"] = DenyReason(answer.reason).label
        messages.error(request, _("Denied: %(reason)s. %(name)s, badge %(number)s.") % values)


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
