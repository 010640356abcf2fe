"""Forms of the badge pages: the list's filters, the reasons for revoking, losing and
reissuing, and the ID check at the collection desk. The rules live in services.badges."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.badges import queries as badge_queries
from accreditation.badges.models import Badge
from accreditation.enums import BadgeStatus, PrintStatus
from accreditation.setup.models import AccreditationCategory
from logistics.core.ids import ModelChoiceFilter, as_id

INPUT = {"class": "form-control"}
COLLECTED_CHOICES = [("yes", _("Handed over")), ("no", _("Not yet handed over"))]


class BadgeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=BadgeStatus.choices,
                                         empty_label=_("All"))
    print_status = django_filters.ChoiceFilter(label=_("Print status"),
                                               choices=PrintStatus.choices, empty_label=_("All"))
    category = ModelChoiceFilter(label=_("Category"), empty_label=_("All"),
                                                queryset=AccreditationCategory.objects.none())
    collected = django_filters.ChoiceFilter(label=_("Collection"), choices=COLLECTED_CHOICES,
                                            method="filter_collected", empty_label=_("All"))

    class Meta:
        model = Badge
        fields = []

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["category"].queryset = AccreditationCategory.objects.filter(event=event)

    def search(self, queryset, name, value):
        return badge_queries.search(queryset, value)

    def filter_collected(self, queryset, name, value):
        return queryset.filter(collected_at__isnull=value != "yes")


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=1000,
        help_text=_("Kept with the badge and sent to the integrations that follow badges."),
        widget=forms.Textarea(attrs={**INPUT, "rows": 2}))


class LostForm(forms.Form):
    reason = forms.CharField(label=_("Note"), required=False, max_length=1000,
                             help_text=_("Where and when it was lost, if known."),
                             widget=forms.Textarea(attrs={**INPUT, "rows": 2}))


class ReinstateForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=1000,
                             help_text=_("Kept with the badge, e.g. security vetting cleared "
                                         "the holder again."),
                             widget=forms.Textarea(attrs={**INPUT, "rows": 2}))


class ReissueForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=1000,
                             widget=forms.Textarea(attrs={**INPUT, "rows": 2}))


class CollectForm(forms.Form):
    id_checked = forms.BooleanField(
        label=_("I checked the passport / national ID against this application"),
        error_messages={"required": _("Check the holder's passport or national ID against "
                                      "the application, then tick the box.")},
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))


class BatchForm(forms.Form):
    """The list's two buttons: the ticked badges, or all that match the filters (sent as the
    list's query string)."""

    SELECTED, FILTERED = "selected", "filtered"

    scope = forms.ChoiceField(choices=[(SELECTED, SELECTED), (FILTERED, FILTERED)])
    filters = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ids = [badge_id for badge_id in map(as_id, self.data.getlist("badge"))
                    if badge_id is not None] if self.is_bound else []

    def clean(self):
        data = super().clean()
        if data.get("scope") == self.SELECTED and not self.ids:
            raise forms.ValidationError(_("Tick the badges to print first."))
        return data
