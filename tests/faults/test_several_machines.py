"""Accord on several machines: two web servers, each with its own local folders (var/ and
MEDIA_ROOT, as two machines would have), and a Celery worker with its own, against one
PostgreSQL (started here, whatever database the suite runs on), one Redis and one S3 bucket
(moto's server). A photo uploaded through one server is served by the other; a badge batch
the worker builds is downloaded from both; the public forms' limit and the login throttle
count a client's requests across both; nothing is written to any machine's MEDIA_ROOT.
"""

import json
import re
import subprocess
import sys

import pytest
import requests
from django.urls import reverse

from tests.factories.registration import image_bytes
from tests.faults.conftest import BASE_DIR
from tests.plugins.file_storage import bucket_env, bucket_made
from tests.plugins.live_services import wait_for

pytestmark = pytest.mark.redis  # starts Redis, a worker and gunicorn, as the other faults do

PASSWORD = "several machines, one password"  # noqa: S105
BADGES = 3
TIMEOUT = 30


class Machines:
    def __init__(self, webs, seed, media_roots):
        self.webs, self.seed, self.media_roots = webs, seed, media_roots

    def stored_on_disks(self):
        return sorted(str(path) for root in self.media_roots for path in root.rglob("*")
                      if path.is_file())


def url(web, path):
    return f"http://127.0.0.1:{web.port}{path}"


def form_token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def post_form(browser, web, path, data, *, page=None, **kwargs):
    """A form's POST as a browser sends it: the form's page (`path`, or `page`) first, for
    its CSRF token."""
    token = form_token(browser.get(url(web, page or path), timeout=TIMEOUT))
    return browser.post(url(web, path), data={**data, "csrfmiddlewaretoken": token},
                        headers={"Referer": url(web, path)}, allow_redirects=False,
                        timeout=TIMEOUT, **kwargs)


@pytest.fixture
def machines(faults, postgres_cluster, s3_endpoint, tmp_path):
    shared = {"DATABASE_URL": postgres_cluster.create_database(),
              **bucket_env(s3_endpoint, bucket_made(s3_endpoint)),
              # Plain HTTP on loopback: the cookies go back without TLS.
              "SESSION_COOKIE_SECURE": "false", "CSRF_COOKIE_SECURE": "false"}

    def own_folders(name):
        machine = tmp_path / name
        (machine / "media").mkdir(parents=True)
        return {"ACCORD_VAR_DIR": str(machine / "var"), "MEDIA_ROOT": str(machine / "media")}

    # The web servers' settings (their password hasher among them) for the seed too.
    env = faults.env(**shared, **own_folders("seed"),
                     DJANGO_SETTINGS_MODULE="config.test_settings")
    for command in (["manage.py", "migrate", "--no-input", "-v", "0"],
                    ["-m", "tests.faults.machines_seed", PASSWORD, str(BADGES)]):
        done = subprocess.run([sys.executable, *command], cwd=BASE_DIR, env=env,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]
    seed = json.loads(done.stdout.strip().splitlines()[-1])
    faults.start_redis()
    names = ("seed", "worker", "web-a", "web-b")
    faults.start_worker(**shared, **own_folders("worker"))
    webs = [faults.start_web(name, settings_module="tests.faults.machines_settings",
                             **shared, **own_folders(name)) for name in names[2:]]
    return Machines(webs, seed, [tmp_path / name / "media" for name in names])


def test_two_web_servers_share_files_batches_and_counts(machines):
    a, b = machines.webs
    officer = requests.Session()
    signed_in = post_form(officer, a, "/login/", {"username": "officer", "password": PASSWORD})
    assert signed_in.status_code == 302, signed_in.text[-2000:]

    # A photo uploaded through one server is served by the other.
    entry = reverse("accreditation:application_add") + f"?category={machines.seed['category']}"
    photo = image_bytes((300, 400))
    entered = post_form(officer, a, entry, {
        "family_name": "Nguyễn", "given_names": "Văn An", "gender": "male",
        "date_of_birth": "1980-05-04", "nationality": machines.seed["viet_nam"],
        "email": "an@example.org", "organisation": "Hanoi police", "function": "Officer",
        "id_document_kind": "national_id", "id_document_number": "001080012345",
        "id_document_expiry": "2030-01-01"},
        files={"photo": ("photo.jpg", photo, "image/jpeg")})
    assert entered.status_code == 302, entered.text[-2000:]
    application = int(re.search(r"/(\d+)/$", entered.headers["Location"]).group(1))
    photo_path = reverse("accreditation:application_file", args=[application, "photo"])
    served = {web.port: officer.get(url(web, photo_path), timeout=TIMEOUT) for web in (a, b)}
    for response in served.values():
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "image/jpeg"
        assert response.headers["Cache-Control"] == "private, no-store"
        assert response.headers["Content-Security-Policy"] == "sandbox"
        assert response.content.startswith(b"\xff\xd8\xff")
    assert served[a.port].content == served[b.port].content

    # A batch asked for on one server, built by the worker, is downloaded from both.
    asked = post_form(officer, a, reverse("accreditation:batch_create"),
                      {"scope": "selected", "badge": machines.seed["badges"], "filters": ""},
                      page=reverse("accreditation:badge_list"))
    assert asked.status_code == 302, asked.text[-2000:]
    batch = int(re.search(r"/(\d+)/$", asked.headers["Location"]).group(1))
    download = reverse("accreditation:batch_download", args=[batch])
    progress = reverse("accreditation:batch_progress", args=[batch])
    wait_for(lambda: download in officer.get(url(b, progress), timeout=TIMEOUT).text,
             timeout=60, message="the worker to build the batch")
    pdfs = [officer.get(url(web, download), timeout=TIMEOUT) for web in (a, b)]
    for response in pdfs:
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.headers["Content-Disposition"].startswith("attachment;")
        assert response.content.startswith(b"%PDF-")
        assert len(re.findall(rb"/Type /Page(?!s)", response.content)) == BADGES
        # The holders' photo, which the worker read from the bucket, not the placeholder.
        assert b"/Subtype /Image" in response.content
    assert pdfs[0].content == pdfs[1].content
    assert machines.stored_on_disks() == []  # every file is in the bucket

    # The public forms' limit (3 a day here) counts one client's posts on both servers.
    visitor = requests.Session()
    answers = [post_form(visitor, web, "/apply/status/", {"email": "x@example.org"}).status_code
               for web in (a, b, a, b)]
    assert [code == 429 for code in answers] == [False, False, False, True], answers

    # So does the login throttle: five wrong passwords on one account, then no more.
    guesser = requests.Session()
    answers = [post_form(guesser, web, "/login/", {"username": "officer",
                                                   "password": f"guess-{n}"}).status_code
               for n, web in enumerate((a, b, a, b, a, b, a))]
    assert answers == [200] * 5 + [429] * 2, answers
