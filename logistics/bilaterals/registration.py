"""`/register/<token>/bilaterals/`: a delegation asks for bilateral meetings through its own
secret link; the protocol office then schedules them. No login: the link is the key."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from config.throttling import rate_limited
from logistics.bilaterals.forms import DelegationBilateralRequestForm
from logistics.bilaterals.queries import requests_of
from logistics.bilaterals.services import bilateral_request
from logistics.core.views.refusals import form_status, service_call
from logistics.delegations.registration.views import closed_page
from logistics.delegations.services.invitations import invitation_open


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("form")
def registration_bilaterals(request, token):
    with service_call() as call:
        invitation = invitation_open(token)
    if call.refused:
        return closed_page(request, call)
    delegation = invitation.delegation
    form = DelegationBilateralRequestForm(request.POST or None, delegation=delegation)
    if request.method == "POST" and form.is_valid():
        with service_call(form=form):
            bilateral_request(event=delegation.event, requester=delegation, by=None,
                              **form.cleaned_data)
            messages.success(request, _("Your request is recorded; the protocol office will "
                                        "propose a room and a time."))
            return redirect("register_bilaterals", token=token)
    with timezone.override(delegation.event.tz):
        return render(request, "logistics/bilaterals/register.html", {
            "delegation": delegation, "event": delegation.event, "form": form,
            "requests": requests_of(delegation), "token": token},
            status=form_status(request, form))
