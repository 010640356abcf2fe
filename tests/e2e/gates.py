"""What the gate walks share: an event open today with its categories, a gate operator, and
badge holders with a photo the operator compares with the face in front of them."""

import io
from datetime import timedelta

from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image, ImageDraw

from accreditation.applications.models.applications import Application
from accreditation.gates.models import Checkpoint
from accreditation.gates.services import scans
from accreditation.setup.models import Zone
from logistics.core.enums import Role
from tests.e2e.conftest import PASSWORD
from tests.factories.accreditation import categories, collected_badge, journalist
from tests.factories.plan import EventFactory, user_with_role


def with_photo(badge, colour):
    """A head-and-shoulders placeholder, as the application's photo."""
    image = Image.new("RGB", (300, 400), (225, 228, 232))
    draw = ImageDraw.Draw(image)
    draw.ellipse((95, 60, 205, 180), fill=colour)
    draw.rectangle((60, 200, 240, 400), fill=colour)
    data = io.BytesIO()
    image.save(data, format="JPEG")
    name = default_storage.save("photos/scanner-test.jpg", data)
    Application.objects.filter(pk=badge.application_id).update(photo=name)

def event_with_a_gate(settings, tmp_path):
    """Today's event, its categories and zones, the gate operator "gate", and Thị Mai Trần's
    collected badge with a photo: (event, her badge). Checkpoints are forgotten first (the
    scan path keeps them per process), as the caller's teardown must do again."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    scans.forget_checkpoints()
    today = timezone.localdate(timezone=EventFactory.build().tz)
    event = EventFactory(start_date=today, end_date=today + timedelta(days=2))
    categories(event)
    user_with_role(Role.GATE, username="gate", first_name="Lê", last_name="Văn Hùng",
                   password=PASSWORD)
    mai = collected_badge(journalist(event, family_name="Trần", given_names="Thị Mai"))
    with_photo(mai, (70, 90, 120))
    return event, mai

def press_centre_door(event, mode):
    return Checkpoint.objects.create(
        event=event, zone=Zone.objects.get(event=event, code="2"), name="Press centre door",
        mode=mode)

