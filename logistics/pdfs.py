"""PDF documents (letters of assignment, press cards, ID copies, credentials, full powers)
rewritten with nothing a viewer would run or unpack by itself.

qpdf (through pikepdf) reads the file and writes a new one from the objects the pages
reach: whatever sat after the end of the file, in an earlier revision or in no object at
all is left behind. Before writing, every dictionary the document reaches loses its open
and additional actions (/OpenAction, /AA), its scripts, its embedded and associated files,
XFA forms and metadata; links keep only actions that go to a place in the document or to a
web address (the viewer asks first). Page contents are copied as they are, never inflated:
the cost stays that of the file's own size.
"""

import io

import pikepdf

from logistics.unpacking import PDF_MAX_INFLATED_BYTES, PDF_MAX_OBJECTS

# qpdf's own limits are off by default; these are process-wide, and Accord opens PDFs only
# here. Object and cross-reference streams are inflated while reading; nothing else is.
pikepdf.settings.set_qpdf_limits(
    flate_max_memory=PDF_MAX_INFLATED_BYTES, png_max_memory=PDF_MAX_INFLATED_BYTES,
    run_length_max_memory=PDF_MAX_INFLATED_BYTES, tiff_max_memory=PDF_MAX_INFLATED_BYTES,
    dct_max_memory=PDF_MAX_INFLATED_BYTES)

# Keys that make a viewer act or unpack by itself, wherever they are: open and additional
# actions (of the document, pages, fields, annotations), scripts, embedded and associated
# files, XFA forms (which carry scripts), and metadata.
DROPPED_KEYS = ("/OpenAction", "/AA", "/JavaScript", "/JS", "/EmbeddedFiles", "/EF", "/AF",
                "/XFA", "/Metadata", "/PieceInfo")
# What a link may still do.
KEPT_ACTIONS = ("/GoTo", "/URI", "/Named")
# Annotations that are a file, a player or a scene rather than a note on the page.
DROPPED_ANNOTATIONS = ("/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D")
# qpdf writes a file again as it read it only from the second writing on (it orders a
# stream's keys then): a cleaned file is rewritten until it comes out the same.
MAX_WRITINGS = 4


class PdfUnreadable(ValueError):
    pass


class PdfTooBig(PdfUnreadable):
    """More objects than PDF_MAX_OBJECTS: refused before they are all read."""


def clean_pdf(data):
    """The bytes of `data` rewritten without active content (see above). Raises
    PdfUnreadable for a file qpdf cannot read (damaged beyond repair, protected by a
    password, over a limit) or that has no page. Cleaning a cleaned file returns it as
    it is."""
    cleaned = _rewrite(data, strip=True)
    for _writing in range(MAX_WRITINGS - 1):
        if cleaned == data:
            break
        data, cleaned = cleaned, _rewrite(cleaned, strip=False)
    return cleaned


def _rewrite(data, *, strip):
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            # Declared by the cross-reference table, read before any object is.
            if int(pdf.trailer.get("/Size", 0)) > PDF_MAX_OBJECTS + 1:
                raise PdfTooBig("too many objects")
            if not len(pdf.pages):
                raise PdfUnreadable("no page")
            if strip:
                _strip(pdf)
            if "/ID" in pdf.trailer:
                del pdf.trailer["/ID"]  # made again from the content when written
            out = io.BytesIO()
            # The ID is made from the content (deterministic_id): the same document gives
            # the same bytes. Streams are copied without decoding (stream_decode_level).
            pdf.save(out, deterministic_id=True, encryption=False, fix_metadata_version=False,
                     stream_decode_level=pikepdf.StreamDecodeLevel.none)
            return out.getvalue()
    except PdfUnreadable:
        raise
    except Exception as error:  # qpdf fails a damaged or hostile file in many ways
        raise PdfUnreadable(str(error)) from None


def _strip(pdf):
    """Every dictionary reachable from the trailer, each once, loses DROPPED_KEYS, actions
    other than KEPT_ACTIONS and annotations of DROPPED_ANNOTATIONS."""
    if "/Info" in pdf.trailer:
        del pdf.trailer["/Info"]
    seen = set()
    pending = [pdf.trailer]
    while pending:
        obj = pending.pop()
        if not isinstance(obj, pikepdf.Object):
            continue  # numbers and booleans come as Python values
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
            if len(seen) > PDF_MAX_OBJECTS:  # the table may say fewer than there are
                raise PdfTooBig("too many objects")
        if isinstance(obj, pikepdf.Array):
            pending.extend(obj)
        elif isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            _strip_dictionary(obj)
            pending.extend(obj.values())


def _strip_dictionary(obj):
    for key in DROPPED_KEYS:
        if key in obj:
            del obj[key]
    action = obj.get("/A")
    if isinstance(action, pikepdf.Dictionary) and action.get("/S") not in KEPT_ACTIONS:
        del obj["/A"]
    if "/S" in obj and "/Next" in obj:
        del obj["/Next"]  # an action's chain: a kept link could run a script after it
    annotations = obj.get("/Annots")
    if isinstance(annotations, pikepdf.Array):
        kept = [a for a in annotations if not (isinstance(a, pikepdf.Dictionary)
                                               and a.get("/Subtype") in DROPPED_ANNOTATIONS)]
        if len(kept) != len(annotations):
            obj["/Annots"] = pikepdf.Array(kept)
