"""Events other apps listen to, so that logistics never imports them."""

from django.dispatch import Signal

# A delegation's focal point completed (or changed) its registration. Sent after commit,
# with `delegation` and `members` (the DelegationMember rows as they now are). The
# accreditation app turns members into delegate applications from this.
delegation_registered = Signal()

# seed_demo built the logistics side of the demo scenario and is still inside its
# transaction. Sent with `event`, `scale`, `password` (the demo users' password, None when
# DEBUG is off) and `progress` (a callable taking one line of text, for long steps). A
# receiver adds its own part of the scenario and returns a line for seed_demo's summary
# (or None).
demo_loaded = Signal()

# The dashboard is being drawn for `user` (with `event` and `today`, the date at the venue).
# A receiver returns a panel for that user's desk, a dict with the "template" that draws it
# and what that template reads, or None; logistics draws whatever it is given.
dashboard_panels = Signal()
