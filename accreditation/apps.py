from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    name = "accreditation"
    verbose_name = _("Accreditation")

    def ready(self):
        import accreditation.demo_receivers  # noqa: F401  (seed_demo's part)
        from accreditation import receivers  # noqa: F401  (connects the signal receivers)
        from accreditation.audit import register as register_audit
        from accreditation.stored_files import register_kinds

        register_audit()  # the audit trail's models (accreditation/audit.py)
        register_kinds()  # its rows in the table of stored files (logistics.core.stored_files)
