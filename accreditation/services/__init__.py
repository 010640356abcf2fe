"""Writes for accreditation, one module per concept; views, the API, commands and tasks call
these and nothing else to change data."""

from accreditation.services.keys import api_key_create, api_key_revoke  # noqa: F401
