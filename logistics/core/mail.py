"""Every mail Accord sends is built, limited, claimed, sent and recorded here, in the outbox
(OutgoingMail): no other module makes or sends a message (tests/logistics/core/test_mail.py).
Each concept says what its mails say and to whom (logistics.reminders.mail*,
accreditation.applications.mail); its service says when.

Building (`mail_build`): a subject and a pair of templates (`<name>.txt`, `<name>.html`) in
the recipient's language (config.languages.mail_language: theirs if Accord speaks it, else
the committee's) and the event's time zone (|date and |time convert to it). The context
and the subject may be functions, called inside that language, so that the words they hold
(a missing item's name, a status) are the recipient's too.

Sending (`mail_send`) the mail its `key` names, once:

- Claimed by the key, which is unique: the first worker inserts the mail's row (or takes
  the queued one) and marks it sending; a second copy of the message, even at the same
  moment on another worker, finds it taken and sends nothing. A row left sending for
  STALE_AFTER lost its worker and is taken over, as is the row of a message the broker
  redelivered (`redelivered`: its first worker died, maybe mid-send, so that one mail may go
  twice).
- Marked `Auto-Submitted: auto-generated` (RFC 3834: no out-of-office replies).
- A failed send is recorded (the attempt, the error without addresses). A transient error
  (the mail server, the network, the database) gives the mail back, queued, and is raised
  again for the task to retry, unless this was its `final` attempt; any other error, or the
  final one, marks it failed. The secretariat reads both on the outbox page.

The limit on mail to addresses the public types. Anyone can type anyone's address on the
media form, a delegation's registration or the side-event form, so those mails carry no text
the sender chose (a reference, our words and our links: their templates hold to it), and the
mails a public submission causes go to one address at most MAIL_PER_ADDRESS_PER_DAY times a
day, counted in the database (MailCount: one row per address and day, a conditional
increment) so that every web process and worker shares the count. Past it the mail is held
back, never sent, and that is logged without the address; the form that caused it answers
as always, so the limit tells nobody anything about the address. Which mails count is said
by what caused the mail (the caller's `public_submission`), never by whom it goes to:

- counted: the mails a stranger's POST causes. An application received through the media
  form or a delegation's registration link, corrected through the correction link, or
  withdrawn by its delegation's registration; a side-event proposal received.
- never counted: the mails the staff (or an integration's key) cause by a decision. The
  office's moves of an application (review, request for information, approval, rejection,
  withdrawal), the programme office's side-event decisions, the reminders.

An address that has had its day's mails from strangers still gets every mail the staff send
it: a stranger's ten forms cannot silence the office's request for information. Addresses
are counted together the way mailboxes take them: in any case, without a "+tag" or dots in
the part before the @ (one Gmail box has many spellings), and with the domain as DNS spells
it (IDNA: "bücher.example" is "xn--bcher-kva.example", full-width letters are plain ones).
Quoted local parts ("victim"@…) and address literals (…@[192.0.2.1]) are refused by every
public form (logistics.core.forms.PublicEmailField), so they never reach the count.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from config.languages import mail_language
from logistics.core.enums import MailStatus
from logistics.core.models.mail import MailCount, OutgoingMail
from logistics.core.queueing import MAIL_RETRIES
from logistics.core.redaction import redact

logger = logging.getLogger(__name__)

# A mail queued or sending and untouched this long lost its message or its worker (a worker
# died, the broker restarted). Longer than a send may take (CELERY_TASK_TIME_LIMIT).
STALE_AFTER = timedelta(minutes=15)
# Worth another attempt: the mail server, the network, the database.
RETRYABLE = MAIL_RETRIES["autoretry_for"]
NO_RECIPIENTS = "no recipients"
SUBJECT_LENGTH = OutgoingMail._meta.get_field("subject").max_length


@dataclass(frozen=True)
class Message:
    """A mail as its recipient reads it."""

    subject: str
    text: str
    html: str
    language: str


def absolute_url(path):
    """A link inside a mail: the site's address and `path`."""
    return settings.SITE_URL + path


