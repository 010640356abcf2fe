"""The list of participants as a PDF (logistics.delegations.queries.participants): A4
portrait, the event and the title on the first page, then each kind of delegation under its
heading, each delegation's name, and its members one a line: the name as the badges print
it, and the title or function beside it. Text is drawn by .text, shaped in any script; a
page number at the foot of each page."""

import io

from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from accreditation.pdf_text.text import fonts, line, wrap
from logistics.core.names import person_name

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
INNER = PAGE_WIDTH - 2 * MARGIN
NAME_WIDTH = INNER * 0.48
TITLE_X = MARGIN + NAME_WIDTH + 4 * mm
TITLE_WIDTH = PAGE_WIDTH - MARGIN - TITLE_X
LEADING = 13
INK = HexColor("#1A1A1A")
GREY = HexColor("#5C636A")


class _Pages:
    """A canvas with a pen that moves down and turns the page when the space runs out."""

    def __init__(self, canvas):
        self.canvas, self.number = canvas, 1
        self.y = PAGE_HEIGHT - MARGIN

    def need(self, height):
        if self.y - height < MARGIN + 10 * mm:
            self.foot()
            self.canvas.showPage()
            self.number += 1
            self.y = PAGE_HEIGHT - MARGIN

    def foot(self):
        self.canvas.setFillColor(GREY)
        line(self.canvas, PAGE_WIDTH / 2, MARGIN / 2, str(self.number), "AccordSans", 8, INNER,
             align="centre")
        self.canvas.setFillColor(INK)

    def text(self, text, font, size, *, x=MARGIN, width=INNER, smallest=None):
        line(self.canvas, x, self.y, text, font, size, width, smallest=smallest)


def render_participants(event, participants):
    """The PDF of `participants` (a ParticipantsList) of `event`, as bytes."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(f"{event.name}: {_('List of participants')}")
    pen = _Pages(canvas)
    bold = fonts()["AccordSans-Bold"]
    canvas.setFillColor(INK)
    for text in wrap(event.name, bold, 14, INNER, 2):
        pen.y -= 16
        pen.text(text, "AccordSans-Bold", 14, smallest=10)
    pen.y -= 20
    pen.text(_("List of participants"), "AccordSans-Bold", 18, smallest=12)
    note = participants.note()
    if note:
        pen.y -= 16
        canvas.setFillColor(GREY)
        pen.text(note, "AccordSans", 9, smallest=7)
        canvas.setFillColor(INK)
    if not participants.delegations:
        pen.y -= 24
        pen.text(_("Nobody has agreed to be named in the list yet."), "AccordSans", 10)
    for heading, delegations in participants.sections():
        pen.y -= 10
        pen.need(3 * LEADING + 20)
        pen.y -= 18
        pen.text(heading, "AccordSans-Bold", 13, smallest=9)
        for listed in delegations:
            pen.need(2 * LEADING + 8)
            pen.y -= LEADING + 8
            pen.text(listed.name, "AccordSans-Bold", 11, smallest=8)
            for member in listed.members:
                titles = wrap(member.title, fonts()["AccordSans"], 9, TITLE_WIDTH, 2)
                pen.need(LEADING * max(1, len(titles)))
                pen.y -= LEADING
                pen.text(person_name(member.family_name, member.given_names), "AccordSans",
                         10, x=MARGIN + 4 * mm, width=NAME_WIDTH - 4 * mm, smallest=7)
                canvas.setFillColor(GREY)
                for number, title in enumerate(titles):
                    if number:
                        pen.y -= LEADING - 2
                    pen.text(title, "AccordSans", 9, x=TITLE_X, width=TITLE_WIDTH, smallest=7)
                canvas.setFillColor(INK)
    pen.foot()
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
