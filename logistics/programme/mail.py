"""Who is told that a published version changed their sessions, and what they are told.
Sent by services.publishing through logistics.core.mail.

A session that changed or left the programme concerns its organiser (organiser_email) and
the delegations on its list of speakers (their focal points), withdrawn speakers excepted.
Each address gets one message listing all its sessions' changes.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from logistics.core.mail import absolute_url, mail_build
from logistics.delegations.models import Delegation
from logistics.programme.enums import SpeakerStatus
from logistics.programme.models import Session
from logistics.programme.queries import readable_changes


def changed_session_ids(version):
    changes = version.changes or {}
    return {item["id"] for key in ("changed", "removed") for item in changes.get(key, [])}


def change_recipients(version):
    """{address: sorted session ids} of the sessions that changed or went in `version`;
    addresses deduplicated ignoring case (the first spelling met wins)."""
    ids = changed_session_ids(version)
    if not ids:
        return {}
    found = {}  # casefolded address -> (address, ids)

    def add(address, session_id):
        address = (address or "").strip()
        if address:
            _spelling, sessions = found.setdefault(address.casefold(), (address, set()))
            sessions.add(session_id)

    for session_id, address in (Session.objects.filter(pk__in=ids, event_id=version.event_id)
                                .values_list("pk", "organiser_email")):
        add(address, session_id)
    # The speakers list hangs on its session (SpeakerSlot.session, related name "speakers");
    # the address is read through the same join the status was filtered on.
    speaking = [status for status in SpeakerStatus.values if status != SpeakerStatus.WITHDRAWN]
    speakers = (Session.objects.filter(pk__in=ids, speakers__status__in=speaking)
                .values_list("pk", "speakers__delegation__focal_point_email"))
    for session_id, address in speakers:
        add(address, session_id)
    return {address: sorted(sessions) for address, sessions in found.values()}


def language_of(event, address, session_ids):
    """The language a delegation's focal point or a side event's organiser chose (or used on
    the form), found by the address the message goes to; else the committee's."""
    delegation = (Delegation.objects.filter(event=event, focal_point_email__iexact=address)
                  .exclude(mail_language="").values_list("mail_language", flat=True).first())
    proposal = (Session.objects.filter(event=event, pk__in=session_ids,
                                       proposal__organiser_email__iexact=address)
                .exclude(proposal__mail_language="")
                .values_list("proposal__mail_language", flat=True).first())
    return delegation or proposal or ""


def changes_message(version, session_ids, address=""):
    """The mail to `address` about `session_ids`' changes in `version`, in its recipient's
    language (the changes name fields and kinds in words: made in it too)."""
    event = version.event
    return mail_build(
        template="logistics/email/programme_changes",
        language=language_of(event, address, session_ids), tz=event.tz,
        context=lambda: {
            "event": event, "version": version,
            "published": version.published_at.astimezone(event.tz),
            "changes": readable_changes(version.changes, event.tz, only=set(session_ids)),
            "link": absolute_url(reverse("programme_public"))},
        subject=lambda context: _("[%(event)s] The programme changed: version %(number)s") % {
            "event": event.name, "number": version.number})
