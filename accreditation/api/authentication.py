from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from accreditation.models import ApiKey


class ApiKeyUser(AnonymousUser):
    """Who an integration is: not a person, so no roles, only the key's scopes."""

    def __init__(self, key):
        self.key = key

    @property
    def is_authenticated(self):
        return True

    def __str__(self):
        return f"api-key:{self.key.name}"


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <key>`; request.auth is the ApiKey, with .has_scope()."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give the key after 'Bearer'."))
        key = ApiKey.objects.filter(digest=ApiKey.hash(header[1])).first()
        if key is None or not key.is_active:
            raise exceptions.AuthenticationFailed(_("Unknown or revoked API key."))
        # One write a minute at most: a busy scanner must not turn every read into a write.
        now = timezone.now()
        if key.last_used_at is None or (now - key.last_used_at).total_seconds() > 60:
            ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        return ApiKeyUser(key), key

    def authenticate_header(self, request):
        return self.keyword
