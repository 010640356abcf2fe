"""The project's URLs, and the bench's bare view beside them (bench only: the scan bench's
gunicorn runs tests.bench.server_settings)."""

from django.urls import path

from config.urls import handler404, handler500  # noqa: F401 (the project's error pages)
from config.urls import urlpatterns as project_urlpatterns
from tests.bench.views import DrfSelectInsert, KeyedSelectInsert, select_insert

urlpatterns = [
    path("bench/select-insert/", select_insert),
    path("bench/drf-select-insert/", DrfSelectInsert.as_view()),
    path("bench/keyed-select-insert/", KeyedSelectInsert.as_view()),
    *project_urlpatterns,
]
