"""Countries (the UN names, CLDR's in other languages), the Delegations of an event, their
members (DelegationMember: heads of delegation first, ID documents encrypted) and the
registration Invitations sent to their focal points."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config import languages
from logistics.core.countries import country_name
from logistics.core.crypto import HasIdDocument, SecretField, SecretIndexField
from logistics.core.models.event import Event
from logistics.core.models.files import RandomName
from logistics.delegations.enums import (
    FULL_POWERS_EXEMPT_LEVELS,
    STATE_KINDS,
    DelegationKind,
    DelegationLevel,
    DelegationStatus,
    Gender,
    RegionalGroup,
)


class Country(models.Model):
    """A state, with its UN regional group: data the committee can correct in the admin."""

    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    regional_group = models.CharField(_("UN regional group"), max_length=30, blank=True,
                                      choices=RegionalGroup.choices)
    un_member = models.BooleanField(_("UN member state"), default=True)
    names = models.JSONField(
        _("names in other languages"), default=dict, blank=True,
        help_text=_('The committee\'s own names by language code, e.g. {"ar": "…", "vi": "…"}; '
                    "a language not given uses CLDR's name."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.display_name()

    def display_name(self, language=None):
        """The name shown in `language` (the active one): the UN name in English."""
        return country_name(self, language)

    def clean(self):
        if not isinstance(self.names, dict) or not all(
                isinstance(code, str) and isinstance(name, str) and name.strip()
                for code, name in self.names.items()):
            raise ValidationError({"names": _(
                'Give the names as {"language code": "name", ...}, each name filled in.')})


class Delegation(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="delegations",
                              verbose_name=_("event"))
    kind = models.CharField(_("kind"), max_length=20, choices=DelegationKind.choices)
    country = models.ForeignKey(Country, on_delete=models.RESTRICT, null=True, blank=True,
                                related_name="delegations", verbose_name=_("country"))
    name = models.CharField(_("name"), max_length=200,
                            help_text=_("For a state, its name; for an organisation, its own."))
    head_name = models.CharField(_("head of delegation"), max_length=200, blank=True)
    head_title = models.CharField(_("title of the head of delegation"), max_length=200,
                                  blank=True)
    head_level = models.CharField(_("level"), max_length=30, blank=True,
                                  choices=DelegationLevel.choices)
    status = models.CharField(_("status"), max_length=20, choices=DelegationStatus.choices,
                              default=DelegationStatus.INVITED)
    size_quota = models.PositiveSmallIntegerField(_("size quota"), default=10)
    focal_point_name = models.CharField(_("focal point"), max_length=200, blank=True)
    focal_point_email = models.EmailField(_("focal point's e-mail"), blank=True)
    mail_language = models.CharField(
        _("language of mails"), max_length=15, blank=True, choices=languages.LANGUAGES,
        help_text=_("The focal point's mails are written in it; the registration form sets "
                    "it to the language it was last sent in. Blank: the committee's "
                    "language."))
    liaison_officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                        null=True, blank=True, related_name="+",
                                        verbose_name=_("liaison officer"))
    hotel = models.CharField(_("hotel"), max_length=200, blank=True)
    protocol_notes = models.TextField(_("protocol notes"), blank=True)
    intends_to_sign = models.BooleanField(_("intends to sign"), default=False)
    # A state's note verbale from its mission, an organisation's nomination letter: checked
    # by content on upload, served only to the protocol office.
    credentials_document = models.FileField(_("credentials"), blank=True,
                                            upload_to=RandomName("credentials"))
    credentials_received_at = models.DateTimeField(_("credentials received"), null=True,
                                                   blank=True)
    credentials_checked_by = models.ForeignKey(settings.AUTH_USER_MODEL,
                                               on_delete=models.SET_NULL, null=True, blank=True,
                                               related_name="+",
                                               verbose_name=_("credentials checked by"))
    credentials_checked_at = models.DateTimeField(_("credentials checked"), null=True,
                                                  blank=True)
    registered_at = models.DateTimeField(_("registration completed"), null=True, blank=True)
    # When the focal point last sent the registration having read the privacy notice
    # (logistics.core.privacy_notice) and agreed to it.
    privacy_consent_at = models.DateTimeField(_("privacy notice agreed"), null=True,
                                              blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.UniqueConstraint(fields=["event", "country"],
                                    condition=Q(country__isnull=False),
                                    name="delegation_one_per_country"),
            models.CheckConstraint(
                condition=~Q(kind__in=STATE_KINDS) | Q(country__isnull=False),
                name="delegation_state_has_country"),
            models.CheckConstraint(condition=Q(size_quota__gte=1),
                                   name="delegation_quota_at_least_one"),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return self.name

    @property
    def regional_group(self):
        return self.country.regional_group if self.country_id else ""

    @property
    def head_needs_full_powers(self):
        """Whether the head of delegation would need full powers to sign (VCLT art. 7)."""
        return self.head_level not in FULL_POWERS_EXEMPT_LEVELS


class DelegationMember(HasIdDocument):
    """A person registered by a delegation: the record the accreditation office accredits.
    The ID document number is encrypted at rest; only security vetting reads it."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE,
                                   related_name="members", verbose_name=_("delegation"))
    # Names in any script, as in the passport; Latin transcription for badges where needed.
    family_name = models.CharField(_("family name"), max_length=150)
    given_names = models.CharField(_("given names"), max_length=150, blank=True)
    title = models.CharField(_("title or function"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    nationality = models.ForeignKey(Country, on_delete=models.RESTRICT, null=True, blank=True,
                                    related_name="+", verbose_name=_("nationality"))
    email = models.EmailField(_("e-mail"), blank=True)
    is_head = models.BooleanField(_("head of delegation"), default=False)
    # The member's own consent to be named in the list of participants the conference
    # publishes (logistics.delegations.queries.participants); never assumed.
    in_list_of_participants = models.BooleanField(
        _("in the list of participants"), default=False,
        help_text=_("Agrees to appear in the published list of participants: title or "
                    "function, name and delegation, nothing else."))
    arrival_at = models.DateTimeField(_("arrival"), null=True, blank=True)
    arrival_flight = models.CharField(_("arrival flight"), max_length=20, blank=True)
    departure_at = models.DateTimeField(_("departure"), null=True, blank=True)
    departure_flight = models.CharField(_("departure flight"), max_length=20, blank=True)
    dietary_needs = models.CharField(_("dietary needs"), max_length=200, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=200, blank=True)
    id_document_expiry = models.DateField(_("ID document expiry"), null=True, blank=True)
    hotel = models.CharField(_("hotel"), max_length=200, blank=True)
    arrival_airport = models.CharField(_("arrival airport"), max_length=3, blank=True,
                                       help_text=_("IATA code, e.g. HAN."))
    departure_airport = models.CharField(_("departure airport"), max_length=3, blank=True,
                                         help_text=_("IATA code, e.g. HAN."))
    # Re-encoded JPEG without metadata (see logistics.core.uploads); served only to staff.
    photo = models.FileField(_("photo"), blank=True, upload_to=RandomName("photos"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-is_head", "family_name", "given_names"]
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        constraints = [
            models.UniqueConstraint(fields=["delegation"], condition=Q(is_head=True),
                                    name="delegation_one_head"),
            models.CheckConstraint(
                condition=Q(departure_at__isnull=True) | Q(arrival_at__isnull=True)
                | Q(departure_at__gte=models.F("arrival_at")),
                name="member_departs_after_arriving"),
        ]

    def __str__(self):
        return f"{self.family_name} {self.given_names}".strip()


def new_token():
    return secrets.token_urlsafe(32)


class InvitationQuerySet(models.QuerySet):
    def live(self):
        """Not revoked: at most one per delegation (a constraint); it may have expired."""
        return self.filter(revoked_at__isnull=True)


class Invitation(models.Model):
    """The secret link a delegation's focal point registers with. Resending revokes the
    previous link; a link stops working at the event's registration deadline."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE,
                                   related_name="invitations", verbose_name=_("delegation"))
    # Encrypted: the link is mailed again by the reminders; found by its index.
    token = SecretField(_("registration link"), default=new_token, editable=False)
    token_index = SecretIndexField(of="token")
    email = models.EmailField(_("sent to"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["delegation"], condition=Q(revoked_at__isnull=True),
                                    name="invitation_one_live_link_per_delegation"),
        ]

    def __str__(self):
        return f"{self.delegation} ({self.email})"

    def get_absolute_url(self):
        return reverse("register", args=[self.token])

    @property
    def is_usable(self):
        return self.revoked_at is None and timezone.now() < self.expires_at
