"""Checkpoints, the scanner page and the zones' live view, under /accreditation/gates/."""

from django.urls import path

from accreditation.gates import views as gates

urlpatterns = [
    path("", gates.checkpoint_list, name="checkpoint_list"),
    path("add/", gates.checkpoint_add, name="checkpoint_add"),
    path("<id:pk>/edit/", gates.checkpoint_edit, name="checkpoint_edit"),
    path("scan/", gates.scanner, name="scanner"),
    path("scan/lookup/", gates.gate_lookup, name="gate_lookup"),
    path("scan/admit/", gates.gate_admit, name="gate_admit"),
    path("live/", gates.zone_live, name="zone_live"),
]
