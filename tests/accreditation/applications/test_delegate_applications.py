"""Delegation members become delegate applications without retyping: the registration the
focal point submits through its link is announced after commit, and accreditation turns
every member into an application, keeps it up to date, and withdraws it when the member
is taken off the delegation."""

import logging
from datetime import date, timedelta

import pytest

from accreditation.applications.models.applications import Application, Transition
from accreditation.applications.services.applications import (
    application_create,
    application_start_review,
)
from accreditation.applications.services.delegates import delegate_applications_sync
from accreditation.enums import ApplicationSource, ApplicationStatus, VettingStatus
from logistics.core.signals import delegation_registered
from logistics.core.uploads import clean_photo
from logistics.delegations.enums import DelegationKind, DelegationLevel, Gender
from logistics.delegations.models import Delegation
from logistics.delegations.services.invitations import registration_submit
from tests.factories.accreditation import journalist
from tests.factories.delegations import DelegationFactory, country
from tests.factories.registration import InvitationFactory, photo_upload

pytestmark = pytest.mark.usefixtures("media_in_tmp")


@pytest.fixture
def kenya(event):
    return DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("KE"),
                             name="Kenya", size_quota=5, head_level=DelegationLevel.MINISTER,
                             focal_point_email="mission@kenya.example")


@pytest.fixture
def invitation(kenya):
    return InvitationFactory(delegation=kenya, email="mission@kenya.example")


def _expiry(event):
    return event.end_date + timedelta(days=400)


def _head(event, **fields):
    return {"family_name": "Mohamed", "given_names": "Amina", "title": "Cabinet Secretary",
            "gender": Gender.FEMALE, "date_of_birth": date(1963, 10, 10),
            "nationality": country("KE"), "email": "amina.mohamed@kenya.example",
            "is_head": True, "id_document_number": "AK 123-456",
            "id_document_expiry": _expiry(event), "photo": clean_photo(photo_upload()),
            **fields}


def _delegate(event, **fields):
    return {"family_name": "Otieno", "given_names": "James", "title": "Legal adviser",
            "gender": Gender.MALE, "date_of_birth": date(1980, 2, 29),
            "nationality": country("KE"), "email": "james.otieno@kenya.example",
            "is_head": False, "id_document_number": "BK765432",
            "id_document_expiry": _expiry(event), **fields}


def _register(capture, invitation, members, removed=()):
    with capture(execute=True):
        registration_submit(token=invitation.token, details={}, members=members,
                            removed=removed)


def _applications(delegation):
    return {a.family_name: a for a in Application.objects.filter(delegation=delegation)}


def test_registering_makes_delegate_applications_without_retyping(
        event, cats, kenya, invitation, django_capture_on_commit_callbacks):
    _register(django_capture_on_commit_callbacks, invitation,
              [_head(event), _delegate(event)])
    members = {m.family_name: m for m in kenya.members.all()}
    applications = _applications(kenya)
    assert set(applications) == {"Mohamed", "Otieno"}
    head, delegate = applications["Mohamed"], applications["Otieno"]
    assert (head.category.code, delegate.category.code) == ("E", "D")
    assert [(a.source, a.status, a.vetting, a.member_id) for a in (head, delegate)] == [
        (ApplicationSource.DELEGATION, ApplicationStatus.SUBMITTED, VettingStatus.PENDING,
         members["Mohamed"].pk),
        (ApplicationSource.DELEGATION, ApplicationStatus.SUBMITTED, VettingStatus.PENDING,
         members["Otieno"].pk),
    ]
    assert (head.given_names, head.gender, head.date_of_birth, head.nationality.code,
            head.email, head.organisation, head.function) == (
        "Amina", Gender.FEMALE, date(1963, 10, 10), "KE", "amina.mohamed@kenya.example",
        "Kenya", "Cabinet Secretary")
    assert (head.id_document_kind, head.id_document_number, head.id_document_expiry) == (
        "passport", "AK 123-456", _expiry(event))
    assert head.id_document_index == members["Mohamed"].id_document_index != ""
    assert head.delegation == kenya
    # The photo is the application's own copy: same picture, another file.
    assert head.photo.name != members["Mohamed"].photo.name
    assert head.photo.read() == members["Mohamed"].photo.read()
    assert not delegate.photo
    assert Transition.objects.filter(application=head, to_status="submitted").count() == 1


