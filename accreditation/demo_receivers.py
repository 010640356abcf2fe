"""accreditation's part of the demo scenario: seed_demo announces the logistics side
(logistics.core.signals.demo_loaded, inside its transaction) and this adds the rest."""

from django.dispatch import receiver

from logistics.core.signals import demo_loaded


@receiver(demo_loaded, dispatch_uid="accreditation.demo")
def load_accreditation_demo(sender, *, event, scale=1, password=None, **kwargs):
    """Categories, outlets, applications, badges, checkpoints and scans; returns the line
    seed_demo prints."""
    from accreditation.demo import scenario

    return scenario.build(event, scale=scale, password=password)
