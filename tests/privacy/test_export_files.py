"""The export carries a file exactly when its exporter could open it on the file's own page:
one table (logistics.core.stored_files) decides both. For every role that may export and every
kind of file the records hold, the ZIP holds the files the same user gets 200 for through
the route, and lists the others as withheld, with the reason. On the server, ID copies go
in only when asked for."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse

from accreditation.badges.models import BadgeBatch
from accreditation.enums import BatchStatus
from logistics.core import stored_files
from logistics.signing.models import Signing
from privacy.permissions import export_scope
from tests.factories.plan import UserFactory


@pytest.fixture
def exporters(secretariat, officer, vetter):
    """Every role that may export (privacy/permissions.py), and a superuser."""
    return {"secretariat": secretariat, "accreditation office": officer,
            "security vetting": vetter,
            "superuser": UserFactory(username="root", is_superuser=True, is_staff=True)}


@pytest.fixture
def held(world):
    """For each kind of file in the table: (the person's search, the record holding it).
    A kind without an entry here fails the test: every kind must be exported once."""
    mai, amina = {"reference": world.mai.reference}, {"email": "amina.odhiambo@example.go.ke"}
    BadgeBatch.objects.filter(event=world.event).update(status=BatchStatus.DONE)
    batch = BadgeBatch.objects.get(event=world.event)
    batch.badges.set(world.mai.badges.all())  # Mai's badge was printed in it
    records = {
        "accreditation.Application": (mai, world.mai),
        "accreditation.BadgeBatch": (mai, batch),
        "logistics.DelegationMember": (amina, world.amina),
        "logistics.Signing": (amina, Signing.objects.get(delegation=world.delegation)),
        "logistics.Delegation": ({"email": "peter.mwangi@example.go.ke"}, world.delegation),
    }
    assert {kind.model for kind in stored_files.kinds()} == set(records)
    for kind in stored_files.kinds():
        assert getattr(records[kind.model][1], kind.field), f"no {kind.label} in the world"
    return {kind.label: records[kind.model] for kind in stored_files.kinds()}


@pytest.fixture
def privacy_media(media):
    """On the disk and on a bucket (tests/plugins/file_storage.py)."""
    return media


def export(client, search):
    """The ZIP and its JSON; an empty ZIP when the exporter's part of the records holds
    nothing about the person (the page says so, 404)."""
    response = client.post(reverse("privacy:export_download"), search)
    if response.status_code == 404:
        return zipfile.ZipFile(io.BytesIO(), "w"), {}
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return archive, json.loads(archive.read("personal-data.json"))


def in_zip(archive, record, field):
    prefix = f"files/{record._meta.model_name}-{record.pk}-{field}."
    return [name for name in archive.namelist() if name.startswith(prefix)]


def withheld(document, record, field):
    label = str(record._meta.get_field(field).verbose_name)
    return [entry["why"] for entry in document.get("files withheld", [])
            if entry["file"] == label and entry["record"].endswith(str(record))]


def test_each_exporter_gets_exactly_the_files_it_may_open_on_their_pages(
        client, world, exporters, held):
    outcomes = set()
    for role, user in exporters.items():
        client.force_login(user)
        session = client.session
        session["event_id"] = world.event.pk  # the batch's page is in its event
        session.save()
        for label, (search, record) in held.items():
            kind = stored_files.kind_of(record, label.rsplit(".", 1)[1])
            route = client.get(kind.url(record.pk))
            assert route.status_code in (200, 403), (role, label)
            archive, document = export(client, search)
            names = in_zip(archive, record, kind.field)
            reasons = withheld(document, record, kind.field)
            if route.status_code == 200 and kind.never_exported is None:
                assert len(names) == 1, (role, label)
                stored = getattr(record, kind.field)
                with stored.storage.open(stored.name, "rb") as handle:
                    assert archive.read(names[0]) == handle.read(), (role, label)
                assert reasons == [], (role, label)
                outcomes.add((label, "carried"))
            else:
                assert names == [], (role, label)
                # Left out, and said so, whenever the record itself is in the export (the
                # accreditation office and vetting export no delegation records at all; the
                # parts of the records are named after the apps).
                if record._meta.app_label in export_scope(user):
                    assert len(reasons) == 1 and reasons[0], (role, label)
                    outcomes.add((label, "withheld"))
                else:
                    assert route.status_code == 403, (role, label)
    # Every kind was carried to someone who may open it (a batch of many people's badges
    # to no one) and withheld from someone.
    assert {label for label, outcome in outcomes if outcome == "carried"} == {
        kind.label for kind in stored_files.kinds() if kind.never_exported is None}
    assert {label for label, outcome in outcomes if outcome == "withheld"} >= {
        "accreditation.Application.id_copy", "accreditation.BadgeBatch.file"}


def test_the_id_copy_is_withheld_from_the_secretariat_with_the_reason(client, world,
                                                                      secretariat):
    client.force_login(secretariat)
    assert client.get(reverse("accreditation:application_file",
                              args=[world.mai.pk, "id_copy"])).status_code == 403
    archive, document = export(client, {"reference": world.mai.reference})
    assert in_zip(archive, world.mai, "id_copy") == []
    assert withheld(document, world.mai, "id_copy") == [
        "only security vetting officers may open it"]


@pytest.mark.parametrize("flag", [None, "--with-id-data"])
def test_the_command_carries_id_copies_only_when_asked(world, held, tmp_path, flag):
    for label, (search, record) in held.items():
        kind = stored_files.kind_of(record, label.rsplit(".", 1)[1])
        output = tmp_path / f"{label}-{flag}.zip"
        arguments = [f"--{key.replace('_', '-')}={value}" for key, value in search.items()]
        call_command("export_personal_data", *arguments, f"--output={output}",
                     *([flag] if flag else []), stdout=io.StringIO())
        archive = zipfile.ZipFile(output)
        document = json.loads(archive.read("personal-data.json"))
        carried = kind.never_exported is None and (flag or not kind.id_data)
        assert bool(in_zip(archive, record, kind.field)) == bool(carried), (label, flag)
        assert bool(withheld(document, record, kind.field)) != bool(carried), (label, flag)
