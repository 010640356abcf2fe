"""One way for a view to call a service and show its refusal (logistics.core.views.refusals): no
view catches a domain error or a ValidationError itself, and the helper answers each kind of
place the same way, whatever the refusal: a form page, an action's message on top or in its
row, a page's script in JSON."""

import ast
import importlib
import json
from pathlib import Path

import pytest
from django import forms
from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from accreditation.errors import DelegationMediaRule, InvalidApplication
from logistics.core import errors
from logistics.core.errors import AccordError, NotAllowed
from logistics.core.views.refusals import ROW_TAG, form_status, service_call
from logistics.programme.errors import CapacityExceeded, InvalidSession

ROOT = Path(__file__).resolve().parents[3]
HELPER = "logistics/core/views/refusals.py"


def _is_view_module(path):
    """A module with a function (or method) that takes the request first: wherever the
    concept keeps it (views.py, views/, a registration page, the login)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef) and node.args.args:
            first = node.args.args[1 if node.args.args[0].arg == "self" else 0:][:1]
            if first and first[0].arg == "request":
                return True
    return False


VIEWS = sorted(path for app in ("logistics", "accreditation", "privacy")
               for path in (ROOT / app).rglob("*.py")
               if "migrations" not in path.parts and not path.stem.startswith("admin")
               and _is_view_module(path))
# (The admin's saves go through core.admin.ServiceForm, which shows a refusal on the
# admin's form: Django's admin is not a view of ours.)
REFUSALS = (AccordError, ValidationError)


def _resolve(node, namespace):
    """What an except clause's expression names, from the module's globals (None if it
    names something the module does not hold, as a local)."""
    if isinstance(node, ast.Name):
        return namespace.get(node.id)
    if isinstance(node, ast.Attribute):
        owner = _resolve(node.value, namespace)
        return getattr(owner, node.attr, None) if owner is not None else None
    return None


def _classes(node, namespace):
    """(text, class or None) of each exception an except clause names, a tuple's and a name
    bound to a tuple (REFUSED = (...)) included."""
    if isinstance(node, ast.Tuple):
        return [found for element in node.elts for found in _classes(element, namespace)]
    value = _resolve(node, namespace)
    if isinstance(value, tuple):
        return [(ast.unparse(node), cls) for cls in value]
    return [(ast.unparse(node), value)]


def refusals_caught(source, namespace):
    """(line, text) of each except clause that catches a refusal: AccordError, Django's
    ValidationError, or a subclass of either, however it is spelt."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ExceptHandler) or node.type is None:
            continue
        for text, cls in _classes(node.type, namespace):
            name = text.rpartition(".")[2]
            if (isinstance(cls, type) and issubclass(cls, REFUSALS)
                    or cls is None and name in ("AccordError", "ValidationError")):
                found.append((node.lineno, text))
    return list(dict.fromkeys(found))


def _module(path):
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def test_the_views_are_all_read():
    names = {str(path.relative_to(ROOT)) for path in VIEWS}
    assert {"logistics/programme/views/office.py", "logistics/core/accounts/login.py",
            "logistics/bilaterals/registration.py", "accreditation/applications/views/public.py",
            "privacy/views.py"} <= names
    assert len(names) > 30


def test_no_view_catches_a_refusal_itself():
    """Every service call of a view runs in service_call, which alone catches refusals."""
    found = []
    for path in VIEWS:
        if str(path.relative_to(ROOT)) == HELPER:
            continue
        namespace = vars(importlib.import_module(_module(path)))
        found += [f"{path.relative_to(ROOT)}:{line}: except {text}"
                  for line, text in refusals_caught(path.read_text(encoding="utf-8"),
                                                    namespace)]
    assert found == []


PLANTED = """
from django.core.exceptions import ValidationError
def view():
    try:
        pass
    except AccordError as error:
        pass
    try:
        pass
    except (KeyError, ValidationError):
        pass
    try:
        pass
    except errors.NotAllowed:
        pass
    try:
        pass
    except REFUSED:
        pass
    try:
        pass
    except scans.UnknownCheckpoint:
        pass
    try:
        pass
    except (ValueError, LookupError):
        pass
"""


