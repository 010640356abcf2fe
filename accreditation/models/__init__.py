from .applications import Application, OrganisationQuota, Transition
from .badges import Badge, BadgeBatch
from .bulk import BulkDecision, BulkRefusal
from .categories import AccreditationCategory, MediaOutlet, Zone
from .checkpoints import Checkpoint, GateLookup, Scan
from .keys import ApiKey, ApiScope
from .webhooks import Delivery, Webhook

__all__ = [
    "AccreditationCategory", "ApiKey", "ApiScope", "Application", "Badge", "BadgeBatch",
    "BulkDecision", "BulkRefusal", "Checkpoint", "Delivery", "GateLookup", "MediaOutlet",
    "OrganisationQuota", "Scan", "Transition", "Webhook", "Zone",
]
