import factory

from logistics.side_events.enums import ProposalStatus, SideEventFormat
from logistics.side_events.models import ProposalReview, SideEventProposal
from tests.factories.plan import EventFactory, UserFactory

ABSTRACT = ("A panel of prosecutors and forensic experts on how electronic evidence crosses "
            "borders under the new convention, with cases from three regions.")


class ProposalFactory(factory.django.DjangoModelFactory):
    """A submitted proposal for a panel, in English and French, preferring the first morning."""

    class Meta:
        model = SideEventProposal

    event = factory.SubFactory(EventFactory)
    organiser_name = factory.Sequence(lambda n: f"Contact {n}")
    organiser_organisation = factory.Sequence(lambda n: f"Institute {n}")
    organiser_email = factory.Sequence(lambda n: f"organiser{n}@example.org")
    title = factory.Sequence(lambda n: f"Electronic evidence across borders {n}")
    abstract = ABSTRACT
    format = SideEventFormat.PANEL
    languages = ["en", "fr"]
    expected_audience = 60
    preferred_slots = factory.LazyAttribute(lambda p: [f"{p.event.start_date.isoformat()}:am"])
    status = ProposalStatus.SUBMITTED


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposalReview

    proposal = factory.SubFactory(ProposalFactory)
    reviewer = factory.SubFactory(UserFactory)
    score = 4
    comment = "Strong speakers; fits the second day."
