"""An integration's API key, read from the request's Authorization header and checked."""

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from accreditation.keys import queries
from accreditation.keys.models import ApiKey

# A busy scanner must not turn every read into a write: last_used_at moves once a minute.
LAST_USED_RESOLUTION_SECONDS = 60


class ApiKeyUser(AnonymousUser):
    """Who an integration is: not a person, so no roles and no groups, only the key's scopes.

    It stays inactive on purpose: logistics.core.permissions.roles_of() gives an inactive user no
    role, so a key can never pass for the secretariat by accident.
    """

    def __init__(self, key):
        self.key = key

    @property
    def is_authenticated(self):
        return True

    @property
    def is_anonymous(self):
        return False

    def __str__(self):
        return f"api-key:{self.key.name}"


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <key>`; request.auth is the ApiKey, with .has_scope()."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        # The scheme is case-insensitive (RFC 9110 §11.1); the key itself is not.
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give the key after 'Bearer', and only it."))
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Unknown or revoked API key.")) from None
        # Compiled once per process (keys/queries.py): on the gates' scan path, compiling
        # this lookup cost ten times running it.
        key = queries.api_key(ApiKey.hash(raw))
        if key is None or not key.is_active:
            raise exceptions.AuthenticationFailed(_("Unknown or revoked API key."))
        now = timezone.now()
        if (key.last_used_at is None
                or (now - key.last_used_at).total_seconds() > LAST_USED_RESOLUTION_SECONDS):
            ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
            key.last_used_at = now
        return ApiKeyUser(key), key

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class ApiKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    """Tells the OpenAPI schema how integrations authenticate."""

    target_class = ApiKeyAuthentication
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key from `manage.py create_api_key NAME --scopes read "
                           "write`, sent as `Authorization: Bearer <key>`. For the plan, "
                           "delegations and programme, `read` allows GET and `write` "
                           "creating and updating. For accreditation, `accreditation:read` "
                           "reads applications and badges, `accreditation:write` creates and "
                           "updates applications, `accreditation:decide` approves, rejects, "
                           "asks for information and revokes badges; `scan` records scans "
                           "at checkpoints. `personal_data` opens nothing alone: beside `read` "
                           "or `accreditation:read` it adds the personal fields (dates of "
                           "birth, e-mail addresses, phones, travel, hotels, ID document data, "
                           "badge PDFs); without it they are left out, as each field's "
                           "description says.",
        }
