"""Applications: their creation from every source, and the state machine.

Every move goes through `_move`, which refuses what TRANSITIONS does not allow, records who
and why (a Transition row), and after commit mails the applicant and tells the webhooks
(accreditation.signals). The application row is locked first, so two officers deciding at
once are served one after the other and the second finds the first's decision.

A second application of a person who holds an open one is held as a possible duplicate,
never refused (services.duplicates says why): its sender sees what a new one's would.

Uploads reach these functions already checked by content (logistics.core.uploads, in the forms
and serializers).
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accreditation import permissions, signals
from accreditation.applications.models.applications import Application, Transition
from accreditation.applications.services.delegation_media import check_delegation_media, place_taken
from accreditation.applications.services.duplicates import (
    correction_reason,
    hold,
    hold_reason,
    live_duplicate,
    open_duplicate,
)
from accreditation.enums import (
    EDITABLE_STATUSES,
    HELD_BADGE_STATUSES,
    MEDIA_KINDS,
    PUBLIC_SOURCES,
    TRANSITIONS,
    ApplicationSource,
    ApplicationStatus,
    VettingStatus,
    status_as_sent,
)
from accreditation.errors import (
    DuplicateApplication,
    InvalidApplication,
    NotEditable,
    VettingRequired,
)
from accreditation.setup.models import AccreditationCategory, MediaOutlet, OrganisationQuota
from logistics.core.crypto import document_index
from logistics.core.errors import InvalidTransition, QuotaExceeded
from logistics.core.permissions import require
from logistics.core.queueing import queue_after_commit

S = ApplicationStatus

# What an application says about the person and their accreditation: what forms, imports
# and the API may write. Status, vetting and the reference are never among them.
PERSON_FIELDS = (
    "family_name", "given_names", "gender", "date_of_birth", "nationality", "email", "phone",
    "organisation", "function", "id_document_kind", "id_document_number",
    "id_document_expiry", "photo", "outlet", "proposed_outlet", "proposed_outlet_country",
    "proposed_outlet_kind", "media_role", "equipment", "letter_of_assignment", "press_card",
    "id_copy",
    # Not the person's, but given with them: the language their mails are written in.
    "mail_language",
)
FILE_FIELDS = ("photo", "letter_of_assignment", "press_card", "id_copy")
# Who the person is: security vetting cleared these, so a change sends them back to vetting.
IDENTITY_FIELDS = ("family_name", "given_names", "date_of_birth", "nationality",
                   "id_document_kind", "id_document_number", "id_document_expiry", "photo")


def _deny(by, message):
    require(by, permissions.can_manage_accreditation, message)


# Reading what blocks a move (also shown in the review queue before anyone clicks).


def quota_status(application):
    """[(label, used, quota)] for every quota the application counts against; used counts
    the approved applications."""
    approved = Application.objects.filter(status=S.APPROVED)
    rows = []
    category = application.category
    if category.quota is not None:
        rows.append((category.name, approved.filter(category=category).count(), category.quota))
    if application.outlet_id:
        outlet = application.outlet
        rows.append((outlet.name, approved.filter(outlet=outlet).count(), outlet.quota))
    if application.organisation:
        quota = OrganisationQuota.objects.filter(
            category=category, organisation__iexact=application.organisation).first()
        if quota is not None:
            used = approved.filter(category=category,
                                   organisation__iexact=application.organisation).count()
            rows.append((quota.organisation, used, quota.quota))
    return rows


def application_validate(application):
    errors = {}
    if application.category.event_id != application.event_id:
        errors["category"] = [_("This category belongs to another event.")]
    if not (application.family_name or "").strip():
        errors["family_name"] = [_("Give the family name as in the passport.")]
    if application.category.kind in MEDIA_KINDS:
        if not application.media_role:
            errors["media_role"] = [_("Say what the journalist does: reporter, "
                                      "photographer...")]
        if not (application.outlet_id or application.proposed_outlet
                or application.delegation_id):
            errors["outlet"] = [_("Pick the outlet, or name it if it is not in the list.")]
    elif application.media_role:
        errors["media_role"] = [_("Only media categories have a media role.")]
    if application.outlet_id and application.outlet.event_id != application.event_id:
        errors["outlet"] = [_("This outlet belongs to another event.")]
    if errors:
        raise InvalidApplication(_("The application has errors."), fields=errors)
    check_delegation_media(application)


def _save(application):
    """Save. When the database refuses a second live application with one document (two
    submissions racing past open_duplicate()), this one is held as the check would have held
    it: the sender never sees the race."""
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as error:
        if "delegation_media" in str(error):
            raise place_taken(application) from None
        if "one_per_document" not in str(error):
            raise
        hold(application, live_duplicate(application))
        with transaction.atomic():
            application.save()


# Creating and correcting


@transaction.atomic
def application_create(*, event, category, source, by=None, actor="", delegation=None,
                       member=None, consented_at=None, **fields):
    """A new application in `submitted`, or held as a possible duplicate of a live one (which
    its sender cannot tell). `fields` are among PERSON_FIELDS. Staff entries and imports need
    the accreditation office; the public form, a delegation's registration and the API pass
    by=None (their own gate is the form, the link or the key). What comes through a public
    door (PUBLIC_SOURCES) is a public submission, and so is its mail. `consented_at`: when
    the applicant agreed to the public form's privacy notice."""
    if source in (ApplicationSource.STAFF, ApplicationSource.IMPORT):
        _deny(by, _("Only the accreditation office enters applications."))
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise InvalidApplication(_("Unknown fields: %(fields)s.")
                                 % {"fields": ", ".join(sorted(unknown))})
    application = Application(event=event, category=category, source=source,
                              delegation=delegation, member=member,
                              privacy_consent_at=consented_at, **fields)
    application.vetting = (VettingStatus.PENDING if category.vetting_required
                           else VettingStatus.NOT_REQUIRED)
    application.id_document_index = document_index(application.id_document_number)
    application_validate(application)
    other = open_duplicate(application)
    if other is not None:
        hold(application, other)
    _save(application)
    _record(application, "", application.status, by=by, actor=actor,
            reason=hold_reason(application), public_submission=source in PUBLIC_SOURCES)
    return application


