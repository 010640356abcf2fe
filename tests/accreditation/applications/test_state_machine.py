"""The application's state machine, through the services: every move from every status.
A legal move records who and why and mails the applicant once; an illegal one raises
InvalidTransition and leaves no trace. Approval waits for security vetting where the
category asks for it."""

from functools import partial

import pytest

from accreditation.applications.models.applications import Application, Transition
from accreditation.applications.services import applications as services
from accreditation.badges.models import Badge
from accreditation.enums import TRANSITIONS, ApplicationStatus, VettingStatus
from accreditation.errors import NotEditable, VettingRequired
from accreditation.setup.models import AccreditationCategory
from accreditation.vetting.services.decisions import application_vet
from logistics.core.enums import Role
from logistics.core.errors import InvalidTransition, NotAllowed
from tests.factories.accreditation import categories, journalist
from tests.factories.plan import EventFactory, user_with_role
from tests.races import codes, race

S = ApplicationStatus
REASON = "Checked against the outlet's list."


def move(application, to, *, by):
    """The service that makes the move to `to`, as the office calls it."""
    if to == S.UNDER_REVIEW:
        return services.application_start_review(application=application, by=by)
    if to == S.NEEDS_INFORMATION:
        return services.application_request_information(application=application, by=by,
                                                        message=REASON)
    if to == S.APPROVED:
        return services.application_approve(application=application, by=by, reason=REASON)
    if to == S.REJECTED:
        return services.application_reject(application=application, by=by, reason=REASON)
    if to == S.WITHDRAWN:
        return services.application_withdraw(application=application, by=by, reason=REASON)
    raise AssertionError(to)


# How to reach each status by legal moves from a new application (a possible duplicate: by
# applying with the e-mail of a live application, see application_in).
PATHS = {
    S.SUBMITTED: [],
    S.POSSIBLE_DUPLICATE: [],
    S.UNDER_REVIEW: [S.UNDER_REVIEW],
    S.NEEDS_INFORMATION: [S.NEEDS_INFORMATION],
    S.APPROVED: [S.UNDER_REVIEW, S.APPROVED],
    S.REJECTED: [S.REJECTED],
    S.WITHDRAWN: [S.WITHDRAWN],
}
# The office's moves: back to `submitted` is the applicant's correction, tested below.
OFFICE_TARGETS = [S.UNDER_REVIEW, S.NEEDS_INFORMATION, S.APPROVED, S.REJECTED, S.WITHDRAWN]
PAIRS = [(start, to) for start in S for to in OFFICE_TARGETS]


@pytest.fixture
def application_in(event, cats, officer):
    def make(status):
        held = status == S.POSSIBLE_DUPLICATE
        application = journalist(event, **({"email": journalist(event).email} if held else {}))
        Application.objects.filter(pk=application.pk).update(vetting=VettingStatus.CLEARED)
        for step in PATHS[status]:
            move(Application.objects.get(pk=application.pk), step, by=officer)
        application = Application.objects.get(pk=application.pk)
        assert application.status == status
        return application

    return make


@pytest.mark.parametrize("start, to", [p for p in PAIRS if p[1] in TRANSITIONS[p[0]]])
def test_a_legal_move_is_recorded_with_who_and_why_and_mailed_once(
        start, to, application_in, officer, mailoutbox, celery_eager,
        django_capture_on_commit_callbacks):
    application = application_in(start)
    before = Transition.objects.filter(application=application).count()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        move(application, to, by=officer)
    application.refresh_from_db()
    assert application.status == to
    transitions = list(Transition.objects.filter(application=application))
    assert len(transitions) == before + 1
    last = transitions[-1]
    reason = "" if to == S.UNDER_REVIEW else REASON  # starting a review needs no reason
    assert (last.from_status, last.to_status, last.by, last.reason) == (start, to, officer,
                                                                        reason)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [application.email]
    assert application.reference in mailoutbox[0].subject


@pytest.mark.parametrize("start, to", [p for p in PAIRS if p[1] not in TRANSITIONS[p[0]]])
def test_an_illegal_move_is_refused_and_leaves_no_trace(
        start, to, application_in, officer, mailoutbox, django_capture_on_commit_callbacks):
    application = application_in(start)
    before = list(Transition.objects.filter(application=application).values_list("pk",
                                                                                 flat=True))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, \
            pytest.raises(InvalidTransition):
        move(application, to, by=officer)
    application.refresh_from_db()
    assert application.status == start
    assert list(Transition.objects.filter(application=application)
                .values_list("pk", flat=True)) == before
    assert callbacks == [] and mailoutbox == []


