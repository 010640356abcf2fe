"""The filters of the staff lists (tasks, delegations, the outbox); the API's filter sets
build on the same ones."""

import django_filters
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from logistics.core.enums import MailKind, MailStatus
from logistics.core.models.mail import OutgoingMail

# Delegations

# Names sort without regard to case ("African Union" before "ASEAN"), on every database.
_NAME = Lower("name")
DELEGATION_SORTS = {
    "name": (_NAME, "pk"), "-name": (_NAME.desc(), "-pk"),
    "kind": ("kind", _NAME), "-kind": ("-kind", _NAME),
    "level": ("level_rank", _NAME), "-level": ("-level_rank", _NAME),
    "status": ("status", _NAME), "-status": ("-status", _NAME),
    "members": ("member_count", _NAME), "-members": ("-member_count", _NAME),
}


# The outbox

class OutboxFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MailStatus.choices,
                                         empty_label=_("All"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=MailKind.choices,
                                       empty_label=_("All"))

    class Meta:
        model = OutgoingMail
        fields = []
