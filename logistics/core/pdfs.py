"""PDF documents (letters of assignment, press cards, ID copies, credentials, full powers)
rewritten with nothing a viewer would run or unpack by itself.

qpdf (through pikepdf) reads the file and writes a new one from the objects the pages
reach: whatever sat after the end of the file, in an earlier revision or in no object at
all is left behind. Before writing, the document's catalog and its pages keep only the keys
a letter or a scan needs (anything else hung on them, a stream of the sender's choosing
under a key of theirs, forms, layers, thumbnails, goes), and every dictionary the document
reaches loses its open and additional actions (/OpenAction, /AA), its scripts, its embedded
and associated files, XFA forms and metadata (XMP on the document, a page or an image);
links keep only actions that go to a place in the document or to an http, https or mailto
address (the viewer asks first). Images keep their picture only: the EXIF (GPS) a phone's
scanning app left in a JPEG goes (logistics.core.pdf_images), without decoding the image. Page
contents are copied as they are, never inflated: the cost stays that of the file's own size.
"""

import io
import re

import pikepdf

from logistics.core.pdf_images import NotAnImage, jpeg2000_picture, jpeg_picture
from logistics.core.unpacking import PDF_MAX_INFLATED_BYTES, PDF_MAX_OBJECTS

# qpdf's own limits are off by default; these are process-wide, and Accord opens PDFs only
# here. Object and cross-reference streams are inflated while reading, and a filter wrapped
# around an image (Flate over a JPEG) while cleaning it; nothing else is.
pikepdf.settings.set_qpdf_limits(
    flate_max_memory=PDF_MAX_INFLATED_BYTES, png_max_memory=PDF_MAX_INFLATED_BYTES,
    run_length_max_memory=PDF_MAX_INFLATED_BYTES, tiff_max_memory=PDF_MAX_INFLATED_BYTES,
    dct_max_memory=PDF_MAX_INFLATED_BYTES)

# Keys that make a viewer act or unpack by itself, wherever they are: open and additional
# actions (of the document, pages, fields, annotations), scripts, embedded and associated
# files, XFA forms (which carry scripts), metadata, and an image's other pictures (an
# alternate for printing, a prepress link to a file elsewhere).
DROPPED_KEYS = ("/OpenAction", "/AA", "/JavaScript", "/JS", "/EmbeddedFiles", "/EF", "/AF",
                "/XFA", "/Metadata", "/PieceInfo", "/Alternates", "/OPI")
# The only keys the trailer, the catalog, its name dictionary, the nodes of the page tree
# and a resource dictionary keep: what a letter or a scan needs to show its pages, its
# bookmarks and its links, and to be read aloud (the structure tree).
TRAILER_KEYS = ("/Root", "/Size", "/ID", "/Encrypt")
CATALOG_KEYS = ("/Type", "/Version", "/Pages", "/PageLabels", "/PageLayout", "/PageMode",
                "/ViewerPreferences", "/Outlines", "/Dests", "/Names", "/Lang", "/MarkInfo",
                "/StructTreeRoot")
NAMES_KEYS = ("/Dests",)
PAGE_KEYS = ("/Type", "/Parent", "/Kids", "/Count", "/Resources", "/MediaBox", "/CropBox",
             "/BleedBox", "/TrimBox", "/ArtBox", "/Rotate", "/UserUnit", "/Contents",
             "/Annots", "/Group", "/StructParents", "/Tabs")
RESOURCE_KEYS = ("/Font", "/XObject", "/ExtGState", "/ColorSpace", "/Pattern", "/Shading",
                 "/Properties", "/ProcSet")
# What a link may still do, and where a web link may go: not javascript:, file:, data: or
# a path the viewer would resolve against the file's own place.
KEPT_ACTIONS = ("/GoTo", "/URI", "/Named")
KEPT_URI = re.compile(rb"(?i)(https?|mailto):")
# Image streams whose encoded bytes carry more than the picture, by their last filter.
PICTURE_ONLY = {"/DCTDecode": jpeg_picture, "/JPXDecode": jpeg2000_picture}
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
    """The trailer, the catalog and the page tree keep their own keys only; then every
    dictionary reachable from the trailer, each once, loses DROPPED_KEYS, actions other
    than KEPT_ACTIONS and annotations of DROPPED_ANNOTATIONS, and every image stream keeps
    its picture only."""
    _keep_only(pdf.trailer, TRAILER_KEYS)
    _keep_only(pdf.Root, CATALOG_KEYS)
    _keep_only(pdf.Root.get("/Names"), NAMES_KEYS)
    for node in _page_tree(pdf):
        _keep_only(node, PAGE_KEYS)
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
            if isinstance(obj, pikepdf.Stream):
                _keep_picture_only(obj)
            pending.extend(obj.values())


def _keep_only(obj, keys):
    if isinstance(obj, pikepdf.Dictionary):
        for key in set(obj.keys()) - set(keys):
            del obj[key]


def _page_tree(pdf):
    """Every page and every node of the page tree above it, each once."""
    nodes = {}
    for page in pdf.pages:
        node = page.obj
        while isinstance(node, pikepdf.Dictionary) and node.objgen not in nodes:
            nodes[node.objgen] = node
            node = node.get("/Parent")
    return nodes.values()


def _strip_dictionary(obj):
    for key in DROPPED_KEYS:
        if key in obj:
            del obj[key]
    _keep_only(obj.get("/Resources"), RESOURCE_KEYS)
    for key in ("/A", "/PA"):  # a link's action, and the action of the link it came from
        action = obj.get(key)
        if isinstance(action, pikepdf.Dictionary) and not _kept_action(action):
            del obj[key]
    if "/S" in obj and "/Next" in obj:
        del obj["/Next"]  # an action's chain: a kept link could run a script after it
    annotations = obj.get("/Annots")
    if isinstance(annotations, pikepdf.Array):
        kept = [a for a in annotations if not (isinstance(a, pikepdf.Dictionary)
                                               and a.get("/Subtype") in DROPPED_ANNOTATIONS)]
        if len(kept) != len(annotations):
            obj["/Annots"] = pikepdf.Array(kept)


def _kept_action(action):
    kind = action.get("/S")
    if kind != "/URI":
        return kind in KEPT_ACTIONS
    uri = action.get("/URI")
    return isinstance(uri, pikepdf.String) and KEPT_URI.match(bytes(uri)) is not None


def _keep_picture_only(stream):
    """An image's encoded bytes without what its format carries besides the picture,
    written back under the image's own filter (the last) alone: any filter before it (Flate
    over a JPEG) is undone by qpdf, within its limits."""
    filters = stream.get("/Filter")
    filters = list(filters) if isinstance(filters, pikepdf.Array) else [filters]
    picture_only = PICTURE_ONLY.get(str(filters[-1])) if filters else None
    if picture_only is None:
        return
    parms = stream.get("/DecodeParms")
    parms = list(parms) if isinstance(parms, pikepdf.Array) else [parms]
    parms = parms if len(parms) == len(filters) else [None] * len(filters)
    if len(filters) > 1:
        stream.write(stream.read_raw_bytes(), filter=pikepdf.Array(filters[:-1]),
                     decode_parms=pikepdf.Array(parms[:-1]))
        data = stream.read_bytes()
    else:
        data = stream.read_raw_bytes()
    try:
        kept = picture_only(data)
    except NotAnImage as error:
        raise PdfUnreadable(f"an image is not what its filter says: {error}") from None
    if kept != data or len(filters) > 1:
        own = parms[-1] if isinstance(parms[-1], pikepdf.Dictionary) else None
        stream.write(kept, filter=filters[-1], decode_parms=own)
