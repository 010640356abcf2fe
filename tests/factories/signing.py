import factory

from logistics.delegations.enums import DelegationKind, DelegationLevel
from logistics.signing.enums import SigningPlace
from logistics.signing.models import Signing
from tests.factories.delegations import DelegationFactory


class StateDelegationFactory(DelegationFactory):
    """A state's delegation: pass `country=country("FR")`; its name follows the country."""

    kind = DelegationKind.STATE
    name = factory.LazyAttribute(lambda d: d.country.name)
    head_level = DelegationLevel.FOREIGN_MINISTER


class SigningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signing

    delegation = factory.SubFactory(StateDelegationFactory)
    event = factory.SelfAttribute("delegation.event")
    where = SigningPlace.PLENARY
    signatory_name = factory.LazyAttribute(lambda s: s.delegation.head_name)
    signatory_level = factory.LazyAttribute(lambda s: s.delegation.head_level)
