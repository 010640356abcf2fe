"""Badge PDFs: a page per badge, the holder's photo or a placeholder, names in any script, a
QR code holding the badge's signed code, and big batches written as they are drawn."""

import io
import re
import unicodedata
import zlib
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from PIL import Image
from reportlab.lib.pagesizes import A6
from reportlab.pdfgen.canvas import Canvas

from accreditation.badges import codes, pdf
from accreditation.badges.models import Badge
from accreditation.badges.queries import badges_for_print
from accreditation.badges.services.badges import badge_issue
from accreditation.pdf_text import text
from tests.factories.accreditation import approved, journalist

PAGE = re.compile(rb"/Type /Page(?!s)")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def _badge(event, **fields):
    application = approved(journalist(event, **fields))
    return badges_for_print(event).get(pk=badge_issue(application_id=application.pk).pk)


def assert_well_formed(data):
    """The header, the trailer, and a cross-reference table whose every entry points at the
    object it names: what a PDF reader relies on to open the file."""
    assert data.startswith(b"%PDF-1.")
    assert data.rstrip().endswith(b"%%EOF")
    start = int(data[data.rindex(b"startxref") + 9:].split()[0])
    assert data[start:start + 4] == b"xref"
    header, count_line, table = data[start:].split(b"\n", 2)
    count = int(count_line.split()[1])
    for number in range(1, count):
        entry = table[number * 20:(number + 1) * 20]
        assert entry.endswith(b" n \n"), (number, entry)
        offset = int(entry[:10])
        assert data[offset:].startswith(b"%d 0 obj\n" % number), number
    trailer = data[start:]
    root = int(re.search(rb"/Root (\d+) 0 R", trailer).group(1))
    assert b"/Type /Catalog" in data[int(table[root * 20:root * 20 + 10]):][:200]


def _page_streams(data):
    """The decompressed content streams of the pages."""
    streams = []
    for match in re.finditer(rb"/Filter \[ /FlateDecode \] /Length (\d+)\s*>>\s*stream\r?\n",
                             data):
        raw = data[match.end():match.end() + int(match.group(1))]
        try:
            streams.append(zlib.decompress(raw))
        except zlib.error:
            continue
    return streams


def test_render_badge_is_a_one_page_a6_pdf(event, cats):
    data = pdf.render_badge(_badge(event))
    assert_well_formed(data)
    assert len(PAGE.findall(data)) == 1
    assert b"/MediaBox [ 0 0 297.6378 419.5276 ]" in data  # A6 in points


def test_render_badges_joins_chunks_into_one_document(event, cats, monkeypatch):
    monkeypatch.setattr(pdf, "CHUNK", 2)
    badges = [_badge(event) for _ in range(5)]
    out = io.BytesIO()
    assert pdf.render_badges(badges, out) == 5
    data = out.getvalue()
    assert_well_formed(data)
    assert len(PAGE.findall(data)) == 5
    # One page tree over the three parts' trees, counting every page.
    assert b"/Type /Pages /Kids [" in data and b"/Count 5 >>" in data
    assert data.count(b"/Type /Catalog") == 1


def test_render_badges_of_nothing_is_an_empty_document(event):
    out = io.BytesIO()
    assert pdf.render_badges([], out) == 0
    assert_well_formed(out.getvalue())


def test_render_badges_writes_each_chunk_before_reading_the_next(event, cats, monkeypatch):
    """Memory stays bounded: the first pages are in `out` before the later badges are even
    read from the database."""
    monkeypatch.setattr(pdf, "CHUNK", 2)
    badges = [_badge(event) for _ in range(6)]
    pulled, written_at = [], []

    def source():
        for badge in badges:
            pulled.append(badge.pk)
            yield badge

    class Out(io.BytesIO):
        def write(self, data):
            if b" 0 obj\n" in data and not written_at:
                written_at.append(len(pulled))
            return super().write(data)

    pdf.render_badges(source(), Out())
    assert written_at == [2]


def test_render_badges_reports_progress_per_chunk(event, cats, monkeypatch):
    monkeypatch.setattr(pdf, "CHUNK", 2)
    badges = [_badge(event) for _ in range(5)]
    seen = []
    pdf.render_badges(badges, io.BytesIO(), progress=seen.append)
    assert seen == [2, 4, 5]


