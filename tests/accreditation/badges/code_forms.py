"""Badge codes as an attacker or an old print makes them, built from the outside (the curve's
order, the key id's definition, the ACC1 format) rather than with
accreditation.badges.codes' own helpers, so that the tests can catch those out."""

import base64
import hashlib

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from accreditation.badges import codes

N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def twin(code):
    """The same code with the other valid signature: (r, s) -> (r, n - s)."""
    *head, signature = code.split(".")
    raw = unb64(signature)
    s = N - int.from_bytes(raw[32:])
    return ".".join([*head, b64(raw[:32] + s.to_bytes(32))])


def high_s(code):
    return int.from_bytes(unb64(code.split(".")[-1])[32:]) > N // 2


def spki(key):
    return key.public_bytes(serialization.Encoding.DER,
                            serialization.PublicFormat.SubjectPublicKeyInfo)


def kid(key):
    return b64(hashlib.sha256(spki(key)).digest())[:8]


def pem(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def old_code(badge, *, high):
    """A code as badges were printed before key ids: ACC1, signed over the body, either s."""
    body = (f"{badge.pk}~{badge.nonce}~{badge.zone_codes}~{badge.valid_from:%Y%m%d}~"
            f"{badge.valid_until:%Y%m%d}").encode()
    r, s = decode_dss_signature(codes.private_key().sign(body, ec.ECDSA(hashes.SHA256())))
    s = max(s, N - s) if high else min(s, N - s)
    return f"ACC1.{b64(body)}.{b64(r.to_bytes(32) + s.to_bytes(32))}"
