"""The host committee's data. Each part of the work keeps its models in its own `models`
module; Django loads an app's models from here, so this module only imports them (the app
label stays "logistics" and the tables `logistics_<model>`). Import a model from its part:

- core.models.event: the Event (dates, venue, time zone, reminder rules, the signing
  threshold), its Agencies (lead and coordinating agencies, with focal points) and
  Committees; core.models.mail, .queueing, .files: the outbox (OutgoingMail), the
  per-address MailCount, messages the broker refused (UnsentTask), stored-file names;
  core.accounts.models: staff second factors.
- plan.models: the master plan's Tasks (lead agency, coordinating agencies, deadline,
  progress), their TaskUpdates, the Reminders sent about them, the daily ReadinessSnapshot.
- delegations.models: Countries (the UN names, CLDR's in other languages), Delegations,
  their members (DelegationMember: heads of delegation first) and registration Invitations.
- programme.models: Venues, Rooms, Sessions (with their HostLeaders), published
  ProgrammeVersions and the change mails they caused.
- signing.models: one Signing per state (full powers, the plenary run of show or the
  treaty desk). speakers.models: the speakers list (SpeakerSlot). bilaterals.models:
  BilateralMeetings. side_events.models: SideEventProposals and their ProposalReviews.
"""

from logistics.bilaterals import models as bilaterals  # noqa: F401
from logistics.core.accounts import models as accounts  # noqa: F401
from logistics.core.models import event, files, mail, queueing  # noqa: F401
from logistics.delegations import models as delegations  # noqa: F401
from logistics.plan import models as plan  # noqa: F401
from logistics.programme import models as programme  # noqa: F401
from logistics.side_events import models as side_events  # noqa: F401
from logistics.signing import models as signing  # noqa: F401
from logistics.speakers import models as speakers  # noqa: F401
