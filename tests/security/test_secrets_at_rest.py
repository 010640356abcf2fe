"""Secrets at rest. Every model field that holds a secret (a link Accord mails again, a key
that signs or checks codes) is in SECRETS, which the test checks against the models: a new
field whose name sounds secret fails until it is classed here. The database column of each
holds neither the secret nor any part of it; each link still opens its page by its URL, and
nothing else does; the table of unsent tasks never holds one; `rotate_field_keys` moves all
of them to new keys, every link still opening afterwards."""

import json
import re
import socket
from base64 import b32encode
from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from accreditation.applications.models.applications import Application
from accreditation.applications.services.applications import application_request_information
from accreditation.enums import ApplicationStatus
from accreditation.integrations.models import Webhook
from accreditation.integrations.services.webhooks import sign, webhook_register
from accreditation.keys.services import api_key_create
from config.celery import app as celery_app
from logistics.core import crypto
from logistics.core.accounts.models import Authenticator, RecoveryCodes
from logistics.core.accounts.services import recovery_codes_renew, totp_device_for_enrolment
from logistics.core.enums import Role
from logistics.core.models.queueing import UnsentTask
from logistics.delegations.enums import DelegationKind
from logistics.delegations.models import Invitation
from logistics.delegations.services.invitations import invitations_send
from logistics.reminders.services import reminders_sweep
from logistics.side_events.enums import ProposalStatus
from logistics.side_events.models import SideEventProposal
from logistics.side_events.services.decisions import proposal_decide
from tests.factories.accreditation import journalist
from tests.factories.delegations import DelegationFactory, country
from tests.factories.plan import user_with_role
from tests.factories.side_events import ProposalFactory

# Every field that holds a secret Accord must read back: encrypted (a SecretField), and a
# link found by the keyed hash beside it (`<field>_index`, a SecretIndexField).
SECRETS = {
    "logistics.Invitation.token": "link",
    "logistics.SideEventProposal.confirm_token": "link",
    "accreditation.Application.token": "link",
    "accreditation.Webhook.secret": "key",
    "logistics.Authenticator.key": "key",
    "logistics.RecoveryCodes.codes": "key",
}
# Fields whose names sound secret and which hold none in clear, each with the reason.
NOT_SECRETS = {
    "accreditation.ApiKey.digest": "SHA-256 of a 256-bit key, which is shown once, never kept",
    "accreditation.ApiKey.prefix": "the key's first characters, to tell keys apart in lists",
    "accreditation.BulkDecision.digest": "SHA-256 of the action and the applications' ids: "
                                         "one unfinished job per selection",
    "accreditation.BulkDecision.key": "the confirmation form's token, kept as the job's unique "
                                      "key: a second submission finds the same job (another "
                                      "officer's key is refused), it opens nothing",
    "accreditation.Badge.nonce": "inside the badge's signed code: opens nothing unsigned",
    "accreditation.Badge.zone_codes": "the zones' letter codes, printed on the badge",
    "auth.User.password": "Django's salted, iterated password hash",
    "logistics.MailCount.address_digest": "a keyed digest of an address the public typed, to "
                                          "count its mails: it opens nothing",
    "logistics.OutgoingMail.key": "what a mail is about (a record's kind and id; for a "
                                  "programme-change mail, the version and a keyed digest of "
                                  "the address), to send it once: it opens nothing",
    "sessions.Session.session_key": "Django's own: a session lasts SESSION_COOKIE_AGE at most "
                                    "and a password change ends the others (not encrypted)",
}
SOUNDS_SECRET = re.compile(r"token|secret|password|passphrase|nonce|(^|_)(otp|seed)|"
                           r"(^|_)(digest|key|pin|codes)$")


def _label(field):
    return f"{field.model._meta.label}.{field.name}"


def _all_fields():
    return [field for model in apps.get_models() for field in model._meta.concrete_fields]


def test_every_field_that_sounds_secret_is_classed():
    """A new field named like a secret (or declared one) fails here until it is listed."""
    found = {_label(field) for field in _all_fields()
             if not field.is_relation and not field.name.endswith("_index")
             and (SOUNDS_SECRET.search(field.name) or isinstance(field, crypto.SecretField))}
    assert sorted(found - set(SECRETS) - set(NOT_SECRETS)) == []
    # And every entry is a field still there (a renamed one would hide its successor).
    assert sorted((set(SECRETS) | set(NOT_SECRETS)) - {_label(f) for f in _all_fields()}) == []


@pytest.mark.parametrize("label", sorted(SECRETS))
def test_every_secret_is_encrypted_and_every_link_indexed(label):
    app_model, name = label.rsplit(".", 1)
    model = apps.get_model(app_model)
    field = model._meta.get_field(name)
    assert isinstance(field, crypto.SecretField), label
    index = {f.name: f for f in model._meta.concrete_fields
             if isinstance(f, crypto.SecretIndexField)}
    if SECRETS[label] == "link":
        assert index[f"{name}_index"].of == name and index[f"{name}_index"].unique
    else:
        assert not index, f"{label} is used, never looked up: no index"


# One row of each secret, made as Accord makes them.

@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.SITE_URL = "https://accord.example.org"


@pytest.fixture
def secrets_world(db, media, event, cats, outlet, protocol, secretariat):
    kenya = DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("KE"),
                              name="Kenya", focal_point_email="mission@kenya.example")
    (invitation,), _skipped = invitations_send(event=event, by=protocol, delegations=[kenya])
    application = journalist(event, outlet=outlet)
    proposal = ProposalFactory(event=event, status=ProposalStatus.ACCEPTED)
    key, _raw = api_key_create(name="portal", scopes=["accreditation:read"], by=secretariat)
    webhook = webhook_register(api_key=key, url="https://example.org/hook",
                               events=["application.status_changed"])
    officer = user_with_role(Role.ACCREDITATION, username="officer")
    authenticator = totp_device_for_enrolment(user=officer)
    recovery_codes_renew(user=officer)
    rows = {"logistics.Invitation": invitation, "accreditation.Application": application,
            "logistics.SideEventProposal": proposal, "accreditation.Webhook": webhook,
            "logistics.Authenticator": authenticator,
            "logistics.RecoveryCodes": RecoveryCodes.objects.get(user=officer)}
    return SimpleNamespace(rows=rows, invitation=invitation, application=application,
                           proposal=proposal, webhook=webhook, officer=officer,
                           authenticator=authenticator, kenya=kenya, event=event)


def clear_values(label, value):
    """What must not be found in the database for a secret: the value, each recovery code,
    an authenticator key also as the base32 an app is given."""
    if label == "logistics.RecoveryCodes.codes":
        return value.split()
    if label == "logistics.Authenticator.key":
        return [value, value.upper(), b32encode(bytes.fromhex(value)).decode()]
    return [value]


def raw_row(model, pk):
    """Every column of the row as the database holds it, as text."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)} "
                       "WHERE id = %s", [pk])
        return " ".join(str(value) for value in cursor.fetchone())


def test_no_secret_is_stored_in_clear(secrets_world):
    assert set(secrets_world.rows) == {label.rsplit(".", 1)[0] for label in SECRETS}
    for label in SECRETS:
        app_model, name = label.rsplit(".", 1)
        row = secrets_world.rows[app_model]
        value = getattr(type(row).objects.get(pk=row.pk), name)
        assert len(value) >= 32, label  # read back in full through the model
        stored = raw_row(type(row), row.pk)
        for secret in clear_values(label, value):
            assert secret not in stored, f"{label} is in clear in the database"
            # Nor a good part of it (a prefix kept, a suffix, a case changed).
            assert secret[:12].lower() not in stored.lower(), label
            assert secret[-12:].lower() not in stored.lower(), label


def _links(world):
    """{URL name: (the row, its secret field, what its page shows)} of every link."""
    return {"register": (world.invitation, "token", world.kenya.name),
            "side_event_confirm": (world.proposal, "confirm_token", world.proposal.reference),
            "apply_correct": (world.application, "token", world.application.reference)}


def _urls(world):
    return {name: reverse(name, args=[getattr(row, field)])
            for name, (row, field, _shown) in _links(world).items()}


def _opens(client, world):
    """{URL name: (status, whether the page shows its own record)} by each link's URL."""
    opened = {}
    for name, (row, field, shown) in _links(world).items():
        response = client.get(reverse(name, args=[getattr(row, field)]))
        opened[name] = (response.status_code, shown in response.content.decode())
    return opened


