def agency_list(request):
    pass


def agency_detail(request, pk):
    pass
