"""Country names in the reader's language (issue 13, item 8): the committee's UN names in
English, the committee's translation where it has one, else CLDR's (Babel); every list of
countries in the order of the language shown (the Unicode Collation Algorithm, pyuca), and
the choosable set the UN members and observer states of the table, whatever the language.

The expected names and order come from Babel and pyuca themselves, not from our code."""

import html
import re

import pytest
import pyuca
from babel import Locale
from django import forms
from django.urls import reverse
from django.utils import translation

from logistics.delegations.models import Country
from tests.factories.accreditation import journalist
from tests.factories.delegations import country

COLLATOR = pyuca.Collator()
LANGUAGES = ["ar", "vi"]
UN_NAMES = {"VN": "Viet Nam", "KR": "Republic of Korea", "PS": "State of Palestine"}


def cldr(language, code):
    return Locale.parse(language).territories[code]


def select_options(page, name):
    """[(value, label)] of the <select name=`name`> of `page`, without the empty choice."""
    found = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert found, f"no select {name}"
    return [(value, html.unescape(label).strip())
            for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>',
                                           found.group(1)) if value]


def invite_rows(page):
    """The country labels of the invitation page's rows, in order."""
    return [html.unescape(label).strip() for label in re.findall(
        r'data-testid="country-row">.*?<label for="[^"]*">([^<]*)</label>', page, re.S)]


def in_collation_order(labels):
    return labels == sorted(labels, key=COLLATOR.sort_key)


@pytest.fixture
def users(officer, protocol):
    return {"anonymous": None, "officer": officer, "protocol": protocol}


# (page, who asks, its url from the categories, the <select>s naming every country)
PAGES = [
    ("public media form", "anonymous", lambda cats: "/apply/media/",
     ["nationality", "proposed_outlet_country"]),
    ("office: add an outlet", "officer", lambda cats: reverse("accreditation:outlet_add"),
     ["country"]),
    ("office: enter an application", "officer",
     lambda cats: f"{reverse('accreditation:application_add')}?category={cats['P'].pk}",
     ["nationality"]),
]


def get(client, users, who, url, language):
    if users[who]:
        client.force_login(users[who])
    client.cookies["django_language"] = language
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("page", "who", "url", "selects"), PAGES, ids=[p[0] for p in PAGES])
def test_country_choices_are_named_and_ordered_in_the_language_shown(
        client, users, cats, language, page, who, url, selects):
    body = get(client, users, who, url(cats), language)
    every_country = {str(pk) for pk in Country.objects.values_list("pk", flat=True)}
    for select in selects:
        options = select_options(body, select)
        labels = dict(options)
        assert labels[str(country("VN").pk)] == cldr(language, "VN")
        assert labels[str(country("KR").pk)] == cldr(language, "KR")
        assert in_collation_order([label for _value, label in options]), select
        # The set is the table's (UN members and observer states), not CLDR's territories.
        assert {value for value, _label in options} == every_country
        assert len(options) == len(every_country)


@pytest.mark.parametrize(("page", "who", "url", "selects"), PAGES, ids=[p[0] for p in PAGES])
def test_english_keeps_the_committees_un_names(client, users, cats, page, who, url, selects):
    body = get(client, users, who, url(cats), "en")
    for select in selects:
        options = select_options(body, select)
        labels = dict(options)
        for code, name in UN_NAMES.items():
            assert labels[str(country(code).pk)] == name
        assert in_collation_order([label for _value, label in options]), select


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committees_translation_overrides_cldr(client, users, cats, language):
    korea = country("KR")
    korea.names = {"vi": "Đại Hàn Dân Quốc"}
    korea.save()
    body = get(client, users, "anonymous", "/apply/media/", language)
    options = select_options(body, "nationality")
    shown = dict(options)[str(korea.pk)]
    assert shown == ("Đại Hàn Dân Quốc" if language == "vi" else cldr(language, "KR"))
    assert in_collation_order([label for _value, label in options])
    # The UN name in English is the committee's, untouched by its translations.
    english = get(client, users, "anonymous", "/apply/media/", "en")
    assert dict(select_options(english, "nationality"))[str(korea.pk)] == "Republic of Korea"


def test_the_committees_name_for_palestine_is_loaded(client, users, cats):
    """CLDR calls it "the Palestinian territories"; the committee names the observer state."""
    body = get(client, users, "anonymous", "/apply/media/", "ar")
    assert dict(select_options(body, "nationality"))[str(country("PS").pk)] == "دولة فلسطين"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_invitation_list_is_named_and_ordered_in_the_language_shown(
        client, users, event, language):
    rows = invite_rows(get(client, users, "protocol", reverse("logistics:delegation_invite"),
                           language))
    assert cldr(language, "VN") in rows and "Viet Nam" not in rows
    assert in_collation_order(rows)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_vetting_queue_names_the_nationality_in_the_language_shown(
        client, cats, event, vetter, language):
    journalist(event, nationality=country("VN"))
    journalist(event, nationality=country("CI"))
    client.force_login(vetter)
    client.cookies["django_language"] = language
    body = client.get(reverse("accreditation:vetting_queue")).content.decode()
    options = select_options(body, "nationality")
    assert [label for _value, label in options] == sorted(
        [cldr(language, "VN"), cldr(language, "CI")], key=COLLATOR.sort_key)
    assert f"<td>{cldr(language, 'VN')}</td>" in body  # the queue's own column


def all_form_classes():
    import accreditation.applications.forms_public  # noqa: F401
    import accreditation.setup.forms  # noqa: F401
    import logistics.delegations.forms  # noqa: F401
    import logistics.delegations.registration.forms  # noqa: F401

    found, todo = set(), [forms.Form, forms.ModelForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_form_field_choosing_a_country_names_and_orders_it_in_the_language(language):
    """The siblings: any form of the project whose field chooses a country."""
    fields = [(form.__name__, name, field) for form in all_form_classes()
              for name, field in form.base_fields.items()
              if isinstance(field, forms.ModelChoiceField) and field.queryset is not None
              and field.queryset.model is Country]
    assert len(fields) >= 5  # the public form's two, the office's two, the members' one
    with translation.override(language):
        for form, name, field in fields:
            labels = [label for value, label in field.choices if value != ""]
            assert cldr(language, "VN") in labels, (form, name)
            assert in_collation_order(labels), (form, name)


@pytest.mark.django_db
@pytest.mark.parametrize("names", [["فيتنام"], {"ar": ""}, {"ar": "  "}, {"ar": 3}, "Việt Nam"])
def test_the_admin_refuses_names_that_are_not_a_name_per_language(names):
    from django.core.exceptions import ValidationError

    viet_nam = country("VN")
    viet_nam.names = names
    with pytest.raises(ValidationError) as refused:
        viet_nam.full_clean()
    assert "names" in refused.value.message_dict
