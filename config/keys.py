"""What the settings demand of their secrets (and of the other values that would fail only
later, at the gates or at a delivery), checked before anything starts.

With DEBUG on, every missing key falls back to one derived from SECRET_KEY (development
only). With DEBUG off a missing, weak or malformed key stops the process with every problem
listed at once, so an operator fixes the environment in one go instead of one restart per key.
"""

import base64
import binascii
import ipaddress
import re
from datetime import date

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

# The development fallback, and the prefix of the placeholder `startproject` writes: neither
# may sign a production session.
_KNOWN_WEAK = ("insecure", "changeme", "change-me", "secret")
MIN_SECRET_KEY_LENGTH = 50
MIN_INDEX_KEY_LENGTH = 32


def secret_key_problem(value):
    if not value:
        return "SECRET_KEY is not set."
    if len(value) < MIN_SECRET_KEY_LENGTH or len(set(value)) < 5:
        return (f"SECRET_KEY is too short or too simple (at least {MIN_SECRET_KEY_LENGTH} "
                "random characters).")
    if any(word in value.lower() for word in _KNOWN_WEAK):
        return "SECRET_KEY looks like a placeholder; generate a random one."
    return None


def field_keys_problem(values):
    if not values:
        return ("FIELD_ENCRYPTION_KEYS is not set (comma-separated Fernet keys; the first "
                "encrypts).")
    for position, value in enumerate(values, start=1):
        try:
            raw = base64.urlsafe_b64decode(value.encode())
        except (binascii.Error, ValueError):
            raw = b""
        if len(raw) != 32:
            return f"FIELD_ENCRYPTION_KEYS: key {position} is not a Fernet key."
    return None


def index_key_problem(value):
    if not value:
        return "ID_INDEX_KEY is not set."
    if len(value) < MIN_INDEX_KEY_LENGTH:
        return f"ID_INDEX_KEY is too short (at least {MIN_INDEX_KEY_LENGTH} characters)."
    return None


def signing_key_problem(pem):
    if not pem:
        return "BADGE_SIGNING_KEY is not set (PEM of an EC P-256 private key)."
    try:
        key = serialization.load_pem_private_key(pem.encode(), None)
    except (ValueError, TypeError):
        return "BADGE_SIGNING_KEY is not a PEM private key without a password."
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
        return "BADGE_SIGNING_KEY must be an EC P-256 (prime256v1) key."
    return None


def previous_public_keys_problem(values):
    """BADGE_PREVIOUS_PUBLIC_KEYS: base64 SubjectPublicKeyInfo of EC P-256 keys."""
    for position, value in enumerate(values, start=1):
        try:
            key = serialization.load_der_public_key(base64.b64decode(value, validate=True))
        except (binascii.Error, ValueError, TypeError):
            key = None
        if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
            return (f"BADGE_PREVIOUS_PUBLIC_KEYS: key {position} is not the base64 of an EC "
                    "P-256 public key (SubjectPublicKeyInfo, DER).")
    return None


def old_codes_until_problem(value):
    """BADGE_OLD_CODES_UNTIL: empty, or a day written YYYY-MM-DD."""
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            date.fromisoformat(value)
            return None
    except ValueError:
        pass
    return f"BADGE_OLD_CODES_UNTIL: {value!r} is not a day written YYYY-MM-DD."


def webhook_networks_problem(values):
    """WEBHOOK_ALLOWED_NETWORKS: networks in CIDR notation, without host bits."""
    for value in values:
        try:
            ipaddress.ip_network(value)
        except ValueError as error:
            return (f"WEBHOOK_ALLOWED_NETWORKS: {value!r} is not a network ({error}); write "
                    "it as 10.20.0.0/16 or fd00:1::/64.")
    return None


def production_key_problems(*, secret_key, field_keys, index_key, signing_key):
    problems = [
        secret_key_problem(secret_key),
        field_keys_problem(field_keys),
        index_key_problem(index_key),
        signing_key_problem(signing_key),
    ]
    return [problem for problem in problems if problem]
