"""Required documents follow the category: the press send a letter of assignment, a press card
and a copy of the ID document; nobody else is missing any of them. One rule
(accreditation.applications.documents), read alike by the queue, the application's page and
the API."""

import pytest
from django.urls import reverse

from accreditation.enums import CategoryKind
from accreditation.keys.services import api_key_create
from accreditation.setup.models import AccreditationCategory
from tests.factories.accreditation import journalist
from tests.factories.registration import pdf_upload

LIST = reverse("accreditation:application_list")
PRESS = ["letter_of_assignment", "press_card", "id_copy"]
MEDIA_KINDS = (CategoryKind.MEDIA, CategoryKind.MEDIA_TECHNICIAN)
LABELS = {"letter_of_assignment": "Letter of assignment", "press_card": "Press card",
          "id_copy": "Copy of the ID document"}

pytestmark = pytest.mark.usefixtures("media_in_tmp")


def test_every_category_requires_what_its_kind_does(event, cats):
    from accreditation.applications.documents import required_documents

    for category in AccreditationCategory.objects.filter(event=event):
        expected = PRESS if category.kind in MEDIA_KINDS else []
        assert list(required_documents(category)) == expected, category.kind


def test_every_page_reads_missing_documents_from_the_category(client, bearer, event, cats,
                                                              officer):
    """Each category, an application with no document: the page, the queue's row and the
    API say the same thing, and only the press lack anything."""
    _key, raw = api_key_create(name="portal", scopes=["accreditation:read", "personal_data"])
    api = bearer(raw)
    client.force_login(officer)
    for category in AccreditationCategory.objects.filter(event=event).order_by("code"):
        application = journalist(event, category_code=category.code)
        required = PRESS if category.kind in MEDIA_KINDS else []
        page = client.get(reverse("accreditation:application_detail",
                                  args=[application.pk])).content.decode()
        documents = page.split('data-testid="documents"')[1].split("</ul>")[0]
        assert documents.count('data-testid="document-missing"') == len(required), \
            category.kind
        for field, label in LABELS.items():
            assert (label in documents) == (field in required), (category.kind, field)
        assert ('data-testid="no-documents"' in documents) == (not required)
        queue = client.get(LIST, {"q": application.reference}).content.decode()
        assert ('data-testid="documents-missing"' in queue) == bool(required), category.kind
        body = api.get(f"/api/v1/applications/{application.reference}/").json()
        assert body["missing_documents"] == required, category.kind


def test_a_document_on_file_is_listed_and_not_missing(client, event, cats, officer):
    press = journalist(event, press_card=pdf_upload(), letter_of_assignment=pdf_upload())
    # A delegate who sent a letter anyway: it is shown, nothing is missing.
    delegate = journalist(event, category_code="D", letter_of_assignment=pdf_upload())
    client.force_login(officer)
    page = client.get(reverse("accreditation:application_detail", args=[press.pk]))
    documents = page.content.decode().split('data-testid="documents"')[1].split("</ul>")[0]
    assert documents.count('data-testid="document-missing"') == 1  # the ID copy
    for kind in ("letter_of_assignment", "press_card"):
        assert reverse("accreditation:application_file", args=[press.pk, kind]) in documents
    queue = client.get(LIST).content.decode()
    assert "Missing: Copy of the ID document" in queue
    page = client.get(reverse("accreditation:application_detail", args=[delegate.pk]))
    documents = page.content.decode().split('data-testid="documents"')[1].split("</ul>")[0]
    assert "document-missing" not in documents
    assert reverse("accreditation:application_file",
                   args=[delegate.pk, "letter_of_assignment"]) in documents
    assert "Press card" not in documents
