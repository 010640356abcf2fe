"""The badge's QR code: a short signed statement of which badge it is, which zones it opens
and when, so that a gate can decide with the public key alone when the network is down.

    ACC1.<base64url(body)>.<base64url(signature)>
    body = "<badge id>~<nonce>~<zone codes, comma-separated>~<valid from>~<valid until>"

The signature is ECDSA P-256 with SHA-256, as 64 raw bytes (r ‖ s): the form WebCrypto
verifies in the scanner page. Forging a code needs the private key; guessing one, the nonce
(64 random bits) as well. Revocation is not in the code: the server looks the badge up, and
an offline scanner holds a recent list of revoked badge ids.
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

PREFIX = "ACC1"
SEPARATOR = "~"
# A code longer than this is not ours; reading no further keeps a hostile scan cheap.
MAX_LENGTH = 400
_CURVE_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


@dataclass(frozen=True)
class BadgeCode:
    badge_id: int
    nonce: str
    zone_codes: tuple
    valid_from: date
    valid_until: date


@cache
def private_key():
    if settings.BADGE_SIGNING_KEY:
        return serialization.load_pem_private_key(settings.BADGE_SIGNING_KEY.encode(), None)
    # Development: a key that follows SECRET_KEY, so that codes survive a restart.
    seed = hashlib.sha256(f"accord-badge-signing:{settings.SECRET_KEY}".encode()).digest()
    return ec.derive_private_key(int.from_bytes(seed) % (_CURVE_ORDER - 1) + 1,
                                 ec.SECP256R1())


@cache
def public_key():
    return private_key().public_key()


def public_key_spki():
    """The public key as base64 SubjectPublicKeyInfo, for WebCrypto's importKey("spki")."""
    der = public_key().public_bytes(serialization.Encoding.DER,
                                    serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(der).decode()


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _body(badge_id, nonce, zone_codes, valid_from, valid_until):
    return SEPARATOR.join([str(badge_id), nonce, ",".join(zone_codes),
                           f"{valid_from:%Y%m%d}", f"{valid_until:%Y%m%d}"]).encode()


def encode(badge):
    """The QR payload of a badge (its zone_codes, dates and nonce as stored)."""
    zones = tuple(code for code in badge.zone_codes.split(",") if code)
    body = _body(badge.pk, badge.nonce, zones, badge.valid_from, badge.valid_until)
    der = private_key().sign(body, ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    return f"{PREFIX}.{_b64(body)}.{_b64(r.to_bytes(32) + s.to_bytes(32))}"


_ECDSA_SHA256 = ec.ECDSA(hashes.SHA256())


def _day(text):
    """YYYYMMDD as a date (what strptime("%Y%m%d") reads of the codes we sign)."""
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        return datetime.strptime(text, "%Y%m%d").date()  # its own answer, or ValueError
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


def decode(code):
    """The BadgeCode a payload states, or None when it is not a well-formed code of ours
    with a valid signature. Never raises, whatever it is given."""
    if not isinstance(code, str) or len(code) > MAX_LENGTH:
        return None
    parts = code.strip().split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        return None
    try:
        body, signature = _unb64(parts[1]), _unb64(parts[2])
    except (binascii.Error, ValueError):
        return None
    if len(signature) != 64:
        return None
    der = encode_dss_signature(int.from_bytes(signature[:32]), int.from_bytes(signature[32:]))
    try:
        public_key().verify(der, body, _ECDSA_SHA256)
    except InvalidSignature:
        return None
    # Signed by us, so well formed; parsed defensively all the same.
    try:
        badge_id, nonce, zones, valid_from, valid_until = body.decode().split(SEPARATOR)
        return BadgeCode(
            badge_id=int(badge_id), nonce=nonce,
            zone_codes=tuple(code for code in zones.split(",") if code),
            valid_from=_day(valid_from), valid_until=_day(valid_until))
    except ValueError:
        return None


def looks_like_ours(code):
    return isinstance(code, str) and code.startswith(PREFIX + ".")
