"""Publishing the programme: a numbered, frozen version of the public sessions, with what
changed since the version before; those whose sessions changed are told by mail.

A version's `sessions` is a list of plain dicts (SNAPSHOT_FIELDS, times as ISO 8601 in UTC,
and the session's calendar "sequence"); its `changes` is {"previous": number or None,
"added": [snapshot], "removed": [snapshot], "changed": [{"id", "title", "fields": {field:
[before, after]}}], "cancelled": [snapshot]}, "cancelled" being every session published once
and no longer in the programme (the calendars keep telling subscribers it is off).

A session's sequence is the number of the version in which it last changed as a calendar
shows it (added, moved, renamed, cancelled): it rises only when the session changes, never
falls, and that version's publication is when it was last modified (see logistics.programme.ical).

The mail: each address concerned gets one message listing its sessions' changes, queued as
one Celery task per address once the version is committed. A version is published once, so
its tasks are queued once; a task retried after a mail-server error sends what it had not
sent. Each message is claimed by its row of the outbox (logistics.core.mail, keyed by the version
and a keyed digest of the address) before it goes, so a message delivered twice sends once;
the broker's redelivery of a message whose worker died (acks_late) takes over a claim that
was not marked sent, and may send that one message again.
"""

import logging
from datetime import UTC

from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from logistics.core import mail, permissions
from logistics.core.enums import MailKind, MailStatus
from logistics.core.models.event import Event
from logistics.core.permissions import can_manage_programme
from logistics.core.queueing import queue_after_commit
from logistics.programme import mail as notifications_programme
from logistics.programme.enums import SessionKind, SessionStatus
from logistics.programme.errors import NothingToPublish
from logistics.programme.models import ProgrammeVersion, Session

logger = logging.getLogger(__name__)

# Bilaterals are the delegations' business and rehearsals the technicians': never public.
PRIVATE_KINDS = (SessionKind.BILATERAL, SessionKind.REHEARSAL)
PUBLIC_KINDS = tuple(kind for kind in SessionKind if kind not in PRIVATE_KINDS)

# What a published session shows, and what a changelog compares.
SNAPSHOT_FIELDS = ("id", "kind", "title", "room", "venue", "start", "end", "languages",
                   "media_access", "chair", "organiser")
COMPARED_FIELDS = SNAPSHOT_FIELDS[1:]


def public_sessions(event):
    """The sessions the public programme shows: scheduled, placed, of a public kind."""
    return (Session.objects
            .filter(event=event, status=SessionStatus.SCHEDULED, room__isnull=False,
                    kind__in=PUBLIC_KINDS)
            .select_related("room__venue")
            .order_by("starts_at", "room__venue__name", "room__name", "pk"))


# The columns a snapshot is made of, read as plain values: at a COP-sized event thousands of
# sessions are compared on every visit to the versions page, and whole rows with their room
# and venue took most of its time.
_SNAPSHOT_COLUMNS = ("pk", "kind", "title", "room__name", "room__venue__name", "starts_at",
                     "ends_at", "languages", "media_access", "chair", "organiser")


def snapshots(sessions):
    """The snapshot of each of `sessions` (a queryset), in its order."""
    return [{
        "id": pk,
        "kind": kind,
        "title": title,
        "room": room or "",
        "venue": venue or "",
        "start": starts_at.astimezone(UTC).isoformat(),
        "end": ends_at.astimezone(UTC).isoformat(),
        "languages": list(languages or []),
        "media_access": media_access,
        "chair": chair,
        "organiser": organiser,
    } for (pk, kind, title, room, venue, starts_at, ends_at, languages, media_access, chair,
           organiser) in sessions.values_list(*_SNAPSHOT_COLUMNS)]


def changes_between(before, after):
    """What moved from the sessions `before` to the sessions `after` (lists of snapshots)."""
    old = {entry["id"]: entry for entry in before}
    new = {entry["id"]: entry for entry in after}
    changed = []
    for entry in after:
        previous = old.get(entry["id"])
        if previous is None:
            continue
        fields = {name: [previous.get(name), entry.get(name)] for name in COMPARED_FIELDS
                  if previous.get(name) != entry.get(name)}
        if fields:
            changed.append({"id": entry["id"], "title": entry["title"], "fields": fields})
    return {
        "added": [entry for entry in after if entry["id"] not in old],
        "removed": [entry for entry in before if entry["id"] not in new],
        "changed": changed,
    }


