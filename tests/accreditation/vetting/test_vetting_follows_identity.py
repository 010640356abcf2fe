"""A clearance is of one identity: changing who the applicant is sends them back to vetting;
changing how to reach them does not. A revoked badge is not brought back by a reissue, and a
zone's code is fixed once badges carry it."""

import pytest

from accreditation.applications.services.applications import (
    application_approve,
    application_request_information,
    application_update,
)
from accreditation.badges.services.badges import badge_reissue, badge_revoke
from accreditation.enums import VettingStatus
from accreditation.errors import BadgeUnusable, VettingRequired
from accreditation.setup.models import Zone
from accreditation.setup.services.office import StillInUse, zone_update
from accreditation.vetting.services.decisions import application_vet
from tests.factories.accreditation import collected_badge, journalist


@pytest.fixture
def cleared(event, cats, officer, vetter):
    application = journalist(event)
    application_request_information(application=application, by=officer,
                                    message="A clearer letter, please.")
    return application_vet(application=application, by=vetter, cleared=True)


@pytest.mark.parametrize("field, value", [
    ("family_name", "Someone Else"),
    ("id_document_number", "X9999999"),
])
def test_a_new_identity_is_vetted_again(cleared, officer, field, value):
    application = application_update(application=cleared, **{field: value})
    assert application.vetting == VettingStatus.PENDING
    assert (application.vetted_by, application.vetted_at) == (None, None)
    with pytest.raises(VettingRequired):
        application_approve(application=application, by=officer)


def test_a_new_phone_number_keeps_the_clearance(cleared, officer):
    application = application_update(application=cleared, phone="+84 24 3825 0000",
                                     id_document_number=cleared.id_document_number)
    assert application.vetting == VettingStatus.CLEARED
    assert application_approve(application=application, by=officer).status == "approved"


def test_a_revoked_badge_is_not_reissued(event, cats, officer):
    badge = collected_badge(journalist(event), officer=officer)
    badge_revoke(badge=badge, by=officer, reason="Press card forged.")
    with pytest.raises(BadgeUnusable, match="revoked"):
        badge_reissue(badge=badge, by=officer)
    assert badge.application.badges.count() == 1


def test_a_zone_code_on_badges_stays(event, cats, officer):
    collected_badge(journalist(event), officer=officer)  # press: zones 2, 5, 6
    press_centre = Zone.objects.get(event=event, code="2")
    with pytest.raises(StillInUse):
        zone_update(zone=press_centre, by=officer, code="9", name="Press centre")
    renamed = zone_update(zone=press_centre, by=officer, code="2", name="Media centre")
    assert (renamed.code, renamed.name) == ("2", "Media centre")
    vip = Zone.objects.get(event=event, code="4")  # no press badge carries it
    assert zone_update(zone=vip, by=officer, code="7", name="VIP lounge").code == "7"


def test_an_approval_whose_badge_task_was_lost_gets_its_badge_on_the_next_pass(
        event, cats, officer):
    from accreditation.badges.services.badges import badges_issue_missing
    from tests.factories.accreditation import approved

    lost = approved(journalist(event), officer=officer)  # on_commit never ran: no task
    revoked = collected_badge(journalist(event), officer=officer)
    badge_revoke(badge=revoked, by=officer, reason="Press card forged.")
    assert badges_issue_missing() == 1
    assert lost.badges.get().status == "active"
    assert revoked.application.badges.count() == 1  # a revoked badge stays revoked
    assert badges_issue_missing() == 0


def test_only_journalists_get_the_correction_link(event, cats, officer, mailoutbox,
                                                   celery_eager,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        public = journalist(event)
        staff = journalist(event, category_code="C", source="staff", organisation="Host",
                           by=officer)
        for application in (public, staff):
            application_request_information(application=application, by=officer,
                                            message="Your function, please.")
    asked = {m.to[0]: m.body for m in mailoutbox if "information needed" in m.subject}
    assert f"/apply/correct/{public.token}/" in asked[public.email]
    assert "/apply/correct/" not in asked[staff.email]
    assert "quoting your reference" in asked[staff.email]
