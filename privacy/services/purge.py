"""The purge: an event's personal data removed once the event is over by a given number of
days, its anonymous statistics kept.

The rows stay, stripped of what identifies a person (docs/PERSONAL_DATA.md, "Purge"): names
become PLACEHOLDER, addresses, dates of birth, ID numbers, travel, notes and uploads are
emptied, secret links stop working (their token and its index emptied). What the statistics
count (category, status, nationality, gender, outlet, delegation, badges, scans) is left as
it was, so that every count reads the same afterwards (privacy.queries.event_statistics).

Each step updates only the rows that still hold something to remove: a second run finds
none and reports 0; a dry run counts the same rows and changes nothing.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Length
from django.utils import timezone
from django.utils.translation import gettext as _

from accreditation.applications.models.applications import Application, Transition
from accreditation.applications.models.bulk import BulkDecision, BulkRefusal
from accreditation.badges.models import Badge, BadgeBatch
from accreditation.gates.models import Checkpoint, GateLookup
from accreditation.integrations.models import Delivery
from logistics.bilaterals.models import BilateralMeeting
from logistics.core.models.event import Event
from logistics.core.models.mail import OutgoingMail
from logistics.delegations.models import Delegation, DelegationMember, Invitation
from logistics.programme.models import ProgrammeVersion, Session
from logistics.side_events.models import ProposalReview, SideEventProposal
from logistics.signing.models import Signing
from logistics.speakers.models import SpeakerSlot
from privacy.errors import PurgeTooEarly

# What a purged name reads as, in every language (it is data, not interface text).
PLACEHOLDER = "[removed]"
# Delivery ids looked up per query: a COP-sized event has 100,000 applications.
CHUNK = 1000


@dataclass(frozen=True)
class Step:
    """One model's purge: its rows of the event, the value each personal field gets, and
    the field through which its deleted rows' audit entries name their event."""

    label: str
    model: type
    event_path: str
    values: dict
    files: tuple = ()
    owner: tuple = ()  # (field in the audit entry's changes, how to get the owners' ids)

    def rows(self, event):
        return self.model.objects.filter(**{self.event_path: event})

    def pending(self, event):
        """The rows that still hold something to remove."""
        rows = self.rows(event)
        needs = Q()
        for name, value in self.values.items():
            if name == "id_document_number":
                # Encrypted: its length is the only thing the database can say about it.
                rows = rows.annotate(_id_length=Length(name))
                needs |= Q(_id_length__gt=0)
            elif isinstance(value, TokenValue):
                needs |= Q(**{f"{name}_index__isnull": False})
            elif isinstance(value, KeepOrNow):
                needs |= Q(**{f"{name}__isnull": True})
            elif value is None:
                needs |= Q(**{f"{name}__isnull": False})
            else:
                needs |= ~Q(**{name: value})
        return rows.filter(needs)

    def update_values(self, now):
        result = {}
        for name, value in self.values.items():
            if isinstance(value, TokenValue):
                # No token, and no index (null): no link, however typed, finds the row.
                result[name] = ""
                result[f"{name}_index"] = None
            elif isinstance(value, KeepOrNow):
                result[name] = Coalesce(name, Value(now))
            else:
                result[name] = value
        if any(f.name == "updated_at" for f in self.model._meta.concrete_fields):
            # Integrations sync by updated_at: they are told the record changed.
            result["updated_at"] = now
        return result


class TokenValue:
    """A secret link (a SecretField with its SecretIndexField) emptied: nothing finds the
    row by a link any more."""


class KeepOrNow:
    """A date set to now where it is empty (an invitation revoked unless it already was)."""


TOKEN = TokenValue()
REVOKE = KeepOrNow()


def _delegation_ids(event):
    return set(Delegation.objects.filter(event=event).values_list("pk", flat=True))


def _event_ids(event):
    return {event.pk}


def _application_ids(event):
    return set(Application.objects.filter(event=event).values_list("pk", flat=True))


