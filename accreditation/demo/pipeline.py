"""Applications as the pipeline would have left them. Each is drawn with its final status,
the moves that led there (Transition rows in time order, each one legal), its security
vetting as the approval rules need it, and then inserted in bulk: thousands of rows, no
mail queued and no webhook told (the services would do both after commit)."""

import contextlib
from dataclasses import dataclass, field
from datetime import timedelta

from accreditation.applications.models.applications import Application, Transition
from accreditation.enums import PUBLIC_SOURCES, ApplicationStatus, VettingStatus
from logistics.core.crypto import document_index
from logistics.demo import bulk

S = ApplicationStatus

# The ways an application reached its status, with their weights. Every pair of
# neighbours is a move TRANSITIONS allows (the tests check the rows).
PATHS = {
    S.SUBMITTED: [((S.SUBMITTED,), 9),
                  ((S.SUBMITTED, S.NEEDS_INFORMATION, S.SUBMITTED), 1)],
    S.UNDER_REVIEW: [((S.SUBMITTED, S.UNDER_REVIEW), 9),
                     ((S.SUBMITTED, S.NEEDS_INFORMATION, S.SUBMITTED, S.UNDER_REVIEW), 1)],
    S.NEEDS_INFORMATION: [((S.SUBMITTED, S.NEEDS_INFORMATION), 5),
                          ((S.SUBMITTED, S.UNDER_REVIEW, S.NEEDS_INFORMATION), 5)],
    S.APPROVED: [((S.SUBMITTED, S.UNDER_REVIEW, S.APPROVED), 7),
                 ((S.SUBMITTED, S.APPROVED), 2),
                 ((S.SUBMITTED, S.UNDER_REVIEW, S.NEEDS_INFORMATION, S.SUBMITTED,
                   S.UNDER_REVIEW, S.APPROVED), 1)],
    S.REJECTED: [((S.SUBMITTED, S.UNDER_REVIEW, S.REJECTED), 8),
                 ((S.SUBMITTED, S.REJECTED), 2)],
    S.WITHDRAWN: [((S.SUBMITTED, S.WITHDRAWN), 5),
                  ((S.SUBMITTED, S.UNDER_REVIEW, S.WITHDRAWN), 3),
                  ((S.SUBMITTED, S.UNDER_REVIEW, S.APPROVED, S.WITHDRAWN), 2)],
    # Held on arrival: its caller says which application it may duplicate.
    S.POSSIBLE_DUPLICATE: [((S.POSSIBLE_DUPLICATE,), 1)],
}

INFORMATION_REQUESTS = [
    "The letter of assignment is not signed by the editor. Upload a signed letter on the "
    "outlet's letterhead.",
    "The photo has a busy background. Upload a recent photo on a plain background, head and "
    "shoulders.",
    "The copy of the passport is unreadable: upload a clear scan of the photo page.",
    "The letter of assignment does not name the event and the period of the assignment.",
    "The passport expires before the event: give the details of the new one.",
]
REJECTIONS = [
    "No letter of assignment from the outlet after two requests.",
    "Not a working journalist: no published work could be found.",
    "The outlet's quota of journalists is taken by its other applicants.",
    "The letter of assignment names another person.",
]
FLAGGED_REJECTION = "Security vetting did not clear the applicant."
# (vetting's own note, the reason the office reads)
VETTING_NOTES = [
    ("The passport is reported lost or stolen; identity not confirmed.",
     "Identity not confirmed: do not accredit."),
    ("Name and date of birth match a watch-list entry; referred to the Security and Order "
     "Subcommittee.", "Referred to the Security and Order Subcommittee: do not accredit."),
    ("The identity could not be confirmed against the passport register.",
     "Identity not confirmed: do not accredit."),
]
WITHDRAWALS_BY_APPLICANT = ["", "", "Travel cancelled.", "The assignment was cancelled."]
WITHDRAWAL_AFTER_APPROVAL = "The outlet sends another journalist instead."
APPLICANT = "the applicant"


def weighted(rng, pairs):
    return rng.choices([value for value, _ in pairs], weights=[w for _, w in pairs])[0]


@dataclass
class Draft:
    """One application to insert, with its moves: (from, to, at, by, actor, reason)."""

    application: Application
    moves: list = field(default_factory=list)
    approved_at: object = None  # when it was approved, even if withdrawn since
    closed_at: object = None  # withdrawn after approval: the badge is revoked then
    days: tuple = ()  # (first, last) a badge is valid, where narrower than the event's
    duplicate_of: object = None  # the Draft a held application may duplicate

    @property
    def status(self):
        return self.application.status


class Office:
    """Who acts in the demo's history: the accreditation office and security vetting."""

    def __init__(self, officer, vetter, horizon):
        self.officer, self.vetter, self.horizon = officer, vetter, horizon


def _times(rng, start, end, count):
    """`count` moments in order from `start` (the first) to before `end`."""
    span = max((end - start).total_seconds(), 3600)
    points = sorted(rng.uniform(0.05, 0.95) for _ in range(count - 1))
    return [start] + [start + timedelta(seconds=span * p) for p in points]


