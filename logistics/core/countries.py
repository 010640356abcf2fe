"""Country names in the reader's language, and lists of countries in that language's order.

In English a country is named by the committee's UN name (`Country.name`: "Viet Nam",
"Republic of Korea"), which the committee edits. In another language it is the committee's
own translation where it has one (`Country.names`), else CLDR's name for the territory
(Babel), else the UN name. Lists of countries are sorted by the name shown, with the Unicode
Collation Algorithm (pyuca, the DUCET: Arabic and Vietnamese letters in their order, not in
code point order).

Every page, form and error names a country through `Country.display_name()` (its `str()`),
and every choice of a country is a `CountryChoiceField` (logistics.core.ids), so no list is
missed.
"""

from functools import lru_cache

import pyuca
from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.utils.translation import get_language, to_locale

UN_LANGUAGE = "en"  # the language of the committee's names


def active_language(language=None):
    return (language or get_language() or settings.LANGUAGE_CODE).lower()


@lru_cache(maxsize=32)
def cldr_names(language):
    """CLDR's territory names in `language` ({"VN": "فيتنام", ...}); none if Babel has no
    such locale."""
    try:
        return Locale.parse(to_locale(language)).territories
    except (UnknownLocaleError, ValueError):
        return {}


def country_name(country, language=None):
    """The name of `country` shown to a reader of `language` (the active one by default)."""
    language = active_language(language)
    base = language.split("-")[0]
    if base == UN_LANGUAGE:
        return country.name
    names = country.names or {}
    return (names.get(language) or names.get(base) or cldr_names(language).get(country.code)
            or country.name)


@lru_cache(maxsize=1)
def collator():
    return pyuca.Collator()  # loads the DUCET once (~0.5 s)


def collation_key(text):
    return collator().sort_key(text)


def in_order(countries, language=None):
    """`countries` sorted by the name shown in `language`, by its collation."""
    language = active_language(language)
    return sorted(countries, key=lambda country: collation_key(country_name(country, language)))
