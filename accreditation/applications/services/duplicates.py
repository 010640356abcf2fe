"""One person, one accreditation: which live application a new or corrected one may duplicate,
and how it is held.

A submission that names the ID document and nationality, or the e-mail address, of a live
application of the event is not refused: a refusal (or any other answer) would tell whoever
sent it that someone holds that document, a thousand guesses a bulk call. It is taken like any
other and held as a possible duplicate (ApplicationStatus.POSSIBLE_DUPLICATE, not live, so the
one-per-document constraint still holds), and its sender sees it as submitted
(enums.status_as_sent). The two matches are treated alike: an e-mail address is as much a
probe of who applied as a document number, and one rule for both leaves nothing to compare.
The office sees "possible duplicate of A-…" and decides; only security vetting is told which
of the two matched. A name and date of birth alone stay a warning for the reviewer: two
people may share both.

What holds a submission is any open application (live or itself held): were a held one
passed over, the fate of a later submission naming its address would depend on whether the
held one's ID number is someone else's. Releasing one to the queue waits for the live ones
only (live_duplicate), or two held ones would wait for each other.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from accreditation.applications.models.applications import Application
from accreditation.enums import LIVE_STATUSES, OPEN_STATUSES, ApplicationStatus

DOCUMENT, NAME, EMAIL = "document", "name", "email"


def duplicates_of(application):
    """Other live applications of the event that are likely the same person: the same ID
    document and nationality, the same name and date of birth, or the same e-mail."""
    match = _holding(application)
    if application.date_of_birth:
        match |= Q(family_name__iexact=application.family_name,
                   given_names__iexact=application.given_names,
                   date_of_birth=application.date_of_birth)
    return _live_others(application).filter(match)


def _holding(application):
    """What makes a second application wait: the same document and nationality, or the same
    e-mail address."""
    match = Q(pk__in=[])
    if application.id_document_index:
        match |= Q(id_document_index=application.id_document_index,
                   nationality_id=application.nationality_id)
    if application.email:
        match |= Q(email__iexact=application.email)
    return match


def _live_others(application, statuses=LIVE_STATUSES):
    return (Application.objects.filter(event_id=application.event_id, status__in=statuses)
            .exclude(pk=application.pk))


def _oldest_holding(application, statuses):
    return (_live_others(application, statuses).filter(_holding(application))
            .only("pk", "reference", "event_id").order_by("created_at", "id").first())


def open_duplicate(application):
    """The open application of the event (live or held; the oldest, other than this one)
    with the same ID document and nationality or the same e-mail address, which a new or
    corrected application is held as a possible duplicate of; None when there is none."""
    return _oldest_holding(application, OPEN_STATUSES)


def live_duplicate(application):
    """The live application of the event (the oldest, other than this one) with the same ID
    document and nationality or the same e-mail address, which a held one waits for before
    its release; None when there is none."""
    return _oldest_holding(application, LIVE_STATUSES)


def hold(application, other):
    """Held as a possible duplicate of `other` (None when a race left it unknown)."""
    application.status = ApplicationStatus.POSSIBLE_DUPLICATE
    application.duplicate_of = other


def hold_reason(application):
    """The status change's reason for a held application, as the office reads it: which
    application, never why."""
    if application.status != ApplicationStatus.POSSIBLE_DUPLICATE:
        return ""
    if application.duplicate_of_id is None:
        return _("Possible duplicate of another live application.")
    return _("Possible duplicate of %(reference)s.") % {
        "reference": application.duplicate_of.reference}


def correction_reason(from_status):
    """The reason of the move a correction makes: back to submitted after a request for
    information; nothing from any other status."""
    if from_status == ApplicationStatus.NEEDS_INFORMATION:
        return _("Corrected by the applicant.")
    return ""


def reason_as_sent(transition):
    """A status change's reason as the sender of the application reads it (the export of
    their data). A hold's names the application it may duplicate, the office's business:
    it reads as the same move of an application never held would, the correction's reason
    or nothing."""
    if transition.to_status != ApplicationStatus.POSSIBLE_DUPLICATE:
        return transition.reason
    return correction_reason(transition.from_status)


def duplicate_reasons(application, other):
    """Why `other` looks like the same person as `application`: DOCUMENT, NAME and EMAIL as
    they apply. DOCUMENT is for security vetting's eyes only (see reasons_shown)."""
    reasons = []
    if (application.id_document_index
            and other.id_document_index == application.id_document_index
            and other.nationality_id == application.nationality_id):
        reasons.append(DOCUMENT)
    if (application.date_of_birth and other.date_of_birth == application.date_of_birth
            and other.family_name.casefold() == application.family_name.casefold()
            and other.given_names.casefold() == application.given_names.casefold()):
        reasons.append(NAME)
    if application.email and other.email.casefold() == application.email.casefold():
        reasons.append(EMAIL)
    return reasons


def reasons_shown(reasons, *, vetting):
    """The reasons a reader is told: all of them to a vetting officer, none to anyone else.
    Naming the name or the e-mail alone would name the document by its absence."""
    return list(reasons) if vetting else []
