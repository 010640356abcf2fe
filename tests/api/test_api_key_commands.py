from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accreditation.keys.models import ApiKey


def _create(*args):
    out = StringIO()
    call_command("create_api_key", *args, stdout=out)
    return out.getvalue().splitlines()


def test_create_api_key_prints_the_key_once_and_stores_its_hash(db, bearer):
    lines = _create("plan sync", "--scopes", "read", "write")
    key = ApiKey.objects.get()
    raw = lines[1]
    assert lines[0] == f'Created API key "plan sync" ({key.prefix}…) with scope(s): read, write.'
    assert lines[2].startswith("Copy it now: it will not be shown again.")
    assert (raw.startswith("acc_"), len(raw) > 40, key.scopes) == (True, True,
                                                                    ["read", "write"])
    assert key.digest == ApiKey.hash(raw)
    stored = ApiKey.objects.filter(pk=key.pk).values().get()
    assert [name for name, value in stored.items() if raw in str(value)] == []
    assert bearer(raw).get("/api/v1/events/").status_code == 200


def test_create_api_key_defaults_to_read_scope(db):
    _create("dashboard")
    assert ApiKey.objects.get().scopes == ["read"]


def test_create_api_key_gives_personal_data_only_when_asked(db, bearer):
    """The UN registration system gets the members' personal data; a dashboard does not."""
    from tests.factories.delegations import MemberFactory

    member = MemberFactory(email="ruto@kenya.example")
    plain = _create("dashboard", "--scopes", "read")[1]
    personal = _create("registration", "--scopes", "read", "personal_data")[1]
    assert ApiKey.objects.get(name="registration").scopes == ["read", "personal_data"]
    url = f"/api/v1/members/{member.pk}/"
    assert "email" not in bearer(plain).get(url).json()
    assert bearer(personal).get(url).json()["email"] == "ruto@kenya.example"


def test_create_api_key_refuses_unknown_scope(db):
    with pytest.raises(CommandError) as error:
        _create("x", "--scopes", "read", "admin")
    assert str(error.value) == ("Unknown scope(s): admin. Choose from: read, write, "
                                "accreditation:read, accreditation:write, "
                                "accreditation:decide, scan, personal_data.")
    assert ApiKey.objects.count() == 0


def test_create_api_key_refuses_blank_name(db):
    with pytest.raises(CommandError):
        _create("  ", "--scopes", "read")
    assert ApiKey.objects.count() == 0


def test_revoke_api_key_by_prefix(db, bearer):
    raw = _create("plan sync", "--scopes", "read")[1]
    out = StringIO()
    call_command("revoke_api_key", raw[:12], stdout=out)
    assert out.getvalue().startswith(f"Revoked plan sync ({raw[:12]}…) at ")
    assert ApiKey.objects.get().is_active is False
    assert bearer(raw).get("/api/v1/events/").status_code == 401


def test_revoke_api_key_by_name(db):
    _create("badge printer")
    call_command("revoke_api_key", "badge printer", stdout=StringIO())
    assert ApiKey.objects.get().revoked_at is not None


def test_revoke_api_key_refuses_ambiguous_name(db):
    _create("scanner")
    _create("scanner")
    with pytest.raises(CommandError):
        call_command("revoke_api_key", "scanner", stdout=StringIO())
    assert ApiKey.objects.filter(revoked_at__isnull=True).count() == 2


def test_revoke_api_key_unknown(db):
    with pytest.raises(CommandError):
        call_command("revoke_api_key", "acc_nothing", stdout=StringIO())


def test_revoke_api_key_twice_is_harmless(db):
    _create("scanner")
    call_command("revoke_api_key", "scanner", stdout=StringIO())
    first = ApiKey.objects.get().revoked_at
    out = StringIO()
    call_command("revoke_api_key", "scanner", stdout=out)
    assert (out.getvalue().strip().endswith("was already revoked."),
            ApiKey.objects.get().revoked_at) == (True, first)
