"""The applicant's mail for each move of the application, sent at most once per move."""

from django.utils import timezone

from accreditation.models import Transition


def status_mail_send(*, transition_id):
    """Claimed by a conditional UPDATE before the mail goes, so a redelivered task sends
    nothing; a failed send gives the claim back for the retry. Nothing is sent to an
    application without an e-mail (a delegate entered without one)."""
    from accreditation import notifications

    transition = (Transition.objects.select_related("application__event")
                  .filter(pk=transition_id).first())
    if transition is None or not transition.application.email:
        return False
    claimed = timezone.now()
    if not Transition.objects.filter(pk=transition_id, mailed_at__isnull=True) \
            .update(mailed_at=claimed):
        return False
    try:
        # False when a public submission's mail found its address's day used up: claimed
        # all the same, never retried (the staff's moves are always sent).
        return notifications.send_status_mail(transition)
    except Exception:
        Transition.objects.filter(pk=transition_id, mailed_at=claimed).update(mailed_at=None)
        raise
