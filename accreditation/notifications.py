"""Mail to applicants: one message per move of their application (the reference when it is
received, a request for information with the link to correct it, the decision). Called by
accreditation.services.mail only. Vetting notes and internal reasons never go out: a
rejection carries the reason the officer wrote for the applicant. Nothing the applicant
typed goes out either, not even the name: anyone may type anyone's address on the public
form (logistics/public_mail.py)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accreditation.enums import ApplicationSource, status_as_sent
from accreditation.enums import ApplicationStatus as S
from config.languages import mail_language
from logistics.public_mail import public_mail_send

SUBJECTS = {
    S.SUBMITTED: _("Accreditation application %(reference)s received"),
    S.UNDER_REVIEW: _("Accreditation application %(reference)s is under review"),
    S.NEEDS_INFORMATION: _("Accreditation application %(reference)s: information needed"),
    S.APPROVED: _("Accreditation application %(reference)s approved"),
    S.REJECTED: _("Accreditation application %(reference)s not approved"),
    S.WITHDRAWN: _("Accreditation application %(reference)s withdrawn"),
}


def correction_link(application):
    return settings.SITE_URL + reverse("apply_correct", args=[application.token])


def status_link():
    return settings.SITE_URL + reverse("apply_status")


def language_of_mails(application):
    """The applicant's language (the form's), a delegate's delegation's, else the
    committee's."""
    language = application.mail_language
    if not language and application.delegation_id:
        language = application.delegation.mail_language
    return mail_language(language)


def send_status_mail(transition):
    """The applicant's mail for one move, as the applicant sees it (a possible duplicate is
    a submitted application to them: the same mail as a new one); False when a public
    submission made the move and its address has had its mails today (logistics.public_mail:
    the staff's moves are always mailed); raises on any mail error (the task retries)."""
    application = transition.application
    status = status_as_sent(transition.to_status)
    context = {"application": application, "event": application.event,
               "transition": transition, "status": status,
               "from_status": status_as_sent(transition.from_status),
               # The correction form is the journalists' form: others (delegates, staff,
               # imports) answer the office, quoting their reference.
               "correction_link": (correction_link(application)
                                   if application.source == ApplicationSource.PUBLIC_FORM
                                   else ""),
               "status_link": status_link()}
    with translation.override(language_of_mails(application)):
        subject = str(SUBJECTS[status]) % {"reference": application.reference}
        text = render_to_string("accreditation/email/status.txt", context)
        html = render_to_string("accreditation/email/status.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL,
                                     to=[application.email],
                                     headers={"Auto-Submitted": "auto-generated"})
    message.attach_alternative(html, "text/html")
    return public_mail_send(message, what=f"Status mail of transition {transition.pk}",
                            public_submission=transition.public_submission)
