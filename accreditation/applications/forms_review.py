"""The review queue's filters, the reviewer's decision form, and the forms of a decision over
many applications (what the queue's bulk bar sends, and its confirmation)."""

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from accreditation.applications.models.applications import Application
from accreditation.applications.queries import review as queries
from accreditation.enums import ApplicationStatus, BulkAction, VettingStatus
from accreditation.setup.models import AccreditationCategory, MediaOutlet
from logistics.core.ids import ModelChoiceFilter, ModelMultipleChoiceField
from logistics.core.widgets import NameChoices, QuickSelect

DUPLICATE_CHOICES = [("yes", _("With duplicate warnings")),
                     ("no", _("Without duplicate warnings"))]
REASON_MAX = 2000
# The queue opens on what waits for the office (queries.review.AWAITING); every status, and
# all of them, one choice away.
AWAITING, ANY_STATUS = "awaiting", "all"
STATUS_CHOICES = [(AWAITING, _("Awaiting a decision")), *ApplicationStatus.choices,
                  (ANY_STATUS, _("All"))]


class ApplicationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=STATUS_CHOICES,
                                         method="filter_status", empty_label=None)
    category = ModelChoiceFilter(label=_("Category"),
                                                queryset=AccreditationCategory.objects.none(),
                                                empty_label=_("All"))
    vetting = django_filters.ChoiceFilter(label=_("Security vetting"),
                                          choices=VettingStatus.choices, empty_label=_("All"))
    outlet = ModelChoiceFilter(label=_("Media outlet"),
                                              queryset=MediaOutlet.objects.none(),
                                              empty_label=_("All"),
                                              widget=QuickSelect(attrs=QuickSelect.SMALL))
    duplicates = django_filters.ChoiceFilter(label=_("Duplicates"), choices=DUPLICATE_CHOICES,
                                             method="filter_duplicates", empty_label=_("All"))

    class Meta:
        model = Application
        fields = []

    def __init__(self, data=None, *args, event, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("status"):
            data["status"] = AWAITING
        super().__init__(data, *args, **kwargs)
        self.event = event
        self.filters["category"].queryset = AccreditationCategory.objects.filter(event=event)
        self.filters["outlet"].queryset = MediaOutlet.objects.filter(event=event).only("name")
        self.filters["outlet"].field.iterator = NameChoices

    def search(self, queryset, name, value):
        return queries.search(queryset, value)

    def filter_duplicates(self, queryset, name, value):
        return queries.has_duplicates(queryset, self.event, value == "yes")

    def filter_status(self, queryset, name, value):
        if value == ANY_STATUS:
            return queryset
        if value == AWAITING:
            return queryset.filter(status__in=queries.AWAITING)
        return queryset.filter(status=value)

    def status_counts(self):
        """{status: count} of the applications the other filters leave (the queue's tabs)."""
        queryset = self.queryset.all()
        if self.is_bound and not self.errors:
            for name, value in self.form.cleaned_data.items():
                if name != "status":
                    queryset = self.filters[name].filter(queryset, value)
        return queries.status_counts(queryset)

    def described(self):
        """The filters in words, for a bulk decision's page: "Status: Awaiting a decision ·
        Category: P · Press"."""
        if self.errors:
            return ""
        parts = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, ""):
                continue
            field = self.form.fields[name]
            shown = value
            if isinstance(field, forms.ChoiceField) and not isinstance(field,
                                                                      forms.ModelChoiceField):
                shown = dict(field.choices).get(value, value)
            parts.append(f"{field.label}: {shown}")
        return " · ".join(str(part) for part in parts)


class DecisionForm(forms.Form):
    """One of the reviewer's moves. The reason is required where the service requires it
    (a rejection, a request for information); the service says so if it is missing."""

    ACTIONS = ("release", "start_review", "approve", "reject", "request_information",
               "withdraw")

    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS])
    reason = forms.CharField(required=False, max_length=REASON_MAX)


SCOPES = (("ticked", _("The ticked applications")), ("page", _("This page")),
          ("matching", _("All that match the filters")))


class BulkChoiceForm(forms.Form):
    """What the queue's bulk bar sends: an action, and which applications (the ticked ones,
    those of the page shown, or all that match the filters of `query`)."""

    action = forms.ChoiceField(label=_("Action"), choices=BulkAction.choices)
    scope = forms.ChoiceField(choices=SCOPES)
    applications = ModelMultipleChoiceField(queryset=Application.objects.none(), required=False)
    query = forms.CharField(required=False, max_length=4000)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = (Application.objects.filter(event=event)
                                                .only("pk"))

    def clean(self):
        data = super().clean()
        if data.get("scope") == "ticked" and not data.get("applications"):
            raise forms.ValidationError(_("Tick the applications first."))
        return data


class BulkConfirmForm(BulkChoiceForm):
    """The confirmation: the same choice, the reason, the count the officer was shown, and
    the token that makes the job's key (a second submission finds the first's job)."""

    reason = forms.CharField(label=_("Reason"), required=False, max_length=REASON_MAX,
                             widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}))
    key = forms.UUIDField(widget=forms.HiddenInput)
    expected = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("action") == BulkAction.REJECT and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for the rejection."))
        return data
