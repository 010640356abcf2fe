"""Applications (one person, one accreditation; ID document numbers encrypted), their
Transitions (every move of the state machine, with who made it and why), and the
OrganisationQuotas that cap how many an organisation may bring."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from accreditation.enums import (
    LIVE_STATUSES,
    OPEN_STATUSES,
    ApplicationSource,
    ApplicationStatus,
    IdDocumentKind,
    MediaRole,
    OutletKind,
    VettingStatus,
)
from accreditation.setup.models import AccreditationCategory, MediaOutlet
from config import languages
from logistics.core.crypto import HasIdDocument, SecretField, SecretIndexField
from logistics.core.models.event import Event
from logistics.core.models.files import RandomName
from logistics.delegations.enums import Gender
from logistics.delegations.models import Country, Delegation, DelegationMember

# Letters and digits that cannot be misread for one another on paper or over the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference():
    return "A-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def new_token():
    return secrets.token_urlsafe(32)


class Application(HasIdDocument):
    """One person's request for a badge, from the public form, a delegation's registration,
    the staff or the API. One person, one accreditation: a live application per ID document
    and nationality (a constraint); a second one is held as a possible duplicate of the
    first (`duplicate_of`), and likely duplicates are flagged to the reviewer."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="applications",
                              verbose_name=_("event"))
    reference = models.CharField(_("reference"), max_length=12, unique=True,
                                 default=new_reference, editable=False)
    category = models.ForeignKey(AccreditationCategory, on_delete=models.PROTECT,
                                 related_name="applications", verbose_name=_("category"))
    status = models.CharField(_("status"), max_length=20, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.SUBMITTED)
    source = models.CharField(_("source"), max_length=20, choices=ApplicationSource.choices)
    vetting = models.CharField(_("security vetting"), max_length=20,
                               choices=VettingStatus.choices, default=VettingStatus.PENDING)
    # The person, as in the passport: names in any script.
    family_name = models.CharField(_("family name"), max_length=150)
    given_names = models.CharField(_("given names"), max_length=150, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    nationality = models.ForeignKey(Country, on_delete=models.RESTRICT, null=True, blank=True,
                                    related_name="+", verbose_name=_("nationality"))
    email = models.EmailField(_("e-mail"), blank=True)
    mail_language = models.CharField(
        _("language of mails"), max_length=15, blank=True, choices=languages.LANGUAGES,
        help_text=_("The applicant's mails are written in it: the language the form was "
                    "sent in (a delegate's: the delegation's). Blank: the committee's "
                    "language."))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True,
                                    help_text=_("As printed on the badge."))
    function = models.CharField(_("function"), max_length=200, blank=True)
    # ID document: the number (HasIdDocument) is encrypted and only vetting officers read it;
    # its index finds a second application with the same document without decrypting.
    id_document_kind = models.CharField(_("ID document"), max_length=20, blank=True,
                                        choices=IdDocumentKind.choices)
    id_document_expiry = models.DateField(_("ID document expiry"), null=True, blank=True)
    photo = models.FileField(_("photo"), blank=True, upload_to=RandomName("photos"))
    # Where the person comes from: a delegation (delegates, delegation media) or an outlet.
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("delegation"))
    member = models.OneToOneField(DelegationMember, on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="application",
                                  verbose_name=_("delegation member"))
    outlet = models.ForeignKey(MediaOutlet, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="applications", verbose_name=_("media outlet"))
    # An outlet not yet in the list, as the journalist named it; the office adds it.
    proposed_outlet = models.CharField(_("proposed outlet"), max_length=200, blank=True)
    proposed_outlet_country = models.ForeignKey(Country, on_delete=models.RESTRICT, null=True,
                                                blank=True, related_name="+",
                                                verbose_name=_("proposed outlet's country"))
    proposed_outlet_kind = models.CharField(_("proposed outlet's kind"), max_length=20,
                                            blank=True, choices=OutletKind.choices)
    media_role = models.CharField(_("media role"), max_length=20, blank=True,
                                  choices=MediaRole.choices)
    equipment = models.TextField(_("equipment"), blank=True,
                                 help_text=_("Cameras, tripods, satellite gear to bring in."))
    letter_of_assignment = models.FileField(_("letter of assignment"), blank=True,
                                            upload_to=RandomName("letters"))
    press_card = models.FileField(_("press card"), blank=True, upload_to=RandomName("press"))
    id_copy = models.FileField(_("copy of the ID document"), blank=True,
                               upload_to=RandomName("ids"))
    # The applicant's own way back in to correct the application when asked: encrypted (the
    # status mails carry it again), found by its index.
    token = SecretField(_("correction link"), default=new_token, editable=False)
    token_index = SecretIndexField(of="token")
    information_requested = models.TextField(_("information requested"), blank=True)
    # Security vetting's own note (free text that may hold an ID number): shown to vetting
    # officers only, masked in the audit trail. What the office may read goes in the reason.
    vetting_note = models.TextField(_("vetting note"), blank=True)
    vetting_reason = models.TextField(
        _("vetting reason"), blank=True,
        help_text=_("What security vetting tells the accreditation office about its decision."))
    vetted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+",
                                  verbose_name=_("vetted by"))
    vetted_at = models.DateTimeField(_("vetted"), null=True, blank=True)
    # The open application a held one may duplicate (status possible_duplicate); emptied
    # when the office releases it to the queue.
    duplicate_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("possible duplicate of"))
    # When the applicant last sent the form (new or corrected) having agreed to the privacy
    # notice (logistics.core.privacy_notice); empty for what the staff, an import or the API
    # entered.
    privacy_consent_at = models.DateTimeField(_("privacy notice agreed"), null=True,
                                              blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Moves on every change: the API's incremental sync orders by (updated_at, id).
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            models.Index(fields=["event", "status"], name="application_event_status"),
            models.Index(fields=["updated_at", "id"], name="application_sync"),
            models.Index(fields=["email"], name="application_email"),
            models.Index(fields=["family_name", "date_of_birth"], name="application_name_dob"),
            # At scale (issue 5): the queues' order, and the duplicate checks' and the
            # organisation quotas' lookups by what they compare.
            models.Index(fields=["event", "created_at", "id"], name="application_queue"),
            models.Index(fields=["event", "date_of_birth"], name="application_event_dob"),
            models.Index(Upper("email"), name="application_email_upper"),
            models.Index("category", Upper("organisation"), name="application_category_org"),
            # The API's list: newest first, then by key (read backwards).
            models.Index(fields=["created_at", "-id"], name="application_api_order"),
            # The counts of the vetting queue and of each category's quota, read from the
            # index alone (COUNT(*), not of a column the index does not hold).
            models.Index(fields=["event", "vetting", "status"], name="application_vetting"),
            models.Index(fields=["category", "status"], name="application_category_status"),
        ]
        constraints = [
            # One person, one accreditation: a second live application with the same document
            # is refused by the database, whatever the path it came by.
            models.UniqueConstraint(
                fields=["event", "id_document_index", "nationality"],
                condition=Q(status__in=LIVE_STATUSES) & ~Q(id_document_index=""),
                name="application_one_per_document"),
            # Delegation media: one photographer and one camera operator per delegation,
            # among the open applications: a held one keeps its place, as a new one would
            # (services.delegation_media).
            models.UniqueConstraint(
                fields=["delegation", "media_role"],
                condition=Q(status__in=OPEN_STATUSES) & Q(delegation__isnull=False)
                & ~Q(media_role=""),
                name="application_delegation_media_once"),
        ]

    def __str__(self):
        return f"{self.reference} · {self.full_name}"

    @property
    def full_name(self):
        return f"{self.given_names} {self.family_name}".strip()


class Transition(models.Model):
    """One move of an application, with who made it and why: the record the state machine
    keeps. `by` is empty when the applicant, an integration or the system moved it; `actor`
    then says which. `public_submission` when a stranger's POST made it (the media form,
    the correction link, a delegation's registration link): only the mails of those moves
    count against the address's day (logistics.core.mail), never the staff's."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="transitions", verbose_name=_("application"))
    from_status = models.CharField(_("from"), max_length=20, blank=True,
                                   choices=ApplicationStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ApplicationStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           blank=True, related_name="+", verbose_name=_("by"))
    actor = models.CharField(_("actor"), max_length=100, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    public_submission = models.BooleanField(_("public submission"), default=False)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    # Claimed before the applicant's mail goes: a redelivered task does not mail twice.
    mailed_at = models.DateTimeField(_("mailed"), null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.application_id}: {self.from_status or '∅'} → {self.to_status}"


