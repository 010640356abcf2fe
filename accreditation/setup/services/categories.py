"""Accreditation categories, access zones and media outlets."""

from django.db import transaction
from django.utils.translation import gettext as _

from accreditation.enums import CategoryKind as K
from accreditation.permissions import can_manage_accreditation
from accreditation.setup.models import AccreditationCategory, Zone
from logistics.core import permissions
from logistics.core.models.event import Event

# Numbers for zones, letters for categories, so that a badge's two codes never mix.
DEFAULT_ZONES = [
    ("1", "Plenary hall"), ("2", "Press centre"), ("3", "Bilateral rooms"),
    ("4", "VIP lounge"), ("5", "Exhibition"), ("6", "Media tribune"),
]
RED, GREEN, YELLOW, BLUE = "#C8102E", "#00843D", "#FFD100", "#0057B8"
# UN practice (PRACTICE.md): red for delegates and heads of delegation, green for the UN,
# IGOs and NGOs, yellow for the press, blue for the host's security and the organisers.
DEFAULT_CATEGORIES = [
    ("E", K.HEAD_OF_DELEGATION, "Head of delegation", RED, "1345"),
    ("D", K.DELEGATE, "Delegate", RED, "135"),
    ("U", K.UN_IGO, "UN and intergovernmental organisations", GREEN, "135"),
    ("N", K.NGO, "Non-governmental organisations", GREEN, "15"),
    ("B", K.PRIVATE_SECTOR, "Private sector", GREEN, "15"),
    ("P", K.MEDIA, "Press", YELLOW, "256"),
    ("T", K.MEDIA_TECHNICIAN, "Media technician", YELLOW, "26"),
    ("C", K.STAFF, "Organiser staff", BLUE, "1235"),
    ("Z", K.SECURITY, "Host security", BLUE, "123456"),
    ("L", K.LIAISON_OFFICER, "Liaison officer", BLUE, "1345"),
    ("X", K.EXHIBITOR, "Exhibitor", BLUE, "5"),
    ("S", K.SIDE_EVENT_PARTICIPANT, "Side-event participant", BLUE, "5"),
]


@transaction.atomic
def categories_install_defaults(*, event, by):
    """The zones and categories of a UN-style conference, for the accreditation office to
    adjust. Only what is missing is added (by code, and by kind for categories): what the
    office changed stays as it is. Returns the numbers of zones and categories added."""
    permissions.require(by, can_manage_accreditation,
                        _("Only the accreditation office can set up accreditation "
                          "categories."))
    # One setup of an event at a time: the second waits, then finds everything there.
    Event.objects.select_for_update().get(pk=event.pk)
    zones = {zone.code: zone for zone in Zone.objects.filter(event=event)}
    new_zones = [Zone(event=event, code=code, name=name)
                 for code, name in DEFAULT_ZONES if code not in zones]
    for zone in new_zones:
        zone.full_clean()
        zone.save()
        zones[zone.code] = zone
    taken = AccreditationCategory.objects.filter(event=event)
    codes = set(taken.values_list("code", flat=True))
    kinds = set(taken.values_list("kind", flat=True))
    added = 0
    for code, kind, name, colour, zone_codes in DEFAULT_CATEGORIES:
        if code in codes or kind in kinds:
            continue
        category = AccreditationCategory(event=event, code=code, kind=kind, name=name,
                                         badge_colour=colour, vetting_required=True)
        category.full_clean()
        category.save()
        category.zones.set([zones[c] for c in zone_codes if c in zones])
        added += 1
    return len(new_zones), added
