"""The export page's search: what the person gave to be found by."""

from django import forms
from django.utils.translation import gettext_lazy as _

from privacy.queries import Search

TEXT = {"class": "form-control"}


class PersonSearchForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254,
                             widget=forms.EmailInput(attrs={**TEXT, "autocomplete": "off"}))
    reference = forms.CharField(label=_("Application reference"), required=False,
                                max_length=12,
                                widget=forms.TextInput(attrs={**TEXT, "placeholder": "A-…",
                                                              "autocomplete": "off"}))
    family_name = forms.CharField(label=_("Family name"), required=False, max_length=150,
                                  widget=forms.TextInput(attrs={**TEXT,
                                                                "autocomplete": "off"}))
    given_names = forms.CharField(label=_("Given names"), required=False, max_length=150,
                                  widget=forms.TextInput(attrs={**TEXT,
                                                                "autocomplete": "off"}))
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False,
                                    widget=forms.DateInput(attrs={**TEXT, "type": "date"},
                                                           format="%Y-%m-%d"))

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if not self.search().is_enough:
            raise forms.ValidationError(
                _("Give an e-mail address, an application reference, or a family name with "
                  "the date of birth."), code="search_incomplete")
        return cleaned

    def search(self):
        data = self.cleaned_data
        return Search.of(email=data.get("email"), reference=data.get("reference"),
                         family_name=data.get("family_name"),
                         given_names=data.get("given_names"),
                         date_of_birth=data.get("date_of_birth"))
