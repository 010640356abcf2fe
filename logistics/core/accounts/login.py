"""The staff login, throttled (logistics.core.accounts.throttle): each attempt is counted before
its password or code is checked; after a few failed attempts on one account from one
address, many from one address, or more on one account from everywhere, further attempts
are refused for a while (429 with Retry-After), the right password included, so that
passwords cannot be guessed at the speed of a script, nor by many at once.

An account with an authenticator logs in in two steps: the password, then a code from the
app (or a recovery code). The session is only logged in after the code; until then it holds
the pending account for a few minutes. Wrong codes count against the same limits as wrong
passwords, and the password step does not reset them while a code is still owed (a right
password is only given back its own count)."""

import time
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from logistics.core.accounts import VERIFY, has_second_factor, second_factor_missing
from logistics.core.accounts.services import second_factor_check
from logistics.core.accounts.throttle import login_attempt, login_passed, login_succeeded

# How long the password step stays good for its code.
PENDING_SECONDS = 5 * 60
PENDING_KEY = "accord_login_pending"


def _throttled(response, retry_after):
    response["Retry-After"] = str(retry_after)
    return response


def _minutes(retry_after):
    return max(1, (retry_after + 59) // 60)


class ThrottledLoginView(LoginView):
    # What the form's password turned out to be: None (wrong, or the form came back),
    # LOGGED_IN, or CODE_OWED. Told by the form, not by the session, which may be another
    # account's already.
    LOGGED_IN, CODE_OWED = "logged in", "code owed"

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username") or ""
        attempt = login_attempt(request, username)
        if attempt.retry_after is not None:
            # Refused before any password is checked: not even the right one gets in now.
            form = self.form_class(request, initial={"username": username})
            context = self.get_context_data(form=form,
                                            throttled_minutes=_minutes(attempt.retry_after))
            return _throttled(self.render_to_response(context, status=429),
                              attempt.retry_after)
        self.outcome = None
        response = super().post(request, *args, **kwargs)
        if self.outcome == self.LOGGED_IN:
            login_succeeded(request, username, response, attempt)
        elif self.outcome == self.CODE_OWED:
            login_passed(attempt)
        return response  # a wrong name or password stays counted

    def form_valid(self, form):
        user = form.get_user()
        if not has_second_factor(user):
            self.outcome = self.LOGGED_IN
            return super().form_valid(form)
        self.outcome = self.CODE_OWED
        self.request.session[PENDING_KEY] = {
            "user": user.pk, "backend": user.backend, "until": time.time() + PENDING_SECONDS,
            # A password changed meanwhile voids the step, as it voids sessions.
            "hash": user.get_session_auth_hash()}
        return redirect(f"{reverse('login_code')}?{urlencode({'next': self.get_success_url()})}")


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20, strip=True)


def _pending_user(request):
    """(user, backend) owing a code in this session: the account whose password was just
    given, or a logged-in session whose account has enrolled since. (None, None) otherwise."""
    if second_factor_missing(request.user) == VERIFY:
        return request.user, None
    pending = request.session.get(PENDING_KEY)
    if not pending or pending.get("until", 0) < time.time():
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    if user is None or not constant_time_compare(user.get_session_auth_hash(), pending["hash"]):
        return None, None
    return user, pending["backend"]


def next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def login_code(request):
    """The second step: a code from the authenticator app, or a recovery code (used up)."""
    user, backend = _pending_user(request)
    if user is None:
        request.session.pop(PENDING_KEY, None)
        return redirect(f"{reverse('login')}?{urlencode({'next': next_url(request)})}")
    username = user.get_username()
    form = CodeForm(request.POST or None)
    context = {"form": form, "next": next_url(request)}
    if request.method == "POST":
        attempt = login_attempt(request, username)
        if attempt.retry_after is not None:
            context["throttled_minutes"] = _minutes(attempt.retry_after)
            return _throttled(render(request, "registration/login_code.html", context,
                                     status=429), attempt.retry_after)
        device = form.is_valid() and second_factor_check(user=user,
                                                        code=form.cleaned_data["code"])
        if device:
            if request.user.is_authenticated:
                request.session.cycle_key()
            else:
                auth_login(request, user, backend=backend)
            otp_login(request, device)
            request.session.pop(PENDING_KEY, None)
            return login_succeeded(request, username, redirect(context["next"]), attempt)
        # A wrong code stays counted.
        form.errors.clear()
        form.add_error(None, _("That code is not right. Enter the code the app shows now, "
                               "or one of your recovery codes."))
    return render(request, "registration/login_code.html", context)
