"""What accreditation does when logistics announces something (logistics never imports
accreditation: it sends signals, and these receivers are connected in apps.ready())."""

import logging

from django.dispatch import receiver

from accreditation.signals import applications_moved, badge_changed
from logistics.core.enums import Role
from logistics.core.permissions import has_role
from logistics.core.signals import dashboard_panels, delegation_registered

logger = logging.getLogger(__name__)


@receiver(delegation_registered, dispatch_uid="accreditation.delegate_applications")
def delegation_members_to_applications(sender, *, delegation, members=None, **kwargs):
    """A registration was saved (and committed): its members become, or update, delegate
    applications. The focal point's registration stands whatever happens here, so a failure
    is logged (by delegation, never by person) instead of failing their page."""
    from accreditation.applications.services.delegates import delegate_applications_sync

    try:
        delegate_applications_sync(delegation=delegation, members=members)
    except Exception as error:  # noqa: BLE001  (its message may name a person)
        logger.error("Delegation %s: delegate applications not synchronised (%s).",
                     delegation.pk, type(error).__name__)


@receiver(dashboard_panels, dispatch_uid="accreditation.office_desk")
def office_desk(sender, *, user, event, today, **kwargs):
    """The accreditation officer lands on the decision queue and the vetting backlog."""
    if not has_role(user, Role.ACCREDITATION):
        return None
    from accreditation.applications.queries.review import office_backlog
    from accreditation.permissions import can_vet

    return {"template": "accreditation/_dashboard_office.html", "today": today,
            "backlog": office_backlog(event), "can_vet": can_vet(user)}


@receiver(applications_moved, dispatch_uid="accreditation.webhooks.applications")
def applications_to_webhooks(sender, *, moves, **kwargs):
    """Each move's deliveries to the webhooks subscribed to application.status."""
    from accreditation.integrations.services import webhooks

    webhooks.webhooks_notify_statuses(moves)


@receiver(badge_changed, dispatch_uid="accreditation.webhooks.badge")
def badge_to_webhooks(sender, *, badge, event_type, **kwargs):
    """The badge's deliveries to the webhooks subscribed to that event."""
    from accreditation.integrations.services import webhooks

    webhooks.webhooks_notify_badge(badge, event_type)
