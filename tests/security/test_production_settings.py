"""The production settings: `check --deploy` is clean with real keys, and Accord refuses to
start with DEBUG off when a key is missing, weak or malformed. Each case starts a fresh
Python, since settings are read once per process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

BASE_DIR = Path(__file__).resolve().parents[2]


def _pem(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode().replace("\n", "\\n")


def production_env(**overrides):
    env = {name: value for name, value in os.environ.items()
           if name not in {"SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "ID_INDEX_KEY",
                           "BADGE_SIGNING_KEY", "DEBUG", "SECURE_SSL_REDIRECT",
                           "DJANGO_SETTINGS_MODULE",
                           # set by the browser tests' conftest, never in a deployment
                           "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": "k7#Qv9!zR2mW8pL4xT6nB1cY5hJ3fD0gS7aE9uI2oP4rK6wM8vN1bX3qZ5tL7yH0",
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "ID_INDEX_KEY": "9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddccbbaa99887766",
        "BADGE_SIGNING_KEY": _pem(ec.generate_private_key(ec.SECP256R1())),
        "ALLOWED_HOSTS": "accord.example.org",
        "ACCORD_VAR_DIR": "/tmp/accord-deploy-check",
        "LOG_LEVEL": "ERROR",
        "REDIS_URL": "redis://redis.example.org:6379/0",  # not connected to by the checks
    })
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def manage(*args, env):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env,
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_real_keys():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_that_without_redis_it_serves_one_machine():
    result = manage("check", "--deploy", env=production_env(REDIS_URL=None))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(accord.W001) REDIS_URL is not set" in result.stderr + result.stdout
    assert "accord.W001" not in manage("check", "--deploy", env=production_env()).stderr


@pytest.mark.parametrize(("overrides", "complaint"), [
    ({"SECRET_KEY": None}, "SECRET_KEY is not set"),
    ({"SECRET_KEY": "short"}, "SECRET_KEY is too short"),
    ({"SECRET_KEY": "django-insecure-" + "x1y2z3" * 10}, "SECRET_KEY looks like a placeholder"),
    ({"FIELD_ENCRYPTION_KEYS": None}, "FIELD_ENCRYPTION_KEYS is not set"),
    ({"FIELD_ENCRYPTION_KEYS": "not-a-fernet-key"}, "key 1 is not a Fernet key"),
    ({"ID_INDEX_KEY": None}, "ID_INDEX_KEY is not set"),
    ({"ID_INDEX_KEY": "abc"}, "ID_INDEX_KEY is too short"),
    ({"BADGE_SIGNING_KEY": None}, "BADGE_SIGNING_KEY is not set"),
    ({"BADGE_SIGNING_KEY": "-----BEGIN PRIVATE KEY-----\\nnope\\n-----END PRIVATE KEY-----"},
     "BADGE_SIGNING_KEY is not a PEM private key"),
    ({"BADGE_PREVIOUS_PUBLIC_KEYS": "bm90IGEga2V5"}, "BADGE_PREVIOUS_PUBLIC_KEYS: key 1 is not"),
    ({"BADGE_OLD_CODES_UNTIL": "31/12/2026"}, "BADGE_OLD_CODES_UNTIL: '31/12/2026' is not"),
    ({"BADGE_OLD_CODES_UNTIL": "2026-02-30"}, "BADGE_OLD_CODES_UNTIL: '2026-02-30' is not"),
    ({"WEBHOOK_ALLOWED_NETWORKS": "10.20.0.0/16,10.0.0.1/8"},
     "WEBHOOK_ALLOWED_NETWORKS: '10.0.0.1/8' is not a network"),
    # The old switch is refused, not ignored: its networks must be listed instead.
    ({"WEBHOOK_ALLOW_PRIVATE_ADDRESSES": "true"}, "WEBHOOK_ALLOW_PRIVATE_ADDRESSES is gone"),
])
def test_production_refuses_to_start_without_a_real_key(overrides, complaint):
    result = manage("check", env=production_env(**overrides))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert complaint in result.stderr


def test_a_key_on_the_wrong_curve_is_refused():
    rsa_pem = _pem(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    result = manage("check", env=production_env(BADGE_SIGNING_KEY=rsa_pem))
    assert result.returncode != 0
    assert "must be an EC P-256" in result.stderr


def test_every_problem_is_listed_at_once():
    result = manage("check", env=production_env(SECRET_KEY=None, ID_INDEX_KEY=None))
    assert "SECRET_KEY is not set" in result.stderr
    assert "ID_INDEX_KEY is not set" in result.stderr


def test_development_starts_without_any_key():
    result = manage("check", env=production_env(
        DEBUG="true", SECRET_KEY=None, FIELD_ENCRYPTION_KEYS=None, ID_INDEX_KEY=None,
        BADGE_SIGNING_KEY=None))
    assert result.returncode == 0, result.stderr
