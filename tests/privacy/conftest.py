"""An event that ended forty days ago, with personal data in every place Accord keeps it
(docs/PERSONAL_DATA.md), and a second event, still to come, whose people must be left alone.

The people are distinct strings so that a scan of the whole database can look for them:
Mai (a journalist), her namesakes, Amina and Brian (a delegation's members), Peter (its focal
point), Lan (a side event's organiser)."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.contrib.admin.models import CHANGE
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from accreditation.applications.models.applications import Application
from accreditation.applications.services.applications import (
    application_request_information,
    application_update,
)
from accreditation.applications.services.bulk_decisions import (
    bulk_decision_run,
    bulk_decision_start,
)
from accreditation.applications.services.delegates import delegate_applications_sync
from accreditation.badges.codes import encode
from accreditation.badges.models import BadgeBatch
from accreditation.enums import WebhookEvent
from accreditation.gates.models import Checkpoint
from accreditation.gates.services.scans import scan_record
from accreditation.integrations.models import Webhook
from accreditation.keys.services import api_key_create
from accreditation.vetting.services.decisions import application_vet
from logistics.core.enums import MailStatus, ReminderKind
from logistics.core.models.mail import OutgoingMail
from logistics.core.uploads import clean_photo
from logistics.delegations.enums import DelegationKind, DelegationLevel
from logistics.delegations.models import DelegationMember
from logistics.plan.models import Reminder
from logistics.programme.services.publishing import programme_publish
from tests.factories.accreditation import OutletFactory, categories, collected_badge, journalist
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.plan import EventFactory
from tests.factories.programme import SessionFactory
from tests.factories.protocol import SpeakerSlotFactory
from tests.factories.registration import InvitationFactory, image_bytes, photo_upload
from tests.factories.side_events import ProposalFactory, ReviewFactory
from tests.factories.signing import SigningFactory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
AUDITED = ("accreditation.Application", "logistics.DelegationMember", "logistics.Delegation")


@dataclass
class World:
    event: object
    later: object
    mai: object
    namesake: object
    unaccented: object
    amina: object
    brian: object
    delegation: object
    stranger: object
    # Every string that identifies a person of the purged event.
    needles: list


@pytest.fixture
def audited():
    """The audit trail kept for applications and delegations, as in production (another
    part of Accord registers them; here they are registered if it has not yet)."""
    from auditlog.registry import auditlog
    from django.apps import apps

    added = []
    for label in AUDITED:
        model = apps.get_model(label)
        if not auditlog.contains(model):
            auditlog.register(model)
            added.append(model)
    yield
    for model in added:
        auditlog.unregister(model)


def _file(name, content=PDF):
    return ContentFile(content, name=name)


@pytest.fixture
def privacy_media(settings, tmp_path):
    """The world's files, on the disk; the tests of the export's files and of the purge put
    them on a bucket too (`media`, tests/plugins/file_storage.py)."""
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def world(db, privacy_media, audited, secretariat, officer, vetter):
    today = date.today()
    event = EventFactory(name="Hanoi Convention Signing", slug="hanoi-2025",
                         start_date=today - timedelta(days=41),
                         end_date=today - timedelta(days=40))
    later = EventFactory(name="Next Summit", slug="next", start_date=today + timedelta(days=60),
                         end_date=today + timedelta(days=62))
    cats = categories(event)
    categories(later)
    api_key = api_key_create(name="Press office sync", scopes=["accreditation:read"])[0]
    Webhook.objects.create(api_key=api_key, url="https://hooks.example.org/accord",
                           events=[event.value for event in WebhookEvent])

    outlet = OutletFactory(event=event, name="Vietnam News Agency")
    mai = journalist(event, outlet=outlet, family_name="Trần", given_names="Thị Mai",
                     date_of_birth=date(1985, 3, 14), email="mai.tran@example.org",
                     phone="+84 90 123 4567", id_document_number="C7654321",
                     photo=_file("mai.jpg", image_bytes()),
                     letter_of_assignment=_file("letter.pdf"), press_card=_file("card.pdf"),
                     id_copy=_file("passport.pdf"), equipment="Camera with Mai's initials TTM")
    application_request_information(application=mai, by=officer,
                                    message="Trần Thị Mai, please send a sharper photo.")
    application_update(application=Application.objects.get(pk=mai.pk), phone="+84 90 765 4321")
    application_vet(application=Application.objects.get(pk=mai.pk), by=vetter, cleared=True,
                    note="C7654321 matches the register for Trần Thị Mai.")
    badge = collected_badge(Application.objects.get(pk=mai.pk), officer=officer)
    checkpoint = Checkpoint.objects.create(event=event, zone=badge.zones.first(),
                                           name="Press centre door")
    for n in range(2):
        scan_record(code=encode(badge), checkpoint_id=checkpoint.pk,
                    client_scan_id=f"press-door-{n}",
                    scanned_at=event.starts_at() + timedelta(hours=9 + n),
                    operator="gate")
    namesake = journalist(event, outlet=outlet, family_name="Trần", given_names="Thị Mai",
                          date_of_birth=date(1990, 7, 2), email="mai.tran@example.org.vn",
                          id_document_number="B1112223")
    unaccented = journalist(event, outlet=outlet, family_name="Tran", given_names="Thi Mai",
                            date_of_birth=date(1985, 3, 14), email="tranthimai@example.net",
                            id_document_number="N9998887")

    kenya = DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("KE"),
                              name="Kenya", head_name="Amina Odhiambo",
                              head_title="Cabinet Secretary for Foreign Affairs",
                              head_level=DelegationLevel.FOREIGN_MINISTER,
                              focal_point_name="Peter Mwangi",
                              focal_point_email="peter.mwangi@example.go.ke",
                              hotel="Hotel Metropole, room 512",
                              protocol_notes="Peter Mwangi asks for a halal dinner.",
                              credentials_document=_file("note-verbale.pdf"))
    amina = MemberFactory(delegation=kenya, family_name="Odhiambo", given_names="Amina",
                          is_head=True, gender="f", date_of_birth=date(1970, 5, 6),
                          nationality=country("KE"), email="amina.odhiambo@example.go.ke",
                          id_document_number="AK123456", id_document_expiry=date(2031, 1, 1),
                          arrival_flight="KQ870", hotel="Hotel Metropole, room 514",
                          dietary_needs="Halal", photo=clean_photo(photo_upload()),
                          arrival_airport="HAN")
    brian = MemberFactory(delegation=kenya, family_name="Otieno", given_names="Brian",
                          gender="m", date_of_birth=date(1982, 11, 23), nationality=country("KE"),
                          email="brian.otieno@example.go.ke", id_document_number="AK654321")
    gone = MemberFactory(delegation=kenya, family_name="Kamau", given_names="Faith",
                         email="faith.kamau@example.go.ke")
    gone.delete()  # left the delegation: only the audit trail remembers her
    delegate_applications_sync(delegation=kenya)
    InvitationFactory(delegation=kenya, email="peter.mwangi@example.go.ke")
    session = SessionFactory(event=event, title="Opening plenary", chair="Brian Otieno",
                             organiser="UNODC", organiser_email="lan.pham@example.org")
    SpeakerSlotFactory(session=session, delegation=kenya, speaker_name="Amina Odhiambo",
                       speaker_title="Cabinet Secretary")
    SigningFactory(delegation=kenya, signatory_name="Amina Odhiambo",
                   signatory_title="Cabinet Secretary",
                   full_powers_document=_file("full-powers.pdf"))
    programme_publish(event=event, by=None)
    proposal = ProposalFactory(event=event, organiser_name="Lan Phạm",
                               organiser_email="lan.pham@example.org")
    ReviewFactory(proposal=proposal, reviewer=secretariat,
                  comment="Lan Phạm ran a good panel last year.")
    reminder = Reminder.objects.create(event=event, kind=ReminderKind.REGISTRATION_DUE,
                                       delegation=kenya,
                                       for_date=event.start_date - timedelta(days=10))
    reminder.mail = OutgoingMail.objects.create(
        event=event, key=reminder.mail_key, kind=reminder.kind, status=MailStatus.FAILED,
        recipients=["peter.mwangi@example.go.ke"], cc=["amina.odhiambo@example.go.ke"],
        last_error="550 peter.mwangi@example.go.ke: mailbox full")
    reminder.save()
    BadgeBatch.objects.create(event=event, total=1, done=1, file=_file("badges.pdf"),
                              requested_by=officer)
    # A bulk approval found by a name, refused for both (not vetted): the refusals name them.
    bulk = bulk_decision_start(event=event, by=officer, action="approve",
                               ids=[namesake.pk, unaccented.pk], key=uuid.uuid4(),
                               reason="Trần Thị Mai's outlet vouched by phone.",
                               described="Search: Trần Thị Mai", query="q=Tr%E1%BA%A7n")
    bulk_decision_run(job_id=bulk.pk)
    AdminLogEntry.objects.create(
        user=secretariat, content_type=ContentType.objects.get_for_model(Application),
        object_id=str(mai.pk), object_repr=str(Application.objects.get(pk=mai.pk)),
        action_flag=CHANGE, change_message="Changed e-mail for Trần Thị Mai")

    later_cats = later.accreditation_categories.get(code="P")
    stranger = journalist(later, outlet=OutletFactory(event=later, name="Nhân Dân"),
                          category_code=later_cats.code, family_name="Lê",
                          given_names="Quốc Bảo", date_of_birth=date(1979, 9, 9),
                          email="bao.le@example.vn", id_document_number="V5556667")
    assert cats["P"]
    needles = [
        "Trần", "Thị Mai", "Tran", "Thi Mai", "mai.tran@example.org", "tranthimai@example.net",
        "+84 90 123 4567", "+84 90 765 4321", "C7654321", "B1112223", "N9998887",
        "1985-03-14", "1990-07-02", "initials TTM",
        "Odhiambo", "Amina", "Otieno", "Brian", "Kamau", "Faith", "1970-05-06", "1982-11-23",
        "AK123456", "AK654321", "KQ870", "Metropole", "Halal", "halal",
        "Peter Mwangi", "peter.mwangi", "Lan Phạm", "lan.pham@example.org",
        "Cabinet Secretary",
    ]
    return World(event=event, later=later, mai=Application.objects.get(pk=mai.pk),
                 namesake=namesake, unaccented=unaccented,
                 amina=DelegationMember.objects.get(pk=amina.pk),
                 brian=DelegationMember.objects.get(pk=brian.pk), delegation=kenya,
                 stranger=stranger, needles=needles)
