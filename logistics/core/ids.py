"""Ids that come from outside (a URL path, a query string, a form, a JSON body) pass one range
check, as_id(): ASCII digits from 1 to 2**63 − 1. No row has an id outside it, and SQLite
cannot even be asked about one (an OverflowError, a 500), so such an id is "not found" or
the field's "not a valid choice", on every database alike.

One class per layer applies it; a test (tests/hostile/test_ids.py) walks every URL pattern,
filter set, form and serializer, so that a new one cannot escape:
- URL paths: the `id` converter (`<id:pk>`; registered in LogisticsConfig.ready()), also
  on every detail route of the API (SimpleRouter, DefaultRouter);
- Django forms: ModelChoiceField, ModelMultipleChoiceField; formfield() for the relations
  of model forms (Meta.formfield_callback), IdFormFields for every ModelAdmin;
- django-filter: IdFilter (an id given as a number), ModelChoiceFilter,
  ModelMultipleChoiceFilter;
- DRF: IdField (an id in a body), PrimaryKeyRelatedField (ModelSerializer's relations);
- values read by hand (`request.GET.get("room")`): as_id() itself."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django_filters import fields as filter_fields
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import routers, serializers

from logistics.core.countries import in_order

# SQLite's INTEGER and PostgreSQL's bigint: the largest id either can hold.
ID_MAX = 2**63 - 1
ID_DIGITS = len(str(ID_MAX))
# How the API's schema shows an id (the `id` path converter's, in config/settings.py, too).
ID_SCHEMA = {"type": "integer", "format": "int64", "minimum": 1, "maximum": ID_MAX}


def as_id(value):
    """The id `value` names (an int, or ASCII digits: "²" and "١٢" are digits to
    str.isdigit() too), or None when it is not one from 1 to ID_MAX."""
    if isinstance(value, bool):
        return None
    if not isinstance(value, int):
        text = str(value if value is not None else "").strip()
        if not (text.isascii() and text.isdigit()) or len(text) > ID_DIGITS:
            return None
        value = int(text)
    return value if 1 <= value <= ID_MAX else None


# URL paths


class IdConverter:
    regex = "[0-9]+"

    def to_python(self, value):
        pk = as_id(value)
        if pk is None:
            raise ValueError(value)  # the pattern does not match: 404
        return pk

    def to_url(self, value):
        pk = as_id(value)
        if pk is None:
            raise ValueError(value)
        return str(pk)


# Forms


def takes_ids(queryset, to_field_name=None):
    """Whether a choice from `queryset` is named by an integer id (not a code)."""
    meta = queryset.model._meta
    field = meta.get_field(to_field_name) if to_field_name else meta.pk
    return isinstance(field, models.IntegerField)  # the auto fields are integer fields


class RangeCheckedChoice:
    """A model choice field's id through as_id() before its query (a ModelChoiceField)."""

    def to_python(self, value):
        if (value not in self.empty_values and not isinstance(value, models.Model)
                and takes_ids(self.queryset, self.to_field_name) and as_id(value) is None):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": value})
        return super().to_python(value)


class RangeCheckedChoices:
    """Each id through as_id() before the query (a ModelMultipleChoiceField: Django's own
    asks the database `pk__in`, which SQLite cannot for 10**30)."""

    def _check_values(self, value):
        if takes_ids(self.queryset, self.to_field_name):
            for pk in value:
                if not isinstance(pk, models.Model) and as_id(pk) is None:
                    raise ValidationError(self.error_messages["invalid_pk_value"],
                                          code="invalid_pk_value", params={"pk": pk})
        return super()._check_values(value)


class ModelChoiceField(RangeCheckedChoice, forms.ModelChoiceField):
    pass


class ModelMultipleChoiceField(RangeCheckedChoices, forms.ModelMultipleChoiceField):
    pass


class CountryChoiceIterator(forms.models.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for country in in_order(self.queryset):
            yield self.choice(country)


class CountryChoiceField(ModelChoiceField):
    """A choice of a country, named and ordered in the active language
    (logistics.core.countries)."""

    iterator = CountryChoiceIterator


def choice_field_for(db_field):
    """The checked choice field for a foreign key: a country's is named in the reader's
    language."""
    if db_field.related_model._meta.label == "logistics.Country":
        return CountryChoiceField
    return ModelChoiceField


def formfield(db_field, **kwargs):
    """A model form's field for `db_field`, its relations checked like the fields above: a
    ModelForm's `formfield_callback`, and the admin's (ModelAdmin mixin IdFormFields)."""
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    elif isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", choice_field_for(db_field))
    return db_field.formfield(**kwargs)


class IdFormFields:
    """For a ModelAdmin: its forms' relations are the checked fields."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", choice_field_for(db_field))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def admin_takes_ids(site):
    """Every ModelAdmin of `site`, Django's and the packages' own (users, groups, devices)
    included, gets IdFormFields. Called from LogisticsConfig.ready(), once the admin has
    loaded every app's registrations."""
    for model, model_admin in list(site._registry.items()):
        admin_class = type(model_admin)
        if not issubclass(admin_class, IdFormFields):
            site.unregister(model)
            site.register(model, type(admin_class.__name__, (IdFormFields, admin_class), {}))


class IdFormField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(**kwargs)


# django-filter


class IdFilter(django_filters.NumberFilter):
    """`?task=12`: an id given as a number (a NumberFilter's decimal would take 1E+30)."""

    field_class = IdFormField


class _FilterChoiceField(RangeCheckedChoice, filter_fields.ModelChoiceField):
    pass


class _FilterChoicesField(RangeCheckedChoices, filter_fields.ModelMultipleChoiceField):
    pass


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = _FilterChoiceField


class ModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = _FilterChoicesField


# DRF


class IdField(serializers.IntegerField):
    """An id in a request body."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(**kwargs)


class PrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    def to_internal_value(self, data):
        if self.pk_field is None and takes_ids(self.get_queryset()):
            try:
                if isinstance(data, bool) or not isinstance(data, int | str):
                    raise ValueError(data)
                number = int(data)
            except ValueError:
                self.fail("incorrect_type", data_type=type(data).__name__)
            if as_id(number) is None:
                self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


class PrimaryKeyRelatedFieldSchema(OpenApiSerializerFieldExtension):
    """An integer id's range in the schema, as IdField's."""

    target_class = PrimaryKeyRelatedField
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction,
                                                   bypass_extensions=True)
        if schema.get("type") == "integer":
            schema.update(ID_SCHEMA)
        return schema


class _IdRoutes:
    """A router whose detail routes take the id through IdConverter (a viewset looked up by
    something else, an application by its reference, names its `lookup_value_converter`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, use_regex_path=False, **kwargs)

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        converter = getattr(viewset, "lookup_value_converter", None) or "id"
        lookup_field = getattr(viewset, "lookup_field", "pk")
        kwarg = getattr(viewset, "lookup_url_kwarg", None) or lookup_field
        return f"<{converter}:{lookup_prefix}{kwarg}>"


class SimpleRouter(_IdRoutes, routers.SimpleRouter):
    pass


class DefaultRouter(_IdRoutes, routers.DefaultRouter):
    pass
