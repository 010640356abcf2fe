"""Salts and key labels are part of what Accord has already handed out: a calendar feed a
delegation subscribed to, a kept upload's reference in a form, a device cookie, the keyed
digests in the outbox, encrypted fields. Changing one breaks all of those silently. Two of
them carry old module paths on purpose (the code moved, the strings may not): a test of
the values themselves, so that a rename, a move or a tidy-up cannot change one unseen."""

import ast
from pathlib import Path

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from logistics.core import kept_uploads
from logistics.delegations.calendar_link import delegation_from_token

ROOT = Path(__file__).resolve().parents[2]

# Every salt or key label in the code, with its value; a new one is added here on purpose.
PINNED = {
    ("logistics/core/accounts/throttle.py", "accord.login.device"),
    ("logistics/core/kept_uploads.py", "logistics.kept_uploads"),
    ("logistics/core/mail.py", "accord.public_mail"),
    ("logistics/delegations/calendar_link.py", "logistics.ical.delegation"),
    ("logistics/programme/services/publishing.py", "accord.programme_change_mail"),
    ("logistics/core/crypto.py", "accord-field-encryption"),
    ("logistics/core/crypto.py", "accord-id-index"),
    ("logistics/core/crypto.py", "accord-secret-link-index"),
}


def _literal(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str | bytes):
        value = node.value
        return value.decode("latin-1") if isinstance(value, bytes) else value
    return None


def salts_in(source):
    """The literal salts and key labels of a module: assigned to a name ending in SALT,
    passed as `salt=`, or first to salted_hmac() and _derived(), or hmac.new()'s message."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and _literal(node.value) is not None:
            if any(isinstance(target, ast.Name) and target.id.upper().endswith("SALT")
                   for target in node.targets):
                found.append(_literal(node.value))
        elif isinstance(node, ast.Call):
            found += [_literal(kw.value) for kw in node.keywords
                      if kw.arg in ("salt", "key_salt") and _literal(kw.value) is not None]
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in ("salted_hmac", "_derived") and node.args and _literal(node.args[0]):
                found.append(_literal(node.args[0]))
            if (name == "new" and isinstance(func, ast.Attribute)
                    and getattr(func.value, "id", "") == "hmac" and len(node.args) > 1
                    and _literal(node.args[1])):
                found.append(_literal(node.args[1]))
    return found


def test_every_salt_in_the_code_is_pinned_with_its_value():
    found = {(str(path.relative_to(ROOT)), salt)
             for app in ("logistics", "accreditation", "privacy", "config")
             for path in sorted((ROOT / app).rglob("*.py")) if "migrations" not in path.parts
             for salt in salts_in(path.read_text(encoding="utf-8"))}
    assert found == PINNED


def test_the_reading_finds_each_kind_of_salt():
    source = ('A_SALT = "one"\nsigning.dumps(x, salt="two")\nsalted_hmac("three", v)\n'
              '_derived("four")\nhmac.new(key, b"five", sha256)\nNOT_A_KEY = "six"\n')
    assert salts_in(source) == ["one", "two", "three", "four", "five"]


def test_a_calendar_feed_subscribed_before_the_move_still_opens():
    token = signing.Signer(salt="logistics.ical.delegation").sign_object(42, compress=True)
    assert delegation_from_token(token) == 42
    forged = signing.Signer(salt="logistics.programme.ical.delegation").sign_object(
        42, compress=True)
    assert delegation_from_token(forged) is None


def test_a_kept_upload_referenced_before_the_move_is_still_found(media):
    name = default_storage.save("kept/1700000000-old.jpg", ContentFile(b"kept bytes"))
    session = {kept_uploads.SESSION_KEY: "visitor-key"}
    reference = signing.dumps({"field": "photo", "name": name, "shown": "me.jpg"},
                              salt="logistics.kept_uploads:visitor-key")
    found = kept_uploads.kept(session=session, field="photo", reference=reference)
    assert found is not None and found.name == name and found.shown_name == "me.jpg"
