"""Mail to addresses the public types: the applicants' (the media form, a correction, a
delegation's registration of its members) and the side-event organisers'. Anyone can type
anyone's address there, so these mails are kept from being a weapon:

- they carry no text the sender chose (no names, titles, organisations, free text: a
  reference, our own words and our links), which their templates hold to;
- the mails a public submission causes go to one address at most MAIL_PER_ADDRESS_PER_DAY
  times a day, counted in the database (MailCount: one row per address and day, a
  conditional increment), so that every web process and worker shares the count. Past it
  the mail is not sent and that is logged without the address; the form that caused it
  answers as always, so the limit tells nobody anything about the address.

Which mails count is said once, by what caused the mail (the caller's `public_submission`),
never by whom it goes to:

- counted: the mails a stranger's POST causes. An application received through the media
  form or a delegation's registration link, corrected through the correction link, or
  withdrawn by its delegation's registration; a side-event proposal received.
- never counted: the mails the staff (or an integration's key) cause by a decision. The
  office's moves of an application (review, request for information, approval, rejection,
  withdrawal), the programme office's side-event decisions, the reminders.

An address that has had its day's mails from strangers still gets every mail the staff
send it: a stranger's ten forms cannot silence the office's request for information.

Addresses are counted together the way mailboxes take them: in any case, without a "+tag"
or dots in the part before the @ (one Gmail box has many spellings), and with the domain as
DNS spells it (IDNA: "bücher.example" is "xn--bcher-kva.example", full-width letters are
plain ones). Quoted local parts ("victim"@…, "\\v\\ictim"@…) and address literals
(…@[192.0.2.1]) are refused by every public form (logistics.forms.PublicEmailField), so
they never reach the count: one spelling of a mailbox is the safer rule, and no one applies
with them."""

import logging

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from logistics.models import MailCount

logger = logging.getLogger(__name__)


def _domain(domain):
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:  # not a name IDNA can spell (the form's check refused it anyway)
        return domain


def address_digest(address):
    """The counted form of `address`, keyed (the table holds no address)."""
    local, _at, domain = (address or "").strip().casefold().rpartition("@")
    local = local.split("+", 1)[0].replace(".", "")
    return salted_hmac("accord.public_mail", f"{local}@{_domain(domain)}",
                       algorithm="sha256").hexdigest()


def _count(digest, day):
    limit = settings.MAIL_PER_ADDRESS_PER_DAY
    MailCount.objects.filter(day__lt=day).delete()  # yesterday's counts count no more
    MailCount.objects.bulk_create([MailCount(address_digest=digest, day=day)],
                                  ignore_conflicts=True)
    # One conditional UPDATE: two processes at the limit cannot both pass it.
    return MailCount.objects.filter(address_digest=digest, day=day, count__lt=limit) \
        .update(count=F("count") + 1) == 1


def public_mail_send(message, *, what, public_submission):
    """Send `message` (one recipient, an address the public typed); True when sent.
    `public_submission`: a stranger's POST caused it (the table above), so it goes only if
    the address has had fewer than MAIL_PER_ADDRESS_PER_DAY such mails today; a mail the
    staff caused always goes. `what` names the mail in the log (never the address). A failed
    send gives its count back and raises."""
    if not public_submission:
        message.send(fail_silently=False)
        return True
    address, = message.to
    digest, day = address_digest(address), timezone.localdate()
    if not _count(digest, day):
        logger.warning("%s not sent: its address has had %s mails today "
                       "(MAIL_PER_ADDRESS_PER_DAY).", what, settings.MAIL_PER_ADDRESS_PER_DAY)
        return False
    try:
        message.send(fail_silently=False)
    except Exception:
        MailCount.objects.filter(address_digest=digest, day=day, count__gt=0) \
            .update(count=F("count") - 1)
        raise
    return True