def mail_build(*, template, language, tz, context, subject):
    """The Message of `template` in `language` (the recipient's as they chose it; blank:
    unknown) and the time zone `tz`. `context` is a dict or a function that returns one;
    `subject` a text or a function of the context: both are called inside the language."""
    language = mail_language(language)
    with translation.override(language), timezone.override(tz):
        context = {"site_url": settings.SITE_URL,
                   **(context() if callable(context) else context)}
        subject = str(subject(context) if callable(subject) else subject)
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return Message(" ".join(subject.split()), text, html, language)


def clean_addresses(addresses, *, exclude=()):
    """Strip, drop blanks, deduplicate ignoring case (the first spelling wins), and sort."""
    seen = {address.casefold() for address in exclude}
    kept = []
    for address in addresses:
        address = (address or "").strip()
        if address and address.casefold() not in seen:
            seen.add(address.casefold())
            kept.append(address)
    return sorted(kept, key=str.casefold)


def mail_queue(*, key, kind, event, to, cc=()):
    """Record a mail whose task the caller queues: its row, queued (failed at once if it has
    nobody to go to). IntegrityError if `key` is taken: the caller's claim lost."""
    to, cc = clean_addresses(to), clean_addresses(cc, exclude=to)
    fields = {"status": MailStatus.QUEUED, "queued_at": timezone.now()}
    if not to and not cc:
        fields = {"status": MailStatus.FAILED, "last_error": NO_RECIPIENTS}
    return OutgoingMail.objects.create(key=key, kind=kind, event=event, recipients=to, cc=cc,
                                       **fields)


def mail_status(key):
    return OutgoingMail.objects.filter(key=key).values_list("status", flat=True).first()


def mail_send(*, key, kind, event, build, to=None, cc=(), public_submission=False,
              final=False, redelivered=False):
    """Send the mail `key` names unless it is sent, held, failed or being sent: the status it
    ends in (SENT, HELD, FAILED, or QUEUED for a retry, the error raised), or None when it
    was not this call's to send. `build()` gives its Message; `to` and `cc` its addresses
    (None: those it was queued with, mail_queue). `public_submission`: a stranger's POST
    caused it, so it goes only if its address has had fewer than MAIL_PER_ADDRESS_PER_DAY
    such mails today (a mail the staff caused always goes)."""
    mail = _take(key=key, kind=kind, event=event, to=to, cc=cc, redelivered=redelivered)
    if mail is None:
        return None
    if not mail.recipients and not mail.cc:
        logger.error("Mail %s has nobody to go to.", key)
        return _finish(mail, None, status=MailStatus.FAILED, last_error=NO_RECIPIENTS)
    message, counted = None, None
    try:
        message = build()
        if public_submission:
            counted = _count(mail.recipients)
            if counted is None:
                logger.warning("Mail %s not sent: its address has had %s mails today "
                               "(MAIL_PER_ADDRESS_PER_DAY).", key,
                               settings.MAIL_PER_ADDRESS_PER_DAY)
                return _finish(mail, message, status=MailStatus.HELD)
        _deliver(message, mail)
    except Exception as error:
        if counted is not None:
            _uncount(*counted)
        return _failed(mail, message, error, final=final)
    # The error of an earlier attempt stays: it says why the mail was retried.
    return _finish(mail, message, status=MailStatus.SENT, sent_at=timezone.now())


