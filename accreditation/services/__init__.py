from .keys import api_key_create, api_key_revoke  # noqa: F401