def _checkpoint_ids(event):
    return set(Checkpoint.objects.filter(event=event).values_list("pk", flat=True))


def _bulk_decision_ids(event):
    return set(BulkDecision.objects.filter(event=event).values_list("pk", flat=True))


def _proposal_ids(event):
    return set(SideEventProposal.objects.filter(event=event).values_list("pk", flat=True))


ID_DOCUMENT = {"id_document_number": "", "id_document_index": "", "id_document_expiry": None}

STEPS = (
    Step("applications", Application, "event", {
        "family_name": PLACEHOLDER, "given_names": "", "date_of_birth": None, "email": "",
        "phone": "", "function": "", **ID_DOCUMENT, "photo": "", "letter_of_assignment": "",
        "press_card": "", "id_copy": "", "equipment": "", "information_requested": "",
        "vetting_note": "", "vetting_reason": "", "token": TOKEN},
        files=("photo", "letter_of_assignment", "press_card", "id_copy"),
        owner=("event", _event_ids)),
    Step("status changes", Transition, "application__event", {"reason": ""},
         owner=("application", _application_ids)),
    # A bulk decision keeps its filters as typed (a search may be a name) and each refusal
    # what the office was told (a vetting refusal names the applicant).
    Step("bulk decisions", BulkDecision, "event", {"query": "", "described": "", "reason": ""},
         owner=("event", _event_ids)),
    Step("bulk decision refusals", BulkRefusal, "job__event", {"message": ""},
         owner=("job", _bulk_decision_ids)),
    Step("badges", Badge, "event", {"status_reason": ""}, owner=("event", _event_ids)),
    # What a gate typed to find a badge may be the holder's name.
    Step("gate lookups", GateLookup, "checkpoint__event", {"query": PLACEHOLDER},
         owner=("checkpoint", _checkpoint_ids)),
    Step("badge print batches", BadgeBatch, "event", {"file": "", "error": ""},
         files=("file",), owner=("event", _event_ids)),
    Step("delegation members", DelegationMember, "delegation__event", {
        "family_name": PLACEHOLDER, "given_names": "", "title": "", "date_of_birth": None,
        "email": "", "arrival_at": None, "arrival_flight": "", "departure_at": None,
        "departure_flight": "", "dietary_needs": "", "accessibility_needs": "",
        **ID_DOCUMENT, "hotel": "", "photo": "", "in_list_of_participants": False},
        files=("photo",), owner=("delegation", _delegation_ids)),
    Step("delegations", Delegation, "event", {
        "head_name": "", "head_title": "", "focal_point_name": "", "focal_point_email": "",
        "hotel": "", "protocol_notes": "", "credentials_document": ""},
        files=("credentials_document",), owner=("event", _event_ids)),
    Step("invitations", Invitation, "delegation__event",
         {"email": "", "token": TOKEN, "revoked_at": REVOKE},
         owner=("delegation", _delegation_ids)),
    Step("signings", Signing, "event", {
        "signatory_name": "", "signatory_title": "", "full_powers_document": ""},
        files=("full_powers_document",), owner=("event", _event_ids)),
    Step("speakers", SpeakerSlot, "delegation__event",
         {"speaker_name": PLACEHOLDER, "speaker_title": ""},
         owner=("delegation", _delegation_ids)),
    Step("sessions", Session, "event", {"chair": "", "organiser_email": ""},
         owner=("event", _event_ids)),
    Step("bilateral meetings", BilateralMeeting, "event", {"notes": ""},
         owner=("event", _event_ids)),
    Step("side-event proposals", SideEventProposal, "event", {
        "organiser_name": PLACEHOLDER, "organiser_email": "", "confirm_token": TOKEN},
        owner=("event", _event_ids)),
    Step("side-event reviews", ProposalReview, "proposal__event", {"comment": ""},
         owner=("proposal", _proposal_ids)),
    # The outbox: every mail's addresses, and its error (a mail server may quote them).
    Step("mails", OutgoingMail, "event", {"recipients": [], "cc": [], "last_error": ""},
         owner=("event", _event_ids)),
)


