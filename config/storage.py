"""Where uploads and badge PDFs are kept: the local disk (MEDIA_ROOT, the embedded default)
or, on several machines, an S3-compatible bucket (S3_BUCKET, config/settings.py).

Either way a file leaves Accord only through the permission-checked file routes
(logistics.core.stored_files), which stream it with their own headers: neither storage gives a
URL of its own, since a bucket's (public or presigned) would skip those checks and the venue
network may not reach the bucket, and MEDIA_ROOT is served by no URL. A template, admin page
or view that asks a file for `.url` fails here, on both, instead of linking around the
checks. Code reads and writes files through the storage API only (open, save, delete,
exists, listdir), never by a path on this machine's disk: `.path` has no meaning in a
bucket, and on several machines another one's disk does not hold the file.
"""

from django.core.files.storage import FileSystemStorage

NO_URL = ("Accord's files have no URL of their own: serve them through the permission-checked "
          "file routes (logistics.core.stored_files).")


class NoURL:
    def url(self, name, *args, **kwargs):
        raise NotImplementedError(NO_URL)


class LocalStorage(NoURL, FileSystemStorage):
    """MEDIA_ROOT on this machine's disk."""


def bucket_storage(*, bucket, endpoint_url="", region="", access_key="", secret_key=""):
    """The STORAGES entry of a bucket (settings.py fills it from S3_*; the tests, for moto's
    server). Empty values leave boto3 its defaults: AWS itself, and its chain of credentials
    (AWS_ACCESS_KEY_ID..., an instance or task role)."""
    return {"BACKEND": "config.storage_bucket.BucketStorage", "OPTIONS": {
        "bucket_name": bucket, "endpoint_url": endpoint_url or None,
        "region_name": region or None, "access_key": access_key or None,
        "secret_key": secret_key or None}}
