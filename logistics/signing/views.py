"""The signing ceremony's pages: the signatories and their full powers, the plenary order,
the one-click "signed" of the ceremony, and the printable run of show."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from logistics.core import permissions
from logistics.core.forms import PositionForm
from logistics.core.views.common import form_errors_text, protocol_action, protocol_reader
from logistics.core.views.refusals import row_error, row_errors, service_call
from logistics.signing import queries as signing_queries
from logistics.signing import services
from logistics.signing.enums import PlenaryOrderRule, SigningPlace
from logistics.signing.forms import (
    FullPowersForm,
    PlenaryOrderForm,
    SigningAddForm,
    SigningScheduleForm,
)
from logistics.signing.models import Signing


def is_htmx(request):
    return request.headers.get("HX-Request") == "true"


def _board(request, event):
    signings = list(signing_queries.signings_board(event))
    errors = row_errors(request, "signing", [signing.pk for signing in signings])
    for signing in signings:
        signing.errors = errors.get(signing.pk, [])
    signed = sum(1 for s in signings if s.signed_at is not None)
    return {
        "event": event,
        "plenary": [s for s in signings if s.where == SigningPlace.PLENARY],
        "treaty_desk": [s for s in signings if s.where == SigningPlace.TREATY_DESK],
        "progress": signing_queries.signatory_progress(event, signed),
        "last_place": sum(1 for s in signings if s.order is not None),
        "places": SigningPlace.choices,
        "can_manage": permissions.can_manage_delegations(request.user),
        "can_see_documents": permissions.can_see_personal_data(request.user),
    }


@protocol_reader
def signing(request, event):
    context = _board(request, event)
    if context["can_manage"]:
        context["add_form"] = SigningAddForm(event=event)
        context["order_form"] = PlenaryOrderForm(
            initial={"rule": PlenaryOrderRule.PRECEDENCE})
    return render(request, "logistics/signing/signing.html", context)


@protocol_reader
def run_of_show(request, event):
    return render(request, "logistics/signing/run_of_show.html", {
        "event": event, "rows": list(signing_queries.run_of_show(event)),
        "desk_rows": list(signing_queries.treaty_desk_run(event)),
        "progress": signing_queries.signatory_progress(event)})


def _back(signing=None):
    url = reverse("logistics:signing")
    return redirect(f"{url}#signing-{signing.pk}" if signing is not None else url)


def _signing(event, pk):
    return get_object_or_404(Signing.objects.select_related("delegation__country"),
                             pk=pk, event=event)


@protocol_action
def signing_add(request, event):
    form = SigningAddForm(request.POST, event=event)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return _back()
    with service_call(request):
        created = services.signing_create(event=event, by=request.user,
                                          **form.service_kwargs())
        messages.success(request, _("%(state)s is on the list of signatories.")
                         % {"state": created.state_name})
        return _back(created)
    return _back()


@protocol_action
def signing_full_powers(request, event, pk):
    signing = _signing(event, pk)
    form = FullPowersForm(request.POST, request.FILES)
    if not form.is_valid():
        row_error(request, "signing", signing.pk, _("%(state)s: %(errors)s") % {
            "state": signing.state_name, "errors": form_errors_text(form)})
        return _back(signing)
    with service_call(request, row=("signing", signing.pk)):
        signing = services.full_powers_receive(signing=signing, by=request.user,
                                               document=form.cleaned_data["document"])
        messages.success(request, _("The full powers of %(state)s are recorded as received.")
                         % {"state": signing.state_name})
    return _back(signing)


@protocol_action
def signing_verify(request, event, pk):
    signing = _signing(event, pk)
    with service_call(request, row=("signing", signing.pk)):
        signing = services.full_powers_verify(signing=signing, by=request.user)
        messages.success(request, _("The full powers of %(state)s are verified.")
                         % {"state": signing.state_name})
    return _back(signing)


@protocol_action
def signing_schedule(request, event, pk):
    signing = _signing(event, pk)
    form = SigningScheduleForm(request.POST, event=event)
    if not form.is_valid():
        row_error(request, "signing", signing.pk, _("%(state)s: %(errors)s") % {
            "state": signing.state_name, "errors": form_errors_text(form)})
        return _back(signing)
    data = form.cleaned_data
    order = services.KEEP if data["order"] is None else data["order"]
    with service_call(request, row=("signing", signing.pk)):
        signing = services.signing_schedule(signing=signing, by=request.user,
                                            where=data["where"],
                                            scheduled_at=data["scheduled_at"], order=order)
        messages.success(request, _("The signing of %(state)s is scheduled.")
                         % {"state": signing.state_name})
    return _back(signing)


@protocol_action
def signing_order(request, event):
    form = PlenaryOrderForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return _back()
    with service_call(request):
        ordered = services.plenary_order(event=event, by=request.user,
                                         rule=form.cleaned_data["rule"],
                                         letter=form.cleaned_data["letter"])
        messages.success(request, _("The plenary order is set: %(count)s states.")
                         % {"count": len(ordered)})
    return _back()


@protocol_action
def signing_move(request, event, pk):
    signing = _signing(event, pk)
    form = PositionForm(request.POST)
    target = form.target(signing.order) if form.is_valid() else None
    if target is None:
        row_error(request, "signing", signing.pk, _("%(state)s: %(errors)s") % {
            "state": signing.state_name,
            "errors": form.error_text() or _("Give the place to move to.")})
        return _back(signing)
    with service_call(request, row=("signing", signing.pk)):
        signing = services.plenary_move(signing=signing, by=request.user, new_order=target)
        messages.success(request, _("%(state)s now signs in place %(order)s.")
                         % {"state": signing.state_name, "order": signing.order})
    return _back(signing)


def _ceremony_click(request, event, pk, act, success):
    """"Signed" and its undoing. The outcome is shown next to the state's row: with htmx the
    board is swapped in place (the count of signatories with it); without, a success reloads
    the page at the row, and a refusal renders the page with the refusal under the row (the
    form's action ends in the row's anchor, so the browser scrolls there)."""
    signing = _signing(event, pk)
    with service_call() as call:
        act(signing)
    notice = ("danger", call.message) if call.refused else ("success", success(signing))
    if is_htmx(request):
        context = _board(request, event)
        context.update(notice=notice, notice_pk=signing.pk)
        return render(request, "logistics/signing/_board.html", context)
    if notice[0] == "success":
        messages.success(request, notice[1])
        return _back(signing)
    context = _board(request, event)
    context.update(notice=notice, notice_pk=signing.pk, add_form=SigningAddForm(event=event),
                   order_form=PlenaryOrderForm(initial={"rule": PlenaryOrderRule.PRECEDENCE}))
    return render(request, "logistics/signing/signing.html", context, status=call.status)


@protocol_action
def signing_signed(request, event, pk):
    """The one click of the ceremony (after the page's confirm)."""
    return _ceremony_click(
        request, event, pk,
        lambda signing: services.signing_mark_signed(signing=signing, by=request.user),
        lambda signing: _("%(state)s has signed.") % {"state": signing.state_name})


@protocol_action
def signing_unsigned(request, event, pk):
    """Undo a "signed" clicked by mistake."""
    return _ceremony_click(
        request, event, pk,
        lambda signing: services.signing_unmark_signed(signing=signing, by=request.user),
        lambda signing: _("The signature of %(state)s is undone: it is back among the states "
                          "still to sign.") % {"state": signing.state_name})
