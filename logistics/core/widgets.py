"""Form widgets for the long lists of a large conference."""

from html import escape

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.safestring import mark_safe


class NameChoices(ModelChoiceIterator):
    """A model choice field's options as (pk, name) read in one query, not as whole rows:
    for the long lists QuickSelect writes. The field still validates against its queryset."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "name")


class SharedOptions:
    """(value, label) pairs written once as <option> tags, for the selects of a page that
    offer the same long list (the bilaterals page has three of twelve thousand delegations).
    Each select adds its own empty choice and marks its own selection."""

    def __init__(self, pairs):
        self.pairs = list(pairs)
        self._html = None

    def html(self, chosen):
        if self._html is None:
            self._html = "\n".join(_option(value, label) for value, label in self.pairs)
        html = self._html
        for value in chosen - {""}:
            tag = f'<option value="{escape(value)}">'
            html = html.replace(tag, f"{tag[:-1]} selected>", 1)
        return html


def _option(value, label, selected=False):
    # The standard library's escape: Django's is lazy-aware and four times slower, which
    # counts at twelve thousand options. It escapes the same five characters.
    return (f'<option value="{escape(str(value))}"{" selected" if selected else ""}>'
            f"{escape(str(label))}</option>")


class QuickSelect(forms.Select):
    """A select that writes its options in one pass instead of one template each. The same
    choices, markup and selection as forms.Select, flat lists only: a COP-sized event has
    twelve thousand delegations and thousands of outlets, and Django's per-option template
    made the bilaterals page take seconds (docs/BENCHMARKS.md, scale 40)."""

    template_name = "widgets/quick_select.html"
    SMALL = {"class": "form-select form-select-sm"}  # the filter bars' size
    shared = None  # SharedOptions offered instead of the choices, after an empty choice
    empty_label = ""

    def share(self, options, empty_label):
        """Offer `options` (SharedOptions) after an empty choice, instead of the field's
        choices: setting `choices` would have Django normalise every pair again."""
        self.shared, self.empty_label = options, empty_label

    def get_context(self, name, value, attrs):
        # forms.Widget's context, not ChoiceWidget's: the per-option dicts are what we skip.
        context = forms.Widget.get_context(self, name, value, attrs)
        chosen = {str(item) for item in context["widget"]["value"]}
        if self.shared is not None:
            options = "\n".join((_option("", self.empty_label, "" in chosen),
                                  self.shared.html(chosen)))
        else:
            options = "\n".join(_option(key, label, key in chosen) for key, label in (
                (self._key(choice), label) for choice, label in self.choices))
        context["widget"]["options"] = mark_safe(options)  # noqa: S308 (escaped by _option)
        return context

    @staticmethod
    def _key(choice):
        # ModelChoiceIteratorValue renders as its primary key; None (an empty choice) as "".
        return "" if choice is None else str(choice)

    def format_value(self, value):
        if value is None:
            return []
        return value if isinstance(value, (list, tuple)) else [value]