@transaction.atomic
def application_update(*, application, by=None, actor="", category=None,
                       public_submission=False, consented_at=None, **fields):
    """Change what the application says while it may still change (submitted, held or waiting
    for information). The applicant's correction after a request moves it back to submitted;
    a correction to the document or e-mail of a live application holds it as a possible
    duplicate (a held one stays held: the office releases it). `category` moves it to another
    category of the event (a new head of delegation). `public_submission`: sent through a
    public door (the correction link, a delegation's registration link), not by the staff
    or an integration. `consented_at`: when the applicant agreed to the correction form's
    privacy notice."""
    application = _locked(application)
    if application.status not in EDITABLE_STATUSES:
        raise NotEditable(_("This application is %(status)s and can no longer be changed.")
                          % {"status": application.get_status_display().lower()})
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise InvalidApplication(_("Unknown fields: %(fields)s.")
                                 % {"fields": ", ".join(sorted(unknown))})
    before = {name: getattr(application, name) for name in IDENTITY_FIELDS}
    if category is not None and category.pk != application.category_id:
        application.category = category
        if category.vetting_required and application.vetting == VettingStatus.NOT_REQUIRED:
            application.vetting = VettingStatus.PENDING
        elif not category.vetting_required:
            application.vetting = VettingStatus.NOT_REQUIRED
    for name, value in fields.items():
        if name in FILE_FIELDS and not value:
            continue  # an upload left empty keeps the file on record
        setattr(application, name, value)
    if consented_at is not None:
        application.privacy_consent_at = consented_at
    application.id_document_index = document_index(application.id_document_number)
    application_validate(application)
    from_status = application.status
    other = open_duplicate(application)
    if other is not None:
        hold(application, other)
    elif from_status == S.NEEDS_INFORMATION:
        application.status = S.SUBMITTED
    identity_changed = any(getattr(application, name) != value for name, value in before.items())
    if identity_changed and application.vetting in (VettingStatus.CLEARED, VettingStatus.FLAGGED):
        # A clearance is of one identity: another name or passport is vetted again.
        application.vetting = VettingStatus.PENDING
        application.vetted_by, application.vetted_at = None, None
        application.vetting_note = application.vetting_reason = ""
    _save(application)
    if application.status != from_status:
        reasons = [correction_reason(from_status), hold_reason(application)]
        _record(application, from_status, application.status, by=by,
                actor=actor or _("the applicant"), reason=" ".join(filter(None, reasons)),
                public_submission=public_submission)
    return application


# The state machine


def _record(application, from_status, to_status, *, by, actor, reason="",
            public_submission=False):
    transition = Transition.objects.create(application=application, from_status=from_status,
                                           to_status=to_status, by=by, actor=actor,
                                           reason=reason, public_submission=public_submission)
    if status_as_sent(from_status) == status_as_sent(to_status):
        # A move its sender cannot see (held, released): no mail and no webhook, as for an
        # application that was never held.
        return transition
    queue_after_commit("accreditation.send_status_mail", transition.pk)
    signals.applications_moved.send(sender=Application, moves=[(application, transition)])
    return transition


def _check_move(application, to_status):
    if to_status not in TRANSITIONS[application.status]:
        raise InvalidTransition(
            _("An application that is %(from)s cannot become %(to)s.")
            % {"from": application.get_status_display().lower(),
               "to": S(to_status).label.lower()})


def _move(application, to_status, *, by, actor="", reason="", public_submission=False):
    _check_move(application, to_status)
    from_status = application.status
    application.status = to_status
    application.save(update_fields=["status", "information_requested", "updated_at"])
    return _record(application, from_status, to_status, by=by, actor=actor, reason=reason,
                   public_submission=public_submission)


def _locked(application):
    # of=("self",): PostgreSQL cannot lock the nullable side of the outer joins (outlet,
    # delegation), and only the application row is the lock anyway.
    return (Application.objects.select_for_update(of=("self",))
            .select_related("category", "event", "outlet", "delegation")
            .get(pk=application.pk))


