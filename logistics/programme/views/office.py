"""The programme office's pages: the grid, sessions, rooms and venues, published versions.
Every staff role reads them; the programme office and the secretariat change them."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from logistics.core import permissions
from logistics.core.errors import InvalidTransition
from logistics.core.ids import as_id
from logistics.core.views.common import paginate, query_without_page, staff_view
from logistics.core.views.refusals import form_status, service_call
from logistics.programme import queries as programme_queries
from logistics.programme.enums import SessionKind, SessionStatus
from logistics.programme.errors import SessionOwned
from logistics.programme.forms import PublishForm, RoomForm, SessionForm, SessionMoveForm, VenueForm
from logistics.programme.models import Room
from logistics.programme.services import publishing
from logistics.programme.services import sessions as programme_services

VERSIONS_PAGE = 10
ZONE_LEGEND_ROOMS = 3
VENUES_NAMED = 5

programme_reader = staff_view(permissions.can_view_programme)
programme_manager = staff_view(permissions.can_manage_programme)


def _grid_url(day):
    return f"{reverse('logistics:programme_grid')}?{urlencode({'day': day.isoformat()})}"


def _sessions(request, event):
    """The sessions this user may open: bilaterals are for those who see the delegations."""
    return programme_queries.session_detail_qs(
        event, with_bilaterals=permissions.can_view_delegations(request.user))


# Owners of a session: its page moves or cancels the session, so that the two stay in step.
OWNER_PAGES = {"bilateral": ("logistics:bilateral_detail", permissions.can_view_delegations),
               "proposal": ("logistics:proposal_detail", permissions.can_review_proposals)}


def _owner(session):
    """(name, row) of the bilateral or side-event proposal the session belongs to, or
    (None, None)."""
    for name in OWNER_PAGES:
        try:
            return name, getattr(session, name)
        except ObjectDoesNotExist:
            continue
    return None, None


def _owned_refusal(session):
    """Why the programme cannot move the session, if its bilateral or side event does."""
    if _owner(session)[0] is None:
        return None
    return _("“%(title)s” is moved or cancelled from its own page, not from the "
             "programme.") % {"title": session.title}


def _cancelled_refusal():
    return _("A cancelled session stays cancelled: add a new session instead.")


def _refuse_owned(request, session):
    """A redirect to the session's page if its bilateral or side event moves it, else None."""
    if (refusal := _owned_refusal(session)) is None:
        return None
    messages.error(request, refusal)
    return redirect("logistics:session_detail", pk=session.pk)


@programme_reader
def programme_grid(request, event):
    with_bilaterals = permissions.can_view_delegations(request.user)
    days = programme_queries.programme_days(event, with_bilaterals=with_bilaterals)
    day = programme_queries.chosen_day(event, request.GET.get("day"))
    venues = programme_queries.grid_venues(event)
    try:
        venue = programme_queries.grid_venue(venues, request.GET.get("venue", "").strip())
    except LookupError:
        raise Http404 from None
    grid = programme_queries.programme_grid(event, day, venue=venue,
                                            with_bilaterals=with_bilaterals)
    return render(request, "logistics/programme/grid.html", {
        "event": event,
        "day": day,
        "days": days if day in days else sorted([*days, day]),
        "grid": grid,
        "venues": venues,
        "venue": venue,
        # Kept by the day tabs: the venue asked for, or "all" when it was asked for.
        "venue_query": (urlencode({"venue": venue.pk if venue else programme_queries.ALL_VENUES})
                        if "venue" in request.GET else ""),
        "room_count": sum(v.room_count for v in venues),
        "all_rooms_limit": programme_queries.GRID_ALL_ROOMS,
        "kinds": SessionKind.choices,
        "can_manage": permissions.can_manage_programme(request.user),
    })


@programme_reader
def session_detail(request, event, pk):
    session = get_object_or_404(_sessions(request, event), pk=pk)
    owner_name, owner = _owner(session)
    can_manage = permissions.can_manage_programme(request.user)
    owner_url = None
    if owner is not None:
        url_name, may_open = OWNER_PAGES[owner_name]
        owner_url = reverse(url_name, args=[owner.pk]) if may_open(request.user) else None
    return render(request, "logistics/programme/session_detail.html", {
        "event": event,
        "session": session,
        "can_manage": can_manage and owner is None,
        "show_organiser_email": can_manage,
        "owner_name": owner_name,
        "owner": owner,
        "owner_url": owner_url,
    })


