"""API routes of accreditation under /api/v1/, one module per area."""

from django.urls import include, path

urlpatterns = [
    # Applications (bulk, incremental sync), decisions, badges, webhooks.
    path("", include("accreditation.api.urls_applications")),
    # Scans and what offline scanners download (public key, revocation list).
    path("", include("accreditation.api.urls_scans")),
]
