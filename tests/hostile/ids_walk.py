"""What the id walks share (test_ids.py over the code, test_ids_answers.py over the
answers): the boundaries of an id, the project's classes and URL patterns."""

import importlib
import pkgutil
import re

from django.urls import URLPattern, URLResolver, get_resolver

from logistics.core import ids
from logistics.core.api.filters import IdOrCodeFilter

BOUNDARIES = [0, -1, 2**31, 2**63 - 1, 2**63, 10**30]
ID_NAME = re.compile(r"^(pk|id|\w+_pk|\w+_id)$")
PACKAGES = ("config", "logistics", "accreditation", "privacy")


def project_modules():
    for package in PACKAGES:
        module = importlib.import_module(package)
        yield module
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            if ".migrations" not in info.name:
                yield importlib.import_module(info.name)


def project_subclasses(base):
    """Every subclass of `base` defined in the project's modules (all imported first)."""
    list(project_modules())
    found, stack = [], [base]
    while stack:
        for cls in stack.pop().__subclasses__():
            stack.append(cls)
            if cls.__module__.split(".")[0] in PACKAGES:
                found.append(cls)
    return found


def url_patterns(resolver=None, prefix=""):
    """(route text, entry) of every URL pattern and include, the admin's own left out."""
    for entry in (resolver or get_resolver()).url_patterns:
        text = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            yield text, entry
            yield from url_patterns(entry, text)
        elif isinstance(entry, URLPattern):
            yield text, entry


CHECKED_FILTERS = (ids.IdFilter, ids.ModelChoiceFilter, ids.ModelMultipleChoiceFilter,
                   IdOrCodeFilter)


def raised(response):
    exc = getattr(response, "exc_info", None)
    return f" {exc[0].__name__}: {exc[1]}" if exc else ""
