"""Accreditation's part of the audit trail (see logistics/core/audit.py): applications, badges,
and what the office sets up. Every reader of an application or a badge page sees the
person's data there, so the values show to every one of them; the ID document number, its
index, the applicant's secret link, key hashes and webhook secrets are never logged, and of
security vetting's note (free text that may hold an ID number) only that it changed: its
page is read by the office and the secretariat, and the admin's audit log by the
secretariat. (Entries written before it was masked are scrubbed by the migration that
added the vetting reason.)

Not tracked: status changes (Transition rows, themselves the record of each move), scans
(the gates' own log), badge batches and webhook deliveries (the system's jobs), and an API
key's last use (bookkeeping on every call)."""

from logistics.core.audit import track


def register():
    from accreditation.applications.models.applications import Application
    from accreditation.badges.models import Badge
    from accreditation.gates.models import Checkpoint
    from accreditation.integrations.models import Webhook
    from accreditation.keys.models import ApiKey
    from accreditation.setup.models import (
        AccreditationCategory,
        MediaOutlet,
        OrganisationQuota,
        Zone,
    )

    track(Application, masked=["vetting_note"])
    # The zones are in zone_codes, as signed into the QR code: no second entry per badge.
    # The nonce is part of the signed code; the log has no use for it.
    track(Badge, secret=["nonce"])
    track(AccreditationCategory, m2m=["zones"])
    track(Zone)
    track(MediaOutlet)
    track(OrganisationQuota)
    track(Checkpoint)
    track(ApiKey, secret=["digest", "last_used_at"])
    track(Webhook)
