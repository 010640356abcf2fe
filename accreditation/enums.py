from django.db import models
from django.utils.translation import gettext_lazy as _


class CategoryKind(models.TextChoices):
    """Who a badge is for: each accreditation category is one of these."""

    DELEGATE = "delegate", _("Delegate")
    HEAD_OF_DELEGATION = "head_of_delegation", _("Head of delegation")
    UN_IGO = "un_igo", _("UN entity or intergovernmental organisation")
    NGO = "ngo", _("Non-governmental organisation")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    MEDIA = "media", _("Media")
    MEDIA_TECHNICIAN = "media_technician", _("Media technician")
    STAFF = "staff", _("Organiser staff")
    SECURITY = "security", _("Host security")
    LIAISON_OFFICER = "liaison_officer", _("Liaison officer")
    EXHIBITOR = "exhibitor", _("Exhibitor")
    SIDE_EVENT_PARTICIPANT = "side_event_participant", _("Side-event participant")


class OutletKind(models.TextChoices):
    NEWS_AGENCY = "news_agency", _("News agency")
    TV = "tv", _("Television")
    RADIO = "radio", _("Radio")
    PRINT = "print", _("Newspapers and magazines")
    ONLINE = "online", _("Online")
    PHOTO_AGENCY = "photo_agency", _("Photo agency")
