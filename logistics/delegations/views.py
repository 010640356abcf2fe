"""The protocol office's pages: delegations, their detail and actions, the bulk invitation
and the arrivals and departures board."""

from datetime import date, timedelta

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST

from logistics.core import permissions
from logistics.core.filters import DELEGATION_SORTS
from logistics.core.views.common import paginate, query_without_page, staff_view
from logistics.core.views.refusals import service_call
from logistics.delegations.calendar_link import delegation_ical_url
from logistics.delegations.enums import DELEGATION_TRANSITIONS, STATE_KINDS, DelegationStatus
from logistics.delegations.filters import DelegationFilter
from logistics.delegations.forms import (
    DelegationInviteForm,
    DelegationProtocolForm,
    DelegationStatusForm,
    countries_to_invite,
    declined_states,
)
from logistics.delegations.models import Delegation
from logistics.delegations.queries import delegations as delegation_queries
from logistics.delegations.services.delegations import (
    PROTOCOL_FIELDS,
    delegation_credentials_check,
    delegation_set_status,
    delegation_update_protocol,
)
from logistics.delegations.services.invitations import (
    delegations_invite,
    invitation_revoke,
    invitations_send,
)

# How far from the event the arrivals board goes (and 0001-01-01 or 9999-12-31 in the
# query string cannot overflow a datetime at the venue).
BOARD_REACH = timedelta(days=366)


delegation_reader = staff_view(permissions.can_view_delegations)
delegation_manager = staff_view(permissions.can_manage_delegations)
personal_data_reader = staff_view(permissions.can_see_personal_data)


@delegation_reader
def delegation_list(request, event):
    filterset = DelegationFilter(request.GET or None,
                                 queryset=delegation_queries.delegations(event))
    sort = request.GET.get("sort", "name")
    rows = filterset.qs.order_by(*DELEGATION_SORTS.get(sort, DELEGATION_SORTS["name"]))
    return render(request, "logistics/delegations/list.html", {
        "event": event, "filter": filterset, "page": paginate(request, rows), "sort": sort,
        "query": query_without_page(request),
        "can_manage": permissions.can_manage_delegations(request.user),
        "personal": permissions.can_see_personal_data(request.user),
    })


def _detail(request, event, pk, *, status=200, protocol_form=None):
    delegation = get_object_or_404(delegation_queries.delegation_detail_qs(event), pk=pk)
    can_manage = permissions.can_manage_delegations(request.user)
    personal = permissions.can_see_personal_data(request.user)
    context = {
        "event": event, "delegation": delegation, "members": delegation.members.all(),
        "can_manage": can_manage, "personal": personal,
        "invitations": delegation.invitations.all(),
        "live_invitation": delegation_queries.live_invitation(delegation),
        "head": next((m for m in delegation.members.all() if m.is_head), None),
        "credentials_name": delegation_queries.credentials_name(delegation),
        "next_statuses": [DelegationStatus(s) for s in DelegationStatus.values
                          if s in DELEGATION_TRANSITIONS[delegation.status]],
    }
    if personal:
        context["gaps"] = delegation_queries.registration_gaps(delegation)
        # The feed address is the delegation's key to its calendar: not for every reader.
        context["ical_url"] = delegation_ical_url(delegation, absolute=True)
    signing = delegation_queries.delegation_signing(delegation)
    context.update(signing=signing, signs=signing is not None or delegation.kind in STATE_KINDS)
    if can_manage:
        context["protocol_form"] = protocol_form or DelegationProtocolForm(instance=delegation)
        # Who may send the link may read it out: the token is decrypted for them alone.
        context["registration_link"] = delegation_queries.registration_link(
            context["live_invitation"])
    response = render(request, "logistics/delegations/detail.html", context, status=status)
    if context.get("registration_link"):
        response["Cache-Control"] = "private, no-store"
    return response


@delegation_reader
def delegation_detail(request, event, pk):
    return _detail(request, event, pk)


def _refused(request, event, pk, text):
    """An action refused before it reaches its service: the reason on top of the detail
    page (as a service's refusal is), nothing changed."""
    messages.error(request, text)
    return _detail(request, event, pk, status=400)


@require_POST
@delegation_manager
def delegation_status(request, event, pk):
    delegation = get_object_or_404(Delegation, pk=pk, event=event)
    form = DelegationStatusForm(request.POST)
    if not form.is_valid():
        return _refused(request, event, pk, _("Choose a valid status."))
    with service_call(request) as call:
        delegation = delegation_set_status(delegation=delegation, by=request.user,
                                           status=form.cleaned_data["status"])
        messages.success(request, _("%(name)s is now %(status)s.")
                         % {"name": delegation.name,
                            "status": delegation.get_status_display().lower()})
        return redirect("logistics:delegation_detail", pk=pk)
    return _detail(request, event, pk, status=call.status)


