"""Forms of the signing ceremony's pages: add a signatory, receive full powers, schedule a
signature, set the plenary's order."""

from django import forms
from django.utils.translation import gettext_lazy as _

from logistics.core.forms import DelegationChoiceField, LocalDateTimeField, ProtocolForm
from logistics.core.uploads import clean_document
from logistics.delegations.enums import DelegationLevel
from logistics.signing import queries as signing_queries
from logistics.signing.enums import PlenaryOrderRule, SigningPlace


class SigningAddForm(ProtocolForm):
    delegation = DelegationChoiceField(label=_("State"), queryset=None,
                                       empty_label=_("Choose a state"))
    where = forms.ChoiceField(label=_("Where"), choices=SigningPlace.choices)
    signatory_name = forms.CharField(label=_("Signatory"), max_length=200, required=False,
                                     help_text=_("Blank: the head of delegation."))
    signatory_title = forms.CharField(label=_("Signatory's title"), max_length=200,
                                      required=False)
    signatory_level = forms.ChoiceField(
        label=_("Signatory's level"), required=False,
        choices=[("", _("As the head of delegation"))] + DelegationLevel.choices)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].queryset = signing_queries.signable_delegations(event)

    def service_kwargs(self):
        data = self.cleaned_data
        return {"delegation": data["delegation"], "where": data["where"],
                "signatory_name": data["signatory_name"] or None,
                "signatory_title": data["signatory_title"] or None,
                "signatory_level": data["signatory_level"] or None}


class FullPowersForm(ProtocolForm):
    document = forms.FileField(
        label=_("Full powers"), required=False,
        help_text=_("The instrument or the copy sent ahead: PDF, JPEG or PNG."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not upload:
            return None
        return clean_document(upload)


class SigningScheduleForm(ProtocolForm):
    where = forms.ChoiceField(label=_("Where"), choices=SigningPlace.choices)
    scheduled_at = LocalDateTimeField(label=_("Time"), required=False)
    order = forms.IntegerField(label=_("Place in the order"), required=False, min_value=1,
                               max_value=1000,
                               help_text=_("Plenary only. Blank: keep its place."))

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheduled_at"].tz = event.tz


class PlenaryOrderForm(ProtocolForm):
    rule = forms.ChoiceField(label=_("Rule"), choices=PlenaryOrderRule.choices)
    letter = forms.CharField(label=_("Drawn letter"), max_length=5, required=False,
                             help_text=_("For the alphabetical order."))

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("rule") == PlenaryOrderRule.ALPHABETICAL_FROM_LETTER
                and not cleaned.get("letter", "").strip()):
            self.add_error("letter", _("Draw one letter, from A to Z."))
        return cleaned
