"""ID document numbers under a new key: `rotate_field_keys` rewrites every row (members and
applications alike) so that the old key can go, rebuilds the duplicate index under a new
index key, and changes nothing when a key is missing."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from accreditation.applications.models.applications import Application
from logistics.core import crypto
from logistics.delegations.models import DelegationMember
from tests.factories.accreditation import journalist
from tests.factories.delegations import MemberFactory

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def raw(model, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id_document_number FROM {model._meta.db_table} WHERE id = %s",
                       [pk])
        return cursor.fetchone()[0]


@pytest.fixture
def people(field_keys, event, cats):
    field_keys(OLD)
    member = MemberFactory(delegation__event=event, id_document_number="AK123456")
    application = journalist(event, id_document_number="C 7654-321")
    return member, application


def test_rotation_rewrites_every_row_under_the_new_key(field_keys, people):
    member, application = people
    before = raw(DelegationMember, member.pk), raw(Application, application.pk)
    field_keys(NEW, OLD)
    call_command("rotate_field_keys", stdout=StringIO())
    after = raw(DelegationMember, member.pk), raw(Application, application.pk)
    assert after[0] != before[0] and after[1] != before[1]
    field_keys(NEW)  # the old key is gone: everything still reads
    assert DelegationMember.objects.get(pk=member.pk).id_document_number == "AK123456"
    assert Application.objects.get(pk=application.pk).id_document_number == "C 7654-321"


def test_a_new_index_key_rebuilds_the_index(field_keys, people):
    _member, application = people
    field_keys(NEW, OLD, index="index-key-2")
    call_command("rotate_field_keys", stdout=StringIO())
    field_keys(NEW, index="index-key-2")
    found = Application.objects.get(id_document_index=crypto.document_index("c7654321"))
    assert found.pk == application.pk


def test_a_missing_key_changes_nothing_and_says_so(field_keys, people):
    member, application = people
    before = raw(DelegationMember, member.pk), raw(Application, application.pk)
    field_keys(NEW)  # the old key forgotten: nothing opens the rows
    with pytest.raises(CommandError, match="open with none of the configured keys"):
        call_command("rotate_field_keys", stdout=StringIO())
    assert (raw(DelegationMember, member.pk), raw(Application, application.pk)) == before


def test_dry_run_checks_and_writes_nothing(field_keys, people):
    member, _application = people
    before = raw(DelegationMember, member.pk)
    field_keys(NEW, OLD)
    call_command("rotate_field_keys", "--dry-run", stdout=StringIO())
    assert raw(DelegationMember, member.pk) == before


def test_an_unreadable_number_is_never_saved_over(field_keys, people):
    member, _application = people
    field_keys(NEW)
    unreadable = DelegationMember.objects.get(pk=member.pk)
    assert unreadable.id_document_number == crypto.UNREADABLE
    with pytest.raises(ValueError, match="could not be decrypted"), transaction.atomic():
        unreadable.save()
    field_keys(OLD)
    assert DelegationMember.objects.get(pk=member.pk).id_document_number == "AK123456"
