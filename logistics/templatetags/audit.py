"""{% audit_trail obj %}: the record of changes at the foot of an object's page
(templates/_history.html), read by logistics.core.queries.audit. Pages of it go by
?history_page=N on the same page, so it needs no view or URL of its own, and whoever may
read the page reads its history."""

from django import template

from logistics.core.queries.audit import MAX_PAGE, history
from logistics.plan.queries.task_history import task_history

register = template.Library()

PAGE_PARAMETER = "history_page"


def _page(request):
    try:
        return min(max(int(request.GET.get(PAGE_PARAMETER, 1)), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def _link(request, page):
    params = request.GET.copy()
    params[PAGE_PARAMETER] = page
    return f"?{params.urlencode()}#audit-trail"


def _panel(request, page, entries, more):
    return {
        "entries": entries,
        "page": page,
        "older": _link(request, page + 1) if more else "",
        "newer": _link(request, page - 1) if page > 1 else "",
    }


@register.inclusion_tag("_history.html", takes_context=True)
def audit_trail(context, obj):
    request = context["request"]
    page = _page(request)
    return _panel(request, page, *history(obj, user=request.user, page=page))


@register.inclusion_tag("_history.html", takes_context=True)
def task_trail(context, task):
    """A task's one history: its own record (logistics.plan.queries.task_history), with reasons."""
    request = context["request"]
    page = _page(request)
    return _panel(request, page, *task_history(task, page=page))
