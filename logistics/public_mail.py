"""Mail to addresses the public types: the applicants' (the media form, a correction, a
delegation's registration of its members) and the side-event organisers'. Anyone can type
anyone's address there, so these mails are kept from being a weapon:

- they carry no text the sender chose (no names, titles, organisations, free text: a
  reference, our own words and our links), which their templates hold to;
- one address gets at most MAIL_PER_ADDRESS_PER_DAY of them a day, counted in the database
  (MailCount: one row per address and day, a conditional increment), so that every web
  process and worker shares the count. Past it the mail is not sent and that is logged
  without the address; the form that caused it answers as always, so the limit tells
  nobody anything about the address.

Addresses are counted together the way mailboxes take them: in any case, and without a
"+tag" or dots in the part before the @ (one Gmail box has many spellings)."""

import logging

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from logistics.models import MailCount

logger = logging.getLogger(__name__)


def address_digest(address):
    """The counted form of `address`, keyed (the table holds no address)."""
    local, _at, domain = (address or "").strip().casefold().rpartition("@")
    local = local.split("+", 1)[0].replace(".", "")
    return salted_hmac("accord.public_mail", f"{local}@{domain}",
                       algorithm="sha256").hexdigest()


def _count(digest, day):
    limit = settings.MAIL_PER_ADDRESS_PER_DAY
    MailCount.objects.filter(day__lt=day).delete()  # yesterday's counts count no more
    MailCount.objects.bulk_create([MailCount(address_digest=digest, day=day)],
                                  ignore_conflicts=True)
    # One conditional UPDATE: two processes at the limit cannot both pass it.
    return MailCount.objects.filter(address_digest=digest, day=day, count__lt=limit) \
        .update(count=F("count") + 1) == 1


def public_mail_send(message, *, what):
    """Send `message` (one recipient, typed by the public) if its address has had fewer than
    MAIL_PER_ADDRESS_PER_DAY today; True when sent. `what` names the mail in the log (never
    the address). A failed send gives its count back and raises."""
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
