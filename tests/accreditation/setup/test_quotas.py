"""Quotas: per category, per media outlet and per organisation. Approved applications count;
the approval past a quota is refused with a sentence that names the quota. Two officers
approving at once cannot both take the last place."""

from functools import partial

import pytest

from accreditation.applications.models.applications import Application
from accreditation.applications.services.applications import (
    application_approve,
    application_withdraw,
    quota_status,
)
from accreditation.enums import ApplicationStatus, VettingStatus
from accreditation.setup.models import AccreditationCategory, OrganisationQuota
from accreditation.setup.services import office as setup
from logistics.core.enums import Role
from logistics.core.errors import QuotaExceeded
from tests.factories.accreditation import OutletFactory, categories, journalist
from tests.factories.plan import EventFactory, user_with_role
from tests.races import codes, race

S = ApplicationStatus


def ready(event, **fields):
    """A submitted application, cleared by security vetting."""
    application = journalist(event, **fields)
    Application.objects.filter(pk=application.pk).update(vetting=VettingStatus.CLEARED)
    application.refresh_from_db()
    return application


def test_category_quota(event, cats, officer):
    AccreditationCategory.objects.filter(pk=cats["T"].pk).update(quota=2)
    first, second, third = (ready(event, category_code="T", media_role="technician")
                            for _ in range(3))
    for application in (first, second):
        application_approve(application=application, by=officer)
    with pytest.raises(QuotaExceeded) as refused:
        application_approve(application=third, by=officer)
    assert refused.value.message == "The quota for Media technician is reached (2 of 2)."
    assert Application.objects.get(pk=third.pk).status == S.SUBMITTED
    assert quota_status(third)[0] == ("Media technician", 2, 2)


def test_outlet_quota(event, cats, officer):
    outlet = OutletFactory(event=event, name="Nikkei", quota=1)
    other = OutletFactory(event=event, name="Yonhap", quota=1)
    first = ready(event, outlet=outlet)
    second = ready(event, outlet=outlet)
    elsewhere = ready(event, outlet=other)
    application_approve(application=first, by=officer)
    with pytest.raises(QuotaExceeded) as refused:
        application_approve(application=second, by=officer)
    assert refused.value.message == "The quota for Nikkei is reached (1 of 1)."
    application_approve(application=elsewhere, by=officer)  # another outlet's own quota


def test_organisation_quota_matches_the_name_in_any_case(event, cats, officer):
    setup.organisation_quota_create(category=cats["N"], by=officer,
                                    organisation="Red Cross", quota=2)
    members = [ready(event, category_code="N", organisation=name)
               for name in ("Red Cross", "RED CROSS", "red cross")]
    outsider = ready(event, category_code="N", organisation="Oxfam")
    for application in members[:2]:
        application_approve(application=application, by=officer)
    with pytest.raises(QuotaExceeded) as refused:
        application_approve(application=members[2], by=officer)
    assert refused.value.message == "The quota for Red Cross is reached (2 of 2)."
    application_approve(application=outsider, by=officer)
    # The quota is the category's: the same organisation in another category is not counted.
    assert quota_status(ready(event, category_code="B", organisation="Red Cross")) == []


def test_a_withdrawal_frees_a_place(event, cats, officer):
    AccreditationCategory.objects.filter(pk=cats["C"].pk).update(quota=1)
    first, second = ready(event, category_code="C"), ready(event, category_code="C")
    application_approve(application=first, by=officer)
    with pytest.raises(QuotaExceeded):
        application_approve(application=second, by=officer)
    application_withdraw(application=first, by=officer, reason="Replaced by a colleague.")
    application_approve(application=second, by=officer)
    assert Application.objects.get(pk=second.pk).status == S.APPROVED


def test_every_quota_that_applies_is_listed(event, cats, officer):
    AccreditationCategory.objects.filter(pk=cats["P"].pk).update(quota=400)
    outlet = OutletFactory(event=event, name="BBC", quota=6)
    OrganisationQuota.objects.create(category=cats["P"], organisation="bbc", quota=5)
    application_approve(application=ready(event, outlet=outlet, organisation="BBC"),
                        by=officer)
    waiting = ready(event, outlet=outlet, organisation="BBC")
    assert quota_status(waiting) == [("Press", 1, 400), ("BBC", 1, 6), ("bbc", 1, 5)]


def test_quota_rules_of_the_setup_service(event, cats, officer):
    from accreditation.setup.services.office import InvalidSetup

    with pytest.raises(InvalidSetup) as refused:
        setup.organisation_quota_create(category=cats["N"], by=officer, organisation="  ",
                                        quota=3)
    assert "organisation" in refused.value.fields
    with pytest.raises(InvalidSetup) as refused:
        setup.organisation_quota_create(category=cats["N"], by=officer, organisation="WWF",
                                        quota=0)
    assert refused.value.fields == {"quota": ["A quota is at least 1."]}
    assert not OrganisationQuota.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_officers_cannot_both_take_the_last_place(celery_eager):
    event = EventFactory()
    cats = categories(event)
    AccreditationCategory.objects.filter(pk=cats["C"].pk).update(quota=1)
    applications = [ready(event, category_code="C") for _ in range(2)]
    officers = [user_with_role(Role.ACCREDITATION, username=f"officer{n}") for n in (1, 2)]

    def approve(officer, application):
        application_approve(application=application, by=officer)
        return "approved"

    outcomes = race(*(partial(approve, officer, application)
                      for officer, application in zip(officers, applications, strict=True)),
                    refusals=(QuotaExceeded,))
    assert sorted(codes(outcomes)) == ["approved", "quota_exceeded"]
    assert Application.objects.filter(status=S.APPROVED).count() == 1
