"""Form widgets for the long lists of a large conference."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.html import escape
from django.utils.safestring import mark_safe


class NameChoices(ModelChoiceIterator):
    """A model choice field's options as (pk, name) read in one query, not as whole rows:
    for the long lists QuickSelect writes. The field still validates against its queryset."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "name")


class QuickSelect(forms.Select):
    """A select that writes its options in one pass instead of one template each. The same
    choices, markup and selection as forms.Select, flat lists only: a COP-sized event has
    twelve thousand delegations and thousands of outlets, and Django's per-option template
    made the bilaterals page take seconds (docs/BENCHMARKS.md, scale 40)."""

    template_name = "widgets/quick_select.html"
    SMALL = {"class": "form-select form-select-sm"}  # the filter bars' size

    def get_context(self, name, value, attrs):
        # forms.Widget's context, not ChoiceWidget's: the per-option dicts are what we skip.
        context = forms.Widget.get_context(self, name, value, attrs)
        chosen = {str(item) for item in context["widget"]["value"]}
        context["widget"]["options"] = mark_safe("\n".join(  # noqa: S308 (escaped here)
            f'<option value="{escape(key)}"{" selected" if key in chosen else ""}>'
            f"{escape(label)}</option>"
            for key, label in ((self._key(choice), label) for choice, label in self.choices)))
        return context

    @staticmethod
    def _key(choice):
        # ModelChoiceIteratorValue renders as its primary key; None (an empty choice) as "".
        return "" if choice is None else str(choice)

    def format_value(self, value):
        if value is None:
            return []
        return value if isinstance(value, (list, tuple)) else [value]

