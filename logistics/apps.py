from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogisticsConfig(AppConfig):
    name = "logistics"
    verbose_name = _("Plan and logistics")

    def ready(self):
        from django.contrib import admin
        from django.urls import register_converter

        from config import checks  # noqa: F401  (registers the deployment checks)
        from logistics import audited
        from logistics.core import admin_audit, stored_files  # noqa: F401  (its rows)
        from logistics.core.ids import IdConverter, admin_takes_ids

        # `<id:pk>`: every id in a URL path, 1 to 2**63 - 1, else 404 (logistics/core/ids.py).
        register_converter(IdConverter, "id")

        audited.register()  # the audit trail's models (logistics/audited.py)
        admin_audit.register()
        admin_takes_ids(admin.site)
