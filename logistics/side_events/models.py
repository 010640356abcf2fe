"""Side-event proposals from organisers, their blind ProposalReviews, and the session a
accepted one is scheduled into."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from config import languages
from logistics.core.crypto import SecretField, SecretIndexField
from logistics.core.models.event import Event
from logistics.programme.models import Session
from logistics.side_events.enums import (
    REVIEW_SCORE_MAX,
    REVIEW_SCORE_MIN,
    ProposalStatus,
    SideEventFormat,
)


def new_reference():
    """A proposal's reference, given to the organiser: short, unambiguous to read aloud."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "SE-" + "".join(secrets.choice(alphabet) for _ in range(6))


def new_confirm_token():
    return secrets.token_urlsafe(32)


class SideEventProposal(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="proposals",
                              verbose_name=_("event"))
    reference = models.CharField(_("reference"), max_length=12, unique=True,
                                 default=new_reference, editable=False)
    organiser_name = models.CharField(_("contact person"), max_length=200)
    organiser_organisation = models.CharField(_("organiser"), max_length=200)
    organiser_email = models.EmailField(_("e-mail"))
    mail_language = models.CharField(
        _("language of mails"), max_length=15, blank=True, choices=languages.LANGUAGES,
        help_text=_("The organiser's mails are written in it: the language the proposal was "
                    "sent in. Blank: the committee's language."))
    co_organisers = models.TextField(_("co-organisers"), blank=True,
                                     help_text=_("One organisation per line."))
    title = models.CharField(_("title"), max_length=300)
    abstract = models.TextField(_("abstract"))
    format = models.CharField(_("format"), max_length=20, choices=SideEventFormat.choices)
    languages = models.JSONField(_("languages"), default=list,
                                 help_text=_("Language codes, e.g. en, fr, ar."))
    expected_audience = models.PositiveIntegerField(_("expected audience"))
    technical_needs = models.TextField(_("technical needs"), blank=True)
    # Days and parts of days the organiser prefers: ["2026-12-10:am", ...].
    preferred_slots = models.JSONField(_("preferred slots"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ProposalStatus.choices,
                              default=ProposalStatus.SUBMITTED)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("decided by"))
    # The organiser's secret link to confirm an accepted side event: encrypted (mailed
    # again with reminders), found by its index.
    confirm_token = SecretField(_("confirmation link"), default=new_confirm_token,
                                editable=False)
    confirm_token_index = SecretIndexField(of="confirm_token")
    confirmed_at = models.DateTimeField(_("confirmed by the organiser"), null=True, blank=True)
    # What the organiser has been told, claimed before each mail goes: a redelivered task
    # finds its mail claimed and sends nothing.
    received_mailed_at = models.DateTimeField(_("reference mailed"), null=True, blank=True)
    # When the organiser sent the proposal having agreed to the privacy notice.
    privacy_consent_at = models.DateTimeField(_("privacy notice agreed"), null=True,
                                              blank=True, editable=False)
    decision_mailed = models.CharField(_("decision mailed"), max_length=12, blank=True,
                                       choices=ProposalStatus.choices)
    session = models.OneToOneField(Session, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="proposal", verbose_name=_("session"))
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("side-event proposal")
        verbose_name_plural = _("side-event proposals")
        constraints = [
            models.CheckConstraint(condition=Q(expected_audience__gte=1),
                                   name="proposal_audience_positive"),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.reference} {self.title}"


class ProposalReview(models.Model):
    """One programme officer's score and comment. Never shown to the organiser; shown to
    another reviewer only once that reviewer has scored the proposal too."""

    proposal = models.ForeignKey(SideEventProposal, on_delete=models.CASCADE,
                                 related_name="reviews", verbose_name=_("proposal"))
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="proposal_reviews", verbose_name=_("reviewer"))
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reviewer"],
                                    name="review_one_per_reviewer"),
            models.CheckConstraint(
                condition=Q(score__gte=REVIEW_SCORE_MIN) & Q(score__lte=REVIEW_SCORE_MAX),
                name="review_score_in_range"),
        ]

    def __str__(self):
        return f"{self.proposal.reference} · {self.reviewer}"
