"""Accreditation's API routes under /api/v1/: each part's endpoints, wired here."""

from django.urls import include, path

from accreditation.applications.api.views import ApplicationViewSet
from accreditation.badges.api.views import BadgeViewSet
from accreditation.integrations.api.views import WebhookViewSet
from logistics.core.ids import SimpleRouter

# Applications (bulk, incremental sync, the decisions), badges, webhooks.
router = SimpleRouter()
router.register("applications", ApplicationViewSet, basename="application")
router.register("badges", BadgeViewSet, basename="badge")
router.register("webhooks", WebhookViewSet, basename="webhook")

urlpatterns = [
    # Scans and what offline scanners download (public key, revocation list): first, as
    # the busiest route.
    path("", include("accreditation.gates.api.urls")),
    *router.urls,
]
