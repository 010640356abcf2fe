"""Reads of side-event proposals that the staff pages, the API and the mails share.

Scores are blind: a reviewer sees the others' scores, and the average, only once they have
scored the proposal themselves. The annotations below return None until then, so that a
page cannot show them by mistake."""

from datetime import date

from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    FloatField,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import get_language_info, gettext_lazy

from logistics.programme.models import Room
from logistics.side_events.enums import DayPart, ProposalStatus
from logistics.side_events.models import ProposalReview, SideEventProposal

# The UN's six official languages: a proposal may choose them and the event's own.
UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
LANGUAGE_NAMES = {
    "ar": gettext_lazy("Arabic"), "zh": gettext_lazy("Chinese"), "en": gettext_lazy("English"),
    "fr": gettext_lazy("French"), "ru": gettext_lazy("Russian"), "es": gettext_lazy("Spanish"),
    "vi": gettext_lazy("Vietnamese"),
}


def _reviews_of_row():
    return ProposalReview.objects.filter(proposal=OuterRef("pk")).order_by().values("proposal")


def proposals(event, *, user):
    """The proposals of an event as the list shows them to `user`: with the number of
    reviews, the user's own score, and the average score only where the user has scored."""
    mine = ProposalReview.objects.filter(proposal=OuterRef("pk"), reviewer=user.pk)
    return (
        SideEventProposal.objects.filter(event=event)
        .select_related("session__room")
        .annotate(
            review_count=Coalesce(
                Subquery(_reviews_of_row().annotate(n=Count("pk")).values("n"),
                         output_field=IntegerField()),
                Value(0)),
            my_score=Subquery(mine.values("score")[:1], output_field=IntegerField()),
            average_score=Case(
                When(Exists(mine),
                     then=Subquery(_reviews_of_row().annotate(a=Avg("score")).values("a"),
                                   output_field=FloatField())),
                default=None, output_field=FloatField()),
        )
    )


def awaiting_confirmation(event):
    """Accepted side events whose organiser has not confirmed yet (whom Celery reminds)."""
    return (SideEventProposal.objects.filter(event=event, status=ProposalStatus.ACCEPTED,
                                             confirmed_at__isnull=True)
            .select_related("event", "session__room").order_by("decided_at", "pk"))


def proposal_detail_qs(event):
    return (SideEventProposal.objects.filter(event=event)
            .select_related("event", "decided_by", "session__room__venue"))


def reviews_for(proposal, user):
    """(mine, others, hidden): the user's own review or None; the other reviews, only if the
    user has reviewed; and how many others are hidden until they do."""
    reviews = list(proposal.reviews.select_related("reviewer").order_by("created_at", "pk"))
    mine = next((review for review in reviews if review.reviewer_id == user.pk), None)
    others = [review for review in reviews if review.reviewer_id != user.pk]
    if mine is None:
        return None, [], len(others)
    return mine, others, 0


def average_score(reviews):
    scores = [review.score for review in reviews]
    return sum(scores) / len(scores) if scores else None


def rooms(event):
    return (Room.objects.filter(venue__event=event).select_related("venue")
            .order_by("venue__name", "name", "pk"))


def _language_name(code):
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def language_choices(event):
    """(code, name) of the languages a proposal may name: the event's, then the UN's six."""
    codes = [code for code in (event.languages or []) if isinstance(code, str) and code]
    return [(code, _language_name(code)) for code in dict.fromkeys([*codes, *UN_LANGUAGES])]


def language_names(event, codes):
    """The names of a proposal's languages, in the reader's language."""
    names = dict(language_choices(event))
    return [str(names.get(code, code)) for code in codes or []]


def slot_label(value):
    """"2026-12-10:am" as "2026-12-10, Morning"; anything else as it is."""
    day_text, _sep, part = str(value).partition(":")
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        return str(value)
    if part not in DayPart.values:
        return str(value)
    return f"{day.isoformat()}, {DayPart(part).label}"


def slot_labels(values):
    return [slot_label(value) for value in values or []]
