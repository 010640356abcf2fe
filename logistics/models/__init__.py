"""The host committee's data, one module per part of the work (the app label stays
"logistics"; tables are `logistics_<model>`):

- event: the Event (dates, venue, time zone, reminder rules, the signing threshold), its
  Agencies (lead and coordinating agencies, with focal points) and Committees.
- plan: the master plan's Tasks (lead agency, coordinating agencies, deadline, progress),
  their TaskUpdates, the Reminders sent about them and the daily ReadinessSnapshot.
- delegations: Countries (the UN names, CLDR's in other languages), Delegations, their
  members (DelegationMember: heads of delegation first) and registration Invitations.
- signing: one Signing per state (full powers, the plenary run of show or the treaty desk).
- programme: Venues, Rooms, Sessions, the speakers list (SpeakerSlot), HostLeaders,
  BilateralMeetings, published ProgrammeVersions and the change mails they caused.
- side_events: SideEventProposals and their ProposalReviews.
- accounts, mail, queueing, files: staff second factors, the per-address mail count,
  messages the broker refused (UnsentTask), and stored-file names.
"""

from .accounts import Authenticator, RecoveryCodes
from .delegations import Country, Delegation, DelegationMember, Invitation
from .event import Agency, Committee, Event
from .mail import MailCount, OutgoingMail
from .plan import ReadinessSnapshot, Reminder, Task, TaskUpdate
from .programme import (
    BilateralMeeting,
    HostLeader,
    ProgrammeVersion,
    Room,
    Session,
    SpeakerSlot,
    Venue,
)
from .queueing import UnsentTask
from .side_events import ProposalReview, SideEventProposal
from .signing import Signing

__all__ = [
    "Agency", "Authenticator", "BilateralMeeting", "Committee", "Country", "Delegation",
    "DelegationMember", "Event", "HostLeader", "Invitation", "MailCount", "OutgoingMail",
    "ProgrammeVersion",
    "ProposalReview", "ReadinessSnapshot", "RecoveryCodes", "Reminder", "Room", "Session",
    "SideEventProposal",
    "Signing", "SpeakerSlot", "Task", "TaskUpdate", "UnsentTask", "Venue",
]
