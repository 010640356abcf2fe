import factory

from logistics.enums import DelegationKind, DelegationLevel
from logistics.models.delegations import Country, Delegation, DelegationMember

from .plan import EventFactory


def country(code):
    """A country from the table the data migration loaded."""
    return Country.objects.get(code=code)


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
