from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from logistics.bilaterals.registration import registration_bilaterals
from logistics.core.accounts import views as account
from logistics.core.accounts.login import ThrottledLoginView, login_code
from logistics.core.views.health import healthz
from logistics.delegations.registration.views import (
    register,
    register_members_template,
    register_members_upload,
)
from logistics.programme.views import public as programme_public
from logistics.side_events.views import public as side_events_public

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("login/", ThrottledLoginView.as_view(), name="login"),
    path("login/code/", login_code, name="login_code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/security/", account.security, name="account_security"),
    path("account/security/confirm/", account.security_confirm,
         name="account_security_confirm"),
    path("account/security/recovery-codes/", account.security_recovery_codes,
         name="account_security_recovery_codes"),
    path("account/security/disable/", account.security_disable,
         name="account_security_disable"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("register/<str:token>/", register, name="register"),
    path("register/<str:token>/bilaterals/", registration_bilaterals,
         name="register_bilaterals"),
    path("register/<str:token>/members/upload/", register_members_upload,
         name="register_members_upload"),
    path("register/<str:token>/members/template.<str:fmt>", register_members_template,
         name="register_members_template"),
    # Public programme and iCalendar feeds
    path("public/programme/", programme_public.programme_public, name="programme_public"),
    path("public/programme.ics", programme_public.programme_ical, name="programme_ical"),
    path("public/programme/delegation/<str:token>.ics", programme_public.delegation_ical,
         name="delegation_ical"),
    # Side events (public)
    path("side-events/", RedirectView.as_view(pattern_name="side_event_propose",
                                              permanent=False, query_string=True),
         name="side_events"),
    path("side-events/propose/", side_events_public.proposal_propose, name="side_event_propose"),
    path("side-events/propose/thanks/", side_events_public.proposal_thanks,
         name="side_event_thanks"),
    path("side-events/confirm/<str:token>/", side_events_public.proposal_confirm,
         name="side_event_confirm"),
    # Accreditation: public applications (/apply/) and the staff pages
    path("", include("accreditation.urls_public")),
    path("accreditation/", include("accreditation.urls")),
    # The admin's own login form would skip the second factor: ours stands in for it.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
    path("privacy/", include("privacy.urls")),
    # Accreditation first: the gates' scans are the busiest route, and each pattern tried
    # before it costs every scan (none of the two sets of routes overlaps the other).
    path("api/v1/", include("accreditation.api_urls")),
    path("api/v1/", include("logistics.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file, as the Content Security Policy asks.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(
        url_name="api-schema", template_name="api/swagger_ui.html"), name="api-docs"),
    path("", include("logistics.urls")),
]

handler404 = "config.api.not_found"
handler500 = "config.api.server_error"
