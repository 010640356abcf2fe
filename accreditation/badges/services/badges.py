"""Badges: issued once per approval, collected against an ID, revoked, lost, reissued;
suspended when security vetting flags the holder after the badge was issued.

At most one held badge (active or suspended) per application (a constraint); issuing locks
the application and then the category (its sequence), so a redelivered or doubled task finds
the badge made.

A suspended badge opens no gate, online or offline (it is on the offline kit's list of
badges that open nothing), until the office decides: it reinstates the badge once vetting
clears the holder again, or revokes it (or withdraws the application). Each step is in the
badge's audit trail and told to the webhooks (badge.suspended, badge.reinstated,
badge.revoked), never with vetting's reason.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accreditation import permissions, signals
from accreditation.applications.models.applications import Application
from accreditation.badges.models import Badge
from accreditation.enums import (
    HELD_BADGE_STATUSES,
    ApplicationStatus,
    BadgeStatus,
    PrintStatus,
    VettingStatus,
    WebhookEvent,
)
from accreditation.errors import BadgeUnusable, VettingRequired
from accreditation.setup.models import AccreditationCategory
from logistics.core.permissions import require

# Badges open the venue from the set-up days before the opening, not only on event days.
DAYS_BEFORE_EVENT = 3


def badge_number(event, category, sequence):
    return f"{event.slug.upper()}-{category.code}-{sequence:05d}"


def _next_sequence(category):
    # The category row is the lock: two badges of one category never share a number.
    AccreditationCategory.objects.select_for_update().get(pk=category.pk)
    last = (Badge.objects.filter(category=category).order_by("-sequence")
            .values_list("sequence", flat=True).first())
    return (last or 0) + 1


def _suspension_reason():
    return _("Suspended: security vetting flagged the holder after the badge was issued. "
             "Reinstate it once vetting clears them, or revoke it.")


def _new_badge(application, *, replaces=None):
    category, event = application.category, application.event
    sequence = _next_sequence(category)
    zones = list(category.zones.order_by("code"))
    # Flagged between the approval and the issue (or before a reissue): born suspended.
    flagged = application.vetting == VettingStatus.FLAGGED
    badge = Badge.objects.create(
        event=event, application=application, category=category, sequence=sequence,
        number=badge_number(event, category, sequence), replaces=replaces,
        zone_codes=",".join(zone.code for zone in zones),
        valid_from=event.start_date - timedelta(days=DAYS_BEFORE_EVENT),
        valid_until=event.end_date,
        status=BadgeStatus.SUSPENDED if flagged else BadgeStatus.ACTIVE,
        status_reason=_suspension_reason() if flagged else "")
    badge.zones.set(zones)
    _announce(badge, WebhookEvent.BADGE_ISSUED)
    if flagged:
        _announce(badge, WebhookEvent.BADGE_SUSPENDED)
    return badge


@transaction.atomic
def badge_issue(*, application_id):
    """The badge of an approved application, made if it has none. Idempotent: returns the
    held badge already there (active or suspended); None when the application is no longer
    approved."""
    application = (Application.objects.select_for_update(of=("self",))
                   .select_related("category", "event").get(pk=application_id))
    if application.status != ApplicationStatus.APPROVED:
        return None
    existing = application.badges.filter(status__in=HELD_BADGE_STATUSES).first()
    if existing is not None:
        return existing
    return _new_badge(application)


def _locked_badge(badge):
    return (Badge.objects.select_for_update(of=("self",))
            .select_related("application", "event", "category")
            .get(pk=badge.pk))


def _close(badge, status, *, reason):
    """Revoked, lost (from active or suspended) or replaced (from active only: a suspended
    badge waits for the office's decision, not for a new one)."""
    allowed = (BadgeStatus.ACTIVE,) if status == BadgeStatus.REPLACED else HELD_BADGE_STATUSES
    if badge.status not in allowed:
        raise BadgeUnusable(_("Badge %(number)s is already %(status)s.")
                            % {"number": badge.number,
                               "status": badge.get_status_display().lower()})
    badge.status = status
    badge.status_reason = reason
    badge.save(update_fields=["status", "status_reason", "updated_at"])
    if status != BadgeStatus.REPLACED:
        _announce(badge, WebhookEvent.BADGE_REVOKED)
    return badge


def badges_suspend(*, application):
    """Security vetting flagged the holder (services.vetting): the application's active
    badge is suspended at every gate until the office decides. Called inside vetting's
    transaction, the application row locked."""
    suspended = []
    for badge in (Badge.objects.select_for_update().filter(
            application=application, status=BadgeStatus.ACTIVE).order_by("pk")):
        badge.status = BadgeStatus.SUSPENDED
        badge.status_reason = _suspension_reason()
        badge.save(update_fields=["status", "status_reason", "updated_at"])
        _announce(badge, WebhookEvent.BADGE_SUSPENDED)
        suspended.append(badge)
    return suspended


@transaction.atomic
def badge_reinstate(*, badge, by, reason=""):
    """The office's decision on a suspended badge: it opens its gates again. Only once
    security vetting has cleared the holder again (as an approval needs); otherwise the
    office revokes it."""
    require(by, permissions.can_manage_accreditation,
            _("Only the accreditation office reinstates badges."))
    # The application first, then the badge: the order vetting and withdrawal take them in.
    application = (Application.objects.select_for_update(of=("self",))
                   .get(pk=badge.application_id))
    badge = _locked_badge(badge)
    if badge.status != BadgeStatus.SUSPENDED:
        raise BadgeUnusable(_("Badge %(number)s is %(status)s, not suspended.")
                            % {"number": badge.number,
                               "status": badge.get_status_display().lower()})
    if application.status != ApplicationStatus.APPROVED:
        raise BadgeUnusable(_("Only an approved application's badge is reinstated."))
    if application.vetting == VettingStatus.FLAGGED:
        raise VettingRequired(_("Security vetting still flags %(name)s: the badge is "
                                "reinstated once vetting clears them, or revoked.")
                              % {"name": application.full_name})
    badge.status = BadgeStatus.ACTIVE
    badge.status_reason = (reason or "").strip() or _("Reinstated by the accreditation office.")
    badge.save(update_fields=["status", "status_reason", "updated_at"])
    _announce(badge, WebhookEvent.BADGE_REINSTATED)
    return badge


@transaction.atomic
def badge_revoke(*, badge, by, reason):
    """Revoke for good: the code stops opening gates at the next scan. by=None when the
    system revokes (a withdrawn application)."""
    if by is not None:
        require(by, permissions.can_manage_accreditation,
                _("Only the accreditation office revokes badges."))
    reason = (reason or "").strip()
    if not reason:
        raise BadgeUnusable(_("Give the reason for revoking the badge."))
    return _close(_locked_badge(badge), BadgeStatus.REVOKED, reason=reason)


@transaction.atomic
def badge_mark_lost(*, badge, by, reason=""):
    require(by, permissions.can_manage_accreditation,
            _("Only the accreditation office handles lost badges."))
    return _close(_locked_badge(badge), BadgeStatus.LOST,
                  reason=(reason or "").strip() or _("Reported lost."))


@transaction.atomic
def badge_reissue(*, badge, by, reason=""):
    """A new badge (new number, new code) for the same approved application; an active old
    one is marked replaced, a lost or revoked one stays as it is. Collection starts again."""
    require(by, permissions.can_manage_accreditation,
            _("Only the accreditation office reissues badges."))
    # The application first, then the badge: the order withdrawal takes them in.
    application = (Application.objects.select_for_update(of=("self",))
                   .select_related("category", "event").get(pk=badge.application_id))
    old = _locked_badge(badge)
    if application.status != ApplicationStatus.APPROVED:
        raise BadgeUnusable(_("Only an approved application's badge can be reissued."))
    if old.status == BadgeStatus.REVOKED:
        # A revocation is a decision: undoing it is a new decision on the application.
        raise BadgeUnusable(_("Badge %(number)s was revoked; a revoked badge is not reissued.")
                            % {"number": old.number})
    if old.status == BadgeStatus.SUSPENDED:
        raise BadgeUnusable(_("Badge %(number)s is suspended: reinstate it or revoke it, "
                              "not reissue it.") % {"number": old.number})
    if Badge.objects.filter(replaces=old).exists():
        raise BadgeUnusable(_("Badge %(number)s has already been reissued.")
                            % {"number": old.number})
    current = (application.badges.filter(status__in=HELD_BADGE_STATUSES).exclude(pk=old.pk)
               .first())
    if current is not None:
        raise BadgeUnusable(_("%(name)s already holds active badge %(number)s.")
                            % {"name": application.full_name, "number": current.number})
    if old.status == BadgeStatus.ACTIVE:
        _close(old, BadgeStatus.REPLACED, reason=(reason or "").strip() or _("Reissued."))
    return _new_badge(application, replaces=old)


@transaction.atomic
def badge_collect(*, badge, by):
    """Handed over at the accreditation centre after the officer checked the holder's ID
    against the application: from now on the badge opens its gates."""
    require(by, permissions.can_manage_accreditation,
            _("Only the accreditation office hands over badges."))
    badge = _locked_badge(badge)
    if badge.status != BadgeStatus.ACTIVE:
        raise BadgeUnusable(_("Badge %(number)s is %(status)s; it cannot be handed over.")
                            % {"number": badge.number,
                               "status": badge.get_status_display().lower()})
    if badge.collected_at is None:
        badge.collected_at = timezone.now()
        badge.collected_by = by
        fields = ["collected_at", "collected_by", "updated_at"]
        # A badge handed over was printed, whether or not anyone said so before.
        if badge.print_status != PrintStatus.PRINTED:
            _printed(badge, by=by, when=badge.collected_at)
            fields += ["print_status", "printed_at", "printed_by"]
        badge.save(update_fields=fields)
    return badge


def badges_mark_pdf_made(*, badge_ids):
    """A PDF was made for these badges (one, or a batch): ready to print, not printed. Only
    a person confirms that (badge_confirm_printed, batch_confirm_printed)."""
    now = timezone.now()
    Badge.objects.filter(pk__in=badge_ids).update(pdf_made_at=now, updated_at=now)


def _printed(badge, *, by, when):
    badge.print_status = PrintStatus.PRINTED
    badge.printed_at = when
    badge.printed_by = by


@transaction.atomic
def badge_confirm_printed(*, badge, by):
    """Someone saw the badge come out of the printer: from now on it counts as printed (the
    list, its filters, the API). Once: a second confirmation keeps the first's time and
    name."""
    require(by, permissions.can_manage_accreditation,
            _("Only the accreditation office confirms badges printed."))
    badge = _locked_badge(badge)
    if badge.print_status == PrintStatus.PRINTED:
        return badge
    if badge.status != BadgeStatus.ACTIVE:
        raise BadgeUnusable(_("Badge %(number)s is %(status)s: only an active badge is "
                              "printed.") % {"number": badge.number,
                                             "status": badge.get_status_display().lower()})
    if badge.pdf_made_at is None:
        raise BadgeUnusable(_("Badge %(number)s has no PDF yet: make its PDF and print it "
                              "before confirming it printed.") % {"number": badge.number})
    _printed(badge, by=by, when=timezone.now())
    badge.save(update_fields=["print_status", "printed_at", "printed_by", "updated_at"])
    return badge


def badges_issue_missing(*, limit=500):
    """Approved applications that never got a badge (the broker was down when they were
    approved, or the task ran out of retries): issue them now. Never one whose badge was
    revoked or lost: that needs an officer. Returns how many were issued."""
    waiting = (Application.objects.filter(status=ApplicationStatus.APPROVED, badges__isnull=True)
               .order_by("pk").values_list("pk", flat=True)[:limit])
    return sum(1 for pk in list(waiting) if badge_issue(application_id=pk) is not None)


def _announce(badge, event_type):
    """Tells the webhooks' outbox, inside this transaction (accreditation.signals)."""
    signals.badge_changed.send(sender=Badge, badge=badge, event_type=event_type)
