"""Reads of the accreditation office's pages: the review queue with its duplicate warnings,
one application with everything the reviewer weighs, and the set-up lists with the numbers
used against each quota.

ID document numbers are deferred everywhere here: these pages never show them, so they are
never even decrypted for them. Why two applications look alike is for security vetting's
eyes (services.duplicates.reasons_shown): the office is told which, not why."""


from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Min,
    Prefetch,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, Upper
from django.db.models.lookups import In

from accreditation.applications.models.applications import Application, Transition
from accreditation.applications.models.bulk import BulkDecision
from accreditation.applications.services.duplicates import duplicate_reasons, duplicates_of
from accreditation.badges.models import Badge
from accreditation.enums import LIVE_STATUSES, OPEN_STATUSES, ApplicationStatus, VettingStatus

SECRET = ("id_document_number",)
# What a page reads of the application a held one may duplicate: never its secrets either.
OTHER_SECRET = ("duplicate_of__id_document_number", "duplicate_of__token",
                "duplicate_of__vetting_note")
# What waits for the office: new, under review, or held as a possible duplicate (to release or
# close). An application waiting for the applicant's correction is not the office's move.
AWAITING = (ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW,
            ApplicationStatus.POSSIBLE_DUPLICATE)


# The three ways two applications look like one person (duplicates_of() in the service),
# each as a key: equal keys, likely the same person. A key is NULL where the rule does not
# apply (no document number, no birth date, no e-mail). Keys compare case-insensitively as
# the service's iexact does, and only ever with keys of the same event.
def _keys():
    text = CharField()
    rules = {
        "document": (~Q(id_document_index=""),
                     Concat("id_document_index", Value("|"),
                            Cast(Coalesce("nationality_id", Value(0)), text), output_field=text)),
        "name": (Q(date_of_birth__isnull=False),
                 Concat(Upper("family_name"), Value("|"), Upper("given_names"), Value("|"),
                        Cast("date_of_birth", text), output_field=text)),
        "email": (~Q(email=""), Upper("email")),
    }
    return {f"{name}_key": Case(When(applies, then=key), default=Value(None),
                                output_field=text)
            for name, (applies, key) in rules.items()}


def has_duplicates(queryset, event, value=True):
    """Applications with (value=True) or without a duplicate warning, found set-wise in one
    query: the keys live applications hold, and the rows holding one of them. A live row
    needs another live row with its key; a closed one, any live row."""
    keys = _keys()
    live = (Application.objects.filter(event=event, status__in=LIVE_STATUSES)
            .annotate(**keys).order_by())
    is_live = Q(status__in=LIVE_STATUSES)
    found = Q(pk__in=[])
    for name in keys:
        held = live.filter(**{f"{name}__isnull": False}).values(name)
        shared = held.annotate(n=Count("pk")).filter(n__gt=1).values(name)
        found |= ((is_live & Q(**{f"{name}__in": shared}))
                  | (~is_live & Q(**{f"{name}__in": held})))
    queryset = queryset.annotate(**keys)
    return queryset.filter(found) if value else queryset.exclude(found)


def attach_duplicate_counts(applications):
    """Sets `duplicate_count` on each application of a page, the number duplicates_of()
    gives: one query for the page's keys and one per kind of key, whatever the rows."""
    applications = list(applications)
    if not applications:
        return applications
    keys = _keys()
    mine = {row["pk"]: row for row in
            Application.objects.filter(pk__in=[a.pk for a in applications])
            .annotate(**keys).values("pk", *keys, "id_document_index", "date_of_birth")}
    live = (Application.objects.filter(event_id=applications[0].event_id,
                                       status__in=LIVE_STATUSES)
            .annotate(**keys).order_by())
    holders = {}  # (kind of key, key) -> pks of the live applications that hold it
    for name in keys:
        rows = [row for row in mine.values() if row[name] is not None]
        if rows:
            # Equal keys mean equal columns: narrowed first by those, through an index,
            # rather than computing every live application's key (130,000 at scale 40).
            same = live.filter(_narrowed(name, rows), **{
                f"{name}__in": {row[name] for row in rows}})
            for pk, key in same.values_list("pk", name):
                holders.setdefault((name, key), set()).add(pk)
    for application in applications:
        same = set()
        for name in keys:
            key = mine[application.pk][name]
            if key is not None:
                same |= holders.get((name, key), set())
        same.discard(application.pk)
        application.duplicate_count = len(same)
    return applications


