"""On PostgreSQL the searches of the applications list and the vetting queue can be answered
from the trigram index (built by accreditation's squashed migration) rather than by reading
every application: the index's expressions must stay those the searches compare."""

import pytest
from django.db import connection

from accreditation.applications.models.applications import Application
from accreditation.applications.queries import review
from accreditation.vetting import queries as vetting

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="a PostgreSQL index (SQLite searches without it)")


def _plan(queryset):
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        # Neither reading the table whole nor walking another index in order.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


# Over every event's applications: with a few test rows the planner would rather walk the
# event's own index; what is asked here is whether the search's condition can use the index.
@pytest.mark.django_db
@pytest.mark.parametrize("text", ["nguyen", "Trần Thị Mai", "A-7K2P9Q", "@vtv.vn"])
def test_the_applications_search_reads_the_trigram_index(text):
    plan = _plan(review.search(Application.objects.all(), text))
    assert "application_search_trigrams" in plan, plan
    assert "Seq Scan" not in plan, plan


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["Ministry of Health", "C1234567"])
def test_the_vetting_search_reads_the_trigram_index(text):
    plan = _plan(vetting.vetting_search(Application.objects.all(), text))
    assert "application_search_trigrams" in plan, plan
    assert "Seq Scan" not in plan, plan
