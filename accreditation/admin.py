"""Django's admin looks for an app's registrations in `<app>.admin`; each part keeps its
own, and this module only loads them."""

from accreditation.keys import admin as keys  # noqa: F401
