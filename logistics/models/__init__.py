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