def test_signal_sent_as_logistics_sends_it_creates_the_applications(
        event, cats, kenya, django_capture_on_commit_callbacks):
    from logistics.delegations.services.delegations import member_add

    member = member_add(delegation=kenya, by=None, **_delegate(event))
    delegation_registered.send(sender=Delegation, delegation=kenya, members=[member])
    application = Application.objects.get(member=member)
    assert (application.family_name, application.category.code) == ("Otieno", "D")


def test_editing_the_registration_updates_the_application(
        event, cats, kenya, invitation, django_capture_on_commit_callbacks):
    _register(django_capture_on_commit_callbacks, invitation, [_head(event)])
    member = kenya.members.get()
    before = Application.objects.get(member=member)
    old_photo = before.photo.name
    new_picture = photo_upload(size=(320, 420))
    _register(django_capture_on_commit_callbacks, invitation, [
        {**_head(event, family_name="Mohamed-Ali", title="Minister",
                 id_document_number="AK999999", photo=clean_photo(new_picture)),
         "pk": member.pk}])
    member.refresh_from_db()
    after = Application.objects.get(member=member)
    assert Application.objects.filter(delegation=kenya).count() == 1
    assert (after.pk, after.family_name, after.function, after.id_document_number) == (
        before.pk, "Mohamed-Ali", "Minister", "AK999999")
    assert after.photo.name != old_photo
    assert after.photo.read() == member.photo.read()
    assert not after.photo.storage.exists(old_photo)


def test_a_new_head_moves_to_e_and_the_former_one_back_to_d(
        event, cats, kenya, invitation, django_capture_on_commit_callbacks):
    _register(django_capture_on_commit_callbacks, invitation, [_head(event), _delegate(event)])
    head = kenya.members.get(is_head=True)
    adviser = kenya.members.get(is_head=False)
    assert {a.family_name: a.category.code for a in _applications(kenya).values()} == {
        "Mohamed": "E", "Otieno": "D"}
    _register(django_capture_on_commit_callbacks, invitation, [
        {**_head(event, is_head=False), "pk": head.pk},
        {**_delegate(event, is_head=True), "pk": adviser.pk}])
    assert {a.family_name: a.category.code for a in _applications(kenya).values()} == {
        "Mohamed": "D", "Otieno": "E"}


def test_an_application_under_review_is_no_longer_changed_by_the_registration(
        event, cats, kenya, invitation, officer, django_capture_on_commit_callbacks):
    _register(django_capture_on_commit_callbacks, invitation, [_head(event)])
    member = kenya.members.get()
    application_start_review(application=Application.objects.get(member=member), by=officer)
    _register(django_capture_on_commit_callbacks, invitation,
              [{**_head(event, family_name="Changed"), "pk": member.pk}])
    application = Application.objects.get(member=member)
    assert (application.family_name, application.status) == ("Mohamed",
                                                              ApplicationStatus.UNDER_REVIEW)


def test_removing_a_member_withdraws_their_application(
        event, cats, kenya, invitation, django_capture_on_commit_callbacks):
    _register(django_capture_on_commit_callbacks, invitation,
              [_head(event), _delegate(event)])
    otieno = kenya.members.get(family_name="Otieno")
    application = Application.objects.get(member=otieno)
    _register(django_capture_on_commit_callbacks, invitation, [], removed=[otieno.pk])
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    withdrawal = application.transitions.get(to_status=ApplicationStatus.WITHDRAWN)
    assert (withdrawal.by, withdrawal.reason) == (
        None, "Removed from the delegation by its focal point.")
    head = Application.objects.get(family_name="Mohamed")
    assert head.status == ApplicationStatus.SUBMITTED


def test_announcing_twice_creates_nothing_twice(
        event, cats, kenya, invitation, django_capture_on_commit_callbacks):
    _register(django_capture_on_commit_callbacks, invitation,
              [_head(event), _delegate(event)])
    members = list(kenya.members.all())
    with django_capture_on_commit_callbacks(execute=True):
        delegation_registered.send(sender=Delegation, delegation=kenya, members=members)
        delegation_registered.send(sender=Delegation, delegation=kenya, members=members)
    assert delegate_applications_sync(delegation=kenya, members=members) == (0, 0, 0)
    assert Application.objects.filter(delegation=kenya).count() == 2
    assert Transition.objects.filter(application__delegation=kenya).count() == 2


