"""`/side-events/`: the public proposal form and the organiser's confirmation link.
Placeholder views; the side-events work replaces them."""

from django.http import Http404


def proposal_propose(request):
    raise Http404


def proposal_confirm(request, token):
    raise Http404