def test_every_status_is_covered():
    assert set(PATHS) == set(S) == set(TRANSITIONS)
    assert len(PAIRS) == 35


def test_the_applicants_correction_resubmits_only_when_information_was_asked(
        application_in, officer):
    waiting = application_in(S.NEEDS_INFORMATION)
    services.application_update(application=waiting, by=None, function="Chief editor")
    waiting.refresh_from_db()
    assert waiting.status == S.SUBMITTED
    last = Transition.objects.filter(application=waiting).last()
    assert (last.from_status, last.to_status, last.by) == (S.NEEDS_INFORMATION, S.SUBMITTED,
                                                           None)
    for status in (S.UNDER_REVIEW, S.APPROVED, S.REJECTED, S.WITHDRAWN):
        application = application_in(status)
        count = Transition.objects.filter(application=application).count()
        with pytest.raises(NotEditable):
            services.application_update(application=application, by=None, function="Editor")
        assert Transition.objects.filter(application=application).count() == count


def test_an_approval_issues_one_badge(application_in, officer, celery_eager,
                                      django_capture_on_commit_callbacks):
    application = application_in(S.UNDER_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        move(application, S.APPROVED, by=officer)
    assert Badge.objects.filter(application=application, status="active").count() == 1


@pytest.mark.parametrize("role_fixture", ["protocol", "vetter", "gate"])
def test_only_the_office_moves_applications(application_in, request, role_fixture):
    user = request.getfixturevalue(role_fixture)
    application = application_in(S.SUBMITTED)
    for to in OFFICE_TARGETS:
        with pytest.raises(NotAllowed):
            move(application, to, by=user)
    assert Transition.objects.filter(application=application).count() == 1


# The vetting gate


@pytest.mark.parametrize("vetting, allowed", [
    (VettingStatus.PENDING, False), (VettingStatus.FLAGGED, False),
    (VettingStatus.CLEARED, True), (VettingStatus.NOT_REQUIRED, True)])
def test_approval_waits_for_vetting(event, cats, officer, vetting, allowed):
    application = journalist(event)
    Application.objects.filter(pk=application.pk).update(vetting=vetting)
    if allowed:
        services.application_approve(application=application, by=officer)
        assert Application.objects.get(pk=application.pk).status == S.APPROVED
    else:
        with pytest.raises(VettingRequired) as refused:
            services.application_approve(application=application, by=officer)
        assert f"(vetting: {vetting})" in refused.value.message
        assert Application.objects.get(pk=application.pk).status == S.SUBMITTED
        assert Transition.objects.filter(application=application).count() == 1


def test_a_category_without_vetting_approves_at_once(event, cats, officer):
    AccreditationCategory.objects.filter(pk=cats["C"].pk).update(vetting_required=False)
    staff = journalist(event, category_code="C")
    assert staff.vetting == VettingStatus.NOT_REQUIRED
    services.application_approve(application=staff, by=officer)
    assert Application.objects.get(pk=staff.pk).status == S.APPROVED


def test_vetting_clears_then_the_office_approves(event, cats, officer, vetter):
    application = journalist(event)
    application_vet(application=application, by=vetter, cleared=True)
    services.application_approve(application=application, by=officer)
    assert Application.objects.get(pk=application.pk).status == S.APPROVED


def test_a_flag_after_clearing_blocks_the_approval(event, cats, officer, vetter):
    application = journalist(event)
    application_vet(application=application, by=vetter, cleared=True)
    application_vet(application=application, by=vetter, cleared=False,
                             reason="Do not accredit.", note="Listed in the watch list.")
    with pytest.raises(VettingRequired):
        services.application_approve(application=application, by=officer)


@pytest.mark.django_db(transaction=True)
def test_two_officers_approving_one_application_at_once_make_one_badge(celery_eager):
    """Each officer's approval queues the badge (run here, in the thread, after its commit).
    The application row is locked: the second officer finds it approved and is refused."""
    event = EventFactory()
    categories(event)
    application = journalist(event)
    Application.objects.filter(pk=application.pk).update(vetting=VettingStatus.CLEARED)
    officers = [user_with_role(Role.ACCREDITATION, username=f"officer{n}") for n in (1, 2)]

    def approve(officer):
        services.application_approve(application=application, by=officer)
        return "approved"

    outcomes = race(partial(approve, officers[0]), partial(approve, officers[1]),
                    refusals=(InvalidTransition,))
    assert sorted(codes(outcomes)) == ["approved", "invalid_transition"]
    assert Badge.objects.filter(application=application).count() == 1
    assert Transition.objects.filter(application=application, to_status=S.APPROVED).count() == 1
