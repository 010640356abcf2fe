"""An id from outside is 1 to 2**63 − 1 (logistics/core/ids.py): outside that, "not found" or a
validation error, never a 500 (SQLite cannot hold 2**63: OverflowError).

The walks over the code: every URL pattern, filter set, form (and admin) and serializer takes
its ids through the range check, so that a new one cannot escape. test_ids_answers.py asks
the pages and the API themselves."""


import django_filters
import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls.converters import IntConverter
from django.urls.resolvers import RegexPattern, RoutePattern
from rest_framework import serializers

from logistics.core import ids
from tests.hostile.ids_walk import (
    BOUNDARIES,
    CHECKED_FILTERS,
    ID_NAME,
    project_subclasses,
    url_patterns,
)


def test_every_id_in_a_url_path_goes_through_the_id_converter():
    unchecked = []
    for text, entry in url_patterns():
        pattern = entry.pattern
        if isinstance(pattern, RoutePattern):
            for name, converter in pattern.converters.items():
                if isinstance(converter, IntConverter) or (
                        ID_NAME.match(name) and not isinstance(converter, ids.IdConverter)):
                    unchecked.append(f"{text}: <{name}> by {type(converter).__name__}")
        elif isinstance(pattern, RegexPattern):
            unchecked += [f"{text}: (?P<{name}>) by a regular expression"
                          for name in pattern.regex.groupindex if ID_NAME.match(name)]
    assert unchecked == [], "Ids in URL paths without <id:...>:\n  " + "\n  ".join(unchecked)


def _target(model, field_name):
    """The model field a filter's `field_name` ends on, or None (a method's own name)."""
    field = None
    for part in field_name.split("__"):
        try:
            field = model._meta.get_field(part)
        except Exception:  # noqa: BLE001  (not a field: "q", a method filter)
            return None
        model = field.related_model or model
    return field


def test_every_id_filter_checks_its_range():
    unchecked = []
    for filterset in project_subclasses(django_filters.FilterSet):
        model = filterset._meta.model
        for name, flt in filterset.base_filters.items():
            if isinstance(flt, CHECKED_FILTERS):
                continue
            field = _target(model, flt.field_name) if model and not flt.method else None
            names_a_row = field is not None and (field.is_relation or field.primary_key)
            if isinstance(flt, (django_filters.ModelChoiceFilter,
                                django_filters.ModelMultipleChoiceFilter)) or (
                    names_a_row and flt.lookup_expr != "isnull"):
                unchecked.append(f"{filterset.__module__}.{filterset.__name__}.{name}: "
                                 f"{type(flt).__name__}")
    assert unchecked == [], ("Filters on ids outside logistics/core/ids.py (IdFilter, "
                             "ModelChoiceFilter...):\n  " + "\n  ".join(unchecked))


def _unchecked_choice(field):
    if isinstance(field, forms.ModelMultipleChoiceField):
        return not isinstance(field, ids.RangeCheckedChoices)
    return isinstance(field, forms.ModelChoiceField) and not isinstance(field,
                                                                         ids.RangeCheckedChoice)


def test_every_choice_of_a_row_in_a_form_checks_its_range():
    unchecked = [f"{form.__module__}.{form.__name__}.{name}: {type(field).__name__}"
                 for form in project_subclasses(forms.BaseForm)
                 for name, field in getattr(form, "base_fields", {}).items()
                 if _unchecked_choice(field)]
    assert unchecked == [], ("Model choice fields outside logistics/core/ids.py:\n  "
                             + "\n  ".join(unchecked))


def test_every_admin_form_checks_its_ids():
    unchecked = [f"{model._meta.label}: {type(model_admin).__name__}"
                 for model, model_admin in admin.site._registry.items()
                 if not isinstance(model_admin, ids.IdFormFields)]
    assert unchecked == []


def _fields(serializer, prefix=""):
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.ListSerializer):
            field = field.child
        if isinstance(field, serializers.BaseSerializer):
            yield from _fields(field, f"{prefix}{name}.")
            continue
        if isinstance(field, serializers.ManyRelatedField):
            field = field.child_relation
        if isinstance(field, serializers.ListField):
            field = field.child
        yield f"{prefix}{name}", field