def _take(*, key, kind, event, to, cc, redelivered):
    """The mail's row, now marked sending by this call; None if another holds it or it is
    done. The row is taken in a short transaction and the mail goes after it commits, so
    that a slow mail server holds no lock."""
    now = timezone.now()
    with transaction.atomic():
        # skip_locked: a second copy of the message leaves at once instead of queueing
        # behind the first (which then inserts, or fails to, below).
        mail = OutgoingMail.objects.select_for_update(skip_locked=True).filter(key=key).first()
        if mail is not None:
            lost = mail.queued_at is None or mail.queued_at <= now - STALE_AFTER
            if not (mail.status == MailStatus.QUEUED
                    or (mail.status == MailStatus.SENDING and (redelivered or lost))):
                return None
            mail.status, mail.queued_at, mail.attempts = MailStatus.SENDING, now, mail.attempts + 1
            fields = ["status", "queued_at", "attempts"]
            if to is not None:  # the addresses as they stand now
                mail.recipients, mail.cc = clean_addresses(to), clean_addresses(cc, exclude=to)
                fields += ["recipients", "cc"]
            mail.save(update_fields=fields)
            return mail
    to = clean_addresses(to or [])
    try:
        # The savepoint keeps a lost race (IntegrityError) from breaking a caller's
        # transaction on PostgreSQL.
        with transaction.atomic():
            return OutgoingMail.objects.create(
                key=key, kind=kind, event=event, recipients=to,
                cc=clean_addresses(cc, exclude=to), status=MailStatus.SENDING, attempts=1,
                queued_at=now)
    except IntegrityError:
        return None  # another worker inserted it a moment ago, and holds it


def _deliver(message, mail):
    email = EmailMultiAlternatives(
        message.subject, message.text, settings.DEFAULT_FROM_EMAIL, to=mail.recipients,
        cc=mail.cc, headers={"Auto-Submitted": "auto-generated"})  # RFC 3834
    email.attach_alternative(message.html, "text/html")
    email.send(fail_silently=False)


def _failed(mail, message, error, *, final):
    text = redact(f"{type(error).__name__}: {error}")[:2000]
    if not final and isinstance(error, RETRYABLE):
        logger.warning("Mail %s failed (attempt %s), to be retried: %s", mail.key,
                       mail.attempts, text)
        _finish(mail, message, status=MailStatus.QUEUED, last_error=text)
        raise error
    logger.error("Mail %s failed (attempt %s): %s", mail.key, mail.attempts, text,
                 exc_info=not isinstance(error, RETRYABLE))
    return _finish(mail, message, status=MailStatus.FAILED, last_error=text)


def _finish(mail, message, *, status, **fields):
    if message is not None:
        fields.update(subject=message.subject[:SUBJECT_LENGTH], language=message.language)
    # Only while it is ours: a worker that took over a lost mail has it now.
    OutgoingMail.objects.filter(pk=mail.pk, status=MailStatus.SENDING,
                                queued_at=mail.queued_at).update(status=status, **fields)
    return status


def stale_mails_requeue(mails):
    """Mark queued again, now, the `mails` (a queryset) queued or sending and untouched for
    STALE_AFTER, skipping those another sweep holds; their ids, for the caller to queue
    their tasks (the next sweep then leaves them alone for another STALE_AFTER)."""
    # queued_at is the real clock, so this compares with the real clock.
    cutoff = timezone.now() - STALE_AFTER
    with transaction.atomic():
        ids = list(mails.select_for_update(skip_locked=True, of=("self",))
                   .filter(status__in=[MailStatus.QUEUED, MailStatus.SENDING],
                           queued_at__lt=cutoff).values_list("pk", flat=True))
        OutgoingMail.objects.filter(pk__in=ids).update(queued_at=timezone.now(),
                                                       status=MailStatus.QUEUED)
    return ids


# The limit on public submissions' mails


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


def _count(recipients):
    """Count one more mail to the one address of `recipients` today: (digest, day), or
    None when its day's mails are used up."""
    address, = recipients
    digest, day = address_digest(address), timezone.localdate()
    MailCount.objects.filter(day__lt=day).delete()  # yesterday's counts count no more
    MailCount.objects.bulk_create([MailCount(address_digest=digest, day=day)],
                                  ignore_conflicts=True)
    # One conditional UPDATE: two processes at the limit cannot both pass it.
    counted = MailCount.objects.filter(
        address_digest=digest, day=day, count__lt=settings.MAIL_PER_ADDRESS_PER_DAY,
    ).update(count=F("count") + 1)
    return (digest, day) if counted else None


def _uncount(digest, day):
    """A mail counted that did not go gives its count back."""
    MailCount.objects.filter(address_digest=digest, day=day, count__gt=0) \
        .update(count=F("count") - 1)
