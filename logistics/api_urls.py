"""The logistics API's routes: each part of the work's viewsets under /api/v1/."""

from logistics.core.ids import DefaultRouter
from logistics.delegations.api import views as views_delegations
from logistics.plan.api import views
from logistics.programme.api import views as views_programme
from logistics.side_events.api import views as views_proposals
from logistics.signing.api import views as views_signing
from logistics.speakers.api import views as views_speakers

router = DefaultRouter()
router.register("events", views.EventViewSet, basename="event")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("committees", views.CommitteeViewSet, basename="committee")
router.register("tasks", views.TaskViewSet, basename="task")
router.register("task-updates", views.TaskUpdateViewSet, basename="task-update")
router.register("delegations", views_delegations.DelegationViewSet, basename="delegation")
router.register("members", views_delegations.MemberViewSet, basename="member")
router.register("signings", views_signing.SigningViewSet, basename="signing")
router.register("rooms", views_programme.RoomViewSet, basename="room")
router.register("sessions", views_programme.SessionViewSet, basename="session")
router.register("speakers", views_speakers.SpeakerViewSet, basename="speaker")
router.register("side-event-proposals", views_proposals.ProposalViewSet,
                basename="side-event-proposal")

urlpatterns = router.urls