@transaction.atomic
def application_release(*, application, by, actor="", reason=""):
    """A possible duplicate released to the review queue (submitted), once no live
    application holds the person's accreditation any more. Refused while one does, naming
    it and never why (only security vetting reads that); refused too by the delegation-media
    rule, checked again (the delegation may no longer be led by a dignitary)."""
    _deny(by, _("Only the accreditation office reviews applications."))
    application = _locked(application)
    if application.status != S.POSSIBLE_DUPLICATE:
        raise InvalidTransition(_("Only an application held as a possible duplicate is "
                                  "released to the queue."))
    other = live_duplicate(application)
    if other is not None:
        raise DuplicateApplication(_still_live(other))
    check_delegation_media(application)
    held_as = application.duplicate_of
    application.duplicate_of = None
    application.status = S.SUBMITTED
    try:
        with transaction.atomic():
            application.save(update_fields=["status", "duplicate_of", "updated_at"])
    except IntegrityError:
        # Another application of the person went live meanwhile. (Not the delegation's media
        # place: a held application keeps it, application_delegation_media_once.)
        raise DuplicateApplication(_still_live(None)) from None
    reason = (reason or "").strip() or (
        _("Released to the queue: %(reference)s is no longer live.")
        % {"reference": held_as.reference} if held_as is not None
        else _("Released to the queue."))
    _record(application, S.POSSIBLE_DUPLICATE, S.SUBMITTED, by=by, actor=actor, reason=reason)
    return application


def _still_live(other):
    if other is None:
        return _("Another live application may be this person's accreditation: close one "
                 "of the two first.")
    return (_("%(reference)s is live and may be this person's accreditation: close one of "
              "the two first.") % {"reference": other.reference})


@transaction.atomic
def application_start_review(*, application, by, actor=""):
    _deny(by, _("Only the accreditation office reviews applications."))
    application = _locked(application)
    _move(application, S.UNDER_REVIEW, by=by, actor=actor)
    return application


@transaction.atomic
def application_request_information(*, application, by, message, actor=""):
    """Ask the applicant for more: the mail carries the link to correct the application."""
    _deny(by, _("Only the accreditation office reviews applications."))
    message = (message or "").strip()
    if not message:
        raise InvalidApplication(_("Say what information is missing."),
                                 fields={"message": [_("Say what information is missing.")]})
    application = _locked(application)
    application.information_requested = message
    _move(application, S.NEEDS_INFORMATION, by=by, actor=actor, reason=message)
    return application


@transaction.atomic
def application_reject(*, application, by, reason, actor=""):
    _deny(by, _("Only the accreditation office decides applications."))
    reason = (reason or "").strip()
    if not reason:
        raise InvalidApplication(_("Give the reason for the rejection."),
                                 fields={"reason": [_("Give the reason for the rejection.")]})
    application = _locked(application)
    _move(application, S.REJECTED, by=by, actor=actor, reason=reason)
    return application


def _check_quotas(application):
    # The category row is the lock for every quota of its applications: two approvals in
    # one category are counted one after the other.
    AccreditationCategory.objects.select_for_update().get(pk=application.category_id)
    # An outlet's quota spans two categories (press and media technicians): its row too.
    if application.outlet_id:
        MediaOutlet.objects.select_for_update().get(pk=application.outlet_id)
    for label, used, quota in quota_status(application):
        if used >= quota:
            raise QuotaExceeded(_("The quota for %(what)s is reached (%(used)s of %(quota)s).")
                                % {"what": label, "used": used, "quota": quota})


@transaction.atomic
def application_approve(*, application, by, actor="", reason=""):
    """Approve and, after commit, have the badge issued (by Celery). Refused while vetting is
    required and not cleared, or when a quota is reached."""
    _deny(by, _("Only the accreditation office decides applications."))
    application = _locked(application)
    _check_move(application, S.APPROVED)
    if application.vetting not in (VettingStatus.CLEARED, VettingStatus.NOT_REQUIRED):
        raise VettingRequired(
            _("%(name)s cannot be approved before security vetting clears them (vetting: "
              "%(vetting)s).")
            % {"name": application.full_name,
               "vetting": application.get_vetting_display().lower()})
    _check_quotas(application)
    _move(application, S.APPROVED, by=by, actor=actor, reason=reason)
    queue_after_commit("accreditation.issue_badge", application.pk)
    return application


@transaction.atomic
def application_withdraw(*, application, by=None, actor="", reason="", public_submission=False):
    """Withdrawn by the applicant (by=None), the office or an integration. An approved
    application's badge is revoked with it. `public_submission`: a public door withdrew it
    (a delegation's registration that no longer lists the member)."""
    if by is not None:
        _deny(by, _("Only the accreditation office withdraws applications."))
    application = _locked(application)
    _move(application, S.WITHDRAWN, by=by, actor=actor, reason=reason,
          public_submission=public_submission)
    from accreditation.badges.services.badges import badge_revoke

    for badge in application.badges.filter(status__in=HELD_BADGE_STATUSES):
        badge_revoke(badge=badge, by=None, reason=_("Application withdrawn."))
    return application
