"""`/side-events/`: the public proposal form and the organiser's confirmation link. No login:
the proposal form is open until the event starts; the confirmation link is the key."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from config.throttling import rate_limited
from logistics.core.queries import event as event_queries
from logistics.core.views.refusals import form_status, service_call
from logistics.programme.enums import SessionStatus
from logistics.side_events.enums import DayPart
from logistics.side_events.errors import ProposalsClosed
from logistics.side_events.forms import ProposalForm
from logistics.side_events.models import SideEventProposal
from logistics.side_events.queries import language_names, slot_labels
from logistics.side_events.services import proposals as side_events

# The thank-you page shows the reference of the proposal this browser just sent, and no other.
SESSION_KEY = "side_event_reference"


def _closed(request, event, status=200):
    return render(request, "side_events/closed.html", {"event": event}, status=status)


# The organiser's name and contacts: kept out of error reports.
@sensitive_post_parameters()
@sensitive_variables()
@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("form")
def proposal_propose(request):
    event = event_queries.current_event()
    if event is None:
        return _closed(request, None, status=404)
    if not side_events.proposals_open(event):
        return _closed(request, event)
    form = ProposalForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        with service_call(form=form) as call:
            proposal = side_events.proposal_submit(
                event=event, consented_at=form.consented_at(), mail_language=get_language(),
                **form.without_consent(form.cleaned_data))
            request.session[SESSION_KEY] = proposal.reference
            return redirect("side_event_thanks")
        if isinstance(call.error, ProposalsClosed):  # the event started while it was filled in
            return _closed(request, event)
    return render(request, "side_events/propose.html", {
        "event": event, "form": form, "day_parts": DayPart.choices,
    }, status=form_status(request, form))


@never_cache
def proposal_thanks(request):
    reference = request.session.get(SESSION_KEY)
    proposal = (SideEventProposal.objects.select_related("event").filter(reference=reference)
                .first() if reference else None)
    if proposal is None:
        return redirect("side_event_propose")
    return render(request, "side_events/thanks.html", {"proposal": proposal,
                                                        "event": proposal.event})


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("form")
def proposal_confirm(request, token):
    with service_call() as call:
        proposal = side_events.proposal_for_token(token)
        if request.method == "POST":
            already = proposal.confirmed_at is not None
            side_events.proposal_confirm(token=token)
            if not already:
                messages.success(request, _("Thank you: %(reference)s is confirmed.")
                                 % {"reference": proposal.reference})
            return redirect("side_event_confirm", token=token)
    if call.refused:  # the link is unknown, or no longer of an accepted side event
        return render(request, "side_events/link_unusable.html", {"message": call.message},
                      status=call.status)
    event = proposal.event
    session = proposal.session if proposal.session_id else None
    if session is not None and session.status != SessionStatus.SCHEDULED:
        session = None
    return render(request, "side_events/confirm.html", {
        "proposal": proposal, "event": event, "session": session,
        "starts": session.starts_at.astimezone(event.tz) if session else None,
        "ends": session.ends_at.astimezone(event.tz) if session else None,
        "languages": language_names(event, proposal.languages),
        "slots": slot_labels(proposal.preferred_slots),
    })
