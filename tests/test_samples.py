"""The replayable sample of tests/samples.py, on the countries the data migration loads."""

from logistics.delegations.models import Country
from tests.samples import spread


def test_a_spread_sample_reaches_from_the_first_row_to_the_last_the_same_each_time(db):
    countries = Country.objects.all()
    pks = list(countries.order_by("pk").values_list("pk", flat=True))
    assert len(pks) > 100
    sample = [country.pk for country in spread(countries, 10)]
    assert sample == [country.pk for country in spread(countries, 10)]
    assert len(set(sample)) == 10 and sample == sorted(sample)
    assert sample[0] == pks[0] and sample[-1] in pks[-len(pks) // 10:]


def test_a_spread_sample_of_fewer_rows_than_asked_is_all_of_them(db):
    few = Country.objects.filter(code__in=["VN", "KE", "FR"])
    assert [c.code for c in spread(few, 10)] == [c.code for c in few.order_by("pk")]
