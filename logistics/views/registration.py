"""`/register/<token>/`: no login; the secret link is the key, checked on every request."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from config.throttling import rate_limited
from logistics.errors import AccordError, InvitationUnusable
from logistics.forms_registration import DelegationDetailsForm, member_formset
from logistics.ical import delegation_ical_url
from logistics.privacy_notice import CONSENT, DELEGATION_REGISTRATION, PrivacyConsentForm
from logistics.services.invitations import invitation_open, registration_submit
from logistics.uploads import PHOTO_MAX_BYTES, PHOTO_MIN_SIZE


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


# Personal data: kept out of error reports (POST values, and every local variable of
# this view and what it calls).
@sensitive_post_parameters()
@sensitive_variables()
@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("form")
def register(request, token):
    try:
        invitation = invitation_open(token)
    except InvitationUnusable as error:
        return render(request, "logistics/register_closed.html", {"message": error.message},
                      status=404)
    delegation = invitation.delegation
    event = delegation.event
    members_qs = delegation.members.order_by("-is_head", "pk")
    count = members_qs.count()
    FormSet = member_formset(quota=delegation.size_quota, count=count)
    summary = []
    # Times of arrival are typed and shown in the host's time zone.
    with timezone.override(event.tz):
        if request.method == "POST":
            details = DelegationDetailsForm(request.POST, request.FILES, instance=delegation,
                                            prefix="d", session=request.session)
            formset = FormSet(request.POST, request.FILES, queryset=members_qs, prefix="m",
                              form_kwargs={"event": event, "session": request.session})
            consent = PrivacyConsentForm(request.POST, event=event,
                                         notice=DELEGATION_REGISTRATION)
            # Every form cleaned, so that each keeps its files whichever is wrong.
            if all([details.is_valid(), formset.is_valid(), consent.is_valid()]):
                members, removed = _members(formset)
                try:
                    registration_submit(
                        token=token, details=details.cleaned_data, members=members,
                        removed=removed,
                        credentials=details.cleaned_data.get("credentials_document"),
                        consented_at=consent.consented_at())
                except AccordError as error:
                    summary = [error.message]
                except ValidationError as error:
                    summary = error.messages
                else:
                    for form in (details, *formset.forms):
                        form.kept_uploads_used()
                    messages.success(request, _("Your registration is saved. You can come back "
                                                "with the same link to change it."))
                    return redirect("register", token=token)
            else:
                summary = [*(f"{details.fields[n].label}: {e}" for n, errs in
                             details.errors.items() if n in details.fields for e in errs),
                           *_error_summary(formset), *consent.errors.get(CONSENT, [])]
            for form in (details, *formset.forms):
                form.keep_uploads()
        else:
            details = DelegationDetailsForm(instance=delegation, prefix="d")
            formset = FormSet(queryset=members_qs, prefix="m", form_kwargs={"event": event})
            consent = PrivacyConsentForm(event=event, notice=DELEGATION_REGISTRATION)
        return render(request, "logistics/register.html", {
            "invitation": invitation, "token": token, "delegation": delegation, "event": event,
            "details": details, "formset": formset, "summary": summary, "consent": consent,
            "kept_uploads": any(form.kept_uploads for form in (details, *formset.forms)),
            "closes": invitation.expires_at, "count": count,
            "ical_url": delegation_ical_url(delegation, absolute=True),
            "photo_min": PHOTO_MIN_SIZE, "photo_max": PHOTO_MAX_BYTES,
        }, status=400 if summary else 200)
