"""The badge's QR code: a short signed statement of which badge it is, which zones it opens
and when, so that a gate can decide with the public keys alone when the network is down.

    ACC2.<key id>.<base64url(body)>.<base64url(signature)>
    body = "<badge id>~<nonce>~<zone codes, comma-separated>~<valid from>~<valid until>"

The signature is ECDSA P-256 with SHA-256 over the text before its dot ("ACC2.<key id>.
<body>"), as 64 raw bytes (r ‖ s): the form WebCrypto verifies in the scanner page. Plain
ECDSA has two valid signatures for every one it makes, (r, s) and (r, n − s): only the low
one (s ≤ n/2) is made and accepted, and the signing is deterministic (RFC 6979), so a badge
has exactly one code per key, and anything keyed on the code's text holds. The key id
(the first 8 characters of base64url(SHA-256) of the public key's SubjectPublicKeyInfo)
names the key that signed: BADGE_SIGNING_KEY signs, and the public keys of earlier signing
keys (BADGE_PREVIOUS_PUBLIC_KEYS) still verify the badges printed with them, so a key can
be changed without reprinting every badge.

    ACC1.<base64url(body)>.<base64url(signature)>

is the format of the badges printed before key ids: signed over the body alone, with either
s, so that no one can tell which of its two forms was printed. Both open, online and
offline, up to and including the day BADGE_OLD_CODES_UNTIL at the venue (no last day when
it is not set), and neither after it. Whoever holds the twin holds the printed code too, so
accepting both gives no one more than they had; taking the first form a gate saw for the
printed one would let anyone who photographed a badge lock its holder out.
Base64 must be written as we write it: a second spelling of the same bytes is a second code,
and is refused.

Forging a code needs a private key; guessing one, the nonce (64 random bits) as well.
Revocation is not in the code: the server looks the badge up, and an offline scanner holds
a recent list of revoked badge ids.
"""

import base64
import binascii
import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from django.conf import settings

PREFIX = "ACC2"
OLD_PREFIX = "ACC1"
SEPARATOR = "~"
# A code longer than this is not ours; reading no further keeps a hostile scan cheap.
MAX_LENGTH = 400
CURVE_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
HALF_ORDER = CURVE_ORDER // 2
KEY_ID_LENGTH = 8
_SIGN = ec.ECDSA(hashes.SHA256(), deterministic_signing=True)
_VERIFY = ec.ECDSA(hashes.SHA256())


@dataclass(frozen=True)
class BadgeCode:
    badge_id: int
    nonce: str
    zone_codes: tuple
    valid_from: date
    valid_until: date
    old: bool = False  # an ACC1 code, printed before key ids


def old_codes_until():
    """The last day (at the venue) old (ACC1) codes open, or None for no last day."""
    return settings.BADGE_OLD_CODES_UNTIL


def old_codes_open_on(day):
    until = old_codes_until()
    return until is None or day <= until


@cache
def private_key():
    if settings.BADGE_SIGNING_KEY:
        return serialization.load_pem_private_key(settings.BADGE_SIGNING_KEY.encode(), None)
    # Development: a key that follows SECRET_KEY, so that codes survive a restart.
    seed = hashlib.sha256(f"accord-badge-signing:{settings.SECRET_KEY}".encode()).digest()
    return ec.derive_private_key(int.from_bytes(seed) % (CURVE_ORDER - 1) + 1,
                                 ec.SECP256R1())


@cache
def public_key():
    return private_key().public_key()


def _spki(key):
    return key.public_bytes(serialization.Encoding.DER,
                            serialization.PublicFormat.SubjectPublicKeyInfo)


def key_id(key):
    """The id a code names its key by: derived from the public key, so it needs no record."""
    return _b64(hashlib.sha256(_spki(key)).digest())[:KEY_ID_LENGTH]


