"""Uploads for the bench: what refusing a file that is small to send and huge to open costs
(the review's case: four PNGs of 8,000 × 10,000 pixels in one public media application held
a worker 11 s at 780 MB), through the public form and alone; and, beside it, what cleaning
honest and dirty files costs (a 24-megapixel phone photo, a page scanned at 300 dpi, a PDF
with scripts). The note gives each one's memory at its peak (MemorySpent).

Run alone: `.venv/bin/python -m tests.bench.uploads` (the bench's own database, as run.py)."""

import io
import time
from datetime import timedelta

from tests.bench.timing import CountQueries, MemorySpent, percentiles

REPEAT = 5


def _event():
    from django.utils import timezone

    from accreditation.enums import OutletKind
    from accreditation.setup.models import MediaOutlet
    from accreditation.setup.services.categories import categories_install_defaults
    from logistics.delegations.models import Country
    from logistics.demo import plan as demo
    from tests.bench.bulk import clear

    clear()
    event = demo.create_event(start_date=timezone.localdate() + timedelta(days=21))
    categories_install_defaults(event=event, by=None)
    outlet = MediaOutlet.objects.create(event=event, name="Vietnam News Agency",
                                        country=Country.objects.get(code="VN"),
                                        kind=OutletKind.NEWS_AGENCY, domestic=True, quota=8)
    return outlet


def _time(label, size, run, rows, repeat):
    """Time `run` (which makes its inputs itself, outside the clock, and returns the call to
    time) `repeat` times; a call before them measures the memory (tracemalloc slows what it
    traces, so that one is not timed)."""
    call = run()
    with MemorySpent() as spent:
        call()
    timings, queries = [], 0
    for _ in range(repeat):
        call = run()
        with CountQueries() as counted:
            start = time.perf_counter()
            note = call()
            timings.append((time.perf_counter() - start) * 1000)
        queries = len(counted)
    median, p95 = percentiles(timings)
    rows.append((size, label, median, p95, queries,
                 f"{note}; peak {spent.megabytes:,.1f} MB (Python {spent.python / 2**20:,.1f}, "
                 f"pixels {spent.pillow / 2**20:,.0f})"))


def _upload(data, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def bench_uploads(rows, repeat=REPEAT):
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.test import Client
    from PIL import Image

    from logistics.core.errors import ImportRejected
    from logistics.core.spreadsheet_files import xlsx_rows
    from logistics.core.uploads import clean_document, clean_photo
    from tests.security.bombs import png_bomb, xlsx_bomb
    from tests.security.dirty_files import pdf_with_scripts

    outlet = _event()
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "form": "100000/m"}
    bomb, workbook = png_bomb(), xlsx_bomb()
    client = Client()
    client.get("/apply/media/")  # warm: templates, URL resolver

    def public_form():
        from tests.accreditation.applications.test_apply_public import application_data

        data = application_data(outlet, **{field: _upload(bomb, "me.png") for field in (
            "photo", "letter_of_assignment", "press_card", "id_copy")})

        def post():
            response = client.post("/apply/media/", data)
            assert response.status_code == 400, response.status_code
            return "400, each file refused at its field"
        return post
    _time("public form, 4 × 80 Mpx PNG: refused", 4, public_form, rows, repeat)

    def refused(clean, data, name):
        def run():
            upload = _upload(data, name)

            def call():
                try:
                    clean(upload)
                except (ValidationError, ImportRejected):
                    return "refused"
                raise AssertionError("a bomb passed")
            return call
        return run
    _time(f"photo, 80 Mpx PNG of {len(bomb) // 1024} KB: refused", 1,
          refused(clean_photo, bomb, "me.png"), rows, repeat)
    _time(f"XLSX of {len(workbook) // 1024} KB → 200 MB: refused", 1,
          refused(lambda upload: xlsx_rows(upload.read()), workbook, "plan.xlsx"), rows,
          repeat)

    def cleaned(clean, data, name):
        def run():
            upload = _upload(data, name)

            def call():
                return f"{len(data) // 1024:,} KB in, {len(clean(upload).read()) // 1024:,} KB out"
            return call
        return run
    photo, scan = io.BytesIO(), io.BytesIO()
    light, grain = (Image.linear_gradient("L").resize((6000, 4000)),
                    Image.effect_noise((6000, 4000), 12))
    Image.merge("RGB", (light, Image.blend(light, grain, 0.3), grain)).save(
        photo, format="JPEG", quality=85)
    Image.new("L", (2480, 3508), 250).save(scan, format="JPEG", quality=90)
    _time("photo, 24 Mpx JPEG: re-encoded", 1,
          cleaned(clean_photo, photo.getvalue(), "phone.jpg"), rows, repeat)
    _time("document, A4 300 dpi JPEG: re-encoded", 1,
          cleaned(clean_document, scan.getvalue(), "scan.jpg"), rows, repeat)
    _time("document, PDF with scripts: rewritten", 1,
          cleaned(clean_document, pdf_with_scripts(), "letter.pdf"), rows, repeat)


if __name__ == "__main__":
    from tests.bench.run import prepare, print_table

    prepare()
    found = []
    bench_uploads(found)
    print_table("Uploads", "files", found)
