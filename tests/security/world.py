"""One small event with one object of every kind a URL can name, the people of every role
and an API key per scope: what the permission matrix walk requests each URL with.

`kwargs(name, variant)` gives the URL arguments for a row of docs/PERMISSIONS.md; rows with
an `own` cell also need `other_kwargs(name, variant)`: the same URL on something that is not
the caller's (another agency's task, an unknown secret link, another key's webhook)."""

import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from accreditation.applications.services.applications import application_request_information
from accreditation.applications.services.bulk_decisions import (
    bulk_decision_run,
    bulk_decision_start,
)
from accreditation.badges.services import batches as batch_services
from accreditation.badges.services.badges import badge_issue
from accreditation.enums import CheckpointMode
from accreditation.gates.models import Checkpoint
from accreditation.integrations.services.webhooks import webhook_register
from accreditation.keys.models import ApiScope
from accreditation.keys.services import api_key_create
from accreditation.setup.models import Zone
from accreditation.setup.services import office as accreditation_setup
from logistics.core.enums import MailKind, Role
from logistics.core.mail import mail_queue
from logistics.delegations.calendar_link import delegation_ical_token
from logistics.programme.enums import SessionKind
from logistics.side_events.enums import ProposalStatus
from tests.factories.accreditation import OutletFactory, approved, categories, journalist
from tests.factories.delegations import DelegationFactory, MemberFactory, country
from tests.factories.plan import (
    AgencyFactory,
    CommitteeFactory,
    EventFactory,
    TaskFactory,
    user_with_role,
)
from tests.factories.programme import RoomFactory, SessionFactory, VenueFactory
from tests.factories.protocol import BilateralFactory, PlenaryFactory, SpeakerSlotFactory
from tests.factories.registration import PDF_BYTES, InvitationFactory, image_bytes
from tests.factories.side_events import ProposalFactory
from tests.factories.signing import SigningFactory, StateDelegationFactory

ROLES = [Role.SECRETARIAT, Role.STEERING, Role.FOCAL_POINT, Role.OBSERVER, Role.PROTOCOL,
         Role.PROGRAMME, Role.ACCREDITATION, Role.VETTING, Role.GATE]
SCOPES = [ApiScope.READ, ApiScope.WRITE, ApiScope.ACCREDITATION_READ,
          ApiScope.ACCREDITATION_WRITE, ApiScope.ACCREDITATION_DECIDE, ApiScope.SCAN,
          ApiScope.PERSONAL_DATA]
UNKNOWN_TOKEN = "not-a-link-we-sent-0000000000000000000000000"


@dataclass
class World:
    users: dict = field(default_factory=dict)
    keys: dict = field(default_factory=dict)  # scope -> (ApiKey, raw)
    objects: dict = field(default_factory=dict)


@contextmanager
def world_for_a_module(django_db_blocker, tmp_path_factory):
    """The world, built once for a test module (its fixture is module-scoped and asks for
    django_db_setup) inside a transaction rolled back at the module's end; each test runs in
    a savepoint within it. Uploads go to a folder of the module's own."""
    media = str(tmp_path_factory.mktemp("media"))
    with (django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media),
          transaction.atomic()):
        yield build_world()
        transaction.set_rollback(True)


