"""Staff pages of side events: the proposals, their blind review, decisions and scheduling.
Only the programme office (and the secretariat) sees them."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from logistics.core import permissions
from logistics.core.views.common import paginate, query_without_page, staff_view
from logistics.core.views.refusals import form_status, service_call
from logistics.programme.enums import SessionStatus
from logistics.side_events import queries as side_event_queries
from logistics.side_events.enums import PROPOSAL_TRANSITIONS, DayPart, ProposalStatus
from logistics.side_events.forms import ProposalFilter, ReviewForm, ScheduleForm
from logistics.side_events.services import decisions

# Where a new booking starts, by the part of the day the organiser preferred first.
DEFAULT_TIMES = {DayPart.MORNING: ("09:00", "10:30"), DayPart.AFTERNOON: ("14:00", "15:30"),
                 DayPart.EVENING: ("18:00", "19:30")}

proposal_reviewer = staff_view(permissions.can_review_proposals)


@proposal_reviewer
def proposal_list(request, event):
    filterset = ProposalFilter(request.GET or None,
                               queryset=side_event_queries.proposals(event, user=request.user))
    return render(request, "logistics/side_events/list.html", {
        "event": event,
        "filter": filterset,
        "page": paginate(request, filterset.qs),
        "query": query_without_page(request),
    })


def _schedule_initial(proposal, event):
    session = proposal.session if proposal.session_id else None
    if session is not None:
        starts, ends = session.starts_at.astimezone(event.tz), session.ends_at.astimezone(event.tz)
        return {"room": session.room_id, "day": starts.date().isoformat(),
                "starts": starts.strftime("%H:%M"), "ends": ends.strftime("%H:%M")}
    for slot in proposal.preferred_slots:
        day, _sep, part = slot.partition(":")
        if part in DEFAULT_TIMES:
            starts, ends = DEFAULT_TIMES[DayPart(part)]
            return {"day": day, "starts": starts, "ends": ends}
    return {}


def _detail(request, event, proposal, *, review_form=None, schedule_form=None, status=200):
    mine, others, hidden = side_event_queries.reviews_for(proposal, request.user)
    if review_form is None:
        review_form = ReviewForm(initial={"score": mine.score, "comment": mine.comment}
                                 if mine else None)
    accepted = proposal.status == ProposalStatus.ACCEPTED
    if schedule_form is None and accepted:
        schedule_form = ScheduleForm(initial=_schedule_initial(proposal, event), event=event)
    session = proposal.session if proposal.session_id else None
    allowed = PROPOSAL_TRANSITIONS[ProposalStatus(proposal.status)]
    return render(request, "logistics/side_events/detail.html", {
        "event": event,
        "proposal": proposal,
        "languages": side_event_queries.language_names(event, proposal.languages),
        "slots": side_event_queries.slot_labels(proposal.preferred_slots),
        "co_organisers": proposal.co_organisers.splitlines(),
        "mine": mine,
        "others": others,
        "hidden": hidden,
        "average": side_event_queries.average_score([mine, *others]) if mine else None,
        "can_review": proposal.status in decisions.REVIEWABLE,
        "review_form": review_form,
        "decisions": [status for status in decisions.DECISIONS if status in allowed],
        "can_withdraw": ProposalStatus.WITHDRAWN in allowed,
        "schedule_form": schedule_form,
        "session": session,
        "session_scheduled": session is not None and session.status == SessionStatus.SCHEDULED,
        "starts": session.starts_at.astimezone(event.tz) if session else None,
        "ends": session.ends_at.astimezone(event.tz) if session else None,
    }, status=status)


def _get(event, pk):
    return get_object_or_404(side_event_queries.proposal_detail_qs(event), pk=pk)


@proposal_reviewer
def proposal_detail(request, event, pk):
    return _detail(request, event, _get(event, pk))


@require_POST
@proposal_reviewer
def proposal_review(request, event, pk):
    proposal = _get(event, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        with service_call(form=form):
            decisions.review_save(proposal=proposal, by=request.user, **form.cleaned_data)
            messages.success(request, _("Your review of %(reference)s is saved.")
                             % {"reference": proposal.reference})
            return redirect("logistics:proposal_detail", pk=proposal.pk)
    return _detail(request, event, proposal, review_form=form,
                   status=form_status(request, form))


@require_POST
@proposal_reviewer
def proposal_decide(request, event, pk):
    proposal = _get(event, pk)
    status = request.POST.get("status", "")
    with service_call(request):
        if status == ProposalStatus.WITHDRAWN:
            decisions.proposal_withdraw(proposal=proposal, by=request.user)
        else:
            decisions.proposal_decide(proposal=proposal, by=request.user, status=status)
        label = ProposalStatus(status).label
        messages.success(request, _("%(reference)s: %(status)s.")
                         % {"reference": proposal.reference, "status": label})
    return redirect("logistics:proposal_detail", pk=proposal.pk)


@require_POST
@proposal_reviewer
def proposal_schedule(request, event, pk):
    proposal = _get(event, pk)
    if proposal.status != ProposalStatus.ACCEPTED:
        messages.error(request, _("Only an accepted side event can be scheduled; %(reference)s "
                                  "is “%(status)s”.") % {"reference": proposal.reference,
                                                        "status": proposal.get_status_display()})
        return redirect("logistics:proposal_detail", pk=proposal.pk)
    form = ScheduleForm(request.POST, event=event)
    if form.is_valid():
        starts_at, ends_at = form.times()
        with service_call(form=form):
            decisions.proposal_schedule(proposal=proposal, by=request.user,
                                          room=form.cleaned_data["room"], starts_at=starts_at,
                                          ends_at=ends_at)
            messages.success(request, _("%(reference)s is scheduled.")
                             % {"reference": proposal.reference})
            return redirect("logistics:proposal_detail", pk=proposal.pk)
    return _detail(request, event, proposal, schedule_form=form,
                   status=form_status(request, form))
