"""Random names for stored files: an upload's own name never reaches the disk or the bucket."""

import os
import uuid

from django.utils.deconstruct import deconstructible


@deconstructible
class RandomName:
    """An upload's storage name: a random hex name under `folder`, keeping only a short
    lower-case extension. The sender's file name says nothing to anyone who sees the path,
    and no one can guess another file's name."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        extension = os.path.splitext(filename)[1].lower()[:10]
        return f"{self.folder}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder
