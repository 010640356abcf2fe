from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from logistics import permissions, queries
from logistics.errors import AccordError
from logistics.filters import SORTS, TaskFilter
from logistics.forms import TaskProgressForm
from logistics.models import Task
from logistics.services.tasks import task_update_progress

from .common import paginate, plan_reader, query_without_page


@plan_reader
def task_list(request, event):
    filterset = TaskFilter(request.GET or None, queryset=queries.tasks(event), event=event)
    sort = request.GET.get("sort", "due")
    tasks = filterset.qs.order_by(*SORTS.get(sort, SORTS["due"]))
    return render(request, "logistics/task_list.html", {
        "event": event,
        "filter": filterset,
        "page": paginate(request, tasks),
        "sort": sort,
        "query": query_without_page(request),
        "today": event.today(),
    })


def _detail_context(request, task, form=None):
    return {
        "event": task.event,
        "task": task,
        "today": task.event.today(),
        "can_update": permissions.can_update_task(request.user, task),
        "form": form or TaskProgressForm(initial={"status": task.status,
                                                   "progress": task.progress}),
    }


@plan_reader
def task_detail(request, event, pk):
    task = get_object_or_404(queries.task_detail_qs(), pk=pk, event=event)
    return render(request, "logistics/task_detail.html", _detail_context(request, task))


@require_POST
@plan_reader
def task_progress(request, event, pk):
    task = get_object_or_404(Task, pk=pk, event=event)
    if not permissions.can_update_task(request.user, task):
        raise PermissionDenied
    form = TaskProgressForm(request.POST)
    if form.is_valid():
        try:
            task_update_progress(task=task, by=request.user, **form.cleaned_data)
        except AccordError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("%(code)s updated.") % {"code": task.code})
            return redirect(task)
    task = queries.task_detail_qs().get(pk=pk)
    return render(request, "logistics/task_detail.html",
                  _detail_context(request, task, form), status=400)
