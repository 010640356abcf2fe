"""Many applications in one call (the API's bulk endpoint): each item is held to the rules of
application_create on its own, and one refused item does not stop the others.

It is fast because the per-item work is only what cannot be shared: each item is checked
(services.applications.application_validate, the same checks as one at a time), the duplicate checks
for the whole batch are two queries (the batch's ID document indexes and e-mail addresses
against the open applications), the applications and their first status changes are written
with one INSERT each, and the applicants' mails and the webhook deliveries are queued after
commit as one message each, which a worker splits.

An item naming the document or e-mail of an open application, or of an earlier item of the
call, is created held as a possible duplicate of it (services.duplicates), in the same INSERT
as the others, and its result reads exactly as a new one's: a bulk call is no way to test a
thousand ID numbers. Nor is the way it is made: the items are created in the order sent, by
the same statements, whoever holds the numbers they name. Whether an item repeats an earlier
one is known from the call alone, and those that share a document or an address with
another item of the call get their duplicate_of written once the ids are read back (one
statement, the same rows whether the first of them is held or not).

What the fast path cannot settle in bulk goes one at a time through application_create, after
the others: applications through a delegation (the delegation-media rule counts per
delegation), and the whole batch again if the database refuses the INSERT (another request
created the same person meanwhile; the constraint is the last word).
"""

import string
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.db import IntegrityError, connections, transaction
from django.db.models import AutoField
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from accreditation import permissions, signals
from accreditation.applications.models.applications import Application, Transition
from accreditation.applications.services.applications import (
    PERSON_FIELDS,
    application_create,
    application_validate,
)
from accreditation.applications.services.duplicates import hold, hold_reason
from accreditation.enums import OPEN_STATUSES, ApplicationSource, VettingStatus
from accreditation.errors import InvalidApplication
from logistics.core.audit import created, log_many
from logistics.core.crypto import document_index
from logistics.core.errors import AccordError
from logistics.core.permissions import require
from logistics.core.queueing import queue_each_after_commit

MAX_ITEMS = 1000


@dataclass
class Outcome:
    """One item's fate: the application created, or the error that refused it."""

    application: Application | None = None
    error: AccordError | None = None


def _prepared(event, source, item):
    fields = dict(item)
    category = fields.pop("category")
    fields.pop("delegation", None)  # None here: those with one go one by one
    fields.pop("member", None)
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise InvalidApplication(_("Unknown fields: %(fields)s.")
                                 % {"fields": ", ".join(sorted(unknown))})
    application = Application(event=event, category=category, source=source, **fields)
    application.vetting = (VettingStatus.PENDING if category.vetting_required
                           else VettingStatus.NOT_REQUIRED)
    application.id_document_index = document_index(application.id_document_number)
    application_validate(application)
    return application


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _email_key(email):
    return email.strip().lower()


def _taken(event, prepared):
    """({(document index, nationality): holder}, {e-mail: holder}) of the event's open
    applications that the batch also names, each holder an Application with its pk and
    reference (the oldest, as open_duplicate() finds it)."""
    indexes = {a.id_document_index for _i, a in prepared if a.id_document_index}
    emails = {_email_key(a.email) for _i, a in prepared if a.email}
    holders = (Application.objects.filter(event=event, status__in=OPEN_STATUSES)
               .only("pk", "reference", "event_id", "id_document_index", "nationality_id",
                     "email").order_by("-created_at", "-id"))
    documents, taken_emails = {}, {}
    if indexes:
        # Newest first, so that the oldest holder of each key is the one kept.
        documents = {(a.id_document_index, a.nationality_id): a
                     for a in holders.filter(id_document_index__in=indexes)}
    if emails:
        # SQLite (and PostgreSQL in the C locale) lower ASCII letters only: ask for both
        # spellings, then compare here, fully lowered.
        spellings = emails | {a.email.strip().translate(_ASCII_LOWER)
                              for _i, a in prepared if a.email}
        taken_emails = {_email_key(a.email): a for a in holders.annotate(key=Lower("email"))
                        .filter(key__in=spellings)}
    return documents, taken_emails


def _hold_duplicates(event, prepared):
    """Hold each item naming the document and nationality, or the e-mail, of an open
    application as a possible duplicate of it (as application_create would hold it), and
    each naming an earlier item's as that item's duplicate (its id is set once the ids are
    read back, _held_within). Returns the indexes of the items that share a document or an
    address with another item of the call."""
    documents, emails = _taken(event, prepared)
    first_documents, first_emails = {}, {}
    shared = set()
    for index, application in prepared:
        document = (application.id_document_index, application.nationality_id) \
            if application.id_document_index else None
        email = _email_key(application.email) if application.email else None
        earlier = [first for first in (first_documents.get(document), first_emails.get(email))
                   if first is not None]
        shared.update(i for i, _a in earlier)
        if earlier:
            shared.add(index)
        holder = (document and documents.get(document)) or (email and emails.get(email))
        if holder:
            hold(application, holder)
        elif earlier:
            hold(application, min(earlier, key=lambda first: first[0])[1])
        if document:
            first_documents.setdefault(document, (index, application))
        if email:
            first_emails.setdefault(email, (index, application))
    return shared


