"""The privacy notice of every public form that takes personal data: what the form asks,
who at the host committee sees it, why, and how long it is kept (PURGE_AFTER_DAYS,
docs/PERSONAL_DATA.md), with the consent the form requires before anything is saved.

One notice per kind of form, written here in the committee's words and shown by one
template (`_privacy_notice.html`); the readers named here are those of docs/PERSONAL_DATA.md
and must change with it. A test walks the public pages and fails for a form that takes
personal data without a notice."""

from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CONSENT = "privacy_consent"


@dataclass(frozen=True)
class Notice:
    asks: Promise  # what the form asks for
    readers: tuple  # who sees what, one line each
    why: Promise
    consent: Promise  # the words of the checkbox


MEDIA_APPLICATION = Notice(
    asks=_("Your name, gender, date of birth, nationality, e-mail and phone; your passport or "
           "ID card's kind, number, expiry and copy; your photo; your outlet, role, letter of "
           "assignment and press card."),
    readers=(
        _("The host committee's accreditation office and secretariat, and its security "
          "vetting officers, read your application."),
        _("Only the security vetting officers see the number and the copy of your passport "
          "or ID card."),
        _("Your photo and name are printed on your badge, and the gate staff see the photo "
          "when you enter."),
    ),
    why=_("To decide on your accreditation, check your identity with the security services "
          "and print your badge. Nothing is given to anyone else."),
    consent=_("I have read how my data are used and agree to it."),
)

DELEGATION_REGISTRATION = Notice(
    asks=_("For each member: name, title, gender, date of birth, nationality, e-mail, passport "
           "or ID card number and expiry, photo, flights, hotel, and dietary and accessibility "
           "needs; the delegation's head, focal point and credentials document."),
    readers=(
        _("The host committee's protocol office and secretariat read the registration."),
        _("Only the security vetting officers see the members' passport or ID card numbers."),
        _("Each member's photo and name are printed on their badge, and the gate staff see "
          "the photo when they enter."),
        _("Only the members ticked “in the list of participants” are named in the list the "
          "conference publishes: their title or function, name and delegation."),
    ),
    why=_("To accredit the members, prepare their badges, meet them on arrival and seat "
          "them. Nothing is given to anyone else."),
    consent=_("I have read how these data are used and agree to it; the members I register "
              "know it too."),
)

SIDE_EVENT_PROPOSAL = Notice(
    asks=_("The contact person's name and e-mail, and the organisers of the side event."),
    readers=(
        _("The host committee's programme office and secretariat read the proposal; its "
          "reviewers see it without your e-mail."),
    ),
    why=_("To review the proposal, tell you the decision and organise the side event. "
          "Nothing is given to anyone else."),
    consent=_("I have read how my data are used and agree to it."),
)


def kept_until(event):
    """How long the data are kept, from PURGE_AFTER_DAYS: the date of the purge when it is
    set; when it is not, that there is no date and the committee deletes them itself."""
    days = settings.PURGE_AFTER_DAYS
    if days is None:
        return gettext(
            "No date is set for deleting them automatically: they stay after the event until "
            "the host committee deletes them.")
    # The first day the purge is allowed (privacy.services.purge.purge_allowed_from), when
    # beat runs it at night.
    day = event.end_date + timedelta(days=days)
    return gettext(
        "They are deleted %(days)s days after the event's last day, on %(date)s.") % {
            "days": days, "date": date_format(day, "Y-m-d")}


class PrivacyConsentMixin:
    """A public form that shows `notice` and requires its consent. The form has an `event`
    when cleaned or shown."""

    notice = None  # a Notice

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[CONSENT] = forms.BooleanField(
            label=self.notice.consent, required=True,
            error_messages={"required": _("Tick the box to agree to how your data are used: "
                                          "without it, nothing can be sent.")},
            widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))

    def privacy_kept_until(self):
        return kept_until(self.event)

    def consented_at(self):
        """When the person agreed: now, for a form that is valid (the box is required)."""
        return timezone.now() if self.cleaned_data.get(CONSENT) else None

    def without_consent(self, data):
        """The form's values without the checkbox, for a service that names its fields."""
        return {name: value for name, value in data.items() if name != CONSENT}


class PrivacyConsentForm(PrivacyConsentMixin, forms.Form):
    """The notice and consent alone, for a page of several forms (a delegation's
    registration)."""

    def __init__(self, *args, event, notice, **kwargs):
        self.event, self.notice = event, notice
        super().__init__(*args, **kwargs)
