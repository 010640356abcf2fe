"""Where the tests' files go: a fresh folder, or a fresh bucket on moto's standalone S3 server
(moto[server]) on loopback, started once per test process as Redis is (live_services).

The `media` fixture runs each test that asks for it twice, on the disk and on a bucket: the
tests of uploads (public forms and staff), the file routes, badge batches, the personal-data
export and the purge ask for it, and on the bucket any code that reaches a file by a path on
this machine's disk instead of the storage API fails (`.path` is not implemented there, and
the test's MEDIA_ROOT must stay empty), and so does an object anyone may read. Like Redis,
the server fails a test when it cannot start, never skips it.
"""

import shutil
import subprocess
import sys
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.plugins.live_services import START_TIMEOUT, free_port, wait_for

MOTO_SERVER = Path(sys.executable).with_name("moto_server")
# moto takes any credentials; these are the ones it documents.
S3_REGION = "us-east-1"
S3_KEYS = {"access_key": "testing", "secret_key": "testing"}
# The grantees of a public object: anyone, and anyone with an AWS account.
PUBLIC_GROUPS = ("/global/AllUsers", "/global/AuthenticatedUsers")


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory):
    """The address of moto's S3 server, one per test process."""
    if not MOTO_SERVER.exists():
        pytest.fail(f"{MOTO_SERVER} is missing: `make test` installs moto[server] "
                    "(pyproject.toml, the dev extras).")
    port = free_port()
    log = tmp_path_factory.mktemp("s3") / "moto.log"
    with log.open("wb") as output:
        process = subprocess.Popen([str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(port)],
                                   stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    endpoint = f"http://127.0.0.1:{port}"

    def answers():
        if process.poll() is not None:
            pytest.fail(f"moto_server exited with code {process.returncode}.\n"
                        + log.read_text(errors="replace")[-4000:])
        try:
            with urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1):
                return True
        except OSError:
            return False

    try:
        wait_for(answers, timeout=START_TIMEOUT, message="moto's S3 server", log=log)
        yield endpoint
    finally:
        process.terminate()  # ours alone, by its pid
        process.wait(10)


def bucket_made(endpoint):
    """A new, empty bucket on the server; its name."""
    import boto3

    name = f"accord-{uuid.uuid4().hex[:20]}"
    boto3.client("s3", endpoint_url=endpoint, region_name=S3_REGION,
                 aws_access_key_id=S3_KEYS["access_key"],
                 aws_secret_access_key=S3_KEYS["secret_key"]).create_bucket(Bucket=name)
    return name


def bucket_env(endpoint, bucket):
    """The environment of a process (a web server, a worker) on that bucket."""
    return {"S3_BUCKET": bucket, "S3_ENDPOINT_URL": endpoint, "S3_REGION": S3_REGION,
            "S3_ACCESS_KEY_ID": S3_KEYS["access_key"],
            "S3_SECRET_ACCESS_KEY": S3_KEYS["secret_key"]}


def use_bucket(settings, endpoint, bucket):
    """This test process's default storage on `bucket`, as S3_* would configure it."""
    from config.storage import bucket_storage

    settings.STORAGES = {**settings.STORAGES, "default": bucket_storage(
        bucket=bucket, endpoint_url=endpoint, region=S3_REGION, **S3_KEYS)}


class Media:
    """What the test's storage holds, read through the storage API as the code reads it."""

    def __init__(self, where, root):
        self.where, self.root = where, root

    @property
    def storage(self):
        from django.core.files.storage import default_storage

        return default_storage

    def names(self, folder=""):
        """Every stored name under `folder` (all when empty), sorted."""
        try:
            folders, files = self.storage.listdir(folder)
        except FileNotFoundError:  # the disk's folder not made yet; a bucket has no folders
            return []
        prefix = f"{folder}/" if folder else ""
        names = [f"{prefix}{name}" for name in files]
        for sub in folders:
            names += self.names(f"{prefix}{sub}")
        return sorted(names)

    def read(self, name):
        with self.storage.open(name, "rb") as handle:
            return handle.read()

    def contents(self):
        """{name: bytes} of every stored file."""
        return {name: self.read(name) for name in self.names()}


@pytest.fixture(params=["disk", "s3"])
def media(request, settings, tmp_path):
    """The test's file storage: a fresh MEDIA_ROOT, or a fresh bucket (and an empty
    MEDIA_ROOT that must stay so)."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    if request.param == "s3":
        endpoint = request.getfixturevalue("s3_endpoint")
        use_bucket(settings, endpoint, bucket_made(endpoint))
    media = Media(request.param, root)
    yield media
    if request.param == "s3":
        written = sorted(str(path.relative_to(root)) for path in root.rglob("*"))
        shutil.rmtree(root)
        assert written == [], "written to this machine's disk instead of the bucket"
        bucket = media.storage.bucket
        public = [name for name in media.names()
                  if any(grant["Grantee"].get("URI", "").endswith(PUBLIC_GROUPS)
                         for grant in bucket.Object(name).Acl().grants)]
        assert public == [], "readable by anyone through the bucket"
