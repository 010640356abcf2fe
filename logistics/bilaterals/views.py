"""Bilateral meetings: the requests, their scheduling into a room and a slot (with the
programme's clash checks), and what became of them."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from logistics.bilaterals import queries as bilateral_queries
from logistics.bilaterals import services
from logistics.bilaterals.enums import BilateralStatus
from logistics.bilaterals.forms import BilateralFilter, BilateralRequestForm, BilateralScheduleForm
from logistics.core import permissions
from logistics.core.views.common import (
    paginate,
    protocol_action,
    protocol_reader,
    query_without_page,
)
from logistics.core.views.refusals import form_status, service_call
from logistics.core.widgets import SharedOptions


def _share_delegation_choices(event, fields):
    """The page's delegation selects (the filter's, the request form's two) from one read of
    the delegations rather than one each. Only the widgets take the list: the fields still
    check a choice against the database."""
    options = SharedOptions(bilateral_queries.delegation_choices(event))
    for field in fields:
        field.widget.share(options, field.empty_label)


def _list_context(request, event, request_form=None):
    filterset = BilateralFilter(request.GET or None, event=event,
                                queryset=bilateral_queries.bilaterals(event))
    can_manage = permissions.can_manage_delegations(request.user)
    page = paginate(request, filterset.qs)
    selects = [filterset.form.fields["delegation"]]
    if can_manage:
        request_form = request_form or BilateralRequestForm(event=event)
        selects += [request_form.fields["requester"], request_form.fields["counterpart"]]
    _share_delegation_choices(event, selects)
    return {
        "event": event, "filter": filterset, "page": page,
        "query": query_without_page(request), "can_manage": can_manage,
        "request_form": request_form if can_manage else None,
        "host_leaders_url": (reverse("admin:logistics_hostleader_changelist")
                             if can_manage and request.user.is_staff else None),
    }


@protocol_reader
def bilateral_list(request, event):
    return render(request, "logistics/bilaterals/list.html", _list_context(request, event))


@protocol_action
def bilateral_request(request, event):
    form = BilateralRequestForm(request.POST, event=event)
    if form.is_valid():
        with service_call(form=form):
            bilateral = services.bilateral_request(event=event, by=request.user,
                                                   **form.cleaned_data)
            messages.success(request, _("The bilateral is requested; schedule it below."))
            return redirect("logistics:bilateral_detail", pk=bilateral.pk)
    return render(request, "logistics/bilaterals/list.html",
                  _list_context(request, event, request_form=form),
                  status=form_status(request, form))


def _bilateral(event, pk):
    return get_object_or_404(bilateral_queries.bilateral_detail_qs(event), pk=pk)


def _detail_context(request, event, bilateral, schedule_form=None):
    can_manage = permissions.can_manage_delegations(request.user)
    session = bilateral.session
    started = (bilateral.status == BilateralStatus.SCHEDULED and session is not None
               and session.starts_at <= timezone.now())
    context = {"event": event, "bilateral": bilateral, "can_manage": can_manage,
               "statuses": BilateralStatus, "started": started,
               "warnings": bilateral_queries.presence_warnings(bilateral, tz=event.tz)}
    if can_manage:
        initial = ({"room": session.room_id, "starts_at": session.starts_at}
                   if session is not None else {})
        context["schedule_form"] = schedule_form or BilateralScheduleForm(event=event,
                                                                          initial=initial)
        context["can_schedule"] = bilateral.status in (BilateralStatus.REQUESTED,
                                                       BilateralStatus.SCHEDULED)
    return context


@protocol_reader
def bilateral_detail(request, event, pk):
    bilateral = _bilateral(event, pk)
    return render(request, "logistics/bilaterals/detail.html",
                  _detail_context(request, event, bilateral))


@protocol_action
def bilateral_schedule(request, event, pk):
    bilateral = _bilateral(event, pk)
    form = BilateralScheduleForm(request.POST, event=event)
    if form.is_valid():
        with service_call(form=form):
            services.bilateral_schedule(bilateral=bilateral, by=request.user,
                                        **form.cleaned_data)
            messages.success(request, _("The bilateral is scheduled."))
            return redirect("logistics:bilateral_detail", pk=bilateral.pk)
    return render(request, "logistics/bilaterals/detail.html",
                  _detail_context(request, event, bilateral, schedule_form=form),
                  status=form_status(request, form))


@protocol_action
def bilateral_status(request, event, pk):
    bilateral = _bilateral(event, pk)
    with service_call(request):
        bilateral = services.bilateral_set_status(bilateral=bilateral, by=request.user,
                                                  status=request.POST.get("status", ""))
        messages.success(request, _("The bilateral is now %(status)s.")
                         % {"status": bilateral.get_status_display().lower()})
    return redirect("logistics:bilateral_detail", pk=bilateral.pk)