def build_world():
    """Everything in one event that starts in three weeks (registration and proposals still
    open). Every role's user may open the admin site (is_staff), so that the admin rows say
    what each role may do there, not only that the door is shut."""
    world = World()
    o = world.objects
    event = o["event"] = EventFactory(start_date=timezone.localdate() + timedelta(days=21),
                                      end_date=timezone.localdate() + timedelta(days=23))
    o["agency"] = AgencyFactory(event=event, code="MPS", name="Ministry of Public Security")
    o["other_agency"] = AgencyFactory(event=event, code="MOFA", name="Ministry of Foreign Affairs")
    o["committee"] = CommitteeFactory(event=event, code="SEC", name="Security")
    o["task"] = TaskFactory(event=event, committee=o["committee"], lead_agency=o["agency"],
                            code="SEC-01", due_date=event.today() + timedelta(days=10))
    o["others_task"] = TaskFactory(event=event, committee=o["committee"],
                                   lead_agency=o["other_agency"], code="PRO-01",
                                   due_date=event.today() + timedelta(days=12))
    for role in ROLES:
        agencies = [o["agency"]] if role == Role.FOCAL_POINT else []
        world.users[str(role)] = user_with_role(role, username=f"matrix-{role}",
                                                agencies=agencies, is_staff=True)
    secretariat = world.users[str(Role.SECRETARIAT)]

    # Delegations: ours (A) and another one (B), each with its link and one member.
    o["delegation"] = StateDelegationFactory(event=event, country=country("FR"))
    o["other_delegation"] = DelegationFactory(event=event, name="Institute for Digital Trust",
                                              head_name="Dr Ingrid Vogel")
    o["member"] = MemberFactory(delegation=o["delegation"], family_name="Martin",
                                in_list_of_participants=True)
    o["other_member"] = MemberFactory(delegation=o["other_delegation"], family_name="Schmidt")
    o["member"].photo.save("photo.jpg", ContentFile(image_bytes()), save=True)
    o["invitation"] = InvitationFactory(delegation=o["delegation"])
    o["other_invitation"] = InvitationFactory(delegation=o["other_delegation"])
    # The outbox's page lists it (its address is the focal point's).
    o["mail"] = mail_queue(key=f"invitation:{o['invitation'].pk}", kind=MailKind.INVITATION,
                           event=event, to=[o["invitation"].email])
    o["signing"] = SigningFactory(delegation=o["delegation"])
    o["plenary"] = PlenaryFactory(event=event)
    o["slot"] = SpeakerSlotFactory(session=o["plenary"], delegation=o["delegation"])
    o["bilateral"] = BilateralFactory(event=event, requester=o["delegation"],
                                      counterpart=o["other_delegation"])

    # Programme and side events.
    o["venue"] = VenueFactory(event=event)
    o["room"] = RoomFactory(venue=o["venue"], name="Room B", capacity=80)
    o["session"] = SessionFactory(event=event, room=o["room"], kind=SessionKind.SEMINAR)
    o["proposal"] = ProposalFactory(event=event, status=ProposalStatus.ACCEPTED)

    # Accreditation: set-up, an application asked for information, an approved one with its
    # badge, a batch, a checkpoint.
    cats = categories(event)
    o["category"] = cats["P"]
    o["zone"] = Zone.objects.filter(event=event).order_by("code").first()
    o["outlet"] = OutletFactory(event=event, name="Vietnam News Agency")
    o["quota"] = accreditation_setup.organisation_quota_create(
        category=cats["N"], by=secretariat, organisation="Red Cross", quota=2)
    o["application"] = journalist(event, outlet=o["outlet"])
    o["application"].photo.save("photo.jpg", ContentFile(image_bytes()), save=True)
    o["application"].id_copy.save("id.pdf", ContentFile(PDF_BYTES), save=True)
    application_request_information(application=o["application"], by=secretariat,
                                    message="Please send a signed letter.")
    o["application"].refresh_from_db()
    o["badge"] = badge_issue(application_id=approved(journalist(event, outlet=o["outlet"])).pk)
    o["batch"] = batch_services.batch_create(event=event, badges=[o["badge"].pk],
                                             by=secretariat)
    batch_services.batch_run(batch_id=o["batch"].pk)
    o["bulk_decision"] = bulk_decision_start(
        event=event, by=secretariat, action="start_review", ids=[o["application"].pk],
        key=uuid.uuid4())
    bulk_decision_run(job_id=o["bulk_decision"].pk)
    o["checkpoint"] = Checkpoint.objects.create(event=event, zone=o["zone"], name="Main door",
                                                mode=CheckpointMode.BOTH)

    # One key per scope, each with a webhook when its scope may have one; and a key of
    # someone else's, whose webhook no other key may see.
    for scope in SCOPES:
        world.keys[str(scope)] = api_key_create(name=f"matrix {scope}", scopes=[scope])
    stranger, _ = api_key_create(name="someone else", scopes=[ApiScope.ACCREDITATION_READ])
    o["other_webhook"] = webhook_register(api_key=stranger, url="https://hooks.example.org/x",
                                          events=["badge.issued"])
    o["webhooks"] = {}
    for scope, (key, _raw) in world.keys.items():
        if scope.startswith("accreditation:"):
            o["webhooks"][scope] = webhook_register(
                api_key=key, url="https://hooks.example.org/accord", events=["badge.issued"])
    o["task_update"] = _task_update(o["task"], secretariat)
    return world


def _task_update(task, by):
    from logistics.plan.services.master_plan import task_update_progress

    task_update_progress(task=task, by=by, status="in_progress", progress=10)
    return task.updates.get()


