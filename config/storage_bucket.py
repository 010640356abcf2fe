"""The bucket's storage class (config/storage.py says the rules); a module of its own so that
boto3 is imported only by the processes that use a bucket."""

from storages.backends.s3 import S3Storage

from config.storage import NoURL


class BucketStorage(NoURL, S3Storage):
    """A private bucket: objects written without an ACL (the bucket's own policy, which
    grants nothing to the public, decides), never overwritten, and read back through a
    temporary file on this machine's disk past a few megabytes instead of memory (a badge
    batch of thousands of pages)."""

    default_acl = None
    file_overwrite = False
    max_memory_size = 8 * 1024 * 1024
