"""Security vetting, under /accreditation/vetting/: vetting officers only."""

from django.urls import path

from accreditation.vetting import views as vetting

urlpatterns = [
    path("", vetting.vetting_queue, name="vetting_queue"),
    path("<id:pk>/", vetting.vetting_decide, name="vetting_decide"),
    path("clear/", vetting.vetting_bulk_clear, name="vetting_bulk_clear"),
    path("export/", vetting.vetting_export, name="vetting_export"),
    path("import/", vetting.vetting_import, name="vetting_import"),
]
