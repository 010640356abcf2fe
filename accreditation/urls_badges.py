"""Badges, under /accreditation/badges/: the list, a badge's page and its actions, PDFs one at
a time and in batches, and the collection desk."""

from django.urls import path

from accreditation.badges.views import badges
from accreditation.badges.views import batches as badge_batches
from accreditation.badges.views import collection as badge_collection

urlpatterns = [
    path("", badges.badge_list, name="badge_list"),
    path("<id:pk>/", badges.badge_detail, name="badge_detail"),
    path("<id:pk>/pdf/", badges.badge_pdf, name="badge_pdf"),
    path("<id:pk>/revoke/", badges.badge_revoke, name="badge_revoke"),
    path("<id:pk>/lost/", badges.badge_mark_lost, name="badge_mark_lost"),
    path("<id:pk>/reissue/", badges.badge_reissue, name="badge_reissue"),
    path("<id:pk>/reinstate/", badges.badge_reinstate, name="badge_reinstate"),
    path("<id:pk>/printed/", badges.badge_confirm_printed, name="badge_confirm_printed"),
    path("<id:pk>/collect/", badge_collection.badge_collect, name="badge_collect"),
    path("collect/", badge_collection.collection, name="collection"),
    path("batches/", badge_batches.batch_list, name="batch_list"),
    path("batches/new/", badge_batches.batch_create, name="batch_create"),
    path("batches/<id:pk>/", badge_batches.batch_detail, name="batch_detail"),
    path("batches/<id:pk>/progress/", badge_batches.batch_progress, name="batch_progress"),
    path("batches/<id:pk>/download/", badge_batches.batch_download, name="batch_download"),
    path("batches/<id:pk>/printed/", badge_batches.batch_confirm_printed,
         name="batch_confirm_printed"),
]
