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


@register.simple_tag
def change_row(field, change):
    """One line of a task's update log in the reader's language: the field's label and its
    values, statuses by their names."""
    from django.core.exceptions import FieldDoesNotExist
    from django.utils.translation import gettext as _

    from logistics.enums import TaskStatus
    from logistics.models import Task

    try:
        label = Task._meta.get_field(field).verbose_name
    except FieldDoesNotExist:
        label = _("created") if field == "created" else field

    def show(value):
        if value is None or value == []:
            return "—"
        if field == "status" and value in TaskStatus.values:
            return TaskStatus(value).label
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return value

    before, after = (change + [None, None])[:2] if isinstance(change, list) else (None, change)
    return {"label": label, "before": show(before), "after": show(after)}
