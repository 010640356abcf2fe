"""The master plan's refusals (see logistics.core.errors)."""

from logistics.core.errors import AccordError


class DependencyCycle(AccordError):
    code = "dependency_cycle"


class InvalidTask(AccordError):
    code = "invalid_task"
