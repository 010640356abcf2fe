"""The staff pages' routes of every part of the work, under the `logistics` namespace (the
names stay those links and tests already use)."""

from django.urls import path

from logistics.bilaterals import views as bilateral_views
from logistics.core.views import common
from logistics.core.views import files as file_views
from logistics.core.views import outbox as mail
from logistics.dashboard import views as dashboard
from logistics.delegations import views as delegation_views
from logistics.plan.views import agencies, plan_io
from logistics.plan.views import master_plan as tasks
from logistics.programme.views import office as programme_views
from logistics.side_events.views import office as side_event_views
from logistics.signing import views as signing_views
from logistics.speakers import views as speaker_views

app_name = "logistics"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("event/", common.choose_event, name="choose_event"),
    path("tasks/", tasks.task_list, name="task_list"),
    path("tasks/<id:pk>/", tasks.task_detail, name="task_detail"),
    path("tasks/<id:pk>/update/", tasks.task_progress, name="task_progress"),
    path("tasks/new/", tasks.task_new, name="task_new"),
    path("tasks/<id:pk>/edit/", tasks.task_edit, name="task_edit"),
    path("tasks/<id:pk>/cancel/", tasks.task_cancel_view, name="task_cancel"),
    path("timeline/", dashboard.timeline, name="timeline"),
    path("agencies/", agencies.agency_list, name="agency_list"),
    path("agencies/<id:pk>/", agencies.agency_detail, name="agency_detail"),
    path("agencies/new/", agencies.agency_new, name="agency_new"),
    path("agencies/<id:pk>/edit/", agencies.agency_edit, name="agency_edit"),
    path("committees/", agencies.committee_list, name="committee_list"),
    path("committees/new/", agencies.committee_new, name="committee_new"),
    path("committees/<id:pk>/edit/", agencies.committee_edit, name="committee_edit"),
    path("plan/import/", plan_io.plan_import, name="plan_import"),
    path("plan/export.<str:fmt>", plan_io.plan_export, name="plan_export"),
    path("mail/", mail.outbox, name="outbox"),
    # Delegations, arrivals and uploads
    path("delegations/", delegation_views.delegation_list, name="delegation_list"),
    path("delegations/invite/", delegation_views.delegation_invite, name="delegation_invite"),
    path("delegations/<id:pk>/", delegation_views.delegation_detail,
         name="delegation_detail"),
    path("delegations/<id:pk>/status/", delegation_views.delegation_status,
         name="delegation_status"),
    path("delegations/<id:pk>/protocol/", delegation_views.delegation_protocol,
         name="delegation_protocol"),
    path("delegations/<id:pk>/credentials/", delegation_views.delegation_credentials,
         name="delegation_credentials"),
    path("delegations/<id:pk>/invitation/", delegation_views.delegation_invitation_send,
         name="delegation_invitation_send"),
    path("delegations/<id:pk>/invitation/revoke/",
         delegation_views.delegation_invitation_revoke, name="delegation_invitation_revoke"),
    path("arrivals/", delegation_views.arrivals, name="arrivals"),
    path("files/<str:kind>/<id:pk>/", file_views.upload, name="upload"),
    # Signing ceremony, speakers list and bilaterals
    path("signing/", signing_views.signing, name="signing"),
    path("signing/run-of-show/", signing_views.run_of_show, name="run_of_show"),
    path("signing/add/", signing_views.signing_add, name="signing_add"),
    path("signing/order/", signing_views.signing_order, name="signing_order"),
    path("signing/<id:pk>/full-powers/", signing_views.signing_full_powers,
         name="signing_full_powers"),
    path("signing/<id:pk>/verify/", signing_views.signing_verify, name="signing_verify"),
    path("signing/<id:pk>/schedule/", signing_views.signing_schedule, name="signing_schedule"),
    path("signing/<id:pk>/move/", signing_views.signing_move, name="signing_move"),
    path("signing/<id:pk>/signed/", signing_views.signing_signed, name="signing_signed"),
    path("signing/<id:pk>/unsigned/", signing_views.signing_unsigned, name="signing_unsigned"),
    path("speakers/", speaker_views.speakers, name="speakers"),
    path("speakers/print/", speaker_views.speakers_print, name="speakers_print"),
    path("speakers/<id:session_pk>/inscribe/", speaker_views.speaker_inscribe,
         name="speaker_inscribe"),
    path("speakers/<id:session_pk>/order/", speaker_views.speakers_order,
         name="speakers_order"),
    path("speakers/slots/<id:pk>/move/", speaker_views.speaker_move, name="speaker_move"),
    path("speakers/slots/<id:pk>/status/", speaker_views.speaker_status, name="speaker_status"),
    path("speakers/slots/<id:pk>/edit/", speaker_views.speaker_edit, name="speaker_edit"),
    path("bilaterals/", bilateral_views.bilateral_list, name="bilateral_list"),
    path("bilaterals/request/", bilateral_views.bilateral_request, name="bilateral_request"),
    path("bilaterals/<id:pk>/", bilateral_views.bilateral_detail, name="bilateral_detail"),
    path("bilaterals/<id:pk>/schedule/", bilateral_views.bilateral_schedule,
         name="bilateral_schedule"),
    path("bilaterals/<id:pk>/status/", bilateral_views.bilateral_status,
         name="bilateral_status"),
    # Programme (staff)
    path("programme/", programme_views.programme_grid, name="programme_grid"),
    path("programme/sessions/new/", programme_views.session_create, name="session_create"),
    path("programme/sessions/<id:pk>/", programme_views.session_detail, name="session_detail"),
    path("programme/sessions/<id:pk>/edit/", programme_views.session_edit, name="session_edit"),
    path("programme/sessions/<id:pk>/move/", programme_views.session_move,
         name="session_move"),
    path("programme/sessions/<id:pk>/cancel/", programme_views.session_cancel,
         name="session_cancel"),
    path("programme/rooms/", programme_views.room_list, name="room_list"),
    path("programme/rooms/new/", programme_views.room_create, name="room_create"),
    path("programme/rooms/<id:pk>/edit/", programme_views.room_edit, name="room_edit"),
    path("programme/venues/new/", programme_views.venue_create, name="venue_create"),
    path("programme/versions/", programme_views.programme_versions, name="programme_versions"),
    path("programme/versions/publish/", programme_views.programme_publish,
         name="programme_publish"),
    # Side events (staff)
    path("programme/side-events/", side_event_views.proposal_list, name="proposal_list"),
    path("programme/side-events/<id:pk>/", side_event_views.proposal_detail,
         name="proposal_detail"),
    path("programme/side-events/<id:pk>/review/", side_event_views.proposal_review,
         name="proposal_review"),
    path("programme/side-events/<id:pk>/decide/", side_event_views.proposal_decide,
         name="proposal_decide"),
    path("programme/side-events/<id:pk>/schedule/", side_event_views.proposal_schedule,
         name="proposal_schedule"),
]
