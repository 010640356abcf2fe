"""The bilateral meetings' refusals (see logistics.core.errors)."""

from logistics.core.errors import AccordError


class InvalidBilateral(AccordError):
    code = "invalid_bilateral"
