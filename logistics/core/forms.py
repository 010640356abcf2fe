"""Form pieces every part uses: a public e-mail field, a date and time typed in the event's
local time, a delegation chosen from a long list, Bootstrap classes on every widget, and
the form that moves a row of a numbered list."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from logistics.core.ids import ModelChoiceField
from logistics.core.widgets import NameChoices, QuickSelect


def validate_plain_address(value):
    """An address as people write theirs: refused when its part before the @ is quoted
    ("victim"@…, "\\v\\ictim"@…) or its domain is an address literal (…@[192.0.2.1]).
    Django's check lets both through and mail servers deliver them to the mailbox the plain
    spelling reaches, so each would be a new address to the per-address count of mails
    (logistics.core.mail) and to the one-person-one-accreditation check. Nobody applies
    with them: refusing is the one rule that holds everywhere the address is read."""
    local, _at, domain = (value or "").rpartition("@")
    if local.startswith('"'):
        raise ValidationError(_("Write the address without quotation marks, as in "
                                "name@example.org."), code="quoted_address")
    if domain.startswith("["):
        raise ValidationError(_("Write the address with its domain name, as in "
                                "name@example.org, not a network address in brackets."),
                              code="address_literal")


class PublicEmailField(forms.EmailField):
    """The e-mail field of every public form (the media application and its correction, the
    status check, a delegation's registration, the side-event proposal)."""

    default_validators = [*forms.EmailField.default_validators, validate_plain_address]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 254)
        super().__init__(**kwargs)


LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeField(forms.DateTimeField):
    """A date and time typed in the event's local time (`tz`), whatever the server's zone."""

    def __init__(self, *, tz=None, **kwargs):
        kwargs.setdefault("widget", forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                        format=LOCAL_FORMAT))
        kwargs.setdefault("input_formats", [LOCAL_FORMAT, "%Y-%m-%d %H:%M"])
        super().__init__(**kwargs)
        self.tz = tz

    def prepare_value(self, value):
        if hasattr(value, "astimezone") and timezone.is_aware(value) and self.tz:
            return value.astimezone(self.tz).replace(tzinfo=None)
        return super().prepare_value(value)

    def to_python(self, value):
        with timezone.override(self.tz or timezone.get_current_timezone()):
            return super().to_python(value)


class DelegationChoiceField(ModelChoiceField):
    """A delegation by name, from lists that run to thousands at a COP-sized event."""

    widget = QuickSelect
    iterator = NameChoices

    def label_from_instance(self, obj):
        return obj.name


class ProtocolForm(forms.Form):
    """Form-control classes on every widget, the Bootstrap way."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = ("form-select form-select-sm" if isinstance(field.widget, forms.Select)
                   else "form-control form-control-sm")
            field.widget.attrs.setdefault("class", css)


class PositionForm(forms.Form):
    """Move a row: one step up or down, or straight to a place."""

    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")], required=False)
    position = forms.IntegerField(min_value=1, max_value=1000, required=False)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("direction") and cleaned.get("position") is None:
            raise ValidationError(_("Give the place to move to."))
        return cleaned

    def target(self, current):
        """The place asked for, from the row's `current` place (None: not yet placed)."""
        if self.cleaned_data.get("position") is not None:
            return self.cleaned_data["position"]
        if current is None:
            return None
        return current - 1 if self.cleaned_data["direction"] == "up" else current + 1

    def error_text(self):
        return " ".join(message for messages in self.errors.values() for message in messages)
