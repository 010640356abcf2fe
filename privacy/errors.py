"""The privacy app's refusals, with the stable codes every domain error has."""

from logistics.core.errors import AccordError


class PurgeTooEarly(AccordError):
    """The event's personal data is kept until its last day plus the days asked for."""

    code = "purge_too_early"


class NothingToExport(AccordError):
    code = "nothing_to_export"
    http_status = 404


class SearchIncomplete(AccordError):
    code = "search_incomplete"
