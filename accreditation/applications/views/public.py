"""Public pages for applicants (no login): apply, check the status, correct when asked.

The form is its own gate (open while the event has a media category and has not ended); the
status check needs the reference and the e-mail together; the correction link is the key."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from accreditation.applications.forms_public import MediaApplicationForm, StatusForm
from accreditation.applications.models.applications import Application
from accreditation.applications.queries import public as queries
from accreditation.applications.services.applications import application_create, application_update
from accreditation.enums import EDITABLE_STATUSES, ApplicationSource
from accreditation.errors import NotEditable
from config.throttling import rate_limited
from logistics.core.uploads import PHOTO_MAX_BYTES, PHOTO_MIN_SIZE
from logistics.core.views.refusals import form_status, service_call

# The thank-you page shows the reference of the application this browser just sent, and no
# other.
SESSION_KEY = "media_application_reference"


def _closed(request, event, status=200):
    return render(request, "accreditation/public/closed.html", {"event": event},
                  status=status)


def _form_context(form, event):
    return {"form": form, "event": event, "photo_min": PHOTO_MIN_SIZE,
            "photo_max": PHOTO_MAX_BYTES}


# Personal data: kept out of error reports (POST values, and every local variable of
# this view and what it calls).
@sensitive_post_parameters()
@sensitive_variables()
@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("form")
def apply_media(request):
    event = queries.media_event()
    if event is None:
        return _closed(request, None, status=404)
    categories = queries.media_categories(event)
    if not queries.applications_open(event, categories):
        return _closed(request, event)
    form = MediaApplicationForm(request.POST or None, request.FILES or None, event=event,
                                categories=categories, session=request.session)
    if request.method == "POST" and form.is_valid():
        with service_call(form=form):
            application = application_create(
                event=event, category=form.category, source=ApplicationSource.PUBLIC_FORM,
                by=None, consented_at=form.consented_at(), mail_language=get_language(),
                **form.service_fields())
            form.kept_uploads_used()
            request.session[SESSION_KEY] = application.reference
            return redirect("apply_thanks")
    return render(request, "accreditation/public/apply.html", _form_context(form, event),
                  status=form_status(request, form))


@never_cache
def apply_thanks(request):
    reference = request.session.get(SESSION_KEY)
    application = (Application.objects.select_related("event").filter(reference=reference)
                   .first() if reference else None)
    if application is None:
        return redirect("apply_media")
    return render(request, "accreditation/public/thanks.html",
                  {"application": application, "event": application.event})


@sensitive_post_parameters()
@sensitive_variables()
@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("form")
def apply_status(request):
    if request.method == "POST":
        form = StatusForm(request.POST)
    else:
        form = StatusForm(initial={"reference": request.GET.get("reference", "")[:20]})
    application, not_found = None, False
    if form.is_bound and form.is_valid():
        application = queries.application_for_status(form.cleaned_data["reference"],
                                                     form.cleaned_data["email"])
        not_found = application is None
    context = {"form": form, "application": application, "not_found": not_found}
    if application is not None:
        status, label = queries.status_seen(application)
        context.update(event=application.event, status=status, status_label=label,
                       last_change=queries.last_change(application),
                       reason=queries.rejection_reason(application))
    return render(request, "accreditation/public/status.html", context)


@sensitive_post_parameters()
@sensitive_variables()
@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("form")
def apply_correct(request, token):
    application = queries.application_for_token(token)
    if application is None:
        raise Http404
    event = application.event
    if application.status not in EDITABLE_STATUSES:
        return render(request, "accreditation/public/not_editable.html",
                      {"application": application, "event": event})
    form = MediaApplicationForm(request.POST or None, request.FILES or None, event=event,
                                categories=queries.media_categories(event),
                                application=application, session=request.session)
    if request.method == "POST" and form.is_valid():
        with service_call(form=form) as call:
            application_update(application=application, by=None, public_submission=True,
                               consented_at=form.consented_at(), mail_language=get_language(),
                               **form.service_fields())
            form.kept_uploads_used()
            messages.success(request, _(
                "Thank you: your application %(reference)s is corrected and back with the "
                "accreditation office. We will write to you when it is decided.")
                % {"reference": application.reference})
            return redirect("apply_correct", token=token)
        if isinstance(call.error, NotEditable):  # decided while it was being corrected
            return redirect("apply_correct", token=token)
    context = _form_context(form, event)
    context["application"] = application
    context["status"], context["status_label"] = queries.status_seen(application)
    return render(request, "accreditation/public/correct.html", context,
                  status=form_status(request, form))
