"""The accreditation office: set-up (categories, zones, outlets, quotas), the review queue,
one application's page and its uploads, staff entry and import."""

from django.urls import path

from accreditation.applications.views import entry, files, review, review_bulk
from accreditation.setup import category_styles
from accreditation.setup import views as office

urlpatterns = [
    # Set-up
    # The categories' colours as classes (.cat-<pk>), linked from every staff page.
    path("categories.css", category_styles.category_styles, name="category_styles"),
    path("setup/", office.setup_page, name="setup"),
    path("setup/categories/<id:pk>/", office.category_edit, name="category_edit"),
    path("setup/zones/add/", office.zone_add, name="zone_add"),
    path("setup/zones/<id:pk>/", office.zone_edit, name="zone_edit"),
    path("setup/outlets/add/", office.outlet_add, name="outlet_add"),
    path("setup/outlets/<id:pk>/", office.outlet_edit, name="outlet_edit"),
    path("setup/quotas/add/", office.quota_add, name="quota_add"),
    path("setup/quotas/<id:pk>/delete/", office.quota_delete, name="quota_delete"),
    # The review queue and decisions
    path("applications/", review.application_list, name="application_list"),
    path("applications/bulk/", review_bulk.application_bulk, name="application_bulk"),
    path("applications/bulk/<id:pk>/", review_bulk.bulk_decision_detail,
         name="bulk_decision_detail"),
    path("applications/bulk/<id:pk>/progress/", review_bulk.bulk_decision_progress,
         name="bulk_decision_progress"),
    path("applications/add/", entry.application_add, name="application_add"),
    path("applications/import/", entry.application_import, name="application_import"),
    path("applications/import/template/", entry.application_import_template,
         name="application_import_template"),
    path("applications/<id:pk>/", review.application_detail, name="application_detail"),
    path("applications/<id:pk>/decide/", review.application_decide,
         name="application_decide"),
    path("applications/<id:pk>/file/<str:kind>/", files.application_file,
         name="application_file"),
]
