"""The accreditation categories' colours as a stylesheet: one class per category of the open
event, `.cat-<pk>`, for the chips, bands and swatches of the staff pages.

A colour comes from the database; the Content Security Policy forbids style attributes, so
the pages name a class and this small stylesheet (linked from base.html) gives it the colour,
with dark or light text, whichever reads better on it.
"""

import hashlib
import re

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from accreditation.setup.models import AccreditationCategory
from logistics.core.queries import event as event_queries

# Checked again here although the model validates it: a value that reached the database some
# other way must not write arbitrary CSS.
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
DARK_TEXT = "#212529"  # Bootstrap's body colour
LIGHT_TEXT = "#ffffff"


def _relative_luminance(colour):
    """WCAG 2 relative luminance of #RRGGBB, from 0 (black) to 1 (white)."""

    def linear(channel):
        value = int(channel, 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(first, second):
    lighter, darker = sorted((first, second), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_text_colour(colour):
    """The text colour, dark or light, with the higher WCAG contrast on `colour`."""
    background = _relative_luminance(colour)
    on_dark = _contrast(background, _relative_luminance(DARK_TEXT))
    on_light = _contrast(background, _relative_luminance(LIGHT_TEXT))
    return DARK_TEXT if on_dark >= on_light else LIGHT_TEXT


def category_css(colours):
    """`colours`: (pk, #RRGGBB) pairs; a malformed colour is left out."""
    return "".join(
        f".cat-{pk}{{background-color:{colour};color:{readable_text_colour(colour)}}}\n"
        for pk, colour in colours if HEX_COLOUR.match(colour or "")
    )


@require_safe
@login_required
def category_styles(request):
    event = event_queries.current_event(request.session.get("event_id"))
    colours = []
    if event is not None:
        colours = AccreditationCategory.objects.filter(event=event).order_by("pk") \
            .values_list("pk", "badge_colour")
    css = category_css(colours)
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["ETag"] = f'"{hashlib.sha256(css.encode()).hexdigest()[:32]}"'
    # Asked again on each page (a 304 when nothing changed), so an edited colour shows at once.
    patch_cache_control(response, private=True, no_cache=True)
    return get_conditional_response(request, etag=response["ETag"], response=response)
