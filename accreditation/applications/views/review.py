"""The review queue and one application's page, where the accreditation office decides.
Security vetting reads both too (can_view_accreditation) but decides nothing here; nobody
sees an ID document number on these pages, nor the vetting note, nor why two applications
look alike, but security vetting."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accreditation.applications.documents import documents_of, missing_documents
from accreditation.applications.forms_review import STATUS_CHOICES, ApplicationFilter, DecisionForm
from accreditation.applications.models.applications import Application
from accreditation.applications.queries import review as queries
from accreditation.applications.services import applications as services
from accreditation.applications.services.duplicates import duplicate_reasons, reasons_shown
from accreditation.enums import TRANSITIONS, ApplicationStatus, BulkAction, VettingStatus
from accreditation.permissions import can_manage_accreditation, can_vet, can_view_accreditation
from logistics.core.views.common import form_errors_text, paginate, query_without_page, staff_view
from logistics.core.views.refusals import service_call

reader = staff_view(can_view_accreditation)
office = staff_view(can_manage_accreditation)

S = ApplicationStatus
# The reviewer's moves, in the order of their buttons: (action, status it leads to).
MOVES = (("release", S.SUBMITTED), ("start_review", S.UNDER_REVIEW),
         ("request_information", S.NEEDS_INFORMATION), ("approve", S.APPROVED),
         ("reject", S.REJECTED), ("withdraw", S.WITHDRAWN))
# Moves the office makes from one status only: back to submitted is a release of a held
# application (from waiting for information, only the applicant's correction goes there).
ONLY_FROM = {"release": S.POSSIBLE_DUPLICATE}
CLEARED = (VettingStatus.CLEARED, VettingStatus.NOT_REQUIRED)


@reader
def application_list(request, event):
    """The queue opens on what awaits the office (ApplicationFilter), oldest first, with
    the count of each status under the other filters."""
    filterset = ApplicationFilter(request.GET, queryset=queries.queue(event), event=event)
    page = paginate(request, filterset.qs)
    page.object_list = queries.attach_duplicate_counts(page.object_list)
    for application in page.object_list:
        application.missing_documents = missing_documents(application)
    counts = filterset.status_counts()
    params = request.GET.copy()
    params.pop("page", None)
    tabs = []
    for value, label in STATUS_CHOICES:
        params["status"] = value
        tabs.append({"value": value, "label": label, "count": counts.get(value, 0),
                     "query": params.urlencode()})
    return render(request, "accreditation/review/list.html", {
        "event": event,
        "filter": filterset,
        "status": filterset.form.cleaned_data.get("status"),
        "tabs": tabs,
        "page": page,
        "query": query_without_page(request),
        "full_query": request.GET.urlencode(),
        "can_decide": can_manage_accreditation(request.user),
        "bulk_actions": BulkAction.choices,
    })


def _moves(application, user):
    """The buttons to show: only the moves TRANSITIONS allows from here, and only to the
    office."""
    if not can_manage_accreditation(user):
        return []
    allowed = TRANSITIONS[S(application.status)]
    return [action for action, status in MOVES if status in allowed
            and ONLY_FROM.get(action, application.status) == application.status]


@reader
def application_detail(request, event, pk):
    application = get_object_or_404(queries.application_detail_qs(event), pk=pk)
    quotas = [{"label": label, "used": used, "quota": quota, "full": used >= quota}
              for label, used, quota in services.quota_status(application)]
    vetting = can_vet(request.user)
    held_as = application.duplicate_of
    return render(request, "accreditation/review/detail.html", {
        "event": event,
        "application": application,
        "duplicates": [(other, reasons_shown(reasons, vetting=vetting))
                       for other, reasons in queries.duplicate_warnings(application)],
        "held_as": held_as,
        "held_reasons": reasons_shown(duplicate_reasons(application, held_as), vetting=vetting)
        if held_as else [],
        "quotas": quotas,
        "quota_full": any(row["full"] for row in quotas),
        "vetting_cleared": application.vetting in CLEARED,
        "moves": _moves(application, request.user),
        "transitions": application.transitions.all(),
        "badges": application.badges.all(),
        "zones": application.category.zones.all(),
        "has_document_number": bool(application.id_document_index),
        "documents": documents_of(application),
        "reason_max": DecisionForm.base_fields["reason"].max_length,
    })


def _decide(application, user, action, reason):
    if action == "release":
        return services.application_release(application=application, by=user, reason=reason)
    if action == "start_review":
        return services.application_start_review(application=application, by=user)
    if action == "approve":
        return services.application_approve(application=application, by=user, reason=reason)
    if action == "reject":
        return services.application_reject(application=application, by=user, reason=reason)
    if action == "request_information":
        return services.application_request_information(application=application, by=user,
                                                        message=reason)
    return services.application_withdraw(application=application, by=user, reason=reason)


DONE = {
    "release": gettext_lazy("%(reference)s is released to the queue (submitted)."),
    "start_review": gettext_lazy("%(reference)s is under review."),
    "approve": gettext_lazy("%(reference)s is approved; the badge is being issued."),
    "reject": gettext_lazy("%(reference)s is rejected; the applicant is told why."),
    "request_information": gettext_lazy("%(reference)s: the applicant is asked for more "
                                        "information."),
    "withdraw": gettext_lazy("%(reference)s is withdrawn."),
}


@require_POST
@office
def application_decide(request, event, pk):
    application = get_object_or_404(
        Application.objects.filter(event=event).defer(*queries.SECRET), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
    else:
        action = form.cleaned_data["action"]
        with service_call(request):
            _decide(application, request.user, action, form.cleaned_data["reason"])
            messages.success(request, str(DONE[action]) % {"reference": application.reference})
    return redirect("accreditation:application_detail", pk=application.pk)
