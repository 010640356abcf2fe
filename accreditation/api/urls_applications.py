"""/api/v1/applications/ (with bulk/ and the decisions), badges/ and webhooks/."""

from accreditation.api import views_applications, views_badges, views_webhooks
from logistics.core.ids import SimpleRouter

router = SimpleRouter()
router.register("applications", views_applications.ApplicationViewSet, basename="application")
router.register("badges", views_badges.BadgeViewSet, basename="badge")
router.register("webhooks", views_webhooks.WebhookViewSet, basename="webhook")

urlpatterns = router.urls
