"""The accreditation centre's desk: find the person, compare them and their passport or
national ID with the application (photo, name, nationality, date of birth, document kind and
expiry, and the last characters of the document's number: the whole number stays with
security vetting), and hand the badge over. Until then the badge opens no gate."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accreditation.badges import queries as badge_queries
from accreditation.badges.forms import CollectForm
from accreditation.badges.models import Badge
from accreditation.badges.services import badges as badge_services
from accreditation.badges.views.badges import badge_manager
from accreditation.enums import ApplicationStatus, BadgeStatus
from logistics.core.crypto import document_tail
from logistics.core.ids import as_id
from logistics.core.views.refusals import service_call

MAX_RESULTS = 20


def _why_no_badge(application, badges):
    """Why the person has no badge to hand over, in the desk officer's words."""
    if application.status != ApplicationStatus.APPROVED:
        return _("The application is “%(status)s”: a badge is issued only once it is "
                 "approved.") % {"status": application.get_status_display()}
    if badges and badges[0].status == BadgeStatus.SUSPENDED:
        return _("Badge %(number)s is suspended: the office reinstates or revokes it on its "
                 "page before anything is handed over.") % {"number": badges[0].number}
    if badges:
        latest = badges[0]
        return _("Badge %(number)s is “%(status)s”%(reason)s. Reissue it from its page "
                 "before handing a badge over.") % {
            "number": latest.number, "status": latest.get_status_display(),
            "reason": f" ({latest.status_reason})" if latest.status_reason else ""}
    return _("The application is approved and its badge is being issued: reload the page in "
             "a moment.")


def _desk(request, event, *, application=None, form=None, status=200):
    text = request.GET.get("q", "").strip()
    results = []
    if application is None and text:
        results = list(badge_queries.holders_search(event, text)[:MAX_RESULTS + 1])
        if len(results) == 1:
            application = results[0]
    context = {"event": event, "q": text, "results": results[:MAX_RESULTS],
               "more": len(results) > MAX_RESULTS, "application": application}
    if application is not None:
        badges = badge_queries.holder_badges(application)
        badge = next((b for b in badges if b.status == BadgeStatus.ACTIVE), None)
        context.update({
            "badge": badge,
            "why_no_badge": None if badge else _why_no_badge(application, badges),
            "form": form or CollectForm(),
            # Only the tail reaches the template: the page source never holds the number.
            "document_tail": document_tail(application.id_document_number),
            "id_expires_early": bool(application.id_document_expiry
                                     and application.id_document_expiry < event.end_date),
        })
    return render(request, "accreditation/badges/collection.html", context, status=status)


@badge_manager
def collection(request, event):
    application_id = as_id(request.GET.get("application"))
    application = None
    if application_id is not None:
        application = get_object_or_404(badge_queries.holders(event), pk=application_id)
    return _desk(request, event, application=application)


def _back(application):
    return redirect(f"{reverse('accreditation:collection')}?application={application.pk}")


@require_POST
@badge_manager
def badge_collect(request, event, pk):
    badge = get_object_or_404(Badge.objects.filter(event=event), pk=pk)
    application = get_object_or_404(badge_queries.holders(event), pk=badge.application_id)
    form = CollectForm(request.POST)
    if not form.is_valid():
        return _desk(request, event, application=application, form=form, status=400)
    if badge.collected_at is not None:
        messages.error(request, _("Badge %(number)s was already handed over; a badge is "
                                  "handed over once.") % {"number": badge.number})
        return _back(application)
    with service_call(request):
        badge_services.badge_collect(badge=badge, by=request.user)
        messages.success(request, _("Badge %(number)s is handed over to %(name)s: it opens "
                                    "its zones from now on.")
                         % {"number": badge.number, "name": application.full_name})
    return _back(application)
