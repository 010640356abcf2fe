"""Dates and people's names in right-to-left pages (issue 15, item 3). In an Arabic sentence
a date such as "2027-06-01 00:00" is a run of digits and hyphens that the bidirectional
algorithm may break and reorder with the words around it ("2027-" at the end of one line,
"06-01" on the next), and a Latin name takes the punctuation beside it to its own side
("President of Angola ,ARAÚJO João"). Every date a template writes into text is therefore
set apart with the `isolate` filter (one <bdi>, not wrapped), and every person's name with
`bdi` or inside a <bdi> element; in attributes (values, titles) both are left as they
are."""

import re
from pathlib import Path

from django.conf import settings
from django.template import Context, Template
from django.template.base import Lexer, TokenType
from django.utils import translation

DATE = re.compile(r'\|date:(?:"[^"]*"|\'[^\']*\')(?:\|default:(?:"[^"]*"|\'[^\']*\'))?')
# The fields and methods that give a person's name (or a head of delegation's title, which
# sits beside it).
PERSON = re.compile(r"\b(?:family_name|given_names|full_name|get_full_name|head_name|head_title"
                    r"|badge_name|organiser_name|focal_point_name)\b")


def _in_bdi(markup):
    return markup.rfind("<bdi") > markup.rfind("</bdi>")


def names_written_into_text(source):
    """(line, the expression) for each person's name written into the page's text, neither
    through `bdi` or `isolate` nor inside a <bdi> element."""
    found, markup = [], ""
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.TEXT:
            markup += token.contents
            continue
        if markup.rfind("<") > markup.rfind(">") or _in_bdi(markup):
            continue
        if token.token_type == TokenType.VAR:
            parts = [token.contents]
        elif token.token_type == TokenType.BLOCK and token.contents.startswith("blocktranslate"):
            if " asvar " in token.contents:
                continue
            parts = [part.split("=", 1)[1] for part in token.contents.split() if "=" in part]
        else:
            continue
        found += [(token.lineno, part) for part in parts if PERSON.search(part)
                  and not re.search(r"\|(?:bdi|isolate)$", part)]
    return found


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


def test_every_persons_name_written_into_a_pages_text_is_isolated():
    loose = []
    for path in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html")):
        loose += [f"{path.relative_to(settings.BASE_DIR)}:{line}: {expression}"
                  for line, expression in names_written_into_text(path.read_text())]
    assert loose == []


def test_the_check_finds_a_loose_name_and_leaves_isolated_ones_alone():
    source = ('{% load i18n accord %}<p title="{{ m.family_name }}">{{ m.family_name }}, '
              '{{ m.head_title|bdi }} <bdi>{{ m.given_names }}</bdi>\n'
              '{% blocktranslate with who=u.get_full_name %}by {{ who }}{% endblocktranslate %}'
              '{% blocktranslate with who=u.get_full_name|bdi %}by {{ who }}{% endblocktranslate %}'
              '{{ m.delegation.name }}</p>')
    assert names_written_into_text(source) == [(1, "m.family_name"), (2, "u.get_full_name")]


def test_a_name_beside_a_title_keeps_its_comma_in_arabic():
    template = Template('{% load accord %}<p dir="rtl">{{ title }}، {{ name|bdi }}</p>')
    rendered = template.render(Context({"title": "رئيس أنغولا", "name": "ARAÚJO João"}))
    assert rendered == '<p dir="rtl">رئيس أنغولا، <bdi>ARAÚJO João</bdi></p>'


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
