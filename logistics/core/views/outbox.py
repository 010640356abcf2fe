"""The outbox: every mail of the open event, newest first, for the secretariat to see what
went, what waits and what failed and why (logistics.core.mail)."""

from django.shortcuts import render

from logistics.core import permissions
from logistics.core.enums import MailStatus
from logistics.core.filters import OutboxFilter
from logistics.core.queries import mail as mail_queries
from logistics.core.views.common import paginate, query_without_page, staff_view


@staff_view(permissions.can_view_outbox)
def outbox(request, event):
    filterset = OutboxFilter(request.GET or None, queryset=mail_queries.outbox(event))
    counts = mail_queries.outbox_counts(event)
    return render(request, "logistics/core/outbox.html", {
        "event": event, "filter": filterset, "page": paginate(request, filterset.qs),
        "query": query_without_page(request),
        "counts": [(status, label, counts.get(status, 0))
                   for status, label in MailStatus.choices],
    })
