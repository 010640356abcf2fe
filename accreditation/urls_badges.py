"""Badges, under /accreditation/badges/: the list, a badge's page and its actions, PDFs one at
a time and in batches, and the collection desk."""

from django.urls import path

from accreditation.views import badge_batches, badge_collection, badges

urlpatterns = [
    path("", badges.badge_list, name="badge_list"),
    path("<int:pk>/", badges.badge_detail, name="badge_detail"),
    path("<int:pk>/pdf/", badges.badge_pdf, name="badge_pdf"),
    path("<int:pk>/revoke/", badges.badge_revoke, name="badge_revoke"),
    path("<int:pk>/lost/", badges.badge_mark_lost, name="badge_mark_lost"),
    path("<int:pk>/reissue/", badges.badge_reissue, name="badge_reissue"),
    path("<int:pk>/reinstate/", badges.badge_reinstate, name="badge_reinstate"),
    path("<int:pk>/collect/", badge_collection.badge_collect, name="badge_collect"),
    path("collect/", badge_collection.collection, name="collection"),
    path("batches/", badge_batches.batch_list, name="batch_list"),
    path("batches/new/", badge_batches.batch_create, name="batch_create"),
    path("batches/<int:pk>/", badge_batches.batch_detail, name="batch_detail"),
    path("batches/<int:pk>/progress/", badge_batches.batch_progress, name="batch_progress"),
    path("batches/<int:pk>/download/", badge_batches.batch_download, name="batch_download"),
]
