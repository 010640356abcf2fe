import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from rest_framework.test import APIClient


@pytest.fixture
def login():
    def make(user):
        client = APIClient()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def bearer():
    def make(raw):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        return client

    return make


def entries_of(obj):
    """The audit entries of one object, oldest first."""
    kind = ContentType.objects.get_for_model(type(obj))
    return list(LogEntry.objects.filter(content_type=kind, object_id=obj.pk).order_by("pk"))


def trail_text(response):
    """The record of changes panel of a page, as text (whitespace collapsed)."""
    import re

    html = response.content.decode()
    start = html.index('id="audit-trail"')
    panel = html[start:html.index("</section>", start)]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", panel)).strip()