@cache
def verifying_keys():
    """{key id: public key}: the signing key's, then each of BADGE_PREVIOUS_PUBLIC_KEYS
    (base64 SubjectPublicKeyInfo, checked when the settings load)."""
    keys = {key_id(public_key()): public_key()}
    for text in settings.BADGE_PREVIOUS_PUBLIC_KEYS:
        key = serialization.load_der_public_key(base64.b64decode(text))
        keys.setdefault(key_id(key), key)
    return keys


def forget_keys():
    """After the key settings change (tests): the keys are read again."""
    for cached in (private_key, public_key, verifying_keys):
        cached.cache_clear()


def public_key_spki():
    """The signing key's public half as base64 SubjectPublicKeyInfo, for WebCrypto's
    importKey("spki")."""
    return base64.b64encode(_spki(public_key())).decode()


def public_keys_spki():
    """{key id: base64 SubjectPublicKeyInfo} of every key a code may name."""
    return {kid: base64.b64encode(_spki(key)).decode() for kid, key in verifying_keys().items()}


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text):
    """The bytes of base64url text written as _b64 writes them; ValueError for any other
    spelling (padding, stray characters, unused bits set), which would be a second code."""
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if _b64(data) != text:
        raise ValueError(text)
    return data


def _body(badge_id, nonce, zone_codes, valid_from, valid_until):
    return SEPARATOR.join([str(badge_id), nonce, ",".join(zone_codes),
                           f"{valid_from:%Y%m%d}", f"{valid_until:%Y%m%d}"]).encode()


def encode(badge):
    """The QR payload of a badge (its zone_codes, dates and nonce as stored): the same text
    every time for the same badge and key."""
    zones = tuple(code for code in badge.zone_codes.split(",") if code)
    body = _body(badge.pk, badge.nonce, zones, badge.valid_from, badge.valid_until)
    signed = f"{PREFIX}.{key_id(public_key())}.{_b64(body)}"
    r, s = decode_dss_signature(private_key().sign(signed.encode(), _SIGN))
    s = min(s, CURVE_ORDER - s)
    return f"{signed}.{_b64(r.to_bytes(32) + s.to_bytes(32))}"


def _day(text):
    """YYYYMMDD as a date (what strptime("%Y%m%d") reads of the codes we sign)."""
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        return datetime.strptime(text, "%Y%m%d").date()  # its own answer, or ValueError
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


def _verifies(key, r, s, message):
    try:
        key.verify(encode_dss_signature(r, s), message, _VERIFY)
    except InvalidSignature:
        return False
    return True


def decode(code):
    """The BadgeCode a payload states, or None when it is not a well-formed code of ours
    with a valid signature by a configured key. Never raises, whatever it is given."""
    if not isinstance(code, str) or len(code) > MAX_LENGTH:
        return None
    parts = code.strip().split(".")
    if parts[0] == PREFIX and len(parts) == 4:
        old = False
        keys = [verifying_keys().get(parts[1])]
    elif parts[0] == OLD_PREFIX and len(parts) == 3:
        old = True
        keys = list(verifying_keys().values())
    else:
        return None
    try:
        body, signature = _unb64(parts[-2]), _unb64(parts[-1])
    except (binascii.Error, ValueError):
        return None
    if len(signature) != 64:
        return None
    r, s = int.from_bytes(signature[:32]), int.from_bytes(signature[32:])
    if not old and s > HALF_ORDER:
        return None  # the twin of a code we signed
    message = body if old else ".".join(parts[:3]).encode()
    if not any(key is not None and _verifies(key, r, s, message) for key in keys):
        return None
    # Signed by us, so well formed; parsed defensively all the same.
    try:
        badge_id, nonce, zones, valid_from, valid_until = body.decode().split(SEPARATOR)
        return BadgeCode(
            badge_id=int(badge_id), nonce=nonce,
            zone_codes=tuple(code for code in zones.split(",") if code),
            valid_from=_day(valid_from), valid_until=_day(valid_until), old=old)
    except ValueError:
        return None


def looks_like_ours(code):
    return isinstance(code, str) and code.startswith((PREFIX + ".", OLD_PREFIX + "."))