def _create_initial(request, event):
    initial = {"day": programme_queries.chosen_day(event, request.GET.get("day"))}
    if room_id := as_id(request.GET.get("room")):
        initial["room"] = room_id
    return initial


def _session_form_page(request, event, form, session=None):
    return render(request, "logistics/programme/session_form.html", {
        "event": event, "form": form, "session": session,
    }, status=form_status(request, form))


@programme_manager
def session_create(request, event):
    form = SessionForm(request.POST or None, event=event,
                       initial=_create_initial(request, event))
    if request.method == "POST" and form.is_valid():
        with service_call(form=form):
            session = programme_services.session_create(event=event, by=request.user,
                                                        **form.service_fields())
            messages.success(request, _("“%(title)s” added to the programme.")
                             % {"title": session.title})
            return redirect(_grid_url(session.starts_at.astimezone(event.tz).date()))
    return _session_form_page(request, event, form)


@programme_manager
def session_edit(request, event, pk):
    session = get_object_or_404(_sessions(request, event), pk=pk)
    if session.status == SessionStatus.CANCELLED:
        messages.error(request, _cancelled_refusal())
        return redirect("logistics:session_detail", pk=session.pk)
    if refused := _refuse_owned(request, session):
        return refused
    form = SessionForm(request.POST or None, event=event,
                       initial=SessionForm.initial_for(session))
    if request.method == "POST" and form.is_valid():
        with service_call(form=form):
            session = programme_services.session_update(session=session, by=request.user,
                                                        **form.service_fields())
            messages.success(request, _("“%(title)s” saved.") % {"title": session.title})
            return redirect(_grid_url(session.starts_at.astimezone(event.tz).date()))
    return _session_form_page(request, event, form, session)


def _isolated(text):
    """Plain text set apart from the sentence around it (U+2068 … U+2069), as the isolate
    filter does in pages: a Latin title or a time span inside an Arabic sentence keeps its
    order."""
    return f"\u2068{text}\u2069"


@require_POST
@programme_manager
def session_move(request, event, pk):
    """The grid's drag and drop, and its Move panel: the session to another room or start,
    through session_update as its form, so the same checks refuse it with the same words and
    the next published version reports it as it would the form's. Answers in JSON, a refusal
    in the API's error shape."""
    session = get_object_or_404(_sessions(request, event), pk=pk)
    form = SessionMoveForm(request.POST, event=event, session=session)
    with service_call() as call:
        if session.status == SessionStatus.CANCELLED:
            raise InvalidTransition(_cancelled_refusal())
        if refusal := _owned_refusal(session):
            raise SessionOwned(refusal)
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        session = programme_services.session_update(session=session, by=request.user,
                                                    **form.service_fields())
    if call.refused:
        return call.json()
    tz = event.tz
    starts, ends = session.starts_at.astimezone(tz), session.ends_at.astimezone(tz)
    room = form.cleaned_data["room"]
    return JsonResponse({
        "message": _("“%(title)s” moved to %(room)s, %(span)s.") % {
            "title": _isolated(session.title), "room": _isolated(room.name),
            "span": _isolated(f"{starts:%H:%M}–{ends:%H:%M}")},
        "session": {"id": session.pk, "room": room.pk, "day": starts.date().isoformat(),
                    "starts": f"{starts:%H:%M}", "ends": f"{ends:%H:%M}"},
    })


@require_POST
@programme_manager
def session_cancel(request, event, pk):
    session = get_object_or_404(_sessions(request, event), pk=pk)
    if refused := _refuse_owned(request, session):
        return refused
    with service_call(request):
        programme_services.session_cancel(session=session, by=request.user)
        messages.success(request, _("“%(title)s” is cancelled; its room is free again.")
                         % {"title": session.title})
    return redirect(_grid_url(session.starts_at.astimezone(event.tz).date()))


