from logistics.ids import DefaultRouter

from . import (
    views,
    views_delegations,
    views_programme,
    views_proposals,
    views_signing,
    views_speakers,
)

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
