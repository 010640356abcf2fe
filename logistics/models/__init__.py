from .delegations import Country, Delegation, DelegationMember
from .event import Agency, Committee, Event
from .plan import Reminder, Task, TaskUpdate
from .programme import Room, Session, Venue

__all__ = [
    "Agency", "Committee", "Country", "Delegation", "DelegationMember", "Event", "Reminder",
    "Room", "Session", "Task", "TaskUpdate", "Venue",
]
