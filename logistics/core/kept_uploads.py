"""Files a public form keeps when it comes back with an error, so that nobody chooses the
same four files again on a phone.

A file is kept only once it has been cleaned as every upload is (logistics.core.uploads): the
cleaned bytes go to the configured storage under `kept/`, never to a temporary directory of
the process that happened to answer. The form sends back a reference to it, signed with a
key of the visitor's session: a reference from another browser, an altered one or one older
than KEPT_FOR opens nothing. The reference names the field it was kept for, so a document
cannot come back as a photo. A kept file the form is sent with moves to the record as a
fresh upload would, and is deleted once that is committed; one never sent is deleted by
`kept_uploads_expire` (beat, hourly) after KEPT_FOR.
"""

import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from logistics.core.uploads import CleanedUpload, content_type_of

KEPT_FOR = timedelta(days=1)
FOLDER = "kept"
# The visitor's key, in the session: signs the references of the files it keeps.
SESSION_KEY = "kept_uploads_key"
SALT = "logistics.kept_uploads"  # the old module path, kept: links already out still work
# The name shown back is the visitor's own; long names are cut.
SHOWN_NAME_MAX = 80
# The hidden input beside a file input: "<field's name>-kept".
REFERENCE_SUFFIX = "-kept"


@dataclass(frozen=True)
class Kept:
    reference: str  # signed: what the form sends back
    name: str  # where it is in storage
    shown_name: str  # the name the file had on the visitor's device


def _signer_salt(key):
    return f"{SALT}:{key}"


def _stamp(name):
    """The time (epoch seconds) a kept file was stored, from its name; None if not ours."""
    head = name.rsplit("/", 1)[-1].split("-", 1)[0]
    return int(head) if head.isdigit() else None


def keep(*, session, field, upload, shown_name):
    """Store a cleaned upload for this session's form; the Kept to show back."""
    key = session.get(SESSION_KEY)
    if key is None:
        key = session[SESSION_KEY] = secrets.token_urlsafe(24)
    extension = upload.name.rsplit(".", 1)[-1]
    upload.seek(0)
    name = default_storage.save(
        f"{FOLDER}/{int(time.time())}-{secrets.token_hex(16)}.{extension}",
        ContentFile(upload.read()))
    upload.seek(0)
    shown = (shown_name or upload.name)[-SHOWN_NAME_MAX:]
    reference = signing.dumps({"field": field, "name": name, "shown": shown},
                              salt=_signer_salt(key))
    return Kept(reference=reference, name=name, shown_name=shown)


def kept(*, session, field, reference):
    """The Kept file `reference` names, or None: not signed for this session and this
    field, too old, or gone from storage."""
    key = session.get(SESSION_KEY)
    if not key or not reference:
        return None
    try:
        value = signing.loads(reference, salt=_signer_salt(key),
                              max_age=KEPT_FOR.total_seconds())
    except signing.BadSignature:
        return None
    name = value.get("name", "")
    if value.get("field") != field or not name.startswith(f"{FOLDER}/"):
        return None
    if not default_storage.exists(name):
        return None
    return Kept(reference=reference, name=name, shown_name=value.get("shown", ""))


def opened(item):
    """The kept file as the upload the form cleaned: cleaned already, not cleaned again."""
    with default_storage.open(item.name, "rb") as stored:
        data = stored.read()
    extension = item.name.rsplit(".", 1)[-1]
    return CleanedUpload(f"upload.{extension}", data, content_type=content_type_of(item.name))


def kept_uploads_expire(*, now=None):
    """Delete the kept files older than KEPT_FOR: forms that were never sent. How many."""
    oldest = (now if now is not None else time.time()) - KEPT_FOR.total_seconds()
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    # The folder is this module's alone: a name without a time is old.
    expired = [f"{FOLDER}/{name}" for name in files if (_stamp(name) or 0) < oldest]
    for name in expired:
        default_storage.delete(name)
    return len(expired)


class KeptFileInput(forms.FileInput):
    """A file input that shows the file the form keeps ("Kept: photo.jpg") with the signed
    reference beside it; choosing a file replaces it."""

    template_name = "widgets/kept_file.html"
    kept = None  # Kept, set by the form for this render

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(kept=self.kept, kept_name=f"{name}{REFERENCE_SUFFIX}")
        return context

    def use_required_attribute(self, initial):
        # A kept file stands for the one not chosen again.
        return super().use_required_attribute(initial) and self.kept is None

    def value_omitted_from_data(self, data, files, name):
        return name not in files and f"{name}{REFERENCE_SUFFIX}" not in data


class KeptUploadsMixin:
    """For a public form whose file fields are cleaned by clean_<name>() (logistics.core.uploads):
    with `session=request.session`, a form that comes back with an error keeps what was
    uploaded and shows it back; sent again, the kept files count as uploaded. The view calls
    `kept_uploads_used()` once the submission is saved."""

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.kept_uploads = {}  # field name -> Kept
        self._kept_ready = False
        for field in self.fields.values():
            if isinstance(field, forms.FileField):
                field.widget = KeptFileInput(attrs=field.widget.attrs)
                field.widget.is_required = field.required

    def _file_names(self):
        return [name for name, field in self.fields.items()
                if isinstance(field, forms.FileField)]

    def full_clean(self):
        if self.is_bound and self.session is not None:
            self._restore()
        super().full_clean()
        self._kept_ready = True
        if self._errors:
            self.keep_uploads()

    def add_error(self, field, error):
        super().add_error(field, error)
        # A service's refusal after the form was valid: keep what it had.
        if self._kept_ready:
            self.keep_uploads()

    def _restore(self):
        """Files sent back by reference, put where the upload would be."""
        files = self.files.copy()
        for name in self._file_names():
            html_name = self.add_prefix(name)
            item = kept(session=self.session, field=html_name,
                        reference=self.data.get(f"{html_name}{REFERENCE_SUFFIX}"))
            if item is None:
                continue
            if files.get(html_name):
                # A file chosen now replaces the kept one, which is of no more use.
                default_storage.delete(item.name)
                continue
            files[html_name] = opened(item)
            self.kept_uploads[name] = item
        self.files = files

    def keep_uploads(self):
        """Keep the cleaned uploads of a cleaned form that goes back to the visitor: done
        by itself on an error of the form; a view whose service refused a valid form
        without naming its fields calls it."""
        if self.session is None or not self._kept_ready:
            return
        for name in self._file_names():
            upload = getattr(self, "cleaned_data", {}).get(name)
            # Only what logistics.core.uploads cleaned is kept (and later taken as clean).
            if not isinstance(upload, CleanedUpload) or name in self.kept_uploads:
                continue
            original = self.files.get(self.add_prefix(name))
            self.kept_uploads[name] = keep(
                session=self.session, field=self.add_prefix(name), upload=upload,
                shown_name=getattr(original, "name", ""))
        for name, item in self.kept_uploads.items():
            self.fields[name].widget.kept = item

    def kept_uploads_used(self):
        """The submission is saved with these files: delete the kept copies after commit."""
        names = [item.name for item in self.kept_uploads.values()]
        if names:
            transaction.on_commit(lambda: [default_storage.delete(name) for name in names])
