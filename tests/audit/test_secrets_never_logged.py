"""The audit trail never holds an ID document number (in clear, encrypted, or its index) nor
a secret: registration and correction links and the hashes they are found by, API keys and
their hashes, webhook secrets.
Every path that writes them runs, then the whole table is searched."""

import json

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command

from accreditation.applications.models.applications import Application
from accreditation.applications.services.applications import application_create, application_update
from accreditation.applications.services.bulk import applications_bulk_create
from accreditation.applications.services.imports import applications_import
from accreditation.enums import ApplicationSource
from accreditation.integrations.services.webhooks import webhook_register
from accreditation.keys.services import api_key_create, api_key_revoke
from accreditation.setup.models import AccreditationCategory
from logistics.core.crypto import document_index
from logistics.delegations.models import Invitation
from logistics.delegations.services.delegations import member_add, member_update
from logistics.delegations.services.invitations import invitations_send
from tests.audit.conftest import entries_of
from tests.factories.delegations import DelegationFactory, country

NUMBERS = ["C7654321", "B 123-4567", "001190001111", "X9988776", "P5550001", "AK998877",
           "ZZ100200"]

pytestmark = pytest.mark.usefixtures("media_in_tmp")


def _everything_logged():
    texts = []
    for entry in LogEntry.objects.all():
        texts.append(json.dumps([entry.changes, entry.changes_text, entry.object_repr,
                                 entry.additional_data, entry.serialized_data],
                                ensure_ascii=False))
    return "\n".join(texts)


def test_no_id_number_or_secret_reaches_the_audit_trail(login, bearer, event, cats, outlet,
                                                          officer, protocol, secretariat):
    press = AccreditationCategory.objects.get(event=event, code="P")
    # An application from each source, then its number corrected.
    staff = application_create(event=event, category=press, source=ApplicationSource.STAFF,
                               by=officer, family_name="Lê", outlet=outlet,
                               media_role="reporter", id_document_kind="passport",
                               id_document_number=NUMBERS[0], nationality=country("VN"))
    application_update(application=staff, by=officer, id_document_number=NUMBERS[1])
    applications_bulk_create(event=event, by=None, actor="API key portal", items=[
        {"category": press, "family_name": "Ngô", "outlet": outlet, "media_role": "reporter",
         "id_document_kind": "passport", "id_document_number": NUMBERS[3],
         "nationality": country("VN")}])
    applications_import(event=event, by=officer, data=(
        "category,family name,nationality,ID document kind,ID document number\n"
        f"C,Phạm,VN,national_id,{NUMBERS[2]}\n").encode())
    key, raw = api_key_create(name="portal", scopes=["accreditation:write"], by=secretariat)
    response = bearer(raw).post("/api/v1/applications/", {
        "event": event.pk, "category": "P", "family_name": "Đỗ", "nationality": "VN",
        "outlet": outlet.pk, "media_role": "reporter", "id_document_kind": "passport",
        "id_document_number": NUMBERS[4]}, format="json")
    assert response.status_code == 201, response.content
    hook = webhook_register(api_key=key, url="https://example.org/hook",
                            events=["application.status_changed"])
    api_key_revoke(key=key, by=secretariat)
    # A delegation's members, and its registration link.
    kenya = DelegationFactory(event=event, kind="state", country=country("KE"), name="Kenya",
                              focal_point_email="mission@kenya.example")
    member = member_add(delegation=kenya, by=protocol, family_name="Mudavadi",
                        id_document_number=NUMBERS[5])
    member_update(member=member, by=protocol, id_document_number=NUMBERS[6], title="Minister")
    invitations_send(event=event, by=protocol, delegations=[kenya])
    invitations_send(event=event, by=protocol, delegations=[kenya])  # revokes the first

    logged = _everything_logged()
    # That a number changed is there, and nothing of it.
    (corrected,) = [e for e in entries_of(staff) if e.action == LogEntry.Action.UPDATE]
    assert corrected.changes == {"id_document_number": ["•••", "•••"]}
    assert entries_of(member)[-1].changes == {"id_document_number": ["•••", "•••"],
                                              "title": ["", "Minister"]}
    secrets = [raw, key.digest, hook.secret]
    for model in (Invitation, Application):  # each link, and the hash it is found by
        for token, index in model.objects.values_list("token", "token_index"):
            secrets += [token, index]
    for number in NUMBERS:
        secrets += [number, number.replace(" ", "").replace("-", ""), document_index(number)]
    for secret in secrets:
        assert secret and secret not in logged, secret
        assert not LogEntry.objects.filter(changes__icontains=secret).exists()
    # Nor their ciphertext (Fernet tokens all start alike), nor the field names.
    assert "gAAAAA" not in logged
    for name in ("id_document_index", "token", "token_index", "digest", "secret"):
        assert f'"{name}"' not in logged


def test_demo_data_writes_no_audit_entries(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Application.objects.exists()
    assert not LogEntry.objects.exists()
