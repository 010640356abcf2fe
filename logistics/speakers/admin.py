"""The speakers list in the admin: looked at only."""

from django.contrib import admin

from logistics.core.admin import ProtocolViewMixin, RecordAdmin
from logistics.speakers.models import SpeakerSlot


@admin.register(SpeakerSlot)
class SpeakerSlotAdmin(ProtocolViewMixin, RecordAdmin, admin.ModelAdmin):
    list_display = ["session", "order", "delegation", "speaker_name", "level", "language",
                    "time_limit_minutes", "status"]
    list_filter = ["session__event", "status", "level"]
    list_select_related = ["session", "delegation"]
    search_fields = ["speaker_name", "delegation__name", "session__title"]
