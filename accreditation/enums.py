"""The choices of accreditation: category kinds, media roles and outlet kinds, application
statuses and sources (and how a sender sees a status), vetting, ID documents, badge, print
and batch statuses, bulk decisions, checkpoint modes and directions, scan results with the
reasons for a refusal or a manual check, webhook events and deliveries. Stored values,
translated labels.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CategoryKind(models.TextChoices):
    """Who a badge is for: each accreditation category is one of these."""

    DELEGATE = "delegate", _("Delegate")
    HEAD_OF_DELEGATION = "head_of_delegation", _("Head of delegation")
    UN_IGO = "un_igo", _("UN entity or intergovernmental organisation")
    NGO = "ngo", _("Non-governmental organisation")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    MEDIA = "media", _("Media")
    MEDIA_TECHNICIAN = "media_technician", _("Media technician")
    STAFF = "staff", _("Organiser staff")
    SECURITY = "security", _("Host security")
    LIAISON_OFFICER = "liaison_officer", _("Liaison officer")
    EXHIBITOR = "exhibitor", _("Exhibitor")
    SIDE_EVENT_PARTICIPANT = "side_event_participant", _("Side-event participant")


# The press: their applications name an outlet (or a delegation) and a media role, and carry
# the documents of accreditation.applications.documents.
MEDIA_KINDS = (CategoryKind.MEDIA, CategoryKind.MEDIA_TECHNICIAN)


class OutletKind(models.TextChoices):
    NEWS_AGENCY = "news_agency", _("News agency")
    TV = "tv", _("Television")
    RADIO = "radio", _("Radio")
    PRINT = "print", _("Newspapers and magazines")
    ONLINE = "online", _("Online")
    PHOTO_AGENCY = "photo_agency", _("Photo agency")


class MediaRole(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    PHOTOGRAPHER = "photographer", _("Photographer")
    CAMERA_OPERATOR = "camera_operator", _("Camera operator")
    TECHNICIAN = "technician", _("Technician")
    EDITOR = "editor", _("Editor")


# A delegation with a dignitary may bring one of each, accredited through the delegation.
DELEGATION_MEDIA_ROLES = (MediaRole.PHOTOGRAPHER, MediaRole.CAMERA_OPERATOR)


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    POSSIBLE_DUPLICATE = "possible_duplicate", _("Possible duplicate")
    UNDER_REVIEW = "under_review", _("Under review")
    NEEDS_INFORMATION = "needs_information", _("Needs information")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = ApplicationStatus
# The moves an application may make; anything else is refused. An approved application can
# still be withdrawn (its badge is revoked); a rejection or a withdrawal is final: the person
# applies again.
#
# One person, one accreditation: a submission (or a correction) naming the ID document and
# nationality, or the e-mail address, of a live application is not refused, which would tell
# the sender that someone holds that document; it is taken like any other and held as a
# possible duplicate, a state that is not live (so the one-per-document constraint holds).
# The office releases it to the queue once the other is no longer live, or rejects or
# withdraws it.
TRANSITIONS = {
    S.SUBMITTED: {S.UNDER_REVIEW, S.NEEDS_INFORMATION, S.APPROVED, S.REJECTED, S.WITHDRAWN,
                  S.POSSIBLE_DUPLICATE},
    S.POSSIBLE_DUPLICATE: {S.SUBMITTED, S.REJECTED, S.WITHDRAWN},
    S.UNDER_REVIEW: {S.NEEDS_INFORMATION, S.APPROVED, S.REJECTED, S.WITHDRAWN},
    S.NEEDS_INFORMATION: {S.SUBMITTED, S.POSSIBLE_DUPLICATE, S.REJECTED, S.WITHDRAWN},
    S.APPROVED: {S.WITHDRAWN},
    S.REJECTED: set(),
    S.WITHDRAWN: set(),
}
# Applications that still hold (or may yet hold) the person's one accreditation.
LIVE_STATUSES = (S.SUBMITTED, S.UNDER_REVIEW, S.NEEDS_INFORMATION, S.APPROVED)
# Not closed yet: the live ones and those held as possible duplicates.
OPEN_STATUSES = (*LIVE_STATUSES, S.POSSIBLE_DUPLICATE)
# What the applicant may still correct (a held one too: to its sender it is submitted).
EDITABLE_STATUSES = (S.SUBMITTED, S.NEEDS_INFORMATION, S.POSSIBLE_DUPLICATE)
# What the sender of an application sees of its status: the applicant (mails, the status
# page, the correction form), whoever wrote it through the API (the answer to the write) and
# the webhooks. A possible duplicate reads as submitted: nothing the sender is shown tells a
# held application from a new one.
_SENDER_SEES = {S.POSSIBLE_DUPLICATE: S.SUBMITTED}


def status_as_sent(status):
    """The status as the sender of the application sees it (see _SENDER_SEES)."""
    return _SENDER_SEES.get(status, status)


del S


class ApplicationSource(models.TextChoices):
    PUBLIC_FORM = "public_form", _("Public form")
    DELEGATION = "delegation", _("Delegation registration")
    STAFF = "staff", _("Entered by staff")
    IMPORT = "import", _("Imported")
    API = "api", _("API")


# The doors a stranger may come through (the media form; a delegation's registration link,
# whose focal point the office does not vet). What arrives through them is a public
# submission: the mail it causes counts against the address's day (logistics.core.mail).
PUBLIC_SOURCES = (ApplicationSource.PUBLIC_FORM, ApplicationSource.DELEGATION)


class VettingStatus(models.TextChoices):
    NOT_REQUIRED = "not_required", _("Not required")
    PENDING = "pending", pgettext_lazy("vetting", "Pending")
    CLEARED = "cleared", _("Cleared")
    FLAGGED = "flagged", _("Flagged")


class IdDocumentKind(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    NATIONAL_ID = "national_id", _("National identity card")


class BadgeStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    LOST = "lost", _("Lost")
    REPLACED = "replaced", _("Replaced")


# The badges that still belong to their holder: at most one per application. A suspended
# badge (security vetting flagged the holder after it was issued) opens no gate until the
# office reinstates it or revokes it.
HELD_BADGE_STATUSES = (BadgeStatus.ACTIVE, BadgeStatus.SUSPENDED)


class PrintStatus(models.TextChoices):
    NOT_PRINTED = "not_printed", _("Not printed")
    PRINTED = "printed", _("Printed")


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", pgettext_lazy("print batch", "Failed")


class BulkAction(models.TextChoices):
    """What the office may decide for many applications at once, through the same service
    as one at a time."""

    START_REVIEW = "start_review", _("Start the review")
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")


class BulkStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")


class Direction(models.TextChoices):
    IN = "in", _("Entry")
    OUT = "out", _("Exit")


class CheckpointMode(models.TextChoices):
    ENTRY = "entry", _("Entry only")
    EXIT = "exit", _("Exit only")
    BOTH = "both", _("Entry and exit")


class ScanResult(models.TextChoices):
    ALLOW = "allow", _("Allowed")
    DENY = "deny", _("Denied")


class DenyReason(models.TextChoices):
    UNKNOWN = "unknown_code", _("Unknown code")
    FORGED = "forged", _("Signature does not match")
    REVOKED = "revoked", _("Badge revoked")
    # Says where to send the holder, never why: the gate does not learn what vetting found.
    SUSPENDED = "suspended", _("Badge suspended: send the holder to the accreditation office")
    LOST = "lost", _("Badge reported lost")
    REPLACED = "replaced", _("Badge replaced by a newer one")
    NOT_COLLECTED = "not_collected", _("Badge not yet collected")
    WRONG_ZONE = "wrong_zone", _("Not valid for this zone")
    OUTSIDE_DATES = "outside_dates", _("Outside the badge's dates")
    WRONG_DIRECTION = "wrong_direction", _("This checkpoint does not count that way")


class ManualReason(models.TextChoices):
    """Why a gate admitted someone by looking their badge up instead of reading its code."""

    CAMERA_FAILED = "camera_failed", _("The camera or scanner does not work")
    CODE_UNREADABLE = "code_unreadable", _("The code on the badge cannot be read")


class WebhookEvent(models.TextChoices):
    APPLICATION_STATUS = "application.status_changed", _("Application status changed")
    BADGE_ISSUED = "badge.issued", _("Badge issued")
    BADGE_REVOKED = "badge.revoked", _("Badge revoked")
    BADGE_SUSPENDED = "badge.suspended", _("Badge suspended")
    BADGE_REINSTATED = "badge.reinstated", _("Badge reinstated")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")
