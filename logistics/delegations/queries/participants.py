"""The list of participants: the document a UN conference publishes of who attends, by
delegation in the conference's order of precedence, each delegation's head first.

Only what each member agreed to publish (`DelegationMember.in_list_of_participants`), and of
them only their title or function, their name as the badges print it and their delegation:
never an e-mail, a phone, an ID number or a date of birth. The page, the PDF and the
spreadsheet all read `participants_list()`, so no format shows more than another.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from logistics.core.names import person_name
from logistics.core.ordering import name_key
from logistics.delegations.enums import KIND_PRECEDENCE, DelegationKind, DelegationStatus
from logistics.delegations.models import Delegation, DelegationMember

KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_PRECEDENCE)}
# The list's headings, one per kind of delegation.
SECTIONS = {
    DelegationKind.STATE: _("States"),
    DelegationKind.OBSERVER_STATE: _("Observer states"),
    DelegationKind.UN_ENTITY: _("United Nations entities"),
    DelegationKind.IGO: _("Intergovernmental organisations"),
    DelegationKind.NGO: _("Non-governmental organisations"),
    DelegationKind.RESEARCH: _("Research institutions"),
    DelegationKind.PRIVATE_SECTOR: _("Private sector"),
}


def precedence_key(delegation):
    """A delegation's place in the order of precedence: its kind (KIND_PRECEDENCE), then the
    English alphabetical order of its name (the UN name of a state's country), accents and
    case aside ("Côte d'Ivoire" under C), whatever language the reader uses."""
    english = delegation.country.name if delegation.country_id else delegation.name
    return (KIND_RANK.get(delegation.kind, len(KIND_RANK)), name_key(english), delegation.pk)


def delegation_label(delegation):
    """A delegation as the list names it: a state by its country's name in the reader's
    language, an organisation by its own name."""
    return delegation.country.display_name() if delegation.country_id else delegation.name


@dataclass
class Listed:
    """One delegation of the list: its published members, head first."""

    delegation: Delegation
    name: str
    members: list = field(default_factory=list)


@dataclass
class ParticipantsList:
    delegations: list
    listed: int  # members named
    left_out: int  # members registered who did not agree to be named

    def note(self):
        """How many were left out, naming no one ("" when nobody was)."""
        if not self.left_out:
            return ""
        return ngettext(
            "%(count)s registered participant did not agree to be named and is not listed.",
            "%(count)s registered participants did not agree to be named and are not listed.",
            self.left_out) % {"count": self.left_out}

    def sections(self):
        """[(heading, [Listed])]: the delegations under the heading of their kind."""
        out = []
        for listed in self.delegations:
            heading = SECTIONS.get(listed.delegation.kind, listed.delegation.get_kind_display())
            if not out or out[-1][0] != heading:
                out.append((heading, []))
            out[-1][1].append(listed)
        return out


def participants_list(event):
    """The list of participants of `event`: delegations that did not decline, in the order of
    precedence, each with the members who agreed to be named (head first, then the others in
    the order they were registered); a delegation with none is left out. Three queries,
    however many delegations and members."""
    published = (DelegationMember.objects.filter(in_list_of_participants=True)
                 .only("pk", "delegation_id", "family_name", "given_names", "title", "is_head")
                 .order_by("-is_head", "pk"))
    attending = (Delegation.objects.filter(event=event)
                 .exclude(status=DelegationStatus.DECLINED))
    delegations = (attending.select_related("country")
                   .prefetch_related(Prefetch("members", queryset=published,
                                              to_attr="published")))
    left_out = DelegationMember.objects.filter(delegation__in=attending,
                                               in_list_of_participants=False).count()
    rows, listed = [], 0
    for delegation in sorted(delegations, key=precedence_key):
        if delegation.published:
            rows.append(Listed(delegation, delegation_label(delegation), delegation.published))
            listed += len(delegation.published)
    return ParticipantsList(rows, listed, left_out)


def participant_rows(participants):
    """The list as spreadsheet rows, the header first: one row per member, in the list's
    order; then, after a blank row, how many were left out."""
    rows = [[str(_("Section")), str(_("Delegation")), str(_("Name")), str(_("Family name")),
             str(_("Given names")), str(_("Title or function")), str(_("Head of delegation"))]]
    for heading, delegations in participants.sections():
        for listed in delegations:
            for member in listed.members:
                rows.append([str(heading), listed.name,
                             person_name(member.family_name, member.given_names),
                             member.family_name, member.given_names, member.title,
                             str(_("Yes")) if member.is_head else ""])
    note = participants.note()
    if note:
        rows += [[], [note]]
    return rows
