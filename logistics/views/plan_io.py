from django.http import HttpResponse


def plan_import(request):  # replaced by the import page
    return HttpResponse(status=501)


def plan_export(request, fmt):
    return HttpResponse(status=501)
