"""Reading a page or an HTML mail as its reader does: the words, not the markup that sets
parts of a sentence apart (a date isolated from the text around it is one <bdi>)."""

import html
from html.parser import HTMLParser

from django.utils.html import strip_tags


def text_of(markup):
    """The text of `markup`, tags removed and entities decoded."""
    if isinstance(markup, bytes):
        markup = markup.decode()
    return html.unescape(strip_tags(markup))


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
CONTROLS = {"input", "select", "textarea"}


class _FieldErrors(HTMLParser):
    """Each error message's enclosing ids, and each control's aria-describedby and class."""

    def __init__(self):
        super().__init__()
        self.stack, self.messages, self.controls, self.ids = [], [], [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.ids.add(attrs.get("id"))
        if tag in CONTROLS or tag == "fieldset":
            self.controls.append((tag, attrs.get("id"), set(attrs.get("class", "").split()),
                                  set((attrs.get("aria-describedby") or "").split())))
        if tag in VOID:
            return
        self.stack.append(attrs.get("id"))
        if "invalid-feedback" in attrs.get("class", "").split():
            self.messages.append({i for i in self.stack if i})

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()


def unlinked_field_errors(markup):
    """What a screen reader or a sighted reader would miss on a form sent back with errors:
    messages that no control names in its aria-describedby, controls that name messages
    without being outlined as invalid, and controls that name an element the page does not
    have (a help text without its id). Empty when every error is where it belongs."""
    if isinstance(markup, bytes):
        markup = markup.decode()
    parser = _FieldErrors()
    parser.feed(markup)
    described = set().union(*(ids for _tag, _id, _cls, ids in parser.controls))
    problems = [f"message inside {sorted(ids) or 'no id'} is named by no control"
                for ids in parser.messages if not ids & described]
    problems += [f"{tag}#{id_} names {sorted(ids)} but is not outlined"
                 for tag, id_, classes, ids in parser.controls
                 if tag in CONTROLS and any(i.endswith("_errors") for i in ids)
                 and "is-invalid" not in classes]
    problems += [f"{tag}#{id_} names #{missing}, which the page does not have"
                 for tag, id_, _classes, ids in parser.controls
                 for missing in sorted(ids - parser.ids)]
    return problems
