def task_list(request):
    pass


def task_detail(request, pk):
    pass


def task_progress(request, pk):
    pass
