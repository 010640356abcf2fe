from django.urls import path

from logistics.views import agencies, common, dashboard, plan_io, tasks

app_name = "logistics"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("event/", common.choose_event, name="choose_event"),
    path("tasks/", tasks.task_list, name="task_list"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("tasks/<int:pk>/update/", tasks.task_progress, name="task_progress"),
    path("timeline/", dashboard.timeline, name="timeline"),
    path("agencies/", agencies.agency_list, name="agency_list"),
    path("agencies/<int:pk>/", agencies.agency_detail, name="agency_detail"),
    path("plan/import/", plan_io.plan_import, name="plan_import"),
    path("plan/export.<str:fmt>", plan_io.plan_export, name="plan_export"),
    # Delegations, arrivals and uploads
    # Signing ceremony, speakers list and bilaterals
    # Programme (staff)
    # Side events (staff)
]