def _insert_rows(model, objects):
    """One INSERT of many rows, each value prepared as the ORM prepares it (pre_save: the
    defaults and auto_now; get_db_prep_save: the encryption of the ID document number, the
    database's types). It does what bulk_create does, less its SQL built value by value,
    which at 1,000 rows of fifty columns was half the time of a bulk call. The caller reads
    the ids back."""
    connection = connections[model.objects.db]
    fields = [field for field in model._meta.concrete_fields
              if not isinstance(field, AutoField)]
    name = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        name(model._meta.db_table), ", ".join(name(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)))
    rows = [[field.get_db_prep_save(field.pre_save(obj, True), connection)
             for field in fields] for obj in objects]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _saved(obj, pk):
    obj.pk = pk
    obj._state.adding = False
    obj._state.db = Application.objects.db
    return obj


def _held_within(applications):
    """Write the duplicate_of of `applications` (those sharing a document or an address with
    another item of the call), now that the ids of the items they may duplicate are known:
    one statement, whether each is held or not, and by whom."""
    if not applications:
        return
    for application in applications:
        # Assigned again: the holder had no id when it was held (services.duplicates.hold).
        application.duplicate_of = application.duplicate_of
    connection = connections[Application.objects.db]
    name = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE {} SET {} = %s WHERE {} = %s".format(
                name(Application._meta.db_table),
                name(Application._meta.get_field("duplicate_of").column),
                name(Application._meta.pk.column)),
            [(application.duplicate_of_id, application.pk) for application in applications])


def _insert(prepared, shared, *, by, actor):
    """Applications and their first status change, one INSERT each, in the order sent; then
    the webhooks and, after commit, the applicants' mails."""
    applications = [application for _index, application in prepared]
    with transaction.atomic():
        _insert_rows(Application, applications)
        ids = dict(Application.objects.filter(reference__in=[a.reference for a in applications])
                   .values_list("reference", "pk"))
        for application in applications:
            _saved(application, ids[application.reference])
        _held_within([application for index, application in prepared if index in shared])
        # The INSERT bypasses the audit trail's signals: its entries go in one more.
        log_many([(application, LogEntry.Action.CREATE, created(application))
                  for application in applications], by=by)
        transitions = [Transition(application=application, from_status="",
                                  to_status=application.status, by=by, actor=actor,
                                  reason=hold_reason(application))
                       for application in applications]
        _insert_rows(Transition, transitions)
        # New applications: each has this one transition.
        ids = dict(Transition.objects.filter(application__in=applications)
                   .values_list("application_id", "pk"))
        for transition in transitions:
            _saved(transition, ids[transition.application_id])
    signals.applications_moved.send(
        sender=Application, moves=list(zip(applications, transitions, strict=True)))
    # Applications without an e-mail get no mail: the task would find nothing to send.
    queue_each_after_commit(
        "accreditation.send_status_mail",
        [t.pk for t, a in zip(transitions, applications, strict=True) if a.email],
        splitter="accreditation.send_status_mails")


def _one_by_one(event, source, items, indexes, outcomes, *, by, actor):
    for index in indexes:
        fields = dict(items[index])
        try:
            outcomes[index] = Outcome(application=application_create(
                event=event, source=source, by=by, actor=actor, **fields))
        except AccordError as error:
            outcomes[index] = Outcome(error=error)


@transaction.atomic
def applications_bulk_create(*, event, items, source=ApplicationSource.API, by=None, actor=""):
    """Create the applications `items` describe (dicts of application_create's keyword
    arguments: `category`, optionally `delegation`, and PERSON_FIELDS) in `event`. Returns
    one Outcome per item, in order. At most MAX_ITEMS items."""
    if len(items) > MAX_ITEMS:
        raise InvalidApplication(_("At most %(max)s applications per call.")
                                 % {"max": MAX_ITEMS})
    if source in (ApplicationSource.STAFF, ApplicationSource.IMPORT):
        require(by, permissions.can_manage_accreditation,
                _("Only the accreditation office enters applications."))
    outcomes = [None] * len(items)
    prepared, singly = [], []
    for index, item in enumerate(items):
        if item.get("delegation") is not None or item.get("member") is not None:
            singly.append(index)
            continue
        try:
            prepared.append((index, _prepared(event, source, item)))
        except AccordError as error:
            outcomes[index] = Outcome(error=error)
    shared = _hold_duplicates(event, prepared)
    if prepared:
        try:
            _insert(prepared, shared, by=by, actor=actor)
        except IntegrityError:
            # Raced by another request (or a reference drawn twice): the database refused
            # the batch, so each goes on its own and gets its own answer.
            singly += [index for index, _application in prepared]
        else:
            for index, application in prepared:
                outcomes[index] = Outcome(application=application)
    _one_by_one(event, source, items, sorted(singly), outcomes, by=by, actor=actor)
    return outcomes
