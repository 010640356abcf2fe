from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from logistics.core import permissions
from logistics.core.ids import as_id
from logistics.core.views.common import paginate, plan_manager, plan_reader, query_without_page
from logistics.core.views.refusals import form_status, service_call
from logistics.plan.filters import SORTS, TaskFilter
from logistics.plan.forms import TaskCancelForm, TaskForm, TaskProgressForm
from logistics.plan.models import Task
from logistics.plan.queries import master_plan
from logistics.plan.services.master_plan import (
    task_cancel,
    task_create,
    task_update,
    task_update_progress,
)


@plan_reader
def task_list(request, event):
    filterset = TaskFilter(request.GET or None, queryset=master_plan.tasks(event), event=event)
    sort = request.GET.get("sort", "due")
    tasks = filterset.qs.order_by(*SORTS.get(sort, SORTS["due"]))
    return render(request, "logistics/plan/task_list.html", {
        "event": event,
        "filter": filterset,
        "page": paginate(request, tasks),
        "sort": sort,
        "query": query_without_page(request),
        "today": event.today(),
    })


def _detail_context(request, task, form=None, cancel_form=None):
    return {
        "event": task.event,
        "task": task,
        "today": task.event.today(),
        "can_update": permissions.can_update_task(request.user, task),
        "can_manage": permissions.can_manage_plan(request.user),
        "form": form or TaskProgressForm(initial={"status": task.status,
                                                   "progress": task.progress}),
        "cancel_form": cancel_form or TaskCancelForm(),
    }


@plan_reader
def task_detail(request, event, pk):
    task = get_object_or_404(master_plan.task_detail_qs(), pk=pk, event=event)
    return render(request, "logistics/plan/task_detail.html", _detail_context(request, task))


@require_POST
@plan_reader
def task_progress(request, event, pk):
    task = get_object_or_404(Task, pk=pk, event=event)
    if not permissions.can_update_task(request.user, task):
        raise PermissionDenied
    form = TaskProgressForm(request.POST)
    if form.is_valid():
        with service_call(form=form):
            task_update_progress(task=task, by=request.user, **form.cleaned_data)
            messages.success(request, _("%(code)s updated.") % {"code": task.code})
            return redirect(task)
    task = master_plan.task_detail_qs().get(pk=pk)
    return render(request, "logistics/plan/task_detail.html",
                  _detail_context(request, task, form), status=form_status(request, form))


def _form_page(request, event, form, task=None):
    return render(request, "logistics/plan/task_form.html", {
        "event": event, "form": form, "task": task,
    }, status=form_status(request, form))


@plan_manager
def task_new(request, event):
    initial = {}
    if parent := Task.objects.filter(event=event, pk=as_id(request.GET.get("parent"))).first():
        initial = {"parent": parent.pk, "committee": parent.committee_id}
    form = TaskForm(request.POST or None, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form=form):
            task = task_create(event=event, by=request.user, code=form.cleaned_data["code"],
                               note=form.cleaned_data["note"], **form.service_fields())
            messages.success(request, _("%(code)s added to the plan.") % {"code": task.code})
            return redirect(task)
    return _form_page(request, event, form)


@plan_manager
def task_edit(request, event, pk):
    task = get_object_or_404(Task.objects.prefetch_related("coordinating_agencies",
                                                           "depends_on"), pk=pk, event=event)
    form = TaskForm(request.POST or None, event=event, task=task,
                    initial=TaskForm.initial_for(task))
    if request.method == "POST" and form.is_valid():
        with service_call(form=form):
            task_update(task=task, by=request.user, note=form.cleaned_data["note"],
                        **form.changed_fields())
            messages.success(request, _("%(code)s saved.") % {"code": task.code})
            return redirect(task)
    return _form_page(request, event, form, task)


@require_POST
@plan_manager
def task_cancel_view(request, event, pk):
    task = get_object_or_404(Task, pk=pk, event=event)
    form = TaskCancelForm(request.POST)
    if form.is_valid():
        # Already cancelled (by someone else a moment ago): the page says so.
        with service_call(request):
            task_cancel(task=task, by=request.user, note=form.cleaned_data["note"])
            messages.success(request, _("%(code)s is cancelled.") % {"code": task.code})
        return redirect(task)
    task = master_plan.task_detail_qs().get(pk=pk)
    return render(request, "logistics/plan/task_detail.html",
                  _detail_context(request, task, cancel_form=form), status=400)