@programme_reader
def room_list(request, event):
    page = paginate(request, programme_queries.rooms(event))
    venues = list(event.venues.order_by("name", "pk"))
    zones = {}
    for zone, name in programme_queries.rooms(event).exclude(access_zone="").values_list(
            "access_zone", "name"):
        zones.setdefault(zone, []).append(name)
    return render(request, "logistics/programme/room_list.html", {
        "event": event,
        "page": page,
        "query": query_without_page(request),
        # The venues named above the table: a few, then how many more (a COP has dozens).
        "venues": venues[:VENUES_NAMED],
        "more_venues": max(len(venues) - VENUES_NAMED, 0),
        # The legend names a few rooms of each zone, of every page; the table names them all.
        "zones": [(code, names[:ZONE_LEGEND_ROOMS], len(names) - ZONE_LEGEND_ROOMS)
                  for code, names in sorted(zones.items())],
        "can_manage": permissions.can_manage_programme(request.user),
    })


def _room_fields(form):
    data = form.cleaned_data
    return {name: data[name] for name in ("venue", "name", "capacity", "access_zone",
                                          "interpretation_booths", "streaming")}


@programme_manager
def room_create(request, event):
    if not event.venues.exists():
        messages.info(request, _("Add a venue first: every room is in a venue."))
        return redirect("logistics:venue_create")
    form = RoomForm(request.POST or None, event=event,
                    initial={"venue": as_id(request.GET.get("venue"))})
    if request.method == "POST" and form.is_valid():
        with service_call(form=form):
            room = programme_services.room_create(**_room_fields(form), by=request.user)
            messages.success(request, _("%(room)s added.") % {"room": room.name})
            return redirect("logistics:room_list")
    return render(request, "logistics/programme/room_form.html",
                  {"event": event, "form": form, "room": None},
                  status=form_status(request, form))


@programme_manager
def room_edit(request, event, pk):
    room = get_object_or_404(Room.objects.select_related("venue"), pk=pk, venue__event=event)
    initial = {"venue": room.venue_id, "name": room.name, "capacity": room.capacity,
               "access_zone": room.access_zone,
               "interpretation_booths": room.interpretation_booths,
               "streaming": room.streaming}
    form = RoomForm(request.POST or None, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form=form):
            room = programme_services.room_update(room=room, by=request.user,
                                                  **_room_fields(form))
            messages.success(request, _("%(room)s saved.") % {"room": room.name})
            return redirect("logistics:room_list")
    return render(request, "logistics/programme/room_form.html",
                  {"event": event, "form": form, "room": room},
                  status=form_status(request, form))


@programme_manager
def venue_create(request, event):
    form = VenueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_call(form=form):
            venue = programme_services.venue_create(event=event, by=request.user,
                                                    **form.cleaned_data)
            messages.success(request, _("%(venue)s added.") % {"venue": venue.name})
            return redirect(f"{reverse('logistics:room_create')}?venue={venue.pk}")
    return render(request, "logistics/programme/venue_form.html",
                  {"event": event, "form": form},
                  status=form_status(request, form))


@programme_reader
def programme_versions(request, event):
    page = paginate(request, programme_queries.versions(event), per_page=VERSIONS_PAGE)
    tz = event.tz
    pending = publishing.pending_changes(event)
    for version in page:
        version.readable = programme_queries.readable_changes(version.changes or {}, tz)
    return render(request, "logistics/programme/versions.html", {
        "event": event,
        "page": page,
        "form": PublishForm(),
        "can_manage": permissions.can_manage_programme(request.user),
        "pending": pending and programme_queries.readable_changes(pending, tz),
    })


@require_POST
@programme_manager
def programme_publish(request, event):
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The note is too long: at most 2,000 characters."))
        return redirect("logistics:programme_versions")
    with service_call(request):
        version = publishing.programme_publish(event=event, by=request.user,
                                               note=form.cleaned_data["note"])
        changes = version.changes
        messages.success(request, _(
            "Version %(number)s published: %(added)s added, %(changed)s changed, "
            "%(removed)s removed.") % {
            "number": version.number, "added": len(changes.get("added", [])),
            "changed": len(changes.get("changed", [])),
            "removed": len(changes.get("removed", []))})
    return redirect("logistics:programme_versions")