def test_the_check_sees_every_spelling_of_a_caught_refusal():
    class UnknownCheckpoint(Exception):
        pass

    scans = type("scans", (), {"UnknownCheckpoint": UnknownCheckpoint})
    namespace = {"AccordError": AccordError, "ValidationError": ValidationError,
                 "errors": errors, "REFUSED": (InvalidApplication, DelegationMediaRule),
                 "scans": scans, "ValueError": ValueError, "LookupError": LookupError,
                 "KeyError": KeyError}
    assert refusals_caught(PLANTED, namespace) == [
        (6, "AccordError"), (10, "ValidationError"), (14, "errors.NotAllowed"),
        (18, "REFUSED")]


# The helper's answers. One form with a field of the service's name, one the service names
# otherwise (starts_at -> starts), and none for the delegations.


class SessionForm(forms.Form):
    SERVICE_FIELDS = {"starts_at": "starts"}

    title = forms.CharField(required=False)
    starts = forms.CharField(required=False)
    expected_audience = forms.IntegerField(required=False)


WITH_FIELDS = "a domain error with fields (a conflict)"
WITHOUT_FIELDS = "a domain error without fields"
ON_ITS_FIELD = "bad input the fields show"
ELSEWHERE = "bad input on no field of the form"
VALIDATION = "a ValidationError with a field dict"

CAPACITY = "Room C seats 20; the session expects 60."
NOT_ALLOWED = "Only the programme office and the secretariat can change the programme."
TOO_LONG = "Ensure this value has at most 300 characters (it has 301)."
ENDS_FIRST = "The session ends before it starts."

REFUSAL = {
    WITH_FIELDS: lambda: CapacityExceeded(CAPACITY, fields={
        "expected_audience": ["More than the room's capacity (20)."],
        "starts_at": ["Starts before the event."],
        "delegations": ["Another event's delegation."]}),
    WITHOUT_FIELDS: lambda: NotAllowed(NOT_ALLOWED),
    ON_ITS_FIELD: lambda: InvalidSession("The session is not valid: Give a title.",
                                         fields={"title": ["Give a title."]}),
    ELSEWHERE: lambda: InvalidSession("The session is not valid: Another event's delegation.",
                                      fields={"delegations": ["Another event's delegation."]}),
    VALIDATION: lambda: ValidationError({"title": [TOO_LONG], "__all__": [ENDS_FIRST]}),
}

# (the form's errors, the page's status)
ON_FORM = {
    WITH_FIELDS: ({"expected_audience": ["More than the room's capacity (20)."],
                   "starts": ["Starts before the event."],
                   "__all__": [CAPACITY, "Another event's delegation."]}, 409),
    WITHOUT_FIELDS: ({"__all__": [NOT_ALLOWED]}, 403),
    ON_ITS_FIELD: ({"title": ["Give a title."]}, 400),
    ELSEWHERE: ({"__all__": ["The session is not valid: Another event's delegation.",
                             "Another event's delegation."]}, 400),
    VALIDATION: ({"title": [TOO_LONG], "__all__": [ENDS_FIRST]}, 400),
}

# The one message of an action
MESSAGE = {
    WITH_FIELDS: CAPACITY,
    WITHOUT_FIELDS: NOT_ALLOWED,
    ON_ITS_FIELD: "The session is not valid: Give a title.",
    ELSEWHERE: "The session is not valid: Another event's delegation.",
    VALIDATION: f"{TOO_LONG} {ENDS_FIRST}",
}

