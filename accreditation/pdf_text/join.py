"""One PDF out of many small ones, written as it goes.

reportlab keeps a whole document in memory until it is saved; a batch of thousands of badges
is therefore drawn a chunk at a time, each chunk a small PDF of its own, and Joiner copies
each chunk's objects, renumbered, into the one output file as soon as the chunk is made. Only
the objects' offsets are kept, for the cross-reference table at the end.
"""

import re

_REFERENCE = re.compile(rb"(\d+) 0 R\b")
_HEADER = re.compile(rb"(\d+) 0 obj\s")


class Joiner:
    """Copies the pages of PDFs that reportlab made into one PDF written to `out` as it goes:
    each part's objects are renumbered and written out at once, its page tree hung under one
    root. Objects 1 to 3 are the root page tree, the catalogue and the document information,
    written last."""

    ROOT, CATALOG, INFO = 1, 2, 3

    def __init__(self, out):
        self.out = out
        self.position = 0
        self.offsets = {}
        self.next_number = 4
        self.kids = []
        self.pages = 0
        self._write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

    def _write(self, data):
        self.out.write(data)
        self.position += len(data)

    def _object(self, number, body):
        self.offsets[number] = self.position
        self._write(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    def add(self, data):
        objects, root, info = _parse(data)
        pages = int(re.search(rb"/Pages (\d+) 0 R", _dictionary(objects[root])).group(1))
        kept = sorted(number for number in objects if number not in (root, info))
        numbers = {old: self.next_number + i for i, old in enumerate(kept)}
        self.next_number += len(kept)

        def renumber(match):
            return b"%d 0 R" % numbers[int(match.group(1))]

        for old in kept:
            body = objects[old]
            head = _dictionary(body)
            new_head = _REFERENCE.sub(renumber, head)
            if old == pages:
                self.pages += int(re.search(rb"/Count (\d+)", head).group(1))
                new_head = new_head.replace(b"<<", b"<< /Parent %d 0 R" % self.ROOT, 1)
            self._object(numbers[old], new_head + body[len(head):])
        self.kids.append(numbers[pages])

    def close(self):
        kids = b" ".join(b"%d 0 R" % kid for kid in self.kids)
        self._object(self.ROOT, b"<< /Type /Pages /Kids [ %s ] /Count %d >>"
                     % (kids, self.pages))
        self._object(self.CATALOG, b"<< /Type /Catalog /Pages %d 0 R >>" % self.ROOT)
        self._object(self.INFO, b"<< /Producer (Accord) /Creator (Accord) >>")
        size = self.next_number
        xref = self.position
        lines = [b"xref\n0 %d\n" % size, b"0000000000 65535 f \n"]
        lines += [b"%010d 00000 n \n" % self.offsets[number] for number in range(1, size)]
        self._write(b"".join(lines))
        self._write(b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
                    % (size, self.CATALOG, self.INFO, xref))


def _dictionary(body):
    """The part of an object's body before its stream, if it has one: the only part that
    holds references (a stream's bytes are never touched)."""
    for marker in (b"\nstream\r\n", b"\nstream\n", b">>stream"):
        at = body.find(marker)
        if at >= 0:
            return body[:at]
    return body


def _parse(data):
    """({number: body}, catalogue number, info number) of a PDF reportlab wrote: a classic
    cross-reference table, one generation, no object streams."""
    start = int(data[data.rindex(b"startxref") + 9:].split()[0])
    lines = data[start:].split(b"\n", 2)
    count = int(lines[1].split()[1])
    table = lines[2]
    offsets = {}
    for number in range(1, count):
        entry = table[number * 20:(number + 1) * 20]
        if entry[17:18] == b"n":
            offsets[number] = int(entry[:10])
    trailer = data[start:]
    root = int(re.search(rb"/Root (\d+) 0 R", trailer).group(1))
    info = int(re.search(rb"/Info (\d+) 0 R", trailer).group(1))
    starts = sorted(offsets.values())
    end_of = dict(zip(starts, [*starts[1:], start], strict=True))
    objects = {}
    for number, offset in offsets.items():
        span = data[offset:end_of[offset]]
        header = _HEADER.match(span)
        if header is None or int(header.group(1)) != number:
            raise ValueError(f"Object {number} is not where the cross-reference table says.")
        objects[number] = span[header.end():span.rindex(b"endobj")].rstrip()
    return objects, root, info
