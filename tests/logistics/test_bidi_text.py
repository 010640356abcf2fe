"""Dates in right-to-left pages (issue 15, item 3). In an Arabic sentence a date such as
"2027-06-01 00:00" is a run of digits and hyphens that the bidirectional algorithm may
break and reorder with the words around it ("2027-" at the end of one line, "06-01" on the
next). Every date a template writes into text is therefore set apart with the `isolate`
filter (one <bdi>, not wrapped); dates in attributes (values, titles) are left as they
are."""

import re
from pathlib import Path

from django.conf import settings
from django.template import Context, Template
from django.template.base import Lexer, TokenType
from django.utils import translation

DATE = re.compile(r'\|date:(?:"[^"]*"|\'[^\']*\')(?:\|default:(?:"[^"]*"|\'[^\']*\'))?')


def dates_written_into_text(source):
    """(line, the date's expression) for each date filter whose output lands in the page's
    text rather than inside a tag, and is not isolated."""
    found, markup = [], ""
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.TEXT:
            markup += token.contents
            continue
        in_tag = markup.rfind("<") > markup.rfind(">")
        if token.token_type == TokenType.VAR:
            parts = [token.contents]
        elif token.token_type == TokenType.BLOCK and token.contents.startswith("blocktranslate"):
            if " asvar " in token.contents:
                continue
            parts = token.contents.split()
        else:
            continue
        for part in parts:
            for match in DATE.finditer(part):
                if not in_tag and not part[match.end():].startswith("|isolate"):
                    found.append((token.lineno, part))
    return found


def test_every_date_written_into_a_pages_text_is_isolated():
    loose = []
    for path in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html")):
        loose += [f"{path.relative_to(settings.BASE_DIR)}:{line}: {expression}"
                  for line, expression in dates_written_into_text(path.read_text())]
    assert loose == []


def test_the_check_finds_a_loose_date_and_leaves_attributes_alone():
    source = ('{% load i18n accord %}<p title="{{ when|date:"Y-m-d" }}">{{ when|date:"Y-m-d" }}'
              '{% if a < b %}{% blocktranslate with day=when|date:"Y-m-d" %}On {{ day }}'
              '{% endblocktranslate %}{% endif %}{{ when|date:"H:i"|isolate }}'
              '<input value="{{ when|date:\'Y-m-d\' }}"></p>')
    assert [line for line, _ in dates_written_into_text(source)] == [1, 1]


def test_an_isolated_date_reads_as_one_unit_in_arabic():
    template = Template('{% load accord %}<p>{{ when|date:"Y-m-d H:i"|isolate }}</p>'
                        '{{ empty|date:"Y-m-d"|isolate }}')
    from datetime import datetime

    with translation.override("ar"):
        rendered = template.render(Context({"when": datetime(2027, 6, 1, 9, 0), "empty": None}))
    assert rendered == '<p><bdi class="text-nowrap">2027-06-01 09:00</bdi></p>'
