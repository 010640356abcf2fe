"""Which models the audit trail tracks, and which of their fields are personal: the plan's
and the delegations' records. It names models of several parts of the work, so it lives
beside the app's other wiring (admin, urls), not in the core that every part imports."""

from logistics.core import permissions
from logistics.core.audit import track


def register():
    """The plan's and the delegations' models. (Reminders, task updates, invitations' mail
    claims are the system's own bookkeeping or already a record, and are not tracked.)"""
    from logistics.bilaterals.models import BilateralMeeting
    from logistics.core.models.event import Agency, Committee, Event
    from logistics.delegations.models import Delegation, DelegationMember, Invitation
    from logistics.plan.models import Task
    from logistics.signing.models import Signing
    from logistics.speakers.models import SpeakerSlot

    personal = permissions.can_see_personal_data
    track(Event)
    track(Agency, m2m=["focal_points"])
    track(Committee, m2m=["member_agencies"])
    track(Task, m2m=["coordinating_agencies", "depends_on"])
    track(Delegation, personal=["hotel", "focal_point_email", "credentials_document"],
          may_see_personal=personal,
          children=[(DelegationMember, "delegation"), (Invitation, "delegation"),
                    (Signing, "delegation"), (SpeakerSlot, "delegation"),
                    (BilateralMeeting, "requester")])
    # What every reader of a delegation sees of its members: their names and functions.
    member_public = {"delegation", "family_name", "given_names", "title", "is_head"}
    track(DelegationMember, may_see_personal=personal,
          personal=[f.name for f in DelegationMember._meta.concrete_fields
                    if f.name not in member_public])
    # The link itself is a SecretField, never logged; the address it went to is personal (and
    # its name, which shows it).
    track(Invitation, personal=["email"], may_see_personal=personal,
          public_name=False)
    track(Signing, personal=["full_powers_document"], may_see_personal=personal)
    track(SpeakerSlot)
    track(BilateralMeeting)
