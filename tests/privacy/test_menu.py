"""The staff menu offers the personal-data export to those who may use it, and only them."""

import pytest
from django.urls import reverse

from logistics.core.enums import Role
from tests.factories.plan import user_with_role


@pytest.mark.parametrize(("role", "shown"), [
    (Role.SECRETARIAT, True), (Role.ACCREDITATION, True), (Role.VETTING, True),
    (Role.PROTOCOL, False), (Role.STEERING, False), (Role.GATE, False),
])
def test_menu_links_the_export_for_the_roles_that_may_export(client, event, role, shown):
    client.force_login(user_with_role(role, username=f"menu-{role}"))
    # a page every signed-in user may open, with the staff layout and its menu
    page = client.get(reverse("account_security")).content.decode()
    assert (f'href="{reverse("privacy:export")}"' in page) is shown
