"""Accreditation's data (app label "accreditation"):

- categories: Zones, AccreditationCategories (letter codes, colours, quotas) and the
  MediaOutlets journalists apply through.
- applications: Applications (one person, one accreditation; ID numbers encrypted), their
  Transitions (every move of the state machine) and OrganisationQuotas.
- badges: Badges (signed QR codes, zones, validity) and the BadgeBatches printed.
- checkpoints: the gates' Checkpoints, every Scan and the manual GateLookups.
- bulk: the office's BulkDecisions and what they refused.
- keys, webhooks: integrations' ApiKeys (scopes) and Webhooks with their Deliveries.
"""

from accreditation.models.applications import Application, OrganisationQuota, Transition
from accreditation.models.badges import Badge, BadgeBatch
from accreditation.models.bulk import BulkDecision, BulkRefusal
from accreditation.models.categories import AccreditationCategory, MediaOutlet, Zone
from accreditation.models.checkpoints import Checkpoint, GateLookup, Scan
from accreditation.models.keys import ApiKey, ApiScope
from accreditation.models.webhooks import Delivery, Webhook

__all__ = [
    "AccreditationCategory", "ApiKey", "ApiScope", "Application", "Badge", "BadgeBatch",
    "BulkDecision", "BulkRefusal", "Checkpoint", "Delivery", "GateLookup", "MediaOutlet",
    "OrganisationQuota", "Scan", "Transition", "Webhook", "Zone",
]
