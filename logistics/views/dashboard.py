def dashboard(request):
    pass


def timeline(request):
    pass