def test_qr_code_holds_the_badges_signed_code(event, cats, monkeypatch):
    """The page's QR code is made from codes.encode(badge): decoding what was drawn gives
    back this badge, its nonce, zones and dates."""
    badge = _badge(event)
    drawn = []
    real = pdf.qr_matrix
    monkeypatch.setattr(pdf, "qr_matrix", lambda code: drawn.append(code) or real(code))
    data = pdf.render_badge(badge)
    assert len(drawn) == 1
    stated = codes.decode(drawn[0])
    assert stated == codes.BadgeCode(
        badge_id=badge.pk, nonce=badge.nonce, zone_codes=tuple(badge.zone_codes.split(",")),
        valid_from=badge.valid_from, valid_until=badge.valid_until)
    # Drawn as vector squares: one rectangle per run of dark modules in a row.
    matrix = real(drawn[0])
    runs = sum(len(re.findall(r"1+", "".join("1" if m else "0" for m in row)))
               for row in matrix)
    assert sum(len(re.findall(rb"(?m)^\d+ \d+ \d+ 1 re$", stream))
               for stream in _page_streams(data)) == runs


def test_codes_round_trip_and_refuse_tampering(event, cats):
    badge = _badge(event)
    code = codes.encode(badge)
    assert codes.decode(code).badge_id == badge.pk
    prefix, kid, body, signature = code.split(".")
    other = codes.encode(_badge(event))
    tampered_body = codes._b64(codes._unb64(body).replace(b"~", b"~9", 1))
    for bad in [
        f"{prefix}.{kid}.{tampered_body}.{signature}",    # the body changed
        f"{prefix}.{kid}.{body}.{other.split('.')[3]}",   # another badge's signature
        f"{prefix}.{kid}.{body}.{signature[:-4]}AAAA",    # the signature changed
        f"{prefix}.AAAAAAAA.{body}.{signature}",          # another key id
        f"ACC1.{body}.{signature}",                       # the old format's wrapping
        code[:-10], code + "A", "ACC2...", "ACC1..", "ACC3" + code[4:], "", "garbage",
        None, 42, "A" * 5000,
    ]:
        assert codes.decode(bad) is None, bad


def _image_size(data):
    """Width and height of the one image on the page, from its dictionary."""
    (image,) = re.findall(rb"<<[^<>]*/Subtype /Image[^<>]*>>", data)
    return tuple(int(re.search(rb"/%s (\d+)" % key, image).group(1))
                 for key in (b"Width", b"Height"))


@pytest.mark.parametrize("size, kind", [((1200, 1600), "JPEG"), ((600, 800), "JPEG"),
                                        ((1400, 1800), "PNG"), ((900, 600), "JPEG")])
def test_photo_is_cropped_to_the_frame_at_print_size(event, cats, size, kind):
    badge = _badge(event)
    out = io.BytesIO()
    Image.new("RGB", size, (150, 110, 90)).save(out, format=kind)
    badge.application.photo.save(f"p.{kind.lower()}", ContentFile(out.getvalue()), save=True)
    data = pdf.render_badge(badges_for_print(event).get(pk=badge.pk))
    assert b"/Subtype /Image" in data and b"/DCTDecode" in data
    width, height = _image_size(data)
    low_w, low_h = pdf.PHOTO_PIXELS
    assert low_w <= width <= 2 * low_w and low_h <= height <= 2 * low_h
    assert abs(width / height - 35 / 45) < 0.01  # the frame's proportions, not stretched


def test_no_photo_or_a_broken_one_prints_the_placeholder(event, cats):
    without = _badge(event)
    broken = _badge(event)
    broken.application.photo.save("p.jpg", ContentFile(b"not a jpeg at all"), save=True)
    for badge in (without, badges_for_print(event).get(pk=broken.pk)):
        data = pdf.render_badge(badge)
        assert_well_formed(data)
        assert b"/Subtype /Image" not in data


def _fonts_of(name, font="AccordSans-Bold"):
    return [(run.face.name, run.text) for run in pdf.shaped(name, font).runs]


def test_names_in_any_script(event, cats):
    """Latin (Vietnamese too), Greek and Cyrillic in DejaVu; each other script in a font of
    its own, spaces and marks with the letters they stand among."""
    fonts = pdf.fonts()
    # scripts/system-deps.sh installs the fonts: without them this must fail, not skip.
    assert fonts["AccordSans"] == "AccordSans", "DejaVu Sans missing (scripts/system-deps.sh)"
    assert _fonts_of("Nguyễn Thị Minh Khai", "AccordSans") == [
        ("AccordSans", "Nguyễn Thị Minh Khai")]
    assert _fonts_of("Иванова Παπαδοπούλου") == [("AccordSans-Bold", "Иванова "),
                                                 ("AccordSans-Bold", "Παπαδοπούλου")]
    assert _fonts_of("王 Xiaoming 小明") == [
        ("AccordCJK", "王 "), ("AccordSans-Bold", "Xiaoming "), ("AccordCJK", "小明")]
    assert _fonts_of("김민준") == [("NanumGothicBold", "김민준")]
    assert _fonts_of("अनुराग") == [("NotoSansDevanagari-Bold", "अनुराग")]
    assert _fonts_of("สมชาย", "AccordSans") == [("NotoSansThai-Regular", "สมชาย")]
    assert _fonts_of("አበበ") == [("NotoSansEthiopic-Bold", "አበበ")]
    data = pdf.render_badge(_badge(event, family_name="王", given_names="小明",
                                   organisation="新华社"))
    assert_well_formed(data)
    assert b"DroidSansFallback" in data  # the CJK font is embedded (as a subset)


