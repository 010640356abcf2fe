import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from accreditation.enums import CategoryKind, OutletKind
from accreditation.setup.models import AccreditationCategory, MediaOutlet, Zone
from accreditation.setup.services.categories import categories_install_defaults
from logistics.core.enums import Role
from logistics.core.errors import NotAllowed
from tests.factories.delegations import country
from tests.factories.plan import EventFactory, user_with_role


def test_defaults_follow_un_practice(event, officer):
    assert categories_install_defaults(event=event, by=officer) == (6, 12)
    categories = {c.code: c for c in AccreditationCategory.objects.filter(event=event)}
    assert set(categories) == set("EDUNBPTCZLXS")
    assert {c.kind for c in categories.values()} == set(CategoryKind.values)
    assert (categories["D"].badge_colour, categories["E"].badge_colour) == ("#C8102E",) * 2
    assert categories["P"].badge_colour == "#FFD100"
    assert categories["N"].badge_colour == "#00843D"
    assert sorted(categories["P"].zones.values_list("name", flat=True)) == [
        "Exhibition", "Media tribune", "Press centre"]
    assert categories["Z"].zones.count() == 6
    assert all(c.vetting_required and c.quota is None for c in categories.values())


def test_installing_again_adds_nothing_and_keeps_the_offices_changes(event, officer):
    categories_install_defaults(event=event, by=officer)
    AccreditationCategory.objects.filter(event=event, code="P").update(badge_colour="#FFA500",
                                                                       quota=400)
    Zone.objects.filter(event=event, code="4").delete()
    assert categories_install_defaults(event=event, by=officer) == (1, 0)
    press = AccreditationCategory.objects.get(event=event, code="P")
    assert (press.badge_colour, press.quota) == ("#FFA500", 400)


def test_each_event_has_its_own_categories(event, officer):
    categories_install_defaults(event=event, by=officer)
    other = EventFactory()
    categories_install_defaults(event=other, by=officer)
    assert AccreditationCategory.objects.filter(event=other).count() == 12
    assert Zone.objects.count() == 12


@pytest.mark.parametrize("role", [Role.PROTOCOL, Role.OBSERVER, Role.PROGRAMME])
def test_only_the_accreditation_office_installs_them(event, role):
    with pytest.raises(NotAllowed):
        categories_install_defaults(event=event, by=user_with_role(role, username=role))
    assert not AccreditationCategory.objects.exists()


def test_the_secretariat_may_install_them(event, secretariat):
    assert categories_install_defaults(event=event, by=secretariat) == (6, 12)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("badge_colour", "red", "Give the colour as #RRGGBB, e.g. #C8102E."),
    ("badge_colour", "#12345", "Give the colour as #RRGGBB, e.g. #C8102E."),
    ("code", "d", "One to three capital letters or digits, as printed on badges."),
    ("code", "DELE", "Ensure this value has at most 3 characters (it has 4)."),
])
def test_category_codes_and_colours_are_checked(event, field, value, message):
    values = {"event": event, "kind": CategoryKind.DELEGATE, "code": "D", "name": "Delegate",
              "badge_colour": "#C8102E", field: value}
    with pytest.raises(ValidationError) as caught:
        AccreditationCategory(**values).full_clean()
    assert message in caught.value.message_dict[field]


def test_a_letter_code_is_used_once_per_event(event):
    AccreditationCategory.objects.create(event=event, kind=CategoryKind.DELEGATE, code="D",
                                         name="Delegate", badge_colour="#C8102E")
    with pytest.raises(IntegrityError):
        AccreditationCategory.objects.create(event=event, kind=CategoryKind.MEDIA, code="D",
                                             name="Press", badge_colour="#FFD100")


def test_an_outlet_has_a_positive_quota_and_a_unique_name(event):
    MediaOutlet.objects.create(event=event, name="Vietnam News Agency", country=country("VN"),
                               kind=OutletKind.NEWS_AGENCY, domestic=True)
    with pytest.raises(IntegrityError):
        MediaOutlet.objects.create(event=event, name="Vietnam News Agency",
                                   country=country("VN"), kind=OutletKind.NEWS_AGENCY)


def test_an_outlet_quota_of_zero_is_refused(event):
    with pytest.raises(IntegrityError):
        MediaOutlet.objects.create(event=event, name="Reuters", country=country("GB"),
                                   kind=OutletKind.NEWS_AGENCY, quota=0)