@dataclass
class PurgeReport:
    event: object
    dry_run: bool
    counts: dict = field(default_factory=dict)
    files: list = field(default_factory=list)

    @property
    def total(self):
        return sum(self.counts.values()) + len(self.files)


def purge_allowed_from(event, days):
    """The first day (at the venue) the event's personal data may be purged."""
    return event.end_date + timedelta(days=days)


def personal_data_purge(*, event, days, dry_run=False, by=None):
    """Purge the event's personal data, or count what a purge would change (`dry_run`).
    Raises PurgeTooEarly before the event's last day plus `days`. One transaction; the
    uploads are deleted from storage once it has committed."""
    if days < 0:
        raise PurgeTooEarly(_("Give a number of days of zero or more."))
    allowed = purge_allowed_from(event, days)
    if event.today() < allowed:
        raise PurgeTooEarly(
            _("The personal data of %(event)s is kept until %(days)s day(s) after its last "
              "day (%(end)s): it can be purged from %(date)s.")
            % {"event": event.name, "days": days, "end": event.end_date.isoformat(),
               "date": allowed.isoformat()})
    report = PurgeReport(event=event, dry_run=dry_run)
    with transaction.atomic():
        # One purge of an event at a time; a registration or an application arriving now
        # waits for it.
        Event.objects.select_for_update().only("pk").get(pk=event.pk)
        now = timezone.now()
        for step in STEPS:
            pending = step.pending(event)
            if step.files:
                for names in pending.values_list(*step.files):
                    report.files.extend(name for name in names if name)
            if dry_run:
                report.counts[step.label] = pending.count()
            else:
                report.counts[step.label] = step.rows(event).filter(
                    pk__in=Subquery(pending.values("pk"))).update(**step.update_values(now))
        report.counts["webhook deliveries"] = _deliveries(event, dry_run=dry_run)
        report.counts["published programme versions"] = _programme_versions(
            event, dry_run=dry_run)
        report.counts["audit trail entries"] = _audit_entries(event, dry_run=dry_run)
        report.counts["admin log entries"] = _admin_log(event, dry_run=dry_run)
        report.files = sorted(set(report.files))
        if not dry_run and report.total:
            _log(report, days=days, by=by)
            names = list(report.files)
            transaction.on_commit(lambda: _delete_files(names))
    return report


def _delete_files(names):
    from django.core.files.storage import default_storage

    for name in names:
        default_storage.delete(name)


def _deliveries(event, *, dry_run):
    """Webhook payloads name applications and badges by id and reference: emptied for the
    event's, with their last error."""
    pending = Delivery.objects.exclude(payload={}, error="")
    count = 0
    for kind, model in (("application", Application), ("badge", Badge)):
        ids = list(model.objects.filter(event=event).values_list("pk", flat=True))
        for start in range(0, len(ids), CHUNK):
            chunk = pending.filter(**{f"payload__{kind}__id__in": ids[start:start + CHUNK]})
            count += chunk.count() if dry_run else chunk.update(payload={}, error="")
    return count


def _programme_versions(event, *, dry_run):
    """Published versions keep their sessions as they were published, chairs included."""
    count = 0
    for version in ProgrammeVersion.objects.filter(event=event).only("sessions", "changes"):
        sessions = [_without_chair(entry) for entry in version.sessions]
        changes = {key: ([_without_chair(entry) for entry in value] if key != "changed"
                         else [_change_without_chair(entry) for entry in value])
                   if isinstance(value, list) else value
                   for key, value in (version.changes or {}).items()}
        if sessions == version.sessions and changes == version.changes:
            continue
        count += 1
        if not dry_run:
            ProgrammeVersion.objects.filter(pk=version.pk).update(sessions=sessions,
                                                                  changes=changes)
    return count