def test_a_late_announcement_does_not_bring_a_removed_member_back(
        event, cats, kenya, invitation, django_capture_on_commit_callbacks):
    _register(django_capture_on_commit_callbacks, invitation,
              [_head(event), _delegate(event)])
    stale = list(kenya.members.all())
    otieno = kenya.members.get(family_name="Otieno")
    _register(django_capture_on_commit_callbacks, invitation, [], removed=[otieno.pk])
    delegation_registered.send(sender=Delegation, delegation=kenya, members=stale)
    assert list(Application.objects.filter(delegation=kenya)
                .values_list("family_name", "status").order_by("family_name")) == [
        ("Mohamed", ApplicationStatus.SUBMITTED), ("Otieno", ApplicationStatus.WITHDRAWN)]


def test_without_categories_nothing_is_created(event, kenya, invitation, caplog,
                                               django_capture_on_commit_callbacks):
    with caplog.at_level(logging.INFO, logger="accreditation.applications.services.delegates"):
        _register(django_capture_on_commit_callbacks, invitation, [_head(event)])
    assert not Application.objects.exists()
    assert f"Delegation {kenya.pk}: the event has no delegate category yet" in caplog.text


def test_a_duplicate_member_is_held_as_a_possible_duplicate(
        event, cats, kenya, invitation, caplog, django_capture_on_commit_callbacks):
    # The head already applied as a journalist with the same passport ("AK123456" typed
    # differently is the same document): their delegate application waits for the office,
    # held as a possible duplicate of it, and nothing is logged of the person.
    first = journalist(event, nationality=country("KE"), id_document_number="ak123456",
                       email="someone@else.example")
    with caplog.at_level(logging.INFO, logger="accreditation.applications.services.delegates"):
        _register(django_capture_on_commit_callbacks, invitation,
                  [_head(event), _delegate(event)])
    head = Application.objects.get(delegation=kenya, family_name="Mohamed")
    assert (head.status, head.duplicate_of) == (ApplicationStatus.POSSIBLE_DUPLICATE, first)
    assert set(_applications(kenya)) == {"Mohamed", "Otieno"}
    assert "not saved" not in caplog.text
    for secret in ("Mohamed", "Amina", "AK", "123", "amina.mohamed"):
        assert secret not in caplog.text


def test_removing_a_held_member_withdraws_their_held_application(
        event, cats, kenya, invitation, django_capture_on_commit_callbacks):
    journalist(event, nationality=country("KE"), id_document_number="ak123456",
               email="someone@else.example")
    _register(django_capture_on_commit_callbacks, invitation, [_head(event), _delegate(event)])
    head = kenya.members.get(is_head=True)
    _register(django_capture_on_commit_callbacks, invitation, [], removed=[head.pk])
    application = Application.objects.get(delegation=kenya, family_name="Mohamed")
    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.transitions.last().from_status == ApplicationStatus.POSSIBLE_DUPLICATE


def test_an_e_mail_given_for_several_members_is_left_out(
        event, cats, kenya, invitation, django_capture_on_commit_callbacks):
    shared = "mission@kenya.example"
    _register(django_capture_on_commit_callbacks, invitation,
              [_head(event, email=shared), _delegate(event, email=shared),
               _delegate(event, family_name="Wanjiru", given_names="Grace",
                         id_document_number="CK111222")])
    applications = _applications(kenya)
    assert set(applications) == {"Mohamed", "Otieno", "Wanjiru"}
    assert [applications[name].email for name in ("Mohamed", "Otieno", "Wanjiru")] == [
        "", "", "james.otieno@kenya.example"]


def test_a_missing_photo_file_does_not_stop_the_application(
        event, cats, kenya, invitation, django_capture_on_commit_callbacks):
    from logistics.delegations.models import DelegationMember

    _register(django_capture_on_commit_callbacks, invitation, [_delegate(event)])
    member = kenya.members.get()
    # A photo on record whose file is gone (a restore without the media folder).
    DelegationMember.objects.filter(pk=member.pk).update(photo="photos/gone.jpg")
    Application.objects.all().delete()
    delegate_applications_sync(delegation=kenya)
    application = Application.objects.get(member=member)
    assert (application.family_name, bool(application.photo)) == ("Otieno", False)


def test_the_delegations_own_media_are_not_withdrawn_by_its_registration(
        event, cats, kenya, invitation, django_capture_on_commit_callbacks):
    photographer = application_create(
        event=event, category=cats["P"], source=ApplicationSource.DELEGATION,
        delegation=kenya, family_name="Kamau", given_names="Peter", media_role="photographer",
        organisation="Kenya", nationality=country("KE"))
    _register(django_capture_on_commit_callbacks, invitation, [_head(event)])
    photographer.refresh_from_db()
    assert photographer.status == ApplicationStatus.SUBMITTED
    assert Application.objects.filter(delegation=kenya).count() == 2
