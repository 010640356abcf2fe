"""How a view calls a service, and what the user sees when the service refuses.

A service refuses with a domain error (an AccordError: a stable `code`, a `message`, the
`fields` it blames, an `http_status`) or with Django's ValidationError (from its
full_clean()). No view catches either itself (tests/logistics/core/test_refusals.py reads them
all): every call runs in `service_call`, which catches the refusal and shows it where the
call was made from.

    with service_call(form=form):              a form page: each field the refusal names
                                               marked with its message, the rest above the
                                               form (its own message too, but for bad input
                                               its fields show); the page answers
                                               form_status(request, form)
    with service_call(request):                an action: the message on top of the next
                                               page (the messages framework)
    with service_call(request, row=("speaker", slot.pk)):
                                               a row action: the message in its row of the
                                               list (row_errors() puts it there)
    with service_call() as call:               shown by the view itself: `return call.json()`
                                               (the API's error shape, with the refusal's
                                               status), or call.message, call.lines,
                                               call.status placed on its own page

The block holds the call and what a success does (its message, the redirect): the code
after the block runs on a refusal, or after a success that does not return.

    form = RoomForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        with service_call(form=form):
            room = room_create(event=event, by=request.user, **form.cleaned_data)
            messages.success(request, _("%(room)s added.") % {"room": room.name})
            return redirect("logistics:room_list")
    return render(request, "logistics/programme/room_form.html", {"form": form},
                  status=form_status(request, form))

A view may still catch an exception that is not a refusal (a closed checkpoint) inside the
block, to go to another page.
"""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _

from logistics.core.errors import AccordError

REFUSALS = (AccordError, ValidationError)


def service_call(request=None, *, form=None, row=None, reference=None):
    """The context in which a view calls a service (see the module's docstring): with `form`
    the refusal goes on the form; with `row` (`(list name, pk)`) into that row of the list,
    after the row's `reference` (an application's) when the service's message does not name
    the row; with only `request` on top of the next page; with nothing, nowhere."""
    if row is not None and (request is None or form is not None):
        raise TypeError("A row refusal needs the request, and no form.")
    return ServiceCall(request, form=form, row=row, reference=reference)


class ServiceCall:
    """One call of a service from a view. After the block: `refused`, and for a refusal its
    `code`, `message`, `fields`, `status` and `lines`, or `json()`."""

    def __init__(self, request, *, form, row, reference):
        self.request, self.form, self.row, self.reference = request, form, row, reference
        self.error = None

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if not isinstance(error, REFUSALS):
            return False  # a success, or a fault that is not a refusal: it goes on
        self.error = error
        if self.form is not None:
            _on_form(self.form, error)
            self.form.refusal_status = self.status
        elif self.row is not None:
            text = self.message
            if self.reference:
                text = _("%(reference)s: %(error)s") % {"reference": self.reference,
                                                        "error": text}
            row_error(self.request, *self.row, text)
        elif self.request is not None:
            messages.error(self.request, self.message)
        return True

    @property
    def refused(self):
        return self.error is not None

    @property
    def code(self):
        return getattr(self.error, "code", None) or "invalid"

    @property
    def message(self):
        """The refusal in one sentence (a ValidationError's messages, one after another)."""
        if isinstance(self.error, AccordError):
            return self.error.message
        return " ".join(self.error.messages)

    @property
    def fields(self):
        """{field: [message]} as the service names its fields; the API's `non_field_errors`
        for a ValidationError's errors of no field."""
        if isinstance(self.error, AccordError):
            return dict(self.error.fields or {})
        if hasattr(self.error, "error_dict"):
            return {("non_field_errors" if name == NON_FIELD_ERRORS else name): list(texts)
                    for name, texts in self.error.message_dict.items()}
        return {}

    @property
    def status(self):
        """The refusal's HTTP status (400 for a ValidationError); 200 when nothing was
        refused."""
        if self.error is None:
            return 200
        return getattr(self.error, "http_status", 400)

    @property
    def lines(self):
        """What a page lists: each error of a refusal of many (an import's rows, a bulk
        invitation's lines), else the refusal's messages."""
        if many := getattr(self.error, "errors", None):
            return [str(error) for error in many]
        if isinstance(self.error, AccordError):
            return [self.error.message]
        return list(self.error.messages)

    def json(self):
        """The refusal in the API's error shape (config/api.py), for a page's script."""
        error = {"code": self.code, "message": self.message}
        if fields := self.fields:
            error["fields"] = fields
        return JsonResponse({"error": error}, status=self.status)


def _on_form(form, error):
    """Each message of a field the form has on that field (`form.SERVICE_FIELDS` maps the
    service's name of a field to the form's where they differ), those of fields it does not
    have above the form. The error's own message goes above the form too, unless it is bad
    input (400) that the fields already show, as the form's own checks would: a clash, a
    quota, a permission is about more than a field, and says so on top."""
    names = getattr(form, "SERVICE_FIELDS", {})
    if isinstance(error, AccordError):
        blamed, own = (error.fields or {}).items(), [error.message]
    elif hasattr(error, "error_dict"):  # full_clean's: every message is a field's
        blamed, own = error.message_dict.items(), []
    else:
        blamed, own = (), error.messages
    on_fields, above = False, []
    for name, texts in blamed:
        field = names.get(name, name)
        for text in texts:
            if field in form.fields:
                form.add_error(field, text)
                on_fields = True
            else:
                above.append(text)
    if on_fields and getattr(error, "http_status", 400) == 400:
        own = []
    for text in dict.fromkeys(str(text) for text in [*own, *above]):
        form.add_error(None, text)


def form_status(request, form):
    """A form page's status: 200 as first shown; sent back, the service's refusal's status
    (409 for a clash, 403 ...) or 400 for the form's own errors."""
    if request.method != "POST":
        return 200
    return getattr(form, "refusal_status", 400)


# A row action's refusal travels as a message tagged with its row ("row:<list>-<pk>"): through
# the redirect back to the list, or within an htmx swap. The list puts it in that row; the
# base template leaves row messages alone (templates/base.html).
ROW_TAG = "row:"


def row_error(request, row_list, pk, text):
    """Refuse a row action in its row: `row_list` names the list ("vetting", "signing"), `pk`
    the row. The list's view collects it with row_errors()."""
    messages.error(request, text, extra_tags=f"{ROW_TAG}{row_list}-{pk}")


def row_errors(request, row_list, pks):
    """{pk: [text]}: the refusals of the row actions of `row_list` for the rows the page shows
    (`pks`). A refusal whose row is not shown (filtered out, on another page, another list's)
    goes on top of the page as any message, so that none is lost."""
    shown = {f"{ROW_TAG}{row_list}-{pk}": pk for pk in pks}
    found = defaultdict(list)
    for message in messages.get_messages(request):
        if not (message.extra_tags or "").startswith(ROW_TAG):
            continue
        if message.extra_tags in shown:
            found[shown[message.extra_tags]].append(message.message)
        else:
            messages.add_message(request, message.level, message.message)
    return dict(found)
