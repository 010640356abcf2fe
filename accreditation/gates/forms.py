"""Forms of the gates: a checkpoint, and the manual lookup when a code cannot be read."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.enums import CheckpointMode, Direction, ManualReason
from accreditation.gates.services.gate_lookups import QUERY_MAX_LENGTH
from accreditation.setup.models import Zone
from logistics.core.ids import ModelChoiceField


class CheckpointForm(forms.Form):
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


class GateLookupForm(forms.Form):
    """The gate's manual path: a badge looked up by the number printed on it or by a name."""

    query = forms.CharField(
        label=_("Badge number or name"), max_length=QUERY_MAX_LENGTH,
        help_text=_("When the code cannot be read: the number printed on the badge, or at "
                    "least three letters of the holder's name."),
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off",
                                      "spellcheck": "false", "autocapitalize": "off"}))


class ManualAdmissionForm(forms.Form):
    """The face matches one of the badges a lookup showed: admit its holder, and say why the
    code was not read."""

    lookup = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    badge = forms.IntegerField(label=_("Badge"), min_value=1,
                               error_messages={"required": _("Choose the badge whose photo "
                                                             "matches the face.")})
    reason = forms.ChoiceField(label=_("Why by hand"), choices=ManualReason.choices,
                               widget=forms.RadioSelect(attrs={"class": "form-check-input"}))
    direction = forms.ChoiceField(choices=Direction.choices, required=False,
                                  widget=forms.RadioSelect(attrs={"class": "form-check-input"}))
