from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.enums import CheckpointMode
from accreditation.models import Zone
from logistics.forms import DomainErrorsMixin
from logistics.ids import ModelChoiceField


class CheckpointForm(DomainErrorsMixin, forms.Form):
    zone = ModelChoiceField(label=_("Zone"), queryset=Zone.objects.none(),
                                  empty_label=None,
                                  widget=forms.Select(attrs={"class": "form-select"}))
    name = forms.CharField(label=_("Name"), max_length=100,
                           help_text=_("As the gate staff call it, e.g. “Press centre, north "
                                       "door”."),
                           widget=forms.TextInput(attrs={"class": "form-control"}))
    mode = forms.ChoiceField(label=_("Counts"), choices=CheckpointMode.choices,
                             initial=CheckpointMode.ENTRY,
                             help_text=_("A checkpoint that counts both ways lets the zone "
                                         "know how many people are inside."),
                             widget=forms.RadioSelect)
    active = forms.BooleanField(label=_("Open"), required=False, initial=True,
                                help_text=_("A closed checkpoint refuses every scan."),
                                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = Zone.objects.filter(event=event).order_by("code")
        self.fields["zone"].label_from_instance = str

    def clean_name(self):
        return self.cleaned_data["name"].strip()
