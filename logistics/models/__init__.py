from .delegations import Country, Delegation, DelegationMember, Invitation
from .event import Agency, Committee, Event
from .plan import Reminder, Task, TaskUpdate
from .programme import Room, Session, Venue
from .signing import Signing

__all__ = [
    "Agency", "Committee", "Country", "Delegation", "DelegationMember", "Event", "Invitation",
    "Reminder", "Room", "Session", "Signing", "Task", "TaskUpdate", "Venue",
]
