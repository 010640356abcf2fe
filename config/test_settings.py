"""Settings for the test suite: the same module, with test-only values on top."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")


def _test_keys():
    """The keys production requires, derived from fixed labels: the same in every process
    the tests start (a Celery worker, a gunicorn for the benches), and not secrets."""
    import base64
    import hashlib

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    def digest(label):
        return hashlib.sha256(f"accord-tests:{label}".encode()).digest()

    signing = ec.derive_private_key(int.from_bytes(digest("badge-signing")) % (2**255) + 1,
                                    ec.SECP256R1())
    pem = signing.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    return {
        "SECRET_KEY": digest("session").hex(),
        "FIELD_ENCRYPTION_KEYS": base64.urlsafe_b64encode(digest("field")).decode(),
        "ID_INDEX_KEY": digest("index").hex(),
        "BADGE_SIGNING_KEY": pem.replace("\n", "\\n"),
    }


for _name, _value in _test_keys().items():
    os.environ.setdefault(_name, _value)

from config.settings import *  # noqa: E402,F403
from config.settings import DATABASES, VAR_DIR  # noqa: E402

# The tests' webhook subscribers listen on loopback (test_webhooks.py takes it off to check
# the refusal).
WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
# Rate limits out of the suite's way (every test client is 127.0.0.1); tests/hostile/
# test_rate_limits.py sets them low.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {  # noqa: F405
    "key": "1000000/m", "scan": "1000000/m", "address": "1000000/m"}}
PUBLIC_RATE_LIMITS = {"form": "1000000/m", "feed": "1000000/m"}
# The login's limits as in production, in day-long windows: a test's few attempts never
# straddle two fixed windows (one in 900 would with the 15-minute ones).
LOGIN_RATES = {"account": "5/d", "address": "20/d", "account_total": "10/d"}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if "EMAIL_URL" not in os.environ:  # a live worker in another process is given a file backend
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": STORAGES["default"],  # noqa: F405  (the disk, or S3_BUCKET's)
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a real Celery worker in another process sees the test data;
    # one per test process, so that two runs side by side do not share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}
