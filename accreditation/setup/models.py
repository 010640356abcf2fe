"""The accreditation office's set-up: access Zones, AccreditationCategories (letter codes,
colours, zones, quotas) and the MediaOutlets journalists apply through."""


from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accreditation.enums import CategoryKind, OutletKind
from logistics.core.models.event import Event
from logistics.delegations.models import Country

colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Give the colour as #RRGGBB, e.g. #C8102E."))
letter_code = RegexValidator(r"^[A-Z0-9]{1,3}$",
                             _("One to three capital letters or digits, as printed on badges."))


class Zone(models.Model):
    """An area of the venue a badge may open: the plenary hall, the press centre..."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="zones",
                              verbose_name=_("event"))
    code = models.CharField(_("code"), max_length=3, validators=[letter_code],
                            help_text=_("Printed on the badge, e.g. P."))
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["event", "code"]
        verbose_name = _("access zone")
        verbose_name_plural = _("access zones")
        constraints = [models.UniqueConstraint(fields=["event", "code"], name="zone_code_unique")]

    def __str__(self):
        return f"{self.code} · {self.name}"


class AccreditationCategory(models.Model):
    """A kind of badge: its letter code and colour, the zones it opens, whether its holders
    are vetted, and how many the committee will issue."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE,
                              related_name="accreditation_categories", verbose_name=_("event"))
    kind = models.CharField(_("for"), max_length=30, choices=CategoryKind.choices)
    code = models.CharField(_("letter code"), max_length=3, validators=[letter_code])
    name = models.CharField(_("name"), max_length=100)
    badge_colour = models.CharField(_("badge colour"), max_length=7, validators=[colour])
    zones = models.ManyToManyField(Zone, blank=True, related_name="categories",
                                   verbose_name=_("access zones"))
    vetting_required = models.BooleanField(_("security vetting required"), default=True)
    quota = models.PositiveIntegerField(_("quota"), null=True, blank=True,
                                        help_text=_("Badges at most; empty: no limit."))

    class Meta:
        ordering = ["event", "code"]
        verbose_name = _("accreditation category")
        verbose_name_plural = _("accreditation categories")
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="category_code_unique"),
            models.UniqueConstraint(fields=["event", "kind"], name="category_kind_unique"),
        ]

    def __str__(self):
        return f"{self.code} · {self.name}"


class MediaOutlet(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="media_outlets",
                              verbose_name=_("event"))
    name = models.CharField(_("name"), max_length=200)
    country = models.ForeignKey(Country, on_delete=models.RESTRICT, related_name="+",
                                verbose_name=_("country"))
    kind = models.CharField(_("kind"), max_length=20, choices=OutletKind.choices)
    domestic = models.BooleanField(_("domestic"), default=False,
                                   help_text=_("Based in the host country."))
    quota = models.PositiveSmallIntegerField(_("quota of journalists"), default=4)

    class Meta:
        ordering = ["event", "name"]
        verbose_name = _("media outlet")
        verbose_name_plural = _("media outlets")
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="outlet_name_unique"),
            models.CheckConstraint(condition=Q(quota__gte=1), name="outlet_quota_positive"),
        ]

    def __str__(self):
        return self.name


class OrganisationQuota(models.Model):
    """How many badges of a category one organisation (an NGO, a company, an IGO) may hold,
    beside the category's own quota. Organisations are matched by name, case-insensitively."""

    category = models.ForeignKey(AccreditationCategory, on_delete=models.CASCADE,
                                 related_name="organisation_quotas",
                                 verbose_name=_("category"))
    organisation = models.CharField(_("organisation"), max_length=200)
    quota = models.PositiveIntegerField(_("quota"))

    class Meta:
        ordering = ["category", "organisation"]
        verbose_name = _("organisation quota")
        verbose_name_plural = _("organisation quotas")
        constraints = [
            models.UniqueConstraint(models.functions.Lower("organisation"), "category",
                                    name="organisation_quota_unique"),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.quota}"
