"""Forms of the security vetting pages: the queue's filters, one decision and the results
file. The rules live in accreditation.services (applications, vetting_io)."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accreditation.vetting.queries import VETTING_STATES, vetting_categories, vetting_nationalities
from accreditation.vetting.services.vetting_io import MAX_BYTES
from logistics.core.ids import CountryChoiceField, ModelChoiceField

SMALL = {"class": "form-control form-control-sm"}
SELECT = {"class": "form-select form-select-sm"}


class VettingFilterForm(forms.Form):
    """The queue's filters; an empty `vetting` in the query means "pending"."""

    vetting = forms.ChoiceField(label=_("Vetting"), required=False,
                                widget=forms.Select(attrs=SELECT))
    category = ModelChoiceField(label=_("Category"), required=False, queryset=None,
                                      empty_label=_("All categories"),
                                      widget=forms.Select(attrs=SELECT))
    nationality = CountryChoiceField(label=_("Nationality"), required=False,
                                     queryset=None, empty_label=_("All nationalities"),
                                     widget=forms.Select(attrs=SELECT))
    q = forms.CharField(label=_("Search"), required=False, max_length=200,
                        widget=forms.TextInput(attrs={
                            **SMALL, "type": "search",
                            "placeholder": _("Reference, name, organisation or ID number")}))

    ALL = "all"

    def __init__(self, data, *, event):
        super().__init__(data)
        self.fields["vetting"].choices = [
            *[(state.value, state.label) for state in VETTING_STATES], (self.ALL, _("All"))]
        self.fields["category"].queryset = vetting_categories(event)
        self.fields["nationality"].queryset = vetting_nationalities(event)

    def filters(self):
        """Keyword arguments for accreditation.vetting.queries.vetting_queue."""
        self.is_valid()  # a filter that does not validate is left out; the others apply
        data = self.cleaned_data
        vetting = data.get("vetting") or VETTING_STATES[0].value
        return {"vetting": "" if vetting == self.ALL else vetting,
                "category": data.get("category"), "nationality": data.get("nationality"),
                "q": data.get("q", "")}


class VetForm(forms.Form):
    """Clear or flag one applicant: the reason is what the accreditation office reads (a flag
    needs one; the service says so too), the note is vetting's own."""

    decision = forms.ChoiceField(choices=[("clear", pgettext_lazy("vetting decision", "Clear")),
                                          ("flag", _("Flag"))])
    reason = forms.CharField(label=_("Reason for the accreditation office"), required=False,
                             max_length=2000)
    note = forms.CharField(label=_("Note for security vetting only"), required=False,
                           max_length=2000)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "flag" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the applicant is flagged, in words the "
                                       "accreditation office may read."))
        return data


class VettingImportForm(forms.Form):
    file = forms.FileField(
        label=_("Results file"),
        help_text=_("CSV (UTF-8) with the columns reference, result (cleared or flagged), "
                    "reason and note; at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv",
                                               "class": "form-control"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is %(size)s; the limit is 5 MB.")
                                        % {"size": filesizeformat(upload.size)})
        return upload
