"""The mail that gives a delegation's focal point its registration link."""

from django.utils.translation import gettext as _

from logistics.core.mail import absolute_url, mail_build


def invitation_message(invitation):
    """The mail that gives a delegation's focal point its registration link."""
    delegation, event = invitation.delegation, invitation.delegation.event
    context = {"delegation": delegation, "event": event,
               "link": absolute_url(invitation.get_absolute_url()),
               "closes": invitation.expires_at.astimezone(event.tz)}
    return mail_build(
        template="logistics/email/invitation", language=delegation.mail_language,
        tz=event.tz, context=context,
        subject=lambda context: _("Registration for %(event)s: %(delegation)s") % {
            "event": event.name, "delegation": delegation.name})