def history(rng, application, status, *, submitted_at, office, actor="", vetted=True,
            until=None):
    """Sets the application's status, vetting and times from a path drawn for `status`, and
    returns its Draft. `vetted`: the category asks for security vetting; `until`: the moves
    end before then (default: the office's horizon, now or the eve of the event)."""
    path = weighted(rng, PATHS[status])
    until = min(until or office.horizon, office.horizon)
    times = _times(rng, submitted_at, until, len(path))
    draft = Draft(application)
    previous = ""
    for n, (to_status, at) in enumerate(zip(path, times, strict=True)):
        by, who, reason = office.officer, "", ""
        if to_status in (S.SUBMITTED, S.POSSIBLE_DUPLICATE):
            by, who = None, actor if n == 0 else APPLICANT
            reason = "" if n == 0 else "Corrected by the applicant."
        elif to_status == S.NEEDS_INFORMATION:
            reason = rng.choice(INFORMATION_REQUESTS)
            application.information_requested = reason
        elif to_status == S.APPROVED:
            draft.approved_at = at
        elif to_status == S.REJECTED:
            reason = rng.choice(REJECTIONS)
        elif to_status == S.WITHDRAWN:
            if draft.approved_at:
                reason, draft.closed_at = WITHDRAWAL_AFTER_APPROVAL, at
            else:
                by, who, reason = None, APPLICANT, rng.choice(WITHDRAWALS_BY_APPLICANT)
        draft.moves.append((previous, to_status, at, by, who, reason))
        previous = to_status
    if status != S.NEEDS_INFORMATION:
        application.information_requested = ""
    application.status = status
    application.created_at = submitted_at
    application.updated_at = times[-1]
    _vet(rng, draft, vetted, office.vetter, until)
    return draft


def _vet(rng, draft, vetted, vetter, until):
    """Vetting as the rules need it: cleared before any approval; otherwise drawn."""
    application = draft.application
    if not vetted:
        application.vetting = VettingStatus.NOT_REQUIRED
        return
    start, status = application.created_at, application.status
    if draft.approved_at:
        outcome, end = VettingStatus.CLEARED, draft.approved_at
    else:
        end = until
        outcome = weighted(rng, {
            S.SUBMITTED: [(VettingStatus.PENDING, 7), (VettingStatus.CLEARED, 3)],
            S.UNDER_REVIEW: [(VettingStatus.PENDING, 5), (VettingStatus.CLEARED, 4),
                             (VettingStatus.FLAGGED, 1)],
            S.NEEDS_INFORMATION: [(VettingStatus.PENDING, 6), (VettingStatus.CLEARED, 4)],
            S.REJECTED: [(VettingStatus.FLAGGED, 4), (VettingStatus.CLEARED, 4),
                         (VettingStatus.PENDING, 2)],
            S.WITHDRAWN: [(VettingStatus.PENDING, 6), (VettingStatus.CLEARED, 4)],
            S.POSSIBLE_DUPLICATE: [(VettingStatus.PENDING, 8), (VettingStatus.CLEARED, 2)],
        }[status])
        if outcome == VettingStatus.FLAGGED and status == S.REJECTED:
            last = draft.moves[-1]
            draft.moves[-1] = (*last[:5], FLAGGED_REJECTION)
            end = last[2]
    application.vetting = outcome
    if outcome == VettingStatus.PENDING:
        return
    application.vetted_by = vetter
    application.vetted_at = start + (end - start) * rng.uniform(0.2, 0.9)
    application.updated_at = max(application.updated_at, application.vetted_at)
    if outcome == VettingStatus.FLAGGED:
        application.vetting_note, application.vetting_reason = rng.choice(VETTING_NOTES)


@contextlib.contextmanager
def given_times(*fields):
    """Let bulk_create write the times the scenario gives instead of now: the demo's
    history is weeks long. Fields are (model, name) pairs; restored afterwards."""
    saved = []
    for model, name in fields:
        f = model._meta.get_field(name)
        saved.append((f, f.auto_now, f.auto_now_add))
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _public_submission(application, to_status, by):
    # As application_create and the correction link record it: sent or corrected by the
    # applicant through a public door.
    return (by is None and application.source in PUBLIC_SOURCES
            and to_status in (S.SUBMITTED, S.POSSIBLE_DUPLICATE))


def insert(drafts):
    """The applications and their transitions, in bulk. bulk_create skips save(), so the
    ID document's index is set here; the transitions count as mailed, so that nothing ever
    mails the demo's applicants."""
    applications = [d.application for d in drafts]
    for application in applications:
        application.id_document_index = document_index(application.id_document_number)
    with given_times((Application, "created_at"), (Application, "updated_at")):
        bulk.insert(Application, applications)
        held = [d for d in drafts if d.duplicate_of is not None]
        for draft in held:
            draft.application.duplicate_of_id = draft.duplicate_of.application.pk
        Application.objects.bulk_update([d.application for d in held], ["duplicate_of"])
        bulk.insert_values(
            Transition, ("application_id", "from_status", "to_status", "at", "by_id", "actor",
                         "reason", "mailed_at", "public_submission"),
            [(d.application.pk, a, b, at, by.pk if by else None, actor, reason, at,
              _public_submission(d.application, b, by))
             for d in drafts for a, b, at, by, actor, reason in d.moves])
    return drafts
