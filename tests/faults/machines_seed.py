"""The data of the test of several machines (test_several_machines.py), written into its own
PostgreSQL and its bucket by a process of its own: an event with its categories, an
accreditation officer who signs in with a password, and badges with photos to print.
Prints what the test needs as JSON.

    python -m tests.faults.machines_seed PASSWORD BADGES
"""

import json
import sys

import django

django.setup()

from accreditation.badges.services.badges import badge_issue  # noqa: E402
from logistics.core.enums import Role  # noqa: E402
from logistics.delegations.models import Country  # noqa: E402
from tests.factories.accreditation import approved, categories, journalist  # noqa: E402
from tests.factories.plan import EventFactory, user_with_role  # noqa: E402
from tests.factories.registration import photo_upload  # noqa: E402


def main(password, badges):
    event = EventFactory()
    codes = categories(event)
    officer = user_with_role(Role.ACCREDITATION, username="officer", password=password)
    made = [badge_issue(application_id=approved(journalist(event, photo=photo_upload()),
                                                officer=officer).pk)
            for _ in range(badges)]
    print(json.dumps({"category": codes["Z"].pk, "badges": [badge.pk for badge in made],
                      "viet_nam": Country.objects.get(code="VN").pk}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
