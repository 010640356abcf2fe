from django.urls import path

from accreditation.api import views_scans

urlpatterns = [
    path("scans/", views_scans.ScanView.as_view(), name="api-scan"),
    path("scans/offline-kit/", views_scans.OfflineKitView.as_view(),
         name="api-scan-offline-kit"),
]