def _sequenced(previous, number, sessions, changes):
    """Give each of `sessions` (published now as version `number`) its calendar sequence, and
    `changes` the cumulative "cancelled"."""
    if previous is None:
        before, cancelled = {}, {}
    else:
        # A version published before sequences were kept served its number on every session:
        # that is what subscribed calendars hold, so it is where each session carries on.
        before = {entry["id"]: entry.get("sequence", previous.number)
                  for entry in previous.sessions}
        cancelled = {entry["id"]: entry for entry in previous.changes.get("cancelled", [])}
    moved = {item["id"] for item in changes["changed"]}
    for entry in sessions:
        unchanged = entry["id"] in before and entry["id"] not in moved
        entry["sequence"] = before[entry["id"]] if unchanged else number
        cancelled.pop(entry["id"], None)
    for entry in changes["removed"]:
        cancelled[entry["id"]] = {**entry, "sequence": number}
    changes["cancelled"] = sorted(cancelled.values(), key=lambda entry: entry["id"])


def has_changes(changes):
    return any(changes.get(key) for key in ("added", "removed", "changed"))


def pending_changes(event):
    """What publishing now would change, against the latest version (None before the
    first: everything would be new)."""
    previous = (ProgrammeVersion.objects.filter(event=event).order_by("-number")
                .only("number", "sessions").first())
    if previous is None:
        return None
    sessions = snapshots(public_sessions(event))
    return {"previous": previous.number, **changes_between(previous.sessions, sessions)}


@transaction.atomic
def programme_publish(*, event, by, note=""):
    """Publish the programme as it stands: the next version, with its changelog. Raises
    NotAllowed, or NothingToPublish when nothing public changed since the latest version
    (the first version is always allowed). The organisers and speakers of the sessions that
    changed or went are mailed after commit."""
    permissions.require(by, can_manage_programme,
                        _("Only the programme office and the secretariat can publish the "
                          "programme."))
    # One publisher at a time per event: the number and the changelog are read and written
    # under this lock (the unique number would refuse a second one anyway).
    Event.objects.select_for_update().only("pk").get(pk=event.pk)
    previous = (ProgrammeVersion.objects.filter(event=event).order_by("-number")
                .only("number", "sessions", "changes").first())
    sessions = snapshots(public_sessions(event))
    if previous is None:
        changes = {"previous": None, "added": [], "removed": [], "changed": []}
    else:
        changes = {"previous": previous.number, **changes_between(previous.sessions, sessions)}
        if not has_changes(changes):
            raise NothingToPublish(
                _("Nothing has changed since version %(number)s: there is nothing to "
                  "publish.") % {"number": previous.number})
    number = (previous.number + 1) if previous else 1
    _sequenced(previous, number, sessions, changes)
    version = ProgrammeVersion.objects.create(
        event=event, number=number,
        published_by=by, note=(note or "").strip(), sessions=sessions, changes=changes)
    for address in sorted(notifications_programme.change_recipients(version)):
        queue_after_commit("logistics.programme_changes_mail", version.pk, address)
    return version


def change_mail_digest(address):
    """The claim's form of an address: keyed, so that the outbox's key holds no address."""
    return salted_hmac("accord.programme_change_mail", address.strip().casefold(),
                       algorithm="sha256").hexdigest()


def programme_changes_mail_send(*, version_id, address, final=False, redelivered=False):
    """Mail `address` what changed in its sessions in the version, once (logistics.core.mail):
    a second copy of the message (even at the same moment, on another worker) sends
    nothing; a failed send is given back for the retry, and `redelivered` (this message's
    first worker died, maybe mid-send) takes over a claim not marked sent. The number of
    messages sent (0 when the address no longer concerns any change or another copy holds
    the claim). Raises a transient mail error unless this is the `final` attempt."""
    version = ProgrammeVersion.objects.select_related("event").get(pk=version_id)
    recipients = notifications_programme.change_recipients(version)
    wanted = address.casefold()
    ids = next((ids for found, ids in recipients.items() if found.casefold() == wanted), None)
    if not ids:
        # Not the address itself: logs keep no personal data.
        logger.info("Programme v%s: nothing to tell one address (of %s recipients).",
                    version.number, len(recipients))
        return 0
    status = mail.mail_send(
        key=f"programme:{version.pk}:{change_mail_digest(address)}",
        kind=MailKind.PROGRAMME_CHANGES, event=version.event, to=[address],
        build=lambda: notifications_programme.changes_message(version, ids, address),
        final=final, redelivered=redelivered)
    return int(status == MailStatus.SENT)
