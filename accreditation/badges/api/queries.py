"""The badges API's list queryset, across events, with what its serializer shows joined."""

from accreditation.badges.models import Badge


def badges():
    return (Badge.objects.select_related("event", "category", "application")
            .defer("nonce", "application__id_document_number", "application__token",
                   "application__vetting_note", "application__information_requested",
                   "application__equipment"))