# URL arguments by URL name. Page names are the names of config/urls.py and the apps' URL
# modules; API names are "api:<route name>".
PAGE_KWARGS = {
    "register": lambda o: {"token": o["invitation"].token},
    "register_bilaterals": lambda o: {"token": o["invitation"].token},
    "register_members_upload": lambda o: {"token": o["invitation"].token},
    "register_members_template": lambda o: {"token": o["invitation"].token, "fmt": "xlsx"},
    "delegation_ical": lambda o: {"token": delegation_ical_token(o["delegation"])},
    "side_event_confirm": lambda o: {"token": o["proposal"].confirm_token},
    "apply_correct": lambda o: {"token": o["application"].token},
    "logistics:task_detail": lambda o: {"pk": o["task"].pk},
    "logistics:task_progress": lambda o: {"pk": o["task"].pk},
    "logistics:agency_detail": lambda o: {"pk": o["agency"].pk},
    "logistics:plan_export": lambda o: {"fmt": "csv"},
    "logistics:upload": lambda o: {"kind": "photo", "pk": o["member"].pk},
    "logistics:speaker_inscribe": lambda o: {"session_pk": o["plenary"].pk},
    "logistics:speakers_order": lambda o: {"session_pk": o["plenary"].pk},
    "accreditation:application_file": lambda o: {"pk": o["application"].pk, "kind": "photo"},
}
# The object a `pk` names, by the start of the URL name.
PK_OBJECT = [
    ("logistics:task_", "task"), ("logistics:agency_", "agency"),
    ("logistics:committee_", "committee"), ("logistics:delegation_", "delegation"),
    ("logistics:signing_", "signing"),
    ("logistics:speaker_", "slot"), ("logistics:bilateral_", "bilateral"),
    ("logistics:session_", "session"), ("logistics:room_", "room"),
    ("logistics:proposal_", "proposal"), ("accreditation:category_", "category"),
    ("accreditation:zone_", "zone"), ("accreditation:outlet_", "outlet"),
    ("accreditation:quota_", "quota"), ("accreditation:application_", "application"),
    ("accreditation:vetting_", "application"), ("accreditation:badge_", "badge"),
    ("accreditation:batch_", "batch"), ("accreditation:checkpoint_", "checkpoint"),
    ("accreditation:bulk_decision_", "bulk_decision"),
]
# API routes: the object of a detail route by the router's basename.
API_OBJECT = {
    "event": "event", "agency": "agency", "committee": "committee", "task": "task",
    "task-update": "task_update", "delegation": "delegation", "member": "member",
    "signing": "signing", "room": "room", "session": "session", "speaker": "slot",
    "side-event-proposal": "proposal", "application": "application", "badge": "badge",
}

OTHER_KWARGS = {
    "logistics:task_progress": lambda o, column: {"pk": o["others_task"].pk},
    "api:task-detail": lambda o, column: {"pk": o["others_task"].pk},
    "api:task-progress": lambda o, column: {"pk": o["others_task"].pk},
    "api:webhook-detail": lambda o, column: {"pk": o["other_webhook"].pk},
    "api:webhook-deliveries": lambda o, column: {"pk": o["other_webhook"].pk},
    "register": lambda o, column: {"token": UNKNOWN_TOKEN},
    "register_bilaterals": lambda o, column: {"token": UNKNOWN_TOKEN},
    "register_members_upload": lambda o, column: {"token": UNKNOWN_TOKEN},
    "register_members_template": lambda o, column: {"token": UNKNOWN_TOKEN, "fmt": "xlsx"},
    "delegation_ical": lambda o, column: {"token": UNKNOWN_TOKEN},
    "side_event_confirm": lambda o, column: {"token": UNKNOWN_TOKEN},
    "apply_correct": lambda o, column: {"token": UNKNOWN_TOKEN},
}


class NoArguments(LookupError):
    """A URL takes arguments the walk does not know how to fill: name the URL."""


def kwargs(world, name, params, column=None):
    """The URL arguments of `name` (its parameters `params`) for `column`: the objects of
    the world, the caller's own webhook for a key."""
    o = world.objects
    if not params:
        return {}
    if name in PAGE_KWARGS:
        return PAGE_KWARGS[name](o)
    if name.startswith("api:"):
        route = name[len("api:"):]
        if route.startswith("webhook-"):
            hook = o["webhooks"].get(column) or o["other_webhook"]
            return {"pk": hook.pk}
        bases = [b for b in API_OBJECT if route == b or route.startswith(b + "-")]
        if bases:
            obj = o[API_OBJECT[max(bases, key=len)]]
            return {"reference": obj.reference} if "reference" in params else {"pk": obj.pk}
    for prefix, key in PK_OBJECT:
        if name.startswith(prefix) and params == {"pk"}:
            return {"pk": o[key].pk}
    raise NoArguments(name)


def other_kwargs(world, name, column):
    if name not in OTHER_KWARGS:
        raise NoArguments(f"{name} (an `own` cell needs someone else's object)")
    return OTHER_KWARGS[name](world.objects, column)
