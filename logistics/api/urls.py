from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("events", views.EventViewSet, basename="event")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("committees", views.CommitteeViewSet, basename="committee")
router.register("tasks", views.TaskViewSet, basename="task")
router.register("task-updates", views.TaskUpdateViewSet, basename="task-update")

urlpatterns = router.urls
