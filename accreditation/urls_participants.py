"""The list of participants, under /accreditation/participants/: the page, its PDF and its
spreadsheet."""

from django.urls import path

from accreditation.participants import views as participants

urlpatterns = [
    path("", participants.participants, name="participants"),
    path("pdf/", participants.participants_pdf, name="participants_pdf"),
    path("xlsx/", participants.participants_xlsx, name="participants_xlsx"),
]
