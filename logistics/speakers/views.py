"""The speakers list of the plenary and the high-level debate: inscriptions, the order of
protocol precedence, the time each speaker is expected, and a printable list for the
interpreters."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from logistics.core import permissions
from logistics.core.forms import PositionForm
from logistics.core.ids import as_id
from logistics.core.views.common import form_errors_text, protocol_action, protocol_reader
from logistics.core.views.refusals import form_status, row_error, row_errors, service_call
from logistics.delegations.enums import DelegationLevel
from logistics.programme.enums import SpeakerStatus
from logistics.speakers import queries as speaker_queries
from logistics.speakers import services
from logistics.speakers.forms import SpeakerFieldsForm, SpeakerInscribeForm
from logistics.speakers.models import SpeakerSlot


def _chosen(request, sessions):
    """The session asked for in ?session=, else the first; 404 for one not on offer."""
    wanted = as_id(request.GET.get("session"))
    if wanted is None:
        return sessions[0] if sessions else None
    for session in sessions:
        if session.pk == wanted:
            return session
    raise Http404


def _context(request, event, session, sessions, inscribe_form=None):
    can_manage = permissions.can_manage_delegations(request.user)
    context = {"event": event, "sessions": sessions, "session": session,
               "can_manage": can_manage, "levels": DelegationLevel.choices,
               "statuses": SpeakerStatus}
    if session is not None:
        context["timing"] = speaker_queries.speakers_timed(session)
        context["placed"] = sum(1 for row in context["timing"].rows if row.slot.order)
        errors = row_errors(request, "speaker", [row.slot.pk for row in context["timing"].rows])
        for row in context["timing"].rows:
            row.slot.errors = errors.get(row.slot.pk, [])
        if can_manage:
            context["inscribe_form"] = inscribe_form or SpeakerInscribeForm(session=session)
    return context


@protocol_reader
def speakers(request, event):
    sessions = list(speaker_queries.speaker_sessions(event))
    session = _chosen(request, sessions)
    return render(request, "logistics/speakers/speakers.html",
                  _context(request, event, session, sessions))


@protocol_reader
def speakers_print(request, event):
    sessions = list(speaker_queries.speaker_sessions(event))
    session = _chosen(request, sessions)
    context = {"event": event, "session": session}
    if session is not None:
        context["timing"] = speaker_queries.speakers_timed(session)
    return render(request, "logistics/speakers/print.html", context)


def _session(event, pk):
    sessions = speaker_queries.speaker_sessions(event)
    return get_object_or_404(sessions, pk=pk)


def _back(session, slot=None):
    url = f"{reverse('logistics:speakers')}?session={session.pk}"
    return redirect(f"{url}#speaker-{slot.pk}" if slot is not None else url)


def _slot(event, pk):
    return get_object_or_404(
        SpeakerSlot.objects.select_related("session", "delegation"),
        pk=pk, session__event=event)


@protocol_action
def speaker_inscribe(request, event, session_pk):
    session = _session(event, session_pk)
    form = SpeakerInscribeForm(request.POST, session=session)
    if form.is_valid():
        with service_call(form=form):
            slot = services.speaker_inscribe(session=session, by=request.user,
                                             **form.cleaned_data)
            messages.success(request, _("%(delegation)s is inscribed, in place %(order)s.")
                             % {"delegation": slot.delegation.name, "order": slot.order})
            return _back(session, slot)
    sessions = list(speaker_queries.speaker_sessions(event))
    return render(request, "logistics/speakers/speakers.html",
                  _context(request, event, session, sessions, inscribe_form=form),
                  status=form_status(request, form))


@protocol_action
def speakers_order(request, event, session_pk):
    session = _session(event, session_pk)
    ordered = services.speakers_order(session=session, by=request.user)
    messages.success(request, _("The list is in the order of precedence: %(count)s speakers.")
                     % {"count": len(ordered)})
    return _back(session)


@protocol_action
def speaker_move(request, event, pk):
    slot = _slot(event, pk)
    form = PositionForm(request.POST)
    target = form.target(slot.order) if form.is_valid() else None
    if target is None:
        row_error(request, "speaker", slot.pk, _("%(delegation)s: %(errors)s") % {
            "delegation": slot.delegation.name,
            "errors": form.error_text() or _("Give the place to move to.")})
        return _back(slot.session, slot)
    with service_call(request, row=("speaker", slot.pk)):
        slot = services.speaker_move(slot=slot, by=request.user, new_order=target)
        messages.success(request, _("%(delegation)s now speaks in place %(order)s.")
                         % {"delegation": slot.delegation.name, "order": slot.order})
    return _back(slot.session, slot)


@protocol_action
def speaker_status(request, event, pk):
    slot = _slot(event, pk)
    status = request.POST.get("status", "")
    with service_call(request, row=("speaker", slot.pk)):
        slot = services.speaker_set_status(slot=slot, by=request.user, status=status)
        messages.success(request, _("%(delegation)s: %(status)s.") % {
            "delegation": slot.delegation.name, "status": slot.get_status_display()})
    return _back(slot.session, slot)


@protocol_action
def speaker_edit(request, event, pk):
    slot = _slot(event, pk)
    form = SpeakerFieldsForm(request.POST)
    if not form.is_valid():
        row_error(request, "speaker", slot.pk, _("%(delegation)s: %(errors)s") % {
            "delegation": slot.delegation.name, "errors": form_errors_text(form)})
        return _back(slot.session, slot)
    with service_call(request, row=("speaker", slot.pk)):
        slot = services.speaker_update(slot=slot, by=request.user, **form.cleaned_data)
        messages.success(request, _("The statement of %(delegation)s is updated.")
                         % {"delegation": slot.delegation.name})
    return _back(slot.session, slot)
