"""What an application's or a badge's change announces, sent inside the change's own
transaction. The webhooks' outbox (accreditation/integrations) writes its deliveries from
these (accreditation/receivers.py), so that a change and its deliveries commit or roll back
together, and the parts below integrations never import it. Sent with send(), not
send_robust(): a delivery that cannot be written undoes the change, as it always did."""

from django.dispatch import Signal

# Applications moved in a way their sender sees (enums.status_as_sent): `moves`, a list of
# (application, transition) pairs.
applications_moved = Signal()

# A badge issued, suspended, revoked or reinstated: `badge`, and `event_type`, the
# WebhookEvent that says which.
badge_changed = Signal()
