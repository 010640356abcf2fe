"""The public registration form a delegation's focal point fills in through its link."""

from django import forms
from django.forms import modelformset_factory
from django.utils.translation import gettext_lazy as _

from logistics.models import Country, Delegation, DelegationMember

MEMBER_FIELDS = ["family_name", "given_names", "title", "gender", "date_of_birth",
                 "nationality", "email", "is_head", "arrival_at", "arrival_flight",
                 "departure_at", "departure_flight", "dietary_needs", "accessibility_needs"]


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates can render fields as they are."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select form-select-sm"
            else:
                css = "form-control form-control-sm"
            widget.attrs["class"] = css


class DelegationDetailsForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Delegation
        fields = ["head_name", "head_title", "head_level", "focal_point_name",
                  "focal_point_email", "hotel"]


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MemberForm(BootstrapMixin, forms.ModelForm):
    nationality = forms.ModelChoiceField(queryset=Country.objects.order_by("name"),
                                         required=False, label=_("nationality"))

    class Meta:
        model = DelegationMember
        fields = MEMBER_FIELDS
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "arrival_at": LocalDateTimeInput(),
            "departure_at": LocalDateTimeInput(),
        }


def member_formset(*, quota, count):
    """Blank rows for new members, never more than the quota leaves room for."""
    extra = max(0, min(3 if count == 0 else 1, quota - count))
    return modelformset_factory(DelegationMember, form=MemberForm, extra=extra,
                                can_delete=True, max_num=quota, validate_max=True,
                                absolute_max=quota)
