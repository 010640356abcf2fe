"""The delegations API's list querysets, across events: each joins what its serializer
shows, so a page costs the same queries for one row as for five hundred."""

from logistics.delegations.models import Delegation, DelegationMember
from logistics.delegations.queries.delegations import level_rank, member_count


def delegations():
    return (Delegation.objects.select_related("event", "country", "liaison_officer")
            .annotate(member_count=member_count(), level_rank=level_rank()))


def members():
    # Never loads the ID document number: it is for the vetting officers alone.
    return (DelegationMember.objects.select_related("delegation__event", "nationality")
            .defer("id_document_number", "id_document_expiry"))
