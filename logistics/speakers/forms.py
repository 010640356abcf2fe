"""Forms of the speakers list: inscribe a delegation, edit a statement."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from logistics.core.forms import DelegationChoiceField, ProtocolForm
from logistics.core.widgets import SharedOptions
from logistics.delegations.enums import DelegationLevel
from logistics.delegations.queries.delegations import event_delegations
from logistics.speakers.services import TIME_LIMIT_MAX, TIME_LIMIT_MIN


class SpeakerFieldsForm(ProtocolForm):
    speaker_name = forms.CharField(label=_("Speaker"), max_length=200)
    speaker_title = forms.CharField(label=_("Title"), max_length=200, required=False)
    level = forms.ChoiceField(label=_("Level"), choices=DelegationLevel.choices)
    language = forms.CharField(label=_("Language"), max_length=10,
                               widget=forms.TextInput(attrs={"placeholder": _("en, fr, ar…")}))
    time_limit_minutes = forms.IntegerField(label=_("Time limit (minutes)"),
                                            min_value=TIME_LIMIT_MIN,
                                            max_value=TIME_LIMIT_MAX, initial=5)


class SpeakerInscribeForm(SpeakerFieldsForm):
    delegation = DelegationChoiceField(label=_("Delegation"), queryset=None,
                                       empty_label=_("Choose a delegation"))
    level = forms.ChoiceField(
        label=_("Level"), required=False,
        choices=[("", _("As the head of delegation"))] + DelegationLevel.choices,
        help_text=_("The speaker's level sets the place in the order of precedence."))
    field_order = ["delegation", "speaker_name", "speaker_title", "level", "language",
                   "time_limit_minutes"]

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        delegation = self.fields["delegation"]
        delegation.queryset = (event_delegations(session.event_id)
                               .exclude(speaker_slots__session=session))
        # One read of the delegations for the select and for the levels of their heads,
        # which accord.js puts in the level field when a delegation is chosen.
        offered = list(delegation.queryset.values_list("pk", "name", "head_level"))
        delegation.widget.share(SharedOptions((pk, name) for pk, name, _level in offered),
                                delegation.empty_label)
        delegation.widget.attrs.update({
            "data-head-levels": json.dumps({str(pk): level for pk, _name, level in offered
                                            if level}),
            "data-level-field": self["level"].auto_id,
        })

    def clean(self):
        cleaned = super().clean()
        delegation = cleaned.get("delegation")
        if delegation is not None and not cleaned.get("level"):
            if delegation.head_level:
                cleaned["level"] = delegation.head_level
            else:
                self.add_error("level", _("%(delegation)s has no level for its head of "
                                          "delegation: choose the speaker's level.")
                               % {"delegation": delegation.name})
        return cleaned
