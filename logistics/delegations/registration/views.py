"""`/register/<token>/`: no login; the secret link is the key, checked on every request."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.throttling import rate_limited
from logistics.core.privacy_notice import CONSENT, DELEGATION_REGISTRATION, PrivacyConsentForm
from logistics.core.uploads import PHOTO_MAX_BYTES, PHOTO_MIN_SIZE
from logistics.core.views.refusals import service_call
from logistics.delegations.calendar_link import delegation_ical_url
from logistics.delegations.queries.delegations import missing_items
from logistics.delegations.registration.forms import (
    DelegationDetailsForm,
    MemberFileForm,
    member_formset,
)
from logistics.delegations.services import member_import
from logistics.delegations.services.invitations import invitation_open, registration_submit
from logistics.delegations.services.member_import import registration_members_import


def _error_summary(formset):
    """"Member 2, family name: This field is required." for every error of every row."""
    lines = []
    for number, form in enumerate(formset.forms, start=1):
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                lines.append(_("Member %(number)s, %(field)s: %(error)s")
                             % {"number": number, "field": label, "error": error}
                             if label else _("Member %(number)s: %(error)s")
                             % {"number": number, "error": error})
    lines += list(formset.non_form_errors())
    return lines


def _members(formset):
    """What the service needs from the rows: changes and additions, and removals."""
    members, removed = [], []
    for form in formset.forms:
        if not form.has_changed() and not form.instance.pk:
            continue  # a blank row left blank
        data = form.service_fields()
        if form.instance.pk:
            if form.cleaned_data.get("DELETE"):
                removed.append(form.instance.pk)
                continue
            data["pk"] = form.instance.pk
        elif form.cleaned_data.get("DELETE"):
            continue
        members.append(data)
    return members, removed


def _open(request, token):
    """The invitation behind the link, or the page saying why it no longer works."""
    with service_call() as call:
        return invitation_open(token), None
    return None, closed_page(request, call)


def closed_page(request, call):
    """The page of a link that no longer works (unknown, revoked, past the deadline)."""
    return render(request, "logistics/delegations/registration/closed.html",
                  {"message": call.message}, status=call.status)


def _members_qs(delegation):
    return delegation.members.order_by("-is_head", "pk")


def _page(request, invitation, token, *, details=None, formset=None, consent=None,
          summary=(), file_form=None, import_errors=()):
    """The registration page, with the forms as they were sent (or fresh ones)."""
    delegation = invitation.delegation
    event = delegation.event
    members_qs = _members_qs(delegation)
    count = members_qs.count()
    if formset is None:
        FormSet = member_formset(quota=delegation.size_quota, count=count)
        formset = FormSet(queryset=members_qs, prefix="m", form_kwargs={"event": event})
    credentials_missing, missing = missing_items(delegation)
    lacking = {member.pk: lacks for member, lacks in missing}
    for form in formset.forms:
        form.lacks = lacking.get(form.instance.pk, [])
    details = details or DelegationDetailsForm(instance=delegation, prefix="d")
    return render(request, "logistics/delegations/registration/register.html", {
        "invitation": invitation, "token": token, "delegation": delegation, "event": event,
        "details": details, "formset": formset, "summary": summary,
        "consent": consent or PrivacyConsentForm(event=event, notice=DELEGATION_REGISTRATION),
        "kept_uploads": any(form.kept_uploads for form in (details, *formset.forms)),
        "closes": invitation.expires_at,
        "count": count, "room": max(0, delegation.size_quota - count),
        "ical_url": delegation_ical_url(delegation, absolute=True),
        "photo_min": PHOTO_MIN_SIZE, "photo_max": PHOTO_MAX_BYTES,
        "file_form": file_form or MemberFileForm(prefix="f", event=event),
        "import_errors": import_errors,
        "credentials_missing": credentials_missing and count > 0,
        "missing_count": len(missing),
    }, status=400 if summary else 200)  # a file's errors answer an upload, as the plan's do


# Personal data: kept out of error reports (POST values, and every local variable of
# this view and what it calls).
@sensitive_post_parameters()
@sensitive_variables()
@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("form")
def register(request, token):
    invitation, closed = _open(request, token)
    if closed:
        return closed
    delegation = invitation.delegation
    event = delegation.event
    members_qs = _members_qs(delegation)
    FormSet = member_formset(quota=delegation.size_quota, count=members_qs.count())
    # Times of arrival are typed and shown in the host's time zone.
    with timezone.override(event.tz):
        if request.method != "POST":
            return _page(request, invitation, token)
        summary = []
        details = DelegationDetailsForm(request.POST, request.FILES, instance=delegation,
                                        prefix="d", session=request.session)
        formset = FormSet(request.POST, request.FILES, queryset=members_qs, prefix="m",
                          form_kwargs={"event": event, "session": request.session})
        consent = PrivacyConsentForm(request.POST, event=event, notice=DELEGATION_REGISTRATION)
        # Every form cleaned, so that each keeps its files whichever is wrong.
        if all([details.is_valid(), formset.is_valid(), consent.is_valid()]):
            members, removed = _members(formset)
            with service_call() as call:
                registration_submit(
                    token=token, details=details.cleaned_data, members=members,
                    removed=removed,
                    credentials=details.cleaned_data.get("credentials_document"),
                    consented_at=consent.consented_at(), mail_language=get_language())
                for form in (details, *formset.forms):
                    form.kept_uploads_used()
                messages.success(request, _("Your registration is saved. You can come back "
                                            "with the same link to change it."))
                return redirect("register", token=token)
            summary = call.lines
        else:
            summary = [*(f"{details.fields[n].label}: {e}" for n, errs in
                         details.errors.items() if n in details.fields for e in errs),
                       *_error_summary(formset), *consent.errors.get(CONSENT, [])]
        for form in (details, *formset.forms):
            form.keep_uploads()
        return _page(request, invitation, token, details=details, formset=formset,
                     consent=consent, summary=summary)


@sensitive_post_parameters()
@sensitive_variables()
@never_cache
@require_POST
@rate_limited("form")
def register_members_upload(request, token):
    """A spreadsheet of members: all its rows are added, or none and every row's error is
    shown on the registration page."""
    invitation, closed = _open(request, token)
    if closed:
        return closed
    form = MemberFileForm(request.POST, request.FILES, prefix="f",
                          event=invitation.delegation.event)
    errors = []
    with timezone.override(invitation.delegation.event.tz):
        if form.is_valid():
            with service_call() as call:
                added = registration_members_import(
                    token=token, data=form.cleaned_data["file"].read(),
                    consented_at=form.consented_at())
                messages.success(request, ngettext(
                    "%(count)s member added from the file.",
                    "%(count)s members added from the file.", added) % {"count": added})
                return redirect("register", token=token)
            errors = call.lines
        else:
            # The consent's own error shows under its box.
            errors = [error for name, messages_ in form.errors.items() if name != CONSENT
                      for error in messages_]
        return _page(request, invitation, token, file_form=form, import_errors=errors)


@never_cache
@require_GET
@rate_limited("form")
def register_members_template(request, token, fmt):
    """The spreadsheet to fill in: the columns the upload reads, and an example row."""
    _invitation, closed = _open(request, token)
    if closed:
        return closed
    if fmt not in member_import.TEMPLATE_FORMATS:
        raise Http404
    response = HttpResponse(member_import.template_file(fmt),
                            content_type=member_import.TEMPLATE_FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"members.{fmt}")
    return response
