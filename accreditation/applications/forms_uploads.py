"""An application's uploads, each checked by its content (logistics.core.uploads), on the
public media form and on the office's entry form alike."""

from logistics.core.uploads import clean_document, clean_photo


class ApplicationUploadsMixin:
    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        return clean_photo(upload) if upload else None

    def _document(self, name):
        upload = self.cleaned_data.get(name)
        return clean_document(upload) if upload else None

    def clean_letter_of_assignment(self):
        return self._document("letter_of_assignment")

    def clean_press_card(self):
        return self._document("press_card")

    def clean_id_copy(self):
        return self._document("id_copy")
