from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogisticsConfig(AppConfig):
    name = "logistics"
    verbose_name = _("Plan and logistics")

    def ready(self):
        from logistics import admin_audit, audit, stored_files  # noqa: F401  (its rows)

        audit.register()  # the audit trail's models (logistics/audit.py)
        admin_audit.register()
