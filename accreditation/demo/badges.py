"""Badges for the demo's approved applications, in bulk, numbered as badge_issue() numbers
them (badge_number(): event, category letter, a sequence per category in the order of
issue). Most are printed and collected; some are printed and waiting at the accreditation
centre, some not printed yet; a few were lost or replaced and reissued, and the badges of
applications withdrawn after approval are revoked. Every approved application ends with
exactly one active badge."""

from collections import defaultdict
from datetime import timedelta

from accreditation.badges.models import Badge
from accreditation.badges.services.badges import DAYS_BEFORE_EVENT, badge_number
from accreditation.demo.pipeline import given_times, weighted
from accreditation.enums import BadgeStatus, PrintStatus
from logistics.demo import bulk

LOST_SHARE = 0.006
REPLACED_SHARE = 0.006
AT_LEAST = 3  # lost, replaced: a few of each whatever the draw
REPLACEMENT_REASONS = ["The name is misspelt on the badge.", "The badge was damaged.",
                       "A new photo: the first did not match the passport."]
WITHDRAWN = "Application withdrawn."


class Issuer:
    """Plans the badges (unsaved), then numbers and inserts them."""

    def __init__(self, event, *, officer, horizon, rng):
        self.event, self.officer, self.horizon, self.rng = event, officer, horizon, rng
        self.badges = []

    def _later(self, start, *, hours):
        """A moment after `start`, within `hours` and before the horizon (the office's now)."""
        end = min(start + timedelta(hours=hours), self.horizon)
        return start + (end - start) * self.rng.uniform(0.1, 0.9) if end > start else start

    def _badge(self, draft, issued_at, *, replaces=None):
        application = draft.application
        category = application.category
        first, last = draft.days or (self.event.start_date - timedelta(days=DAYS_BEFORE_EVENT),
                                     self.event.end_date)
        badge = Badge(event=self.event, application=application, category=category,
                      zone_codes=",".join(code for _, code in self.zones[category.pk]),
                      valid_from=first, valid_until=last, replaces=replaces,
                      issued_at=issued_at, updated_at=issued_at)
        self.badges.append(badge)
        return badge

    def _hand_over(self, badge, *, collect, print_):
        if print_ or collect:
            # The PDF made, then the print confirmed by the office the same day.
            badge.pdf_made_at = self._later(badge.issued_at, hours=47)
            badge.print_status = PrintStatus.PRINTED
            badge.printed_at = self._later(badge.issued_at, hours=48)
            badge.printed_by = self.officer
            badge.updated_at = badge.printed_at
        if collect:
            badge.collected_at = self._later(badge.printed_at, hours=24 * 7)
            badge.collected_by = self.officer
            badge.updated_at = badge.collected_at

    def issue(self, drafts, zones):
        """Plans the badges of every draft approved at some point. `zones`: each category's
        [(zone id, zone code)] in the order of the codes."""
        self.zones = zones
        approved = [d for d in drafts if d.approved_at]
        for draft in approved:
            issued = self._later(draft.approved_at, hours=0.2)  # the Celery task's minute
            badge = self._badge(draft, issued)
            if draft.closed_at:
                self._close(badge, BadgeStatus.REVOKED, WITHDRAWN, draft.closed_at)
                continue
            fate = weighted(self.rng, [("collected", 80), ("printed", 8), ("issued", 12)])
            self._hand_over(badge, collect=fate == "collected", print_=fate != "issued")
        self._reissue(BadgeStatus.LOST, LOST_SHARE, lambda: "Reported lost by the holder.")
        self._reissue(BadgeStatus.REPLACED, REPLACED_SHARE,
                      lambda: self.rng.choice(REPLACEMENT_REASONS))

    def _close(self, badge, status, reason, at):
        badge.status, badge.status_reason = status, reason
        badge.updated_at = max(at, badge.updated_at)

    def _reissue(self, status, share, reason):
        """Some collected badges lost or replaced, and a new badge issued for each."""
        candidates = [b for b in self.badges if b.status == BadgeStatus.ACTIVE
                      and b.collected_at and not b.replaces
                      and b.collected_at < self.horizon - timedelta(hours=2)]
        count = min(len(candidates), max(AT_LEAST, round(share * len(candidates))))
        for old in self.rng.sample(candidates, count):
            at = self._later(old.collected_at, hours=24 * 5)
            self._close(old, status, reason(), at)
            new = self._badge(_Source(old), self._later(at, hours=0.5), replaces=old)
            self._hand_over(new, collect=self.rng.random() < 0.8, print_=True)

    def insert(self):
        """Numbers (per category, in the order of issue) and bulk inserts; returns the
        badges."""
        sequences = defaultdict(int)
        badges = sorted(self.badges, key=lambda b: b.issued_at)
        for badge in badges:
            sequences[badge.category_id] += 1
            badge.sequence = sequences[badge.category_id]
            badge.number = badge_number(self.event, badge.category, badge.sequence)
        # A reissued badge points at the one it replaces: that one goes in first.
        with given_times((Badge, "issued_at"), (Badge, "updated_at")):
            bulk.insert(Badge, [b for b in badges if b.replaces is None])
            bulk.insert(Badge, [b for b in badges if b.replaces is not None])
        bulk.insert_values(Badge.zones.through, ("badge_id", "zone_id"),
                           [(badge.pk, zone_id) for badge in badges
                            for zone_id, _ in self.zones[badge.category_id]])
        return badges


class _Source:
    """A reissue: the same application and validity as the badge it replaces."""

    def __init__(self, badge):
        self.application = badge.application
        self.days = (badge.valid_from, badge.valid_until)
