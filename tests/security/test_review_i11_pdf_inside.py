"""Review of issue 11 (outside reviewer): a PDF is rewritten without scripts and trailing
bytes, but what sits inside its objects goes through as it was: the EXIF (GPS) of a photo a
phone's scanning app wrapped in the PDF, and any stream hung on the catalog under a key of
the sender's choosing (the HTML payload, moved from after the end to inside)."""

import io

import pikepdf
from PIL import Image

from logistics.pdfs import clean_pdf


def _scan_as_pdf():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 2.0)}  # GPSInfo
    photo = io.BytesIO()
    Image.new("RGB", (64, 64), "white").save(photo, "JPEG", exif=exif.tobytes())
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    page = pdf.pages[0]
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=pikepdf.Stream(
        pdf, photo.getvalue(), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
        Width=64, Height=64, ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8,
        Filter=pikepdf.Name.DCTDecode)))
    page.Contents = pikepdf.Stream(pdf, b"q 200 0 0 200 0 0 cm /Im0 Do Q")
    pdf.Root.Payload = pikepdf.Stream(pdf, b"<html><script>steal()</script></html>")
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    return out.getvalue()


def test_a_cleaned_pdf_keeps_no_photo_metadata_and_no_foreign_stream():
    data = _scan_as_pdf()
    assert b"PhoneMaker" in data and b"<script>" in data
    cleaned = clean_pdf(data)
    with pikepdf.open(io.BytesIO(cleaned)) as pdf:
        image = pdf.pages[0].Resources.XObject.Im0.read_raw_bytes()
        assert b"Exif" not in image and b"PhoneMaker" not in image
        assert "/Payload" not in pdf.Root
