"""Public pages under /apply/: no login; the form, the status check and the correction link
are each their own gate."""

from django.urls import path

from accreditation.applications.views import public

urlpatterns = [
    path("apply/media/", public.apply_media, name="apply_media"),
    path("apply/media/thanks/", public.apply_thanks, name="apply_thanks"),
    path("apply/status/", public.apply_status, name="apply_status"),
    path("apply/correct/<str:token>/", public.apply_correct, name="apply_correct"),
]
