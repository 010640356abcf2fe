from django import template

register = template.Library()

STATUS_CLASSES = {
    "planned": "text-bg-secondary",
    "in_progress": "text-bg-primary",
    "blocked": "text-bg-warning",
    "done": "text-bg-success",
    "cancelled": "text-bg-light border",
}


@register.filter
def status_class(status):
    return STATUS_CLASSES.get(status, "text-bg-secondary")


@register.filter
def percent(value):
    """An average progress (a float) as a whole percentage."""
    return round(value or 0)


@register.simple_tag
def sort_link(query, current, key):
    """The query string for sorting by `key`, toggling direction when already sorted by it."""
    from django.http import QueryDict

    params = QueryDict(query, mutable=True)
    params["sort"] = f"-{key}" if current == key else key
    return "?" + params.urlencode()


@register.filter
def days_late(task, today):
    return task.days_late(today)