OPEN = {"register": (200, True), "side_event_confirm": (200, True),
        "apply_correct": (200, True)}


def test_every_link_opens_by_its_url_and_nothing_else_does(client, secrets_world):
    assert _opens(client, secrets_world) == OPEN
    for name, (row, field, _shown) in _links(secrets_world).items():
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(row._meta.db_table)
            cursor.execute(f"SELECT {field}, {field}_index FROM {table} WHERE id = %s",
                           [row.pk])
            stored = cursor.fetchone()
        token = getattr(row, field)
        # What a copy of the database holds (the ciphertext, the hash) opens nothing, and
        # neither does a link one character off.
        for wrong in (*stored, token[:-1] + ("A" if token[-1] != "A" else "B"),
                      token.upper()):
            assert client.get(reverse(name, args=[wrong])).status_code == 404, (name, wrong)


def test_a_purged_link_opens_nothing(client, secrets_world):
    """The purge empties a link and its index: neither the old link nor an empty one
    finds the row (a lookup of an empty index must not match every purged row)."""
    w = secrets_world
    urls = _urls(w)
    Invitation.objects.filter(pk=w.invitation.pk).update(token="", token_index=None)
    assert client.get(urls["register"]).status_code == 404
    assert not Invitation.objects.filter(crypto.secret_match("token", "")).exists()
    assert not Invitation.objects.filter(crypto.secret_match("token", None)).exists()


def test_links_made_in_bulk_open_too(client, secrets_world):
    """The demo and the bulk paths skip save(): the index is computed on insert all the
    same (Django's bulk_create, and the demo's own lean insert)."""
    from logistics.demo import bulk

    w = secrets_world
    other = DelegationFactory(event=w.event, name="Chile", focal_point_email="x@chile.example")
    (invitation,) = bulk.insert(Invitation, [Invitation(
        delegation=other, email="x@chile.example", expires_at=w.invitation.expires_at)])
    (proposal,) = SideEventProposal.objects.bulk_create([ProposalFactory.build(
        event=w.event, status=ProposalStatus.ACCEPTED)])
    assert client.get(reverse("register", args=[invitation.token])).status_code == 200
    assert client.get(reverse("side_event_confirm",
                              args=[proposal.confirm_token])).status_code == 200
    assert invitation.token not in raw_row(Invitation, invitation.pk)


def test_webhook_deliveries_are_signed_with_the_secret_read_back(secrets_world):
    hook = Webhook.objects.get(pk=secrets_world.webhook.pk)
    assert hook.secret == secrets_world.webhook.secret and hook.secret.startswith("whsec_")
    assert sign(hook.secret, b"{}", 1) == sign(secrets_world.webhook.secret, b"{}", 1)


# Nothing queued carries a secret: the table of unsent tasks keeps the arguments of every
# message the broker refused.

@pytest.fixture
def broker_down():
    """This process publishing to a broker nobody listens on, as when Redis is stopped."""
    from tests.plugins.live_services import forget_broker

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    conf = celery_app.conf
    saved = (conf.broker_url, conf.broker_transport_options, conf.task_always_eager)
    forget_broker(celery_app)
    conf.broker_url = f"redis://127.0.0.1:{port}/0"
    conf.broker_transport_options = {"socket_timeout": 1, "socket_connect_timeout": 1}
    conf.task_always_eager = False
    try:
        yield
    finally:
        forget_broker(celery_app)
        conf.broker_url, conf.broker_transport_options, conf.task_always_eager = saved


