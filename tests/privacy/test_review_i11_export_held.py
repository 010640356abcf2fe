"""Review of issue 11 (outside reviewer): a person's data export, made at the person's
request, must not name another person's application: the export leaves duplicate_of out as
"someone else's", yet the status change's reason ("Possible duplicate of A-...") names it,
and so tells the requester that the ID number or address they gave is someone's."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from tests.factories.accreditation import journalist
from tests.factories.delegations import country


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def test_the_export_of_a_held_application_reads_as_a_new_ones(client, event, cats, outlet,
                                                              officer):
    live = journalist(event, outlet=outlet, id_document_number="L1234567",
                      nationality=country("VN"), email="held.by@vna.example")
    held = journalist(event, outlet=outlet, id_document_number="L1234567",
                      nationality=country("VN"), email="prober@example.org")
    assert held.status == "possible_duplicate"
    client.force_login(officer)
    response = client.post(reverse("privacy:export_download"), {"email": "prober@example.org"})
    assert response.status_code == 200
    text = json.dumps(json.loads(zipfile.ZipFile(io.BytesIO(response.content))
                                 .read("personal-data.json")), ensure_ascii=False)
    assert live.reference not in text
