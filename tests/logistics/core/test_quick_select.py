"""QuickSelect writes the same options as Django's Select, in one pass."""

import pytest
from django import forms

from logistics.core.widgets import QuickSelect
from tests.factories.delegations import DelegationFactory


class PickForm(forms.Form):
    plain = forms.ChoiceField(choices=[("", "All"), ("a", "Alpha & <Beta>"), ("b", "Bravo")],
                              widget=QuickSelect, required=False)


def options(html):
    return [line.strip() for line in html.splitlines() if line.strip().startswith("<option")]


def test_options_are_escaped_and_the_bound_value_is_selected():
    html = str(PickForm(data={"plain": "a"})["plain"])
    assert options(html) == [
        '<option value="">All</option>',
        '<option value="a" selected>Alpha &amp; &lt;Beta&gt;</option>',
        '<option value="b">Bravo</option>',
    ]
    assert html.startswith('<select name="plain"')


@pytest.mark.django_db
def test_model_choices_match_djangos_select(event):
    for name in ("Ghana", "Viet Nam", 'Trinidad "and" Tobago'):
        DelegationFactory(event=event, name=name)

    def field(widget):
        return forms.ModelChoiceField(queryset=event.delegations.order_by("name"),
                                      widget=widget, empty_label="All")

    chosen = event.delegations.get(name="Viet Nam")
    quick = field(QuickSelect).widget.render("d", chosen.pk)
    django = field(forms.Select).widget.render("d", chosen.pk)
    assert options(quick) == [" ".join(line.split()) for line in options(django)]
    assert f'value="{chosen.pk}" selected' in quick


@pytest.mark.django_db
def test_delegation_choices_read_names_only_and_still_validate(event, django_assert_num_queries):
    from logistics.core.forms import DelegationChoiceField
    from tests.factories.plan import EventFactory

    ghana = DelegationFactory(event=event, name="Ghana")
    DelegationFactory(event=event, name="Chile")
    elsewhere = DelegationFactory(event=EventFactory(), name="Peru")
    field = DelegationChoiceField(queryset=event.delegations.order_by("name"),
                                  empty_label="Choose")
    with django_assert_num_queries(1):
        assert [label for _key, label in field.choices] == ["Choose", "Chile", "Ghana"]
    assert field.clean(str(ghana.pk)) == ghana
    with pytest.raises(forms.ValidationError):
        field.clean(str(elsewhere.pk))


def test_shared_options_are_written_once_and_each_select_marks_its_own_choice():
    from logistics.core.widgets import SharedOptions

    shared = SharedOptions([(1, "Chile"), (2, "Trinidad & <Tobago>"), (12, "Viet Nam")])
    first, second = QuickSelect(), QuickSelect()
    first.share(shared, "All")
    second.share(shared, "—")
    assert options(first.render("a", 12)) == [
        '<option value="">All</option>',
        '<option value="1">Chile</option>',
        '<option value="2">Trinidad &amp; &lt;Tobago&gt;</option>',
        '<option value="12" selected>Viet Nam</option>',
    ]
    # Value 1 is not mistaken for 12, and the first select's choice does not leak.
    assert [o for o in options(second.render("b", "1")) if "selected" in o] == [
        '<option value="1" selected>Chile</option>']
    # Nothing chosen: nothing marked, so the browser shows the empty choice, the first.
    assert not [o for o in options(second.render("b", None)) if "selected" in o]