def test_the_unsent_tasks_keep_no_secret(secrets_world, broker_down, protocol, officer,
                                         django_capture_on_commit_callbacks):
    """Every mail that carries a link, queued while the broker is down: the invitation, a
    side event's acceptance, the applicant's request for information (the correction link),
    the registration reminders. Each task takes ids and builds the link when it runs."""
    w = secrets_world
    UnsentTask.objects.all().delete()
    proposal = ProposalFactory(event=w.event)
    with django_capture_on_commit_callbacks(execute=True):
        invitations_send(event=w.event, by=protocol, delegations=[w.kenya])
    with django_capture_on_commit_callbacks(execute=True):
        proposal_decide(proposal=proposal, by=user_with_role(Role.PROGRAMME),
                        status=ProposalStatus.ACCEPTED)
    Application.objects.filter(pk=w.application.pk).update(
        status=ApplicationStatus.UNDER_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        application_request_information(application=Application.objects.get(
            pk=w.application.pk), by=officer, message="A letter signed by the editor.")
    with django_capture_on_commit_callbacks(execute=True):  # five days before it closes
        reminders_sweep(now=w.invitation.expires_at - timedelta(days=5))
    kept = list(UnsentTask.objects.values_list("task", "args", "error"))
    assert {task for task, _args, _error in kept} >= {
        "logistics.send_invitation", "logistics.send_proposal_decision",
        "accreditation.send_status_mail", "logistics.send_reminder"}
    secrets = [value for label in SECRETS for value in _all_values(label)]
    stored = json.dumps(kept)
    for secret in secrets:
        assert secret[:16] not in stored
    for _task, args, _error in kept:  # ids (one, or a list of them), a decision
        assert all(isinstance(arg, int) or arg in ProposalStatus.values
                   or (isinstance(arg, list) and all(isinstance(i, int) for i in arg))
                   for arg in args), args


def _all_values(label):
    app_model, name = label.rsplit(".", 1)
    return [value for value in apps.get_model(app_model).objects.values_list(name, flat=True)
            if value]


PARAMETER_OF_AN_ID = re.compile(r"^(self|\w+_ids?|status|address)$")


def test_every_task_takes_ids_not_secrets():
    """The tasks' own signatures: ids, a status, a mail address; never a token, link,
    secret or key. A task that took one would put it in the unsent tasks' table."""
    import inspect

    odd = {}
    for name, task in celery_app.tasks.items():
        if not name.startswith(("logistics.", "accreditation.", "privacy.")):
            continue
        parameters = inspect.signature(task.run).parameters
        odd.update({f"{name}({p})": p for p in parameters if not PARAMETER_OF_AN_ID.match(p)})
    assert odd == {}


# Key rotation: every secret moves to the new keys; the links keep opening.

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def _stored(world):
    return {app_model: raw_row(type(row), row.pk) for app_model, row in world.rows.items()}


def _read_back(world):
    return {label: getattr(type(world.rows[label.rsplit(".", 1)[0]]).objects.get(
        pk=world.rows[label.rsplit(".", 1)[0]].pk), label.rsplit(".", 1)[1])
        for label in SECRETS}


@pytest.fixture
def rotated_world(field_keys, db, request):
    field_keys(OLD)
    return request.getfixturevalue("secrets_world")


def test_rotation_moves_every_secret_to_the_new_keys(client, field_keys, rotated_world):
    world = rotated_world
    before, clear = _stored(world), _read_back(world)
    field_keys(NEW, OLD, index="index-key-2")
    out = StringIO()
    call_command("rotate_field_keys", stdout=out)
    after = _stored(world)
    assert all(after[name] != before[name] for name in before), out.getvalue()
    field_keys(NEW, index="index-key-2")  # the old keys are gone
    assert _read_back(world) == clear
    assert _opens(client, world) == OPEN
    # The authenticator still takes the app's codes.
    from django_otp.oath import TOTP

    device = Authenticator.objects.get(pk=world.authenticator.pk)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    assert device.verify_token(totp.token())


def test_rotation_is_all_or_nothing_and_dry_run_changes_nothing(client, field_keys, rotated_world):
    world = rotated_world
    before = _stored(world)
    field_keys(NEW, OLD, index="index-key-2")
    call_command("rotate_field_keys", "--dry-run", stdout=StringIO())
    assert _stored(world) == before
    # One secret under a key nobody configured: nothing is rewritten, no index rebuilt.
    stranger = Fernet(Fernet.generate_key())
    with connection.cursor() as cursor:  # as a key nobody holds any more wrote it
        cursor.execute("UPDATE accreditation_webhook SET secret = %s WHERE id = %s",
                       [stranger.encrypt(b"whsec_lost").decode(), world.webhook.pk])
    before = _stored(world)
    with pytest.raises(CommandError, match="open with none of the configured keys"):
        call_command("rotate_field_keys", stdout=StringIO())
    assert _stored(world) == before
    field_keys(NEW, OLD)  # the index key as it was: the links still open
    assert _opens(client, world) == OPEN
