"""The public programme, no login: the latest published version (never the live data), its
changelog, and the iCalendar feeds."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from config.throttling import rate_limited
from logistics.core.models.event import Event
from logistics.core.queries import event as event_queries
from logistics.delegations.calendar_link import delegation_from_token
from logistics.delegations.models import Delegation
from logistics.programme import ical
from logistics.programme import queries as programme_queries


def _event(request):
    """The event asked for by `?event=<slug>`, else the one the staff work on by default."""
    slug = (request.GET.get("event") or "").strip()
    if slug:
        return get_object_or_404(Event, slug=slug)
    return event_queries.current_event()


def _calendar_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def programme_public(request):
    event = _event(request)
    version = programme_queries.latest_version(event) if event else None
    context = {"event": event, "version": version}
    if version is not None:
        tz = event.tz
        context.update({
            "days": programme_queries.published_days(version, tz),
            "changes": programme_queries.readable_changes(version.changes or {}, tz),
            "published": version.published_at.astimezone(tz),
        })
    return render(request, "public/programme.html", context)


@require_GET
@rate_limited("feed", methods=None)
def programme_ical(request):
    event = _event(request)
    if event is None:
        raise Http404
    return _calendar_response(ical.programme_calendar(event), f"{event.slug}.ics")


@require_GET
@rate_limited("feed", methods=None)
def delegation_ical(request, token):
    pk = delegation_from_token(token)
    if pk is None:
        raise Http404
    delegation = get_object_or_404(Delegation.objects.select_related("event"), pk=pk)
    return _calendar_response(ical.delegation_calendar(delegation),
                              f"{delegation.event.slug}-delegation.ics")
