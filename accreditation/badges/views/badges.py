"""Staff pages of badges: the list with its filters, a badge's page with its history and the
office's actions (revoke, mark lost, reissue, reinstate a suspended one), and its PDF. The
office and the secretariat act; security vetting reads. (The holder's photo is served by
views.files.)"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accreditation import permissions
from accreditation.badges import pdf
from accreditation.badges import queries as badge_queries
from accreditation.badges.forms import BadgeFilter, LostForm, ReinstateForm, ReissueForm, RevokeForm
from accreditation.badges.services import badges as badge_services
from accreditation.enums import HELD_BADGE_STATUSES, ApplicationStatus, BadgeStatus, VettingStatus
from logistics.core.views.common import form_errors_text, paginate, query_without_page, staff_view
from logistics.core.views.refusals import service_call

badge_reader = staff_view(permissions.can_view_accreditation)
badge_manager = staff_view(permissions.can_manage_accreditation)


@badge_reader
def badge_list(request, event):
    filterset = BadgeFilter(request.GET or None, queryset=badge_queries.badges(event),
                            event=event)
    return render(request, "accreditation/badges/list.html", {
        "event": event,
        "filter": filterset,
        "page": paginate(request, filterset.qs),
        "query": query_without_page(request),
        "can_manage": permissions.can_manage_accreditation(request.user),
    })


def _badge(event, pk):
    return get_object_or_404(badge_queries.badge_detail(event), pk=pk)


def _actions(badge):
    """Which of revoke, lost, reissue, reinstate the badge allows now (the service decides
    again)."""
    held = badge.status in HELD_BADGE_STATUSES
    suspended = badge.status == BadgeStatus.SUSPENDED
    replaced = getattr(badge, "replaced_by", None) is not None
    approved = badge.application.status == ApplicationStatus.APPROVED
    return {
        "can_revoke": held,
        "can_mark_lost": held,
        "can_reissue": not replaced and approved
        and badge.status not in (BadgeStatus.REPLACED, BadgeStatus.SUSPENDED),
        "can_reinstate": suspended and approved,
        "vetting_flags": badge.application.vetting == VettingStatus.FLAGGED,
    }


def _detail(request, event, badge, *, revoke_form=None, lost_form=None, reissue_form=None,
            reinstate_form=None, status=200):
    return render(request, "accreditation/badges/detail.html", {
        "event": event,
        "badge": badge,
        "application": badge.application,
        "history": badge_queries.badge_history(badge),
        "can_manage": permissions.can_manage_accreditation(request.user),
        "revoke_form": revoke_form or RevokeForm(),
        "lost_form": lost_form or LostForm(),
        "reissue_form": reissue_form or ReissueForm(),
        "reinstate_form": reinstate_form or ReinstateForm(),
        **_actions(badge),
    }, status=status)


@badge_reader
def badge_detail(request, event, pk):
    return _detail(request, event, _badge(event, pk))


def _act(request, event, pk, form_class, form_key, action, done):
    badge = _badge(event, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return _detail(request, event, badge, status=400, **{form_key: form})
    with service_call(request):
        result = action(badge=badge, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, done % {"number": badge.number,
                                          "new": getattr(result, "number", "")})
        return redirect("accreditation:badge_detail", pk=result.pk)
    return redirect("accreditation:badge_detail", pk=badge.pk)


@require_POST
@badge_manager
def badge_revoke(request, event, pk):
    return _act(request, event, pk, RevokeForm, "revoke_form", badge_services.badge_revoke,
                _("Badge %(number)s is revoked: its QR code opens no gate any more."))


@require_POST
@badge_manager
def badge_mark_lost(request, event, pk):
    return _act(request, event, pk, LostForm, "lost_form", badge_services.badge_mark_lost,
                _("Badge %(number)s is marked lost: its QR code opens no gate any more."))


@require_POST
@badge_manager
def badge_reissue(request, event, pk):
    return _act(request, event, pk, ReissueForm, "reissue_form", badge_services.badge_reissue,
                _("Badge %(new)s replaces %(number)s. Print it and hand it over against the "
                  "holder's ID."))


@require_POST
@badge_manager
def badge_reinstate(request, event, pk):
    return _act(request, event, pk, ReinstateForm, "reinstate_form",
                badge_services.badge_reinstate,
                _("Badge %(number)s is reinstated: its QR code opens its gates again."))


@require_GET
@badge_manager
def badge_pdf(request, event, pk):
    """The badge's PDF, shown in the browser to print. Made is not printed: the badge counts
    as printed once someone confirms it (badge_confirm_printed)."""
    badge = get_object_or_404(badge_queries.badges_for_print(event), pk=pk)
    if badge.status != BadgeStatus.ACTIVE:
        messages.error(request, _("Badge %(number)s is “%(status)s”: only an active badge is "
                                  "printed.") % {"number": badge.number,
                                                 "status": badge.get_status_display()})
        return redirect("accreditation:badge_detail", pk=badge.pk)
    content = pdf.render_badge(badge)
    badge_services.badges_mark_pdf_made(badge_ids=[badge.pk])
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="badge-{badge.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@badge_manager
def badge_confirm_printed(request, event, pk):
    """Confirmed printed from the badge's page, or from the collection desk (back=desk)."""
    badge = _badge(event, pk)
    with service_call(request):
        badge_services.badge_confirm_printed(badge=badge, by=request.user)
        messages.success(request, _("Badge %(number)s is confirmed printed.")
                         % {"number": badge.number})
    if request.POST.get("back") == "desk":
        return redirect(f"{reverse('accreditation:collection')}"
                        f"?application={badge.application_id}")
    return redirect("accreditation:badge_detail", pk=badge.pk)
