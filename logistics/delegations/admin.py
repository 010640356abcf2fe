"""Delegations in the admin: the country table is edited here (regional groups are a host's
data); delegations and members are looked at only, until their staff pages land, because
their writes belong to the services."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from logistics.core import permissions, stored_files
from logistics.core.admin import RecordAdmin
from logistics.delegations.models import Country, Delegation, DelegationMember


class ProtocolAdmin(RecordAdmin, admin.ModelAdmin):
    def has_module_permission(self, request):
        return permissions.can_manage_delegations(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_manage_delegations(request.user)


@admin.register(Country)
class CountryAdmin(ProtocolAdmin):
    list_display = ["code", "name", "regional_group", "un_member"]
    fields = ["code", "name", "names", "regional_group", "un_member"]
    list_filter = ["regional_group", "un_member"]
    search_fields = ["code", "name"]

    def has_change_permission(self, request, obj=None):
        return permissions.can_manage_delegations(request.user)


class MemberInline(admin.TabularInline):
    model = DelegationMember
    fields = ["family_name", "given_names", "title", "nationality", "is_head",
              "in_list_of_participants", "arrival_at", "arrival_flight"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Delegation)
class DelegationAdmin(ProtocolAdmin):
    list_display = ["name", "kind", "country", "head_level", "status", "size_quota"]
    list_filter = ["event", "kind", "status", "head_level", "country__regional_group"]
    list_select_related = ["country"]
    search_fields = ["name", "head_name", "country__name"]
    inlines = [MemberInline]
    # A stored file has no URL of its own (config/storage.py): the credentials are linked to
    # their permission-checked route.
    exclude = ["credentials_document"]
    readonly_fields = ["credentials"]

    @admin.display(description=_("credentials"))
    def credentials(self, delegation):
        if not delegation.credentials_document:
            return "-"
        kind = stored_files.kind_of(Delegation, "credentials_document")
        return format_html('<a href="{}">{}</a>', kind.url(delegation.pk), _("Download"))
