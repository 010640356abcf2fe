"""The applicant's mail for each move of the application, sent at most once per move."""

from django.utils import timezone

from accreditation.applications import mail as notifications
from accreditation.applications.models.applications import Transition
from logistics.core import mail
from logistics.core.enums import MailKind, MailStatus


def status_mail_send(*, transition_id, final=False, redelivered=False):
    """Mail the applicant one move, once (logistics.core.mail: a redelivered task sends nothing;
    a failed send is given back for the retry). A public submission's move goes only while
    its address has mails left today; the staff's moves always go. Nothing is sent to an
    application without an e-mail (a delegate entered without one). True when this call sent
    it; stamps the transition mailed."""
    transition = (Transition.objects.select_related("application__event",
                                                    "application__delegation")
                  .filter(pk=transition_id, mailed_at__isnull=True).first())
    if transition is None or not transition.application.email:
        return False
    application = transition.application
    status = mail.mail_send(key=f"transition:{transition.pk}",
                            kind=MailKind.APPLICATION_STATUS, event=application.event,
                            to=[application.email],
                            public_submission=transition.public_submission,
                            build=lambda: notifications.status_message(transition),
                            final=final, redelivered=redelivered)
    if status != MailStatus.SENT:
        return False
    Transition.objects.filter(pk=transition.pk).update(mailed_at=timezone.now())
    return True
