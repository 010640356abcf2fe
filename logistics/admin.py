"""Django's admin looks for an app's registrations in `<app>.admin`; each part of the work
keeps its own, and this module only loads them."""

from logistics.bilaterals import admin as bilaterals  # noqa: F401
from logistics.core.accounts import admin as accounts  # noqa: F401
from logistics.delegations import admin as delegations  # noqa: F401
from logistics.plan import admin as plan  # noqa: F401
from logistics.reminders import admin as reminders  # noqa: F401
from logistics.speakers import admin as speakers  # noqa: F401
