"""The staff login, throttled: after a few failed attempts on one account, or many from one
address, further attempts are refused for a while (429), the right password included, so
that passwords cannot be guessed at the speed of a script."""

from django.contrib.auth.views import LoginView
from django.core.cache import cache

# (attempts, window in seconds): per account, and per address across accounts.
ACCOUNT_LIMIT = (5, 15 * 60)
ADDRESS_LIMIT = (20, 15 * 60)


def _counters(request):
    username = (request.POST.get("username") or "").strip().casefold()[:150]
    address = request.META.get("REMOTE_ADDR", "")
    return [(f"login-fail:user:{username}", ACCOUNT_LIMIT),
            (f"login-fail:addr:{address}", ADDRESS_LIMIT)]


def _blocked(request):
    return any((cache.get(key) or 0) >= limit for key, (limit, _window) in _counters(request))


def _count_failure(request):
    for key, (_limit, window) in _counters(request):
        # add() starts the window; incr() never extends it.
        if not cache.add(key, 1, window):
            try:
                cache.incr(key)
            except ValueError:  # expired between the two calls
                cache.add(key, 1, window)


class ThrottledLoginView(LoginView):
    def post(self, request, *args, **kwargs):
        if _blocked(request):
            # Refused before any password is checked: not even the right one gets in now.
            form = self.form_class(request, initial={"username": request.POST.get("username")})
            context = self.get_context_data(form=form, throttled_minutes=ACCOUNT_LIMIT[1] // 60)
            return self.render_to_response(context, status=429)
        response = super().post(request, *args, **kwargs)
        if response.status_code == 200:  # the form came back: a wrong name or password
            _count_failure(request)
        else:  # logged in: the account's count starts again
            cache.delete(_counters(request)[0][0])
        return response
