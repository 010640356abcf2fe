import factory

from logistics.delegations.enums import DelegationKind, DelegationLevel
from logistics.delegations.models import Country, Delegation, DelegationMember
from tests.factories.plan import EventFactory


def country(code):
    """A country from the table the data migration loads. Browser tests (transactional)
    run after a flush has emptied that table, so it is loaded again from the same data."""
    from logistics.demo.countries import rows

    found = Country.objects.filter(code=code).first()
    if found:
        return found
    name, group, member = next((n, g, m) for c, n, g, m in rows() if c == code)
    return Country.objects.create(code=code, name=name, regional_group=group, un_member=member)


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    event = factory.SubFactory(EventFactory)
    kind = DelegationKind.NGO
    name = factory.Sequence(lambda n: f"Organisation {n}")
    head_name = "Dr Amina Diallo"
    head_level = DelegationLevel.SENIOR_OFFICIAL
    size_quota = 3


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationMember

    delegation = factory.SubFactory(DelegationFactory)
    family_name = factory.Sequence(lambda n: f"Nguyễn {n}")
    given_names = "Văn An"
