"""The review queue's filters and the reviewer's decision form."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.enums import ApplicationStatus, VettingStatus
from accreditation.models import AccreditationCategory, Application, MediaOutlet
from accreditation.queries import review as queries
from logistics.ids import ModelChoiceFilter, ModelMultipleChoiceField
from logistics.widgets import NameChoices, QuickSelect

DUPLICATE_CHOICES = [("yes", _("With duplicate warnings")),
                     ("no", _("Without duplicate warnings"))]
REASON_MAX = 2000


class ApplicationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ApplicationStatus.choices,
                                         empty_label=_("All"))
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

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.filters["category"].queryset = AccreditationCategory.objects.filter(event=event)
        self.filters["outlet"].queryset = MediaOutlet.objects.filter(event=event).only("name")
        self.filters["outlet"].field.iterator = NameChoices

    def search(self, queryset, name, value):
        return queries.search(queryset, value)

    def filter_duplicates(self, queryset, name, value):
        return queries.has_duplicates(queryset, self.event, value == "yes")


class DecisionForm(forms.Form):
    """One of the reviewer's moves. The reason is required where the service requires it
    (a rejection, a request for information); the service says so if it is missing."""

    ACTIONS = ("release", "start_review", "approve", "reject", "request_information",
               "withdraw")

    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS])
    reason = forms.CharField(required=False, max_length=REASON_MAX)


class BulkApproveForm(forms.Form):
    applications = ModelMultipleChoiceField(queryset=Application.objects.none())

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = (Application.objects.filter(event=event)
                                                .defer(*queries.SECRET))
        self.fields["applications"].error_messages["required"] = _(
            "Tick the applications to approve first.")
