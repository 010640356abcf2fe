from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType


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
