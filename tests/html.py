"""Reading a page or an HTML mail as its reader does: the words, not the markup that sets
parts of a sentence apart (a date isolated from the text around it is one <bdi>)."""

import html

from django.utils.html import strip_tags


def text_of(markup):
    """The text of `markup`, tags removed and entities decoded."""
    if isinstance(markup, bytes):
        markup = markup.decode()
    return html.unescape(strip_tags(markup))
