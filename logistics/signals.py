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
