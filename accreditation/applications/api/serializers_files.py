"""An application's photo and documents, sent by an integration as multipart/form-data.

Each file is checked by the one cleaner the forms use (logistics.core.uploads): by its content,
never by its name or the type the client claims; within the same sizes; an image's pixels
counted before it is decoded; stored re-encoded, with nothing but what it shows. A file
refused here is refused by the public and the office forms, and the other way round."""

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from logistics.core.uploads import (
    DOCUMENT_MAX_BYTES,
    PHOTO_MAX_BYTES,
    PHOTO_MIN_SIZE,
    clean_document,
    clean_photo,
)


def _megabytes(size):
    return f"{size // 2**20} MB"


def _document_help(what):
    return format_lazy(gettext_lazy("{what}: a PDF, JPEG or PNG file of at most {limit}."),
                       what=what, limit=_megabytes(DOCUMENT_MAX_BYTES))


class ApplicationFilesSerializer(serializers.Serializer):
    """One to four files; a file left out keeps the one on record, a file sent replaces it."""

    photo = serializers.FileField(required=False, help_text=format_lazy(
        gettext_lazy("A JPEG or PNG of at least {width}×{height} pixels and at most {limit}, "
                     "head and shoulders on a plain background; stored as a JPEG without "
                     "its metadata."),
        width=PHOTO_MIN_SIZE[0], height=PHOTO_MIN_SIZE[1], limit=_megabytes(PHOTO_MAX_BYTES)))
    letter_of_assignment = serializers.FileField(
        required=False, help_text=_document_help(gettext_lazy("The letter of assignment")))
    press_card = serializers.FileField(
        required=False, help_text=_document_help(gettext_lazy("The press card")))
    id_copy = serializers.FileField(
        required=False, help_text=_document_help(gettext_lazy(
            "The copy of the ID document (read by security vetting alone)")))

    def validate_photo(self, upload):
        return clean_photo(upload)

    def validate_letter_of_assignment(self, upload):
        return clean_document(upload)

    def validate_press_card(self, upload):
        return clean_document(upload)

    def validate_id_copy(self, upload):
        return clean_document(upload)

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError(
                _("Send at least one file: photo, letter_of_assignment, press_card or "
                  "id_copy."), code="no_file")
        return attrs
