"""API routes of accreditation under /api/v1/, one module per area."""

from django.urls import include, path

urlpatterns = [
    # Scans and what offline scanners download (public key, revocation list): first, as
    # the busiest route.
    path("", include("accreditation.api.urls_scans")),
    # Applications (bulk, incremental sync), decisions, badges, webhooks.
    path("", include("accreditation.api.urls_applications")),
]