def test_a_character_no_font_has_prints_as_the_replacement_glyph():
    """Never a box: a character no installed font has is drawn as U+FFFD, which DejaVu has."""
    line = pdf.shaped("Ali \U00018B00", "AccordSans")  # Khitan: none of our fonts has it
    assert [run.text for run in line.runs] == ["Ali \ufffd"]
    assert all(glyph[0] for run in line.runs for glyph in run.glyphs)


def test_arabic_names_are_joined_and_read_right_to_left(event, cats):
    """"عبد الله": HarfBuzz joins the letters in Noto Sans Arabic (its glyphs are checked
    against HarfBuzz in test_badge_shaping); the line starts at the right of its box and is
    cut at the end of its reading, on the left."""
    line = pdf.shaped("عبد الله", "AccordSans-Bold")
    assert line.rtl and [run.face.name for run in line.runs] == ["NotoSansArabic-Bold"]
    assert not pdf.shaped("Nguyễn Thị Minh Khai", "AccordSans").rtl
    name = pdf.fonts()["AccordSans-Bold"]
    drawn, _size, used = pdf.fit("عمر بن علي " * 6, name, 20, 120, smallest=20)
    assert used <= 120
    leftmost = drawn.runs[0]
    assert leftmost.glyphs[0][0] == leftmost.face.hb.get_nominal_glyph(ord(pdf.ELLIPSIS))

    canvas = Canvas(io.BytesIO(), pagesize=A6, pageCompression=0)
    text.line(canvas, 20, 100, "عبد الله", "AccordSans-Bold", 20, 200)
    text.line(canvas, 20, 50, "Dupont", "AccordSans-Bold", 20, 200)
    starts = [float(x) for x in re.findall(r"1 0 0 1 ([\d.]+) [\d.]+ Tm", canvas.getpdfdata()
                                            .decode("latin-1"))]
    arabic = pdf.shaped("عبد الله", "AccordSans-Bold").width(20)
    assert starts == [pytest.approx(220 - arabic), 20]
    assert_well_formed(pdf.render_badge(_badge(event, family_name="بن علي",
                                               given_names="عمر")))


def test_long_names_shrink_then_are_cut(event):
    name = pdf.fonts()["AccordSans-Bold"]
    _line, size, used = pdf.fit("Wolfeschlegelsteinhausen", name, 20, 200, smallest=10)
    assert size < 20 and used <= 200
    line, size, used = pdf.fit("Wolfeschlegelsteinhausenbergerdorff " * 4, name, 20, 200,
                               smallest=10)
    assert size == 10 and used <= 200
    assert line.runs[-1].text.endswith(pdf.ELLIPSIS)


@pytest.mark.parametrize("name", [
    "Nguye\u0302\u0303n Thi\u0323 Ngo\u0323c Ánh",  # Vietnamese typed with combining marks
    "क्षितिज श्रीवास्तव",  # Devanagari: vowel signs, viramas
    "สมศักดิ์ ใจดี",  # Thai: marks stacked on their consonant
])
def test_a_cut_never_splits_a_letter_from_its_marks(name):
    """A name cut to its box keeps each letter whole, with all its marks or none: never "ê"
    for "ễ", nor half a conjunct."""
    font = pdf.fonts()["AccordSans-Bold"]
    full = pdf.shaped(name, font).width(20)
    for width in range(45, int(full), 5):
        line, _size, used = pdf.fit(name, font, 20, width)
        kept = "".join(run.text for run in line.runs).removesuffix(pdf.ELLIPSIS)
        assert used <= width and name.startswith(kept), (width, kept)
        assert unicodedata.category(name[len(kept)])[0] != "M", (width, kept)
        assert not kept or unicodedata.combining(kept[-1]) != 9, (width, kept)  # no virama


def test_system_deps_installs_the_fonts():
    script = (Path(__file__).resolve().parents[3] / "scripts" / "system-deps.sh").read_text()
    for package in ("fonts-dejavu-core", "fonts-droid-fallback", "fonts-noto-core",
                    "fonts-nanum"):
        assert package in script, package


def test_badges_for_print_is_one_query(event, cats, django_assert_num_queries):
    for _ in range(3):
        _badge(event)
    with django_assert_num_queries(1):
        badges = list(badges_for_print(event))
    with django_assert_num_queries(0):
        out = io.BytesIO()
        pdf.render_badges(badges, out)
    assert len(PAGE.findall(out.getvalue())) == Badge.objects.count() == 3
