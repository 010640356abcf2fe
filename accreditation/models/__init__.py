"""Accreditation's data (app label "accreditation"). Each part keeps its models in its own
`models` module; Django loads an app's models from here, so this module only imports them.
Import a model from its part:

- setup.models: Zones, AccreditationCategories (letter codes, colours, quotas) and the
  MediaOutlets journalists apply through.
- applications.models: Applications (one person, one accreditation; ID numbers
  encrypted), their Transitions (every move of the state machine), OrganisationQuotas, and
  the office's BulkDecisions with what they refused.
- badges.models: Badges (signed QR codes, zones, validity) and the BadgeBatches printed.
- gates.models: the gates' Checkpoints, every Scan and the manual GateLookups.
- integrations.models: ApiKeys (scopes) and Webhooks with their Deliveries.
"""

from accreditation.applications.models import applications, bulk  # noqa: F401
from accreditation.badges import models as badges  # noqa: F401
from accreditation.gates import models as gates  # noqa: F401
from accreditation.integrations import models as webhooks  # noqa: F401
from accreditation.keys import models as keys  # noqa: F401
from accreditation.setup import models as setup  # noqa: F401
