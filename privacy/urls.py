from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("export/", views.export_search, name="export"),
    path("export/download/", views.export_download, name="export_download"),
]
