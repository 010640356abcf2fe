"""Events other apps listen to, so that logistics never imports them."""

from django.dispatch import Signal

# A delegation's focal point completed (or changed) its registration. Sent after commit,
# with `delegation` and `members` (the DelegationMember rows as they now are). The
# accreditation app turns members into delegate applications from this.
delegation_registered = Signal()