def _narrowed(name, rows):
    """A condition the holders of these rows' keys of kind `name` all meet, that an index
    answers (application_one_per_document, application_event_dob, application_email_upper)."""
    if name == "document_key":
        return ~Q(id_document_index="") & Q(
            id_document_index__in={row["id_document_index"] for row in rows})
    if name == "name_key":
        return Q(date_of_birth__in={row["date_of_birth"] for row in rows})
    return Q(In(Upper("email"), sorted({row[name] for row in rows})))


def queue(event):
    """The review queue: the event's applications, oldest first (the order they wait in); a
    held one with the reference of the application it may duplicate
    (`duplicate_of_reference`)."""
    return (Application.objects.filter(event=event).defer(*SECRET)
            .select_related("category", "outlet", "delegation")
            .annotate(duplicate_of_reference=F("duplicate_of__reference"))
            .order_by("created_at", "id"))


def status_counts(queryset):
    """{status: count} of `queryset`, with "awaiting" (AWAITING together) and "all"; one
    grouped query."""
    counts = {row["status"]: row["n"] for row in
              queryset.order_by().values("status").annotate(n=Count("pk"))}
    counts["awaiting"] = sum(counts.get(status, 0) for status in AWAITING)
    counts["all"] = sum(n for status, n in counts.items() if status != "awaiting")
    return counts


def office_backlog(event):
    """What waits for the accreditation office, for its desk on the dashboard: the
    applications awaiting a decision (the queue's default tab) and those waiting for
    security vetting (the vetting queue's pending tab), how many and since when the oldest
    has waited; one query."""
    awaiting = Q(status__in=AWAITING)
    to_vet = Q(status__in=OPEN_STATUSES, vetting=VettingStatus.PENDING)
    return Application.objects.filter(event=event).aggregate(
        awaiting=Count("pk", filter=awaiting),
        oldest_awaiting=Min("created_at", filter=awaiting),
        to_vet=Count("pk", filter=to_vet),
        oldest_to_vet=Min("created_at", filter=to_vet))


def bulk_decisions(event):
    """The event's bulk decisions with who asked; the ids they decide are not read."""
    return (BulkDecision.objects.filter(event=event).select_related("by")
            .defer("selection"))


def refusals(job):
    return (job.refusals.only("job_id", "application_id", "reference", "code", "message")
            .order_by("id"))


def search(queryset, text):
    """By name (either part), reference or e-mail."""
    text = " ".join((text or "").split())
    if not text:
        return queryset
    match = (Q(family_name__icontains=text) | Q(given_names__icontains=text)
             | Q(reference__iexact=text) | Q(email__iexact=text)
             | Q(email__icontains=text) | Q(reference__icontains=text))
    parts = text.split(" ")
    if len(parts) > 1:
        # "Trần Thị Mai" or "Mai Trần": every word in one of the two names.
        words = Q()
        for part in parts:
            words &= Q(family_name__icontains=part) | Q(given_names__icontains=part)
        match |= words
    return queryset.filter(match)


def application_detail_qs(event):
    return (Application.objects.filter(event=event).defer(*SECRET, *OTHER_SECRET)
            .select_related("category", "outlet", "outlet__country", "delegation",
                            "nationality", "vetted_by", "proposed_outlet_country",
                            "duplicate_of")
            .prefetch_related(
                Prefetch("transitions", queryset=Transition.objects.select_related("by")),
                Prefetch("badges", queryset=Badge.objects.order_by("-issued_at", "-id")),
                "category__zones"))


def duplicate_warnings(application):
    """[(other application, [reasons])] for the detail page: who looks like the same person,
    and why (services.duplicates.duplicate_reasons; a page shows the reasons to vetting
    only)."""
    others = (duplicates_of(application).defer(*SECRET)
              .select_related("category", "outlet").order_by("created_at", "id"))
    return [(other, duplicate_reasons(application, other)) for other in others]


# The set-up page


