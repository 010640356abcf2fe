"""Template tags and filters every page uses."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from logistics.core.names import display_name, person_name

register = template.Library()
register.simple_tag(person_name)
register.filter(display_name)

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


@register.simple_tag
def forward_arrow():
    """"Became" between a value before and after, pointing the way the page reads: a
    right-to-left page reads an arrow to the right as going back."""
    from django.utils.translation import get_language_bidi

    return "←" if get_language_bidi() else "→"


@register.filter
def days_late(task, today):
    return task.days_late(today)


# Airports delegations fly into, by IATA code; an unknown code is shown as it is.
AIRPORTS = {
    "HAN": gettext_lazy("Noi Bai International"),
    "SGN": gettext_lazy("Tan Son Nhat International"),
    "DAD": gettext_lazy("Da Nang International"),
}


@register.filter
def airport_name(code):
    """The airport's name for its code, or "" when the code is not one we know."""
    return AIRPORTS.get((code or "").strip().upper(), "")


@register.filter
def isolate(value):
    """A value set apart from the sentence around it: a date such as "2027-06-01 00:00" in an
    Arabic sentence otherwise breaks at its hyphens and its parts trade places with the words
    beside it. <bdi> takes the direction of its own text, and the value is not wrapped."""
    if value in (None, ""):
        return value
    return format_html('<bdi class="text-nowrap">{}</bdi>', value)


@register.filter
def bdi(value):
    """A person's name set apart from the sentence around it: "President of Angola, ARAÚJO
    João" in an Arabic page otherwise moves the comma to the wrong side of the name. Unlike
    `isolate`, a long name may wrap."""
    if value in (None, ""):
        return value
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def control(field):
    """A form field's control; with errors, outlined as invalid (Bootstrap's is-invalid) and
    pointing at its messages (aria-describedby, the ids _form_fields.html gives them), so
    that the eye and a screen reader find what to mend. Django adds aria-invalid itself."""
    if not field.errors:
        return field
    classes = field.field.widget.attrs.get("class", "")
    described = " ".join(filter(None, [
        field.field.widget.attrs.get("aria-describedby"),
        f"{field.auto_id}_helptext" if field.help_text else "",
        f"{field.auto_id}_errors"]))
    return field.as_widget(attrs={"class": f"{classes} is-invalid".strip(),
                                  "aria-describedby": described})
