from .event import Agency, Committee, Event
from .plan import Reminder, Task, TaskUpdate

__all__ = ["Agency", "Committee", "Event", "Reminder", "Task", "TaskUpdate"]
