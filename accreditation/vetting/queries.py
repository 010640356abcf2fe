"""What security vetting reads: the applications that wait for (or had) a vetting decision.

These querysets carry the encrypted ID document number like any other field; only the
vetting pages and the vetting export may show it (accreditation.permissions.can_vet)."""

from django.db.models import Count, Exists, OuterRef, Q

from accreditation.applications.models.applications import Application
from accreditation.enums import OPEN_STATUSES, VettingStatus
from accreditation.setup.models import AccreditationCategory
from logistics.core.crypto import document_index, normalise_document_number
from logistics.delegations.models import Country

# What the vetting filter offers: every state a decision can be in, or all of them.
VETTING_STATES = (VettingStatus.PENDING, VettingStatus.CLEARED, VettingStatus.FLAGGED)


def vetting_applications(event):
    """The event's open applications (live, or held as possible duplicates) whose category
    asked for vetting, oldest first (the order in which they came in is the order in which
    they are vetted). A held one comes with the application it may duplicate (not its ID
    number: the row's own is the one shown)."""
    return (Application.objects.filter(event=event, status__in=OPEN_STATUSES)
            .exclude(vetting=VettingStatus.NOT_REQUIRED)
            .select_related("category", "nationality", "vetted_by", "duplicate_of")
            .defer("duplicate_of__id_document_number", "duplicate_of__token",
                   "duplicate_of__vetting_note")
            .order_by("created_at", "id"))


def vetting_queue(event, *, vetting=VettingStatus.PENDING, category=None, nationality=None,
                  q=""):
    """The queue, filtered. `vetting` is one of VETTING_STATES, or "" for all; `q` finds a
    reference, a name, an organisation or an e-mail, and an ID document number however it
    is typed (by its index: the number itself is never searched)."""
    rows = vetting_applications(event)
    if vetting:
        rows = rows.filter(vetting=vetting)
    if category is not None:
        rows = rows.filter(category=category)
    if nationality is not None:
        rows = rows.filter(nationality=nationality)
    return vetting_search(rows, q)


def vetting_search(rows, q):
    """`rows` that match `q`: a reference, a part of a name or an organisation, an e-mail,
    or an ID document number however it is typed."""
    q = (q or "").strip()
    if not q:
        return rows
    match = (Q(reference__iexact=q) | Q(family_name__icontains=q)
             | Q(given_names__icontains=q) | Q(organisation__icontains=q)
             | Q(email__iexact=q))
    if normalise_document_number(q):
        match |= Q(id_document_index=document_index(q))
    return rows.filter(match)


def vetting_categories(event):
    """The categories whose holders are vetted, for the filter."""
    return AccreditationCategory.objects.filter(event=event, vetting_required=True)


def vetting_nationalities(event):
    """The nationalities that occur among the applications to vet, for the filter."""
    # For each of the 250 countries, does one such application exist (an index lookup that
    # stops at the first), rather than the distinct nationalities of all of them.
    holders = vetting_applications(event).filter(nationality=OuterRef("pk")).order_by()
    return Country.objects.filter(Exists(holders))  # shown in order by CountryChoiceField


def vetting_counts(event):
    """{vetting state: number of live applications in it}."""
    # COUNT(*): read from the index on (event, vetting, status) alone.
    counts = {row["vetting"]: row["n"] for row in vetting_applications(event).order_by()
              .values("vetting").annotate(n=Count("*"))}
    return {state: counts.get(state, 0) for state in VETTING_STATES}
