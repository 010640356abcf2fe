"""The list of participants (logistics.delegations.queries.participants) as a page, a PDF and a
spreadsheet: for every reader of the delegations. It holds only what each member agreed to
publish, so it is the same for every one of them."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accreditation.participants.pdf import render_participants
from logistics.core import spreadsheet_files
from logistics.core.views.common import protocol_reader
from logistics.delegations.queries.participants import participant_rows, participants_list


def _file(content, content_type, name, *, attachment):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@protocol_reader
def participants(request, event):
    participants = participants_list(event)
    return render(request, "accreditation/participants/list.html", {
        "event": event, "participants": participants, "sections": participants.sections()})


@require_GET
@protocol_reader
def participants_pdf(request, event):
    """The PDF, shown in the browser to print or send."""
    content = render_participants(event, participants_list(event))
    return _file(content, "application/pdf", f"participants-{event.slug}.pdf",
                 attachment=False)


@require_GET
@protocol_reader
def participants_xlsx(request, event):
    rows = participant_rows(participants_list(event))
    content = spreadsheet_files.write_xlsx(rows, title=_("Participants"))
    return _file(content, spreadsheet_files.XLSX_CONTENT_TYPE, f"participants-{event.slug}.xlsx",
                 attachment=True)