@require_POST
@delegation_manager
def delegation_protocol(request, event, pk):
    delegation = get_object_or_404(Delegation, pk=pk, event=event)
    form = DelegationProtocolForm(request.POST, instance=delegation)
    if not form.is_valid():
        messages.error(request, _("The protocol details were not saved: correct the fields "
                                  "marked below."))
        return _detail(request, event, pk, status=400, protocol_form=form)
    fields = {name: form.cleaned_data[name] for name in form._meta.fields
              if name in PROTOCOL_FIELDS}
    with service_call(request) as call:
        delegation_update_protocol(delegation=delegation, by=request.user, **fields)
        messages.success(request, _("Protocol details of %(name)s saved.")
                         % {"name": delegation.name})
        return redirect("logistics:delegation_detail", pk=pk)
    return _detail(request, event, pk, status=call.status, protocol_form=form)


# Personal data: kept out of error reports (POST values, and every local variable of
# this view and what it calls).
@sensitive_post_parameters()
@sensitive_variables()
@require_POST
@delegation_manager
def delegation_credentials(request, event, pk):
    delegation = get_object_or_404(Delegation, pk=pk, event=event)
    with service_call(request) as call:
        delegation_credentials_check(delegation=delegation, by=request.user)
        messages.success(request, _("The credentials of %(name)s are marked checked.")
                         % {"name": delegation.name})
        return redirect("logistics:delegation_detail", pk=pk)
    return _detail(request, event, pk, status=call.status)


@require_POST
@delegation_manager
def delegation_invitation_send(request, event, pk):
    """Send the registration link, or send a new one (the old link stops working)."""
    delegation = get_object_or_404(Delegation, pk=pk, event=event)
    invited, skipped = invitations_send(event=event, by=request.user, delegations=[delegation])
    if skipped:
        if delegation.status == DelegationStatus.DECLINED:
            reason = _("%(name)s declined: invite it again only after setting its status back "
                       "to invited.")
        else:
            reason = _("%(name)s has no focal point e-mail: add one under protocol details "
                       "first.")
        return _refused(request, event, pk, reason % {"name": delegation.name})
    messages.success(request, _("A registration link is on its way to %(email)s.")
                     % {"email": invited[0].email})
    return redirect("logistics:delegation_detail", pk=pk)


@require_POST
@delegation_manager
def delegation_invitation_revoke(request, event, pk):
    delegation = get_object_or_404(Delegation, pk=pk, event=event)
    live = delegation.invitations.live().first()
    if live is None:
        return _refused(request, event, pk, _("%(name)s has no live registration link to "
                                              "revoke.") % {"name": delegation.name})
    invitation_revoke(invitation=live, by=request.user)
    messages.success(request, _("The registration link of %(name)s no longer works.")
                     % {"name": delegation.name})
    return redirect("logistics:delegation_detail", pk=pk)


@sensitive_post_parameters()
@sensitive_variables()
@require_http_methods(["GET", "POST"])
@delegation_manager
def delegation_invite(request, event):
    """Invite in bulk: countries of a regional group not yet invited, and pasted lines of
    organisations."""
    data = request.POST if request.method == "POST" else None
    group = (data or request.GET).get("group", "")
    if group not in dict(DelegationInviteForm.base_fields["group"].choices):
        group = ""
    countries = countries_to_invite(event, group)
    form = DelegationInviteForm(data, event=event, countries=countries,
                                initial={"group": group})
    errors, status = [], 200
    if data is not None:
        if form.is_valid():
            with service_call() as call:
                invited, skipped = delegations_invite(
                    event=event, by=request.user, countries=form.cleaned_data["countries"],
                    organisations=form.cleaned_data["organisations"])
                messages.success(request, ngettext(
                    "%(count)s delegation invited: the links are on their way.",
                    "%(count)s delegations invited: the links are on their way.",
                    len(invited)) % {"count": len(invited)})
                for delegation in skipped:
                    messages.warning(request, _("%(name)s was not invited: it has no focal "
                                                "point e-mail or it declined.")
                                     % {"name": delegation.name})
                return redirect("logistics:delegation_list")
            errors, status = call.lines, call.status
        else:
            errors, status = form.error_lines(), 400
    return render(request, "logistics/delegations/invite.html", {
        "event": event, "form": form, "errors": errors, "group": group,
        "declined": declined_states(event, group),
    }, status=status)


def _board_day(request, event, span):
    """The day asked for, if within BOARD_REACH of the event; else today at the venue while
    people come and go, else the first day anyone arrives."""
    asked = request.GET.get("day", "")
    error = None
    try:
        day = date.fromisoformat(asked)
    except ValueError:
        if asked:
            error = _("“%(day)s” is not a date: showing the default day.") % {"day": asked}
    else:
        if event.start_date - BOARD_REACH <= day <= event.end_date + BOARD_REACH:
            return day, None
        error = _("%(day)s is more than a year away from the event: showing the default "
                  "day.") % {"day": day.isoformat()}
    today = event.today()
    first, last = span
    if first is None or first <= today <= last:
        return today, error
    return first, error


@personal_data_reader
def arrivals(request, event):
    day, error = _board_day(request, event, delegation_queries.travel_span(event))
    if error:
        messages.warning(request, error)
    previous, following = delegation_queries.travel_neighbours(event, day)
    return render(request, "logistics/delegations/arrivals.html", {
        "event": event, "day": day, "previous": previous, "next": following,
        "arrivals": delegation_queries.travel_board(
            delegation_queries.arrivals_on(event, day), "arrival"),
        "departures": delegation_queries.travel_board(
            delegation_queries.departures_on(event, day), "departure"),
    })