# (status, body) of a page's script
JSON = {
    WITH_FIELDS: (409, {"code": "capacity_exceeded", "message": CAPACITY, "fields": {
        "expected_audience": ["More than the room's capacity (20)."],
        "starts_at": ["Starts before the event."],
        "delegations": ["Another event's delegation."]}}),
    WITHOUT_FIELDS: (403, {"code": "not_allowed", "message": NOT_ALLOWED}),
    ON_ITS_FIELD: (400, {"code": "invalid_session",
                         "message": "The session is not valid: Give a title.",
                         "fields": {"title": ["Give a title."]}}),
    ELSEWHERE: (400, {"code": "invalid_session",
                      "message": "The session is not valid: Another event's delegation.",
                      "fields": {"delegations": ["Another event's delegation."]}}),
    VALIDATION: (400, {"code": "invalid", "message": f"{TOO_LONG} {ENDS_FIRST}",
                       "fields": {"title": [TOO_LONG], "non_field_errors": [ENDS_FIRST]}}),
}


def _post():
    request = RequestFactory().post("/", {"title": "Opening"})
    request._messages = CookieStorage(request)
    return request


def _shown(request):
    return [(message.level, message.message, message.extra_tags or "")
            for message in get_messages(request)]


@pytest.mark.parametrize("kind", REFUSAL)
def test_a_form_page_marks_the_fields_and_puts_the_rest_above(kind):
    request = _post()
    form = SessionForm(request.POST)
    assert form.is_valid()
    with service_call(form=form) as call:
        raise REFUSAL[kind]()
    expected_errors, expected_status = ON_FORM[kind]
    assert ({name: list(texts) for name, texts in form.errors.items()}, call.status) == (
        expected_errors, expected_status)
    assert form_status(request, form) == expected_status
    assert _shown(request) == []


@pytest.mark.parametrize("kind", REFUSAL)
def test_an_action_says_it_on_top_of_the_next_page(kind):
    request = _post()
    with service_call(request):
        raise REFUSAL[kind]()
    assert _shown(request) == [(constants.ERROR, MESSAGE[kind], "")]


@pytest.mark.parametrize("kind", REFUSAL)
def test_a_row_action_says_it_in_its_row(kind):
    request = _post()
    with service_call(request, row=("speaker", 7)):
        raise REFUSAL[kind]()
    with service_call(request, row=("vetting", 8), reference="MED-0001"):
        raise REFUSAL[kind]()
    assert _shown(request) == [
        (constants.ERROR, MESSAGE[kind], f"{ROW_TAG}speaker-7"),
        (constants.ERROR, f"MED-0001: {MESSAGE[kind]}", f"{ROW_TAG}vetting-8")]


@pytest.mark.parametrize("kind", REFUSAL)
def test_a_script_gets_the_apis_error_shape(kind):
    with service_call() as call:
        raise REFUSAL[kind]()
    response = call.json()
    status, body = JSON[kind]
    assert (response.status_code, json.loads(response.content)) == (status, {"error": body})


def test_what_follows_the_call_in_the_block_runs_only_on_success():
    done = []
    with service_call() as call:
        done.append("called")
        done.append("success")
    assert (done, call.refused, call.status) == (["called", "success"], False, 200)
    with service_call() as call:
        done.append("called")
        raise NotAllowed(NOT_ALLOWED)
    done.append("refused")
    assert (done, call.refused) == (["called", "success", "called", "refused"], True)


def test_a_fault_that_is_not_a_refusal_goes_on():
    with pytest.raises(KeyError), service_call(_post()):
        raise KeyError("not a refusal")


def test_a_form_page_answers_200_as_first_shown_and_400_for_its_own_errors():
    get = RequestFactory().get("/")
    assert form_status(get, SessionForm()) == 200
    form = SessionForm({"expected_audience": "many"})
    assert not form.is_valid()
    assert form_status(_post(), form) == 400


def test_an_import_lists_each_rejected_row():
    with service_call() as call:
        raise errors.ImportRejected(["Row 2: no title.", "Row 5: no due date."])
    assert (call.lines, call.status) == (["Row 2: no title.", "Row 5: no due date."], 400)
    with service_call() as call:
        raise ValidationError([TOO_LONG, ENDS_FIRST])
    assert call.lines == [TOO_LONG, ENDS_FIRST]


def test_a_row_refusal_needs_the_request():
    with pytest.raises(TypeError):
        service_call(row=("speaker", 1))
