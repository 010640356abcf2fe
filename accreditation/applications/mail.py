"""Mail to applicants: one message per move of their application (the reference when it is
received, a request for information with the link to correct it, the decision). Called by
accreditation.applications.services.mail through logistics.core.mail. Vetting notes and
internal reasons never go out: a rejection carries the reason the officer wrote for the
applicant. Nothing the applicant typed goes out either, not even the name: anyone may type
anyone's address on the public form (logistics.core.mail, "The limit")."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accreditation.enums import ApplicationSource, status_as_sent
from accreditation.enums import ApplicationStatus as S
from logistics.core.mail import absolute_url, mail_build

SUBJECTS = {
    S.SUBMITTED: _("Accreditation application %(reference)s received"),
    S.UNDER_REVIEW: _("Accreditation application %(reference)s is under review"),
    S.NEEDS_INFORMATION: _("Accreditation application %(reference)s: information needed"),
    S.APPROVED: _("Accreditation application %(reference)s approved"),
    S.REJECTED: _("Accreditation application %(reference)s not approved"),
    S.WITHDRAWN: _("Accreditation application %(reference)s withdrawn"),
}


def correction_link(application):
    return absolute_url(reverse("apply_correct", args=[application.token]))


def status_link():
    return absolute_url(reverse("apply_status"))


def language_of_mails(application):
    """The applicant's language (the form's), else a delegate's delegation's."""
    language = application.mail_language
    if not language and application.delegation_id:
        language = application.delegation.mail_language
    return language


def status_message(transition):
    """The applicant's mail for one move, as the applicant sees it (a possible duplicate is
    a submitted application to them: the same mail as a new one)."""
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
    return mail_build(template="accreditation/email/status",
                      language=language_of_mails(application), tz=application.event.tz,
                      context=context,
                      subject=lambda context: SUBJECTS[status] % {
                          "reference": application.reference})