def _without_chair(entry):
    return {**entry, "chair": ""} if isinstance(entry, dict) and entry.get("chair") else entry


def _change_without_chair(entry):
    fields = entry.get("fields") if isinstance(entry, dict) else None
    if not fields or "chair" not in fields:
        return entry
    return {**entry, "fields": {**fields, "chair": ["", ""]}}


def _text_pks(model, rows):
    return rows.annotate(_pk_text=Cast("pk", CharField())).values("_pk_text")


def _audit_entries(event, *, dry_run):
    """django-auditlog's entries for the purged rows: their representation, before and
    after, and serialised copy emptied. Rows deleted before the purge are found by the
    event, delegation, application or proposal their last entry names."""
    if "auditlog" not in settings.INSTALLED_APPS:
        return 0
    from auditlog.models import LogEntry

    blank = {"object_repr": PLACEHOLDER, "changes": None, "changes_text": "",
             "serialized_data": None, "additional_data": None}
    needs = (~Q(object_repr=PLACEHOLDER) | Q(changes__isnull=False) | ~Q(changes_text="")
             | Q(serialized_data__isnull=False) | Q(additional_data__isnull=False))
    count = 0
    for step in STEPS:
        content_type = ContentType.objects.get_for_model(step.model)
        entries = LogEntry.objects.filter(content_type=content_type).filter(needs)
        of_event = entries.filter(object_pk__in=_text_pks(step.model, step.rows(event)))
        count += of_event.count() if dry_run else of_event.update(**blank)
        field_name, owners = step.owner
        owner_ids = {str(pk) for pk in owners(event)}
        orphans = [entry.pk for entry in entries.exclude(
            object_pk__in=_text_pks(step.model, step.model.objects.all()))
            .only("pk", "changes") if _names_owner(entry.changes, field_name, owner_ids)]
        if orphans:
            count += len(orphans) if dry_run else LogEntry.objects.filter(
                pk__in=orphans).update(**blank)
    return count


def _names_owner(changes, field_name, owner_ids):
    values = (changes or {}).get(field_name) if isinstance(changes, dict) else None
    return isinstance(values, list) and any(str(value) in owner_ids for value in values
                                            if value is not None)


def _admin_log(event, *, dry_run):
    """The admin's own log names the objects it changed and what changed."""
    from django.contrib.admin.models import LogEntry

    count = 0
    for step in STEPS:
        entries = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(step.model),
            object_id__in=_text_pks(step.model, step.rows(event))).filter(
            ~Q(object_repr=PLACEHOLDER) | ~Q(change_message=""))
        count += entries.count() if dry_run else entries.update(object_repr=PLACEHOLDER,
                                                               change_message="")
    return count


def _log(report, *, days, by):
    """The purge in the event's audit trail: when, by whom, after how many days, how many
    rows. Counts only."""
    if "auditlog" not in settings.INSTALLED_APPS:
        return
    from auditlog.models import LogEntry

    event = report.event
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Event), object_pk=str(event.pk),
        object_id=event.pk, object_repr=f"event {event.pk}", action=LogEntry.Action.UPDATE,
        actor=by, changes_text="personal data purge",
        additional_data={"personal_data_purge": {"days": days, "rows": report.counts,
                                                 "files": len(report.files)}})


def purges_due(*, days):
    """Purge every event whose last day is `days` past: {slug: rows and files purged}. For
    the nightly task (PURGE_AFTER_DAYS); an event already purged costs a few counts."""
    latest_end = timezone.localdate() - timedelta(days=days - 1)
    done = {}
    for event in Event.objects.filter(end_date__lt=latest_end).order_by("end_date", "pk"):
        try:
            done[event.slug] = personal_data_purge(event=event, days=days).total
        except PurgeTooEarly:
            continue  # not yet past in the event's own time zone: tomorrow
    return done