def test_every_relation_in_an_api_body_checks_its_range():
    unchecked, unreadable = [], []
    for serializer_class in project_subclasses(serializers.BaseSerializer):
        if issubclass(serializer_class, serializers.ListSerializer) or (
                issubclass(serializer_class, serializers.ModelSerializer)
                and not hasattr(serializer_class, "Meta")):
            continue  # a list of another serializer, or a base: walked as those
        where = f"{serializer_class.__module__}.{serializer_class.__name__}"
        try:
            fields = list(_fields(serializer_class()))
        except Exception as error:  # noqa: BLE001
            unreadable.append(f"{where}: {type(error).__name__}: {error}")
            continue
        unchecked += [f"{where}.{name}: {type(field).__name__}" for name, field in fields
                      if isinstance(field, serializers.PrimaryKeyRelatedField)
                      and not isinstance(field, ids.PrimaryKeyRelatedField)]
    assert unreadable == [], "\n  ".join(unreadable)
    assert unchecked == [], ("Relations the API takes outside ids.PrimaryKeyRelatedField:\n  "
                             + "\n  ".join(unchecked))


def _schema():
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def _integers(schema, node, where, seen):
    """(where, schema) of every integer a request body may hold."""
    if "$ref" in node:
        if node["$ref"] in seen:
            return
        seen = seen | {node["$ref"]}
        node = schema["components"]["schemas"][node["$ref"].split("/")[-1]]
    if node.get("readOnly"):
        return
    if node.get("type") == "integer":
        yield where, node
    for key in ("allOf", "oneOf", "anyOf"):
        for inner in node.get(key, []):
            yield from _integers(schema, inner, where, seen)
    for name, inner in node.get("properties", {}).items():
        yield from _integers(schema, inner, f"{where}.{name}", seen)
    if "items" in node:
        yield from _integers(schema, node["items"], f"{where}[]", seen)


def _bounded(node):
    # A range, or a list of the only values taken (a payload version: 1 or 2).
    return ("maximum" in node and "minimum" in node) or bool(node.get("enum"))


def test_every_integer_the_api_takes_in_a_path_or_a_body_is_bounded():
    """The schema the integrations read: an id from 1 to 2**63 - 1 (ids.IdField, the
    relations, `<id:pk>`), a count or an order up to what its column holds. Unbounded, 10**30
    would reach the database."""
    schema, unbounded = _schema(), []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                node = parameter.get("schema", {})
                if parameter["in"] == "path" and node.get("type") == "integer" and (
                        not _bounded(node)):
                    unbounded.append(f"{where} {parameter['name']}")
            body = operation.get("requestBody", {}).get("content", {})
            for content in body.values():
                unbounded += [f"{where} body{name}"
                              for name, node in _integers(schema, content["schema"], "", set())
                              if not _bounded(node)]
    assert unbounded == [], "Integers without a range:\n  " + "\n  ".join(sorted(set(unbounded)))


@pytest.mark.django_db
def test_every_choice_field_refuses_the_boundaries_without_an_error():
    """Each model choice field of each form, asked to clean the boundary ids: "not a valid
    choice", never an exception from the database."""
    failures = []
    for form in project_subclasses(forms.BaseForm):
        for name, field in getattr(form, "base_fields", {}).items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            field = field.__deepcopy__({})
            if field.queryset is None:  # only the form's __init__ knows its rows
                continue
            # Every row of the model, not the form's few (often none before __init__): the
            # query must be asked for the database to fail on it.
            field.queryset = field.queryset.model._default_manager.all()
            multiple = isinstance(field, forms.ModelMultipleChoiceField)
            for value in BOUNDARIES:
                try:
                    field.clean([str(value)] if multiple else str(value))
                except ValidationError:
                    continue
                except Exception as error:  # noqa: BLE001
                    failures.append(f"{form.__name__}.{name}={value}: {type(error).__name__}")
                else:
                    failures.append(f"{form.__name__}.{name}={value}: accepted")
    assert failures == []
