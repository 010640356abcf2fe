"""Staff pages under /accreditation/, one URL module per area (each owns its own list)."""

from django.urls import include, path

app_name = "accreditation"

urlpatterns = [
    # Categories, zones, outlets, quotas; the review queue; staff entry and import.
    path("", include("accreditation.urls_office")),
    # Security vetting.
    path("vetting/", include("accreditation.urls_vetting")),
    # Badges: lists, PDFs, batches, collection, revoke / lost / reissue.
    path("badges/", include("accreditation.urls_badges")),
    # Checkpoints, the scanner page and the zones' live view.
    path("gates/", include("accreditation.urls_gates")),
    # The list of participants: a page, a PDF and a spreadsheet.
    path("participants/", include("accreditation.urls_participants")),
]
