"""Files small to send and huge to open are refused from what they declare, before anything is
decoded: images by their pixel count (logistics.core.unpacking.MAX_PIXELS), workbooks by what
their ZIP says it unpacks to. Through every upload path and both imports, with the rest of
the form valid or not, the request's memory stays small (measured, not timed: tracemalloc's
peak plus Pillow's pixel buffers), and honest files, a 24-megapixel phone photo among them,
still pass."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accreditation.applications.models.applications import Application
from logistics.core.unpacking import (
    MAX_PIXELS,
    ZIP_MAX_RATIO,
    ZIP_MAX_UNPACKED_BYTES,
    ZIP_RATIO_FROM_BYTES,
)
from logistics.plan.models import Task
from tests.bench.timing import MemorySpent
from tests.security.bombs import jpeg_bomb, png_bomb, xlsx_bomb
from tests.security.upload_paths import PATHS

# A request that decodes nothing big stays far below this; one bomb decoded is 320 MB.
MEMORY_LIMIT = 24 * 1024 * 1024
PNG_BOMB = png_bomb()
JPEG_BOMB = jpeg_bomb()


def bomb(data, name):
    content_type = "image/png" if name.endswith(".png") else "image/jpeg"
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored(tmp_path):
    return [p for p in tmp_path.rglob("*") if p.is_file()]


# Each path with the rest of its form valid, and invalid where the form has another field.
CASES = [pytest.param(path, valid, id=f"{path.name}-rest {'valid' if valid else 'invalid'}")
         for path in PATHS for valid in (True, False) if valid or path.can_be_invalid]


@pytest.mark.parametrize("path, valid", CASES)
@pytest.mark.parametrize("data, name", [(PNG_BOMB, "scan.png"), (JPEG_BOMB, "scan.jpg")],
                         ids=["png", "jpeg"])
def test_an_image_bomb_in_every_file_field_is_refused_without_decoding(
        client, site, tmp_path, path, valid, data, name):
    def files():
        return {field: bomb(data, name) for field in path.fields}

    path.send(client, site, files(), valid)  # once first: the process warm, as a worker
    post = path.prepare(client, site, files(), valid)
    with MemorySpent() as spent:
        response = post()
    assert spent.bytes < MEMORY_LIMIT, (path.name, spent.python, spent.pillow)
    page = response.content.decode() if response.status_code != 302 else ""
    if path.name == "full powers":  # a message on the signing page, after its redirect
        page = client.get(response.url).content.decode()
    assert page.count("the limit is 40 megapixels") >= len(path.fields), path.name
    assert stored(tmp_path) == [], path.name


def test_four_bombs_in_the_public_form_cost_what_one_small_request_costs(client, site,
                                                                         tmp_path):
    """The review's case: four PNGs of 8,000 × 10,000 in one media application held a
    worker 11 s at 780 MB."""
    [public] = [path for path in PATHS if path.name == "public media form"]
    def files():
        return {field: bomb(PNG_BOMB, "me.png") for field in public.fields}

    public.send(client, site, files(), True)  # once first: the process warm, as a worker
    post = public.prepare(client, site, files(), True)
    with MemorySpent() as spent:
        response = post()
    assert spent.pillow == 0  # not one pixel buffer
    assert spent.bytes < MEMORY_LIMIT
    assert response.status_code == 400
    assert not Application.objects.exists()
    assert stored(tmp_path) == []


def test_the_limit_is_the_declared_pixel_count_not_twice_it():
    from django.core.exceptions import ValidationError

    from logistics.core.uploads import clean_document

    side = int(MAX_PIXELS ** 0.5) + 1
    with pytest.raises(ValidationError) as caught, MemorySpent() as spent:
        clean_document(bomb(png_bomb(side, side), "scan.png"))
    assert caught.value.code == "too_many_pixels"
    assert spent.pillow == 0


def test_a_24_megapixel_phone_photo_and_a_600_dpi_scan_pass(client, site, tmp_path):
    photo, scan = io.BytesIO(), io.BytesIO()
    # Sky to ground with a sensor's grain: 1.8 MB, as a phone saves 6,000 × 4,000 pixels.
    light, grain = Image.linear_gradient("L").resize((6000, 4000)), Image.effect_noise(
        (6000, 4000), 12)
    Image.merge("RGB", (light, Image.blend(light, grain, 0.3), grain)).save(
        photo, format="JPEG", quality=85)
    Image.new("L", (4960, 7016), 250).save(scan, format="PNG")  # A4 at 600 dpi
    [public] = [path for path in PATHS if path.name == "public media form"]
    response = public.send(client, site, {
        "photo": SimpleUploadedFile("phone.jpg", photo.getvalue(), "image/jpeg"),
        "id_copy": SimpleUploadedFile("scan.png", scan.getvalue(), "image/png")}, True)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Image.open(public.stored(site, "photo")).size == (6000, 4000)
    assert Image.open(public.stored(site, "id_copy")).size == (4960, 7016)


# Workbooks

def workbook_bombs():
    return [(xlsx_bomb(ZIP_MAX_UNPACKED_BYTES * 2), "unpacks to 200 MB; the limit is 100 MB"),
            (xlsx_bomb(50 * 1024 * 1024), f"the limit is {ZIP_MAX_RATIO}")]


def plan_import(client, secretariat, data):
    client.force_login(secretariat)
    upload = SimpleUploadedFile("plan.xlsx", data)
    return client.post(reverse("logistics:plan_import"), {"file": upload})


def application_import(client, officer, data):
    client.force_login(officer)
    upload = SimpleUploadedFile("people.xlsx", data)
    return client.post(reverse("accreditation:application_import"), {"file": upload})


@pytest.mark.parametrize("send", [plan_import, application_import],
                         ids=["plan import", "application import"])
def test_a_workbook_bomb_is_refused_from_its_zip_directory(client, event, cats, secretariat,
                                                           officer, send):
    user = secretariat if send is plan_import else officer
    for data, message in workbook_bombs():
        with MemorySpent() as spent:
            response = send(client, user, data)
        assert spent.bytes < MEMORY_LIMIT, (message, spent.python)
        assert message in response.content.decode()
    assert not Task.objects.exists() and not Application.objects.exists()


def test_a_large_honest_workbook_passes_the_check():
    from logistics.core.unpacking import check_zip

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for n in range(20_000):
        sheet.append([f"T-{n}", f"Task {n} of the security plan", "Security and order", "MPS",
                      "MOFA; MOH", "2025-10-01", "2025-10-20", "planned", "", "", 0,
                      "Checkpoints, patrols and the escort of delegations."])
    out = io.BytesIO()
    workbook.save(out)
    with zipfile.ZipFile(out) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    # Large enough for the check to judge its ratio: 13 MB unpacked, 15 times its size.
    assert sheet.file_size > 10 * ZIP_RATIO_FROM_BYTES
    assert 10 < sheet.file_size / sheet.compress_size < ZIP_MAX_RATIO
    check_zip(out.getvalue())  # raises TooBigToOpen if it refuses


def test_a_pdf_of_too_many_objects_is_refused(client, site, tmp_path):
    """A PDF of 2 MB can hold 200,000 objects, which took a minute to walk: more than
    PDF_MAX_OBJECTS is refused, at the field, before they are walked."""
    import pikepdf

    from logistics.core.unpacking import PDF_MAX_OBJECTS

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.Many = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(N=n))
                                   for n in range(PDF_MAX_OBJECTS + 10)])
    out = io.BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    [public] = [path for path in PATHS if path.name == "public media form"]
    response = public.send(client, site, {"letter_of_assignment": SimpleUploadedFile(
        "letter.pdf", out.getvalue(), "application/pdf")})
    assert response.status_code == 400
    assert "The PDF holds more than 20,000 objects" in response.content.decode()
    # The form's three other files are kept for it to come back with (logistics.core.kept_uploads);
    # the letter is stored nowhere.
    assert sorted(p.parent.name for p in stored(tmp_path)) == ["kept"] * 3
    assert 'data-testid="kept-letter_of_assignment"' not in response.content.decode()
