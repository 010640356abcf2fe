"""Who is told that a published version changed their sessions, what they are told, and
sending it. Called by services.publishing only.

A session that changed or left the programme concerns its organiser (organiser_email) and
the delegations on its list of speakers (their focal points), withdrawn speakers excepted.
Each address gets one message listing all its sessions' changes.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from config.languages import mail_language
from logistics.enums import SpeakerStatus
from logistics.models import Delegation, Session, SideEventProposal, SpeakerSlot
from logistics.queries.programme import readable_changes


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
    speakers = (SpeakerSlot.objects.filter(session_id__in=ids)
                .exclude(status=SpeakerStatus.WITHDRAWN)
                .values_list("session_id", "delegation__focal_point_email"))
    for session_id, address in speakers:
        add(address, session_id)
    return {address: sorted(sessions) for address, sessions in found.values()}


def _absolute(path):
    return settings.SITE_URL + path


def language_of(event, address, session_ids):
    """The language a delegation's focal point or a side event's organiser chose (or used on
    the form), found by the address the message goes to; else the committee's."""
    delegation = (Delegation.objects.filter(event=event, focal_point_email__iexact=address)
                  .exclude(mail_language="").values_list("mail_language", flat=True).first())
    proposal = (SideEventProposal.objects.filter(event=event, session_id__in=session_ids,
                                                 organiser_email__iexact=address)
                .exclude(mail_language="").values_list("mail_language", flat=True).first())
    return mail_language(delegation or proposal or "")


def render_changes(version, session_ids, address=""):
    """(subject, text, html) of the message to `address` about `session_ids`' changes in
    `version`, in its recipient's language."""
    event = version.event
    with translation.override(language_of(event, address, session_ids)):
        context = {
            "event": event, "version": version, "site_url": settings.SITE_URL,
            "published": version.published_at.astimezone(event.tz),
            "changes": readable_changes(version.changes, event.tz, only=set(session_ids)),
            "link": _absolute(reverse("programme_public")),
        }
        subject = _("[%(event)s] The programme changed: version %(number)s") % {
            "event": event.name, "number": version.number}
        text = render_to_string("logistics/email/programme_changes.txt", context)
        html = render_to_string("logistics/email/programme_changes.html", context)
    return " ".join(subject.split()), text, html


def send_changes(version, address, session_ids):
    """Send one message to `address`; raise on any mail error."""
    subject, text, html = render_changes(version, session_ids, address)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to=[address],
                                     headers={"Auto-Submitted": "auto-generated"})
    message.attach_alternative(html, "text/html")
    message.send(fail_silently=False)
