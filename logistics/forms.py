from django import forms
from django.utils.translation import gettext_lazy as _

from logistics.enums import TaskStatus


class DomainErrorsMixin:
    def add_domain_error(self, error):
        """Show a service's AccordError on the fields it names, or on the form."""
        placed = False
        for name, messages in (error.fields or {}).items():
            if name in self.fields:
                for message in messages:
                    self.add_error(name, message)
                placed = True
        if not placed:
            self.add_error(None, error.message)


class TaskProgressForm(DomainErrorsMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))
