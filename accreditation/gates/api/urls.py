"""Scans at the gates and the offline scanners' kit, under /api/v1/scans/."""

from django.urls import path

from accreditation.gates.api import views as views_scans

urlpatterns = [
    path("scans/", views_scans.ScanView.as_view(), name="api-scan"),
    path("scans/offline-kit/", views_scans.OfflineKitView.as_view(),
         name="api-scan-offline-kit"),
]
