"""A staff member's own security page: enrol an authenticator app (QR code or the key typed
in), confirm it with a first code, see the recovery codes once, renew them or disable the
second factor with a current code."""

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from logistics.core.accounts import (
    has_second_factor,
    is_verified,
    recovery_codes_left,
    sees_personal_data,
)
from logistics.core.accounts.login import CodeForm, next_url
from logistics.core.accounts.services import (
    recovery_codes_renew,
    second_factor_check,
    second_factor_disable,
    totp_confirm,
    totp_device_for_enrolment,
)
from logistics.core.views.refusals import form_status, service_call

TEMPLATE = "account/security.html"


@sensitive_variables()
def _enrolment_context(request, device, form):
    key = b32encode(device.bin_key).decode()
    # An inline <svg> of our own making (no data: URI, no style attribute): the Content
    # Security Policy allows it as it is.
    qr = segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, dark="#000",
                                                            light="#fff")
    return {"form": form, "enrolling": True, "qr_svg": mark_safe(qr),  # noqa: S308
            "secret": " ".join(key[i:i + 4] for i in range(0, len(key), 4)),
            "next": next_url(request) if request.GET.get("next") else ""}


def _enrolled_context(request, form):
    return {"form": form, "enrolling": False,
            "recovery_left": recovery_codes_left(request.user)}


@sensitive_variables()
@login_required
@never_cache
def security(request):
    user = request.user
    if has_second_factor(user):
        return render(request, TEMPLATE, _enrolled_context(request, CodeForm()))
    context = _enrolment_context(request, totp_device_for_enrolment(user=user), CodeForm())
    context["required"] = sees_personal_data(user)
    return render(request, TEMPLATE, context)


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    return response


@sensitive_post_parameters("code")
@sensitive_variables()
@require_POST
@login_required
def security_confirm(request):
    user = request.user
    if has_second_factor(user):
        return redirect("account_security")
    form = CodeForm(request.POST)
    if form.is_valid():
        with service_call(form=form):
            device, codes = totp_confirm(user=user, code=form.cleaned_data["code"])
            request.session.cycle_key()
            otp_login(request, device)
            return _no_store(render(request, "account/recovery_codes.html",
                                    {"codes": codes, "next": next_url(request)
                                     if request.POST.get("next") else ""}))
    context = _enrolment_context(request, totp_device_for_enrolment(user=user), form)
    return render(request, TEMPLATE, context, status=form_status(request, form))


@sensitive_post_parameters("code")
@sensitive_variables()
@require_POST
@login_required
def security_recovery_codes(request):
    """A new set of recovery codes (the old ones stop working), on a current code."""
    form = CodeForm(request.POST)
    if not has_second_factor(request.user) or not is_verified(request.user):
        return redirect("account_security")
    if form.is_valid() and second_factor_check(user=request.user,
                                               code=form.cleaned_data["code"]):
        codes = recovery_codes_renew(user=request.user)
        return _no_store(render(request, "account/recovery_codes.html", {"codes": codes}))
    form.add_error("code", _("That code is not right."))
    return render(request, TEMPLATE, _enrolled_context(request, form), status=400)


@sensitive_post_parameters("code")
@require_POST
@login_required
def security_disable(request):
    form = CodeForm(request.POST)
    if not has_second_factor(request.user):
        return redirect("account_security")
    if form.is_valid():
        with service_call(form=form):
            second_factor_disable(user=request.user, code=form.cleaned_data["code"])
            messages.success(request, _("The second factor is off for your account."))
            return redirect("account_security")
    return render(request, TEMPLATE, _enrolled_context(request, form),
                  status=form_status(request, form))
