"""The images inside a PDF kept to their picture: what a camera or an editor wrote besides it
(EXIF with the GPS position, XMP, comments, thumbnails, whatever follows the image's end) is
taken out of the encoded bytes, without decoding a pixel (logistics.core.pdfs calls these).

A JPEG (a stream of /DCTDecode) is a run of marker segments: of those that are not the
picture's own (the frame, its tables, the scans and their entropy-coded data, restart
intervals) only two are kept, each cut to the fields a decoder reads: APP0 (JFIF: the pixel
density, without its thumbnail) and APP14 (Adobe: the colour transform, which a CMYK or YCCK
JPEG needs). APP1 to APP15 otherwise (EXIF, XMP, ICC, maker notes, Photoshop's resources)
and COM go; a PDF states an image's colour space in the image's own dictionary.

A JPEG 2000 image (/JPXDecode) is either a bare codestream or boxes around one: the boxes of
the picture and its header are kept, XML, UUID (EXIF, XMP, GeoJP2) and the rest go, and so
do the comments (COM) of the codestream's main header.
"""

SOI, EOI = b"\xff\xd8", b"\xff\xd9"
_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and the restart markers: no length
_SOS, _COM = 0xDA, 0xFE
_APP0, _APP14 = 0xE0, 0xEE
_APPS = range(0xE0, 0xF0)
_JFIF_FIELDS = 12  # "JFIF\0", version, units, densities; its thumbnail's size follows
_ADOBE_FIELDS = 12  # "Adobe", version, two flag words, the colour transform

# JPEG 2000: the boxes of the picture (JP2, and JPX's reader requirements, codestream
# header and compositing layer header), the boxes inside the JP2 header, and the
# codestream's markers.
_KEPT_BOXES = {b"jP  ", b"ftyp", b"rreq", b"jp2h", b"jp2c", b"jpch", b"jplh"}
_HEADER_BOXES = {b"ihdr", b"bpcc", b"colr", b"pclr", b"cmap", b"cdef", b"res ", b"resc",
                 b"resd"}
_SOC, _SOT, _J2K_COM = b"\xff\x4f", 0x90, 0x64


class NotAnImage(ValueError):
    """The bytes are not the image format their filter names."""


def jpeg_picture(data):
    """The JPEG `data` with nothing but its picture (see above); the same bytes when there
    is nothing to take out. Raises NotAnImage for bytes that are no JPEG."""
    if not data.startswith(SOI):
        raise NotAnImage("no JPEG start")
    kept, at, size = [SOI], 2, len(data)
    while at < size:
        if data[at] != 0xFF or at + 1 >= size:
            raise NotAnImage(f"no marker at {at}")
        marker = data[at + 1]
        if marker == 0xFF:  # a fill byte before a marker
            at += 1
            continue
        if marker == EOI[1]:
            break  # nothing after the image's end: another image, or anything, hides there
        if marker in _STANDALONE:
            kept.append(data[at:at + 2])
            at += 2
            continue
        end = at + 2 + int.from_bytes(data[at + 2:at + 4])
        if end > size or end < at + 4:
            raise NotAnImage(f"a segment of marker {marker:#x} runs past the end")
        if marker == _SOS:  # its header, then the entropy-coded data up to the next marker
            end = _entropy_coded_end(data, end)
            kept.append(data[at:end])
        else:
            kept.append(_kept_segment(marker, data[at + 4:end]))
        at = end
    kept.append(EOI)  # also ends a truncated scan, which decoders show as far as it goes
    return b"".join(kept)


def _kept_segment(marker, payload):
    if marker == _APP0:
        fields = payload[:_JFIF_FIELDS]
        return _segment(marker, fields + b"\x00\x00") if (
            fields.startswith(b"JFIF\x00") and len(fields) == _JFIF_FIELDS) else b""
    if marker == _APP14:
        fields = payload[:_ADOBE_FIELDS]
        return _segment(marker, fields) if (
            fields.startswith(b"Adobe") and len(fields) == _ADOBE_FIELDS) else b""
    if marker in _APPS or marker == _COM:
        return b""
    return _segment(marker, payload)


def _segment(marker, payload):
    return bytes((0xFF, marker)) + (len(payload) + 2).to_bytes(2) + payload


def _entropy_coded_end(data, at):
    """Where the entropy-coded data that starts at `at` ends: at the first marker that is
    not a stuffed 0xFF00, a restart marker or a fill byte."""
    while True:
        at = data.find(b"\xff", at)
        if at < 0 or at + 1 >= len(data):
            return len(data)
        following = data[at + 1]
        if following == 0x00 or following == 0xFF or following in _STANDALONE:
            at += 1
            continue
        return at


def jpeg2000_picture(data):
    """The JPEG 2000 `data` (JP2 boxes or a bare codestream) with nothing but its picture
    (see above). Raises NotAnImage for bytes that are neither."""
    if data.startswith(_SOC):
        return _codestream(data)
    kept = []
    for kind, content in _boxes(data):
        if kind == b"jp2h":
            content = b"".join(_box(name, body) for name, body in _boxes(content)
                               if name in _HEADER_BOXES)
        elif kind == b"jp2c":
            content = _codestream(content)
        if kind in _KEPT_BOXES:
            kept.append(_box(kind, content))
    if not kept or not kept[0][4:8] == b"jP  ":
        raise NotAnImage("no JPEG 2000 signature")
    return b"".join(kept)


def _boxes(data):
    """(type, content) of each box in `data`, in order."""
    at = 0
    while at < len(data):
        length, kind, start = int.from_bytes(data[at:at + 4]), data[at + 4:at + 8], at + 8
        if length == 1:  # the length follows, on 8 bytes
            length, start = int.from_bytes(data[at + 8:at + 16]), at + 16
        elif length == 0:  # up to the end
            length = len(data) - at
        end = at + length
        if len(kind) != 4 or end > len(data) or end < start:
            raise NotAnImage(f"a box runs past the end at {at}")
        yield kind, data[start:end]
        at = end


def _box(kind, content):
    return (len(content) + 8).to_bytes(4) + kind + content


def _codestream(data):
    """A JPEG 2000 codestream without the comments of its main header (up to the first
    tile, whose data is copied as it is)."""
    if not data.startswith(_SOC):
        raise NotAnImage("no codestream start")
    kept, at = [_SOC], 2
    while at + 4 <= len(data) and data[at] == 0xFF and data[at + 1] != _SOT:
        end = at + 2 + int.from_bytes(data[at + 2:at + 4])
        if end > len(data) or end < at + 4:
            raise NotAnImage(f"a marker segment runs past the end at {at}")
        if data[at + 1] != _J2K_COM:
            kept.append(data[at:end])
        at = end
    kept.append(data[at:])
    return b"".join(kept)
