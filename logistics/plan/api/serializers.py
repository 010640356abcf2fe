"""The plan as JSON. Agencies, committees and tasks are referred to by id, with their code
beside it (`lead_agency` and `lead_agency_code`) so that a reader needs no second request.

Writes go through the services: `save(by=...)` passes the staff member, or None for an
API key, to logistics.plan.services.frame and logistics.plan.services.master_plan."""

import zoneinfo

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from logistics.core.api.base import CreateOnlyFieldsMixin, ModelSerializer, changed_fields
from logistics.core.models.event import Agency, Committee, Event
from logistics.plan.enums import TaskStatus
from logistics.plan.models import Task, TaskUpdate
from logistics.plan.services import frame as plan_services
from logistics.plan.services.master_plan import task_create, task_update


class EventSerializer(ModelSerializer):
    time_zone = serializers.CharField(max_length=64, required=False,
                                      help_text=_("IANA time zone, e.g. Asia/Ho_Chi_Minh."))
    languages = serializers.ListField(child=serializers.CharField(max_length=10),
                                      required=False)

    class Meta:
        model = Event
        fields = ["id", "name", "slug", "venue", "city", "start_date", "end_date", "time_zone",
                  "languages", "due_soon_days", "escalate_after_days", "digest_hour",
                  "weekly_weekday"]
        extra_kwargs = {"digest_hour": {"max_value": 23}, "weekly_weekday": {"max_value": 6}}

    def validate_time_zone(self, value):
        if value not in zoneinfo.available_timezones():
            raise serializers.ValidationError(_("Unknown time zone."))
        return value

    def validate(self, attrs):
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        end = attrs.get("end_date", getattr(self.instance, "end_date", None))
        if start and end and end < start:
            raise serializers.ValidationError(
                {"end_date": [_("The last day must not be before the first.")]})
        return attrs

    def create(self, validated_data):
        return plan_services.event_create(**validated_data)

    def update(self, instance, validated_data):
        by = validated_data.pop("by")
        return plan_services.event_update(event=instance, by=by,
                                          **changed_fields(instance, validated_data))


class AgencySerializer(CreateOnlyFieldsMixin, ModelSerializer):
    parent_code = serializers.CharField(source="parent.code", read_only=True, allow_null=True,
                                        default=None)
    emails = serializers.ListField(child=serializers.EmailField(), required=False)

    class Meta:
        model = Agency
        fields = ["id", "event", "code", "name", "kind", "parent", "parent_code", "emails"]

    def create(self, validated_data):
        return plan_services.agency_create(**validated_data)

    def update(self, instance, validated_data):
        by = validated_data.pop("by")
        return plan_services.agency_update(agency=instance, by=by,
                                           **changed_fields(instance, validated_data))


class CommitteeSerializer(CreateOnlyFieldsMixin, ModelSerializer):
    chair_agency_code = serializers.CharField(source="chair_agency.code", read_only=True,
                                              allow_null=True, default=None)
    member_agency_codes = serializers.SlugRelatedField(
        source="member_agencies", slug_field="code", many=True, read_only=True)

    class Meta:
        model = Committee
        fields = ["id", "event", "code", "name", "kind", "order", "chair_agency",
                  "chair_agency_code", "member_agencies", "member_agency_codes"]

    def create(self, validated_data):
        return plan_services.committee_create(**validated_data)

    def update(self, instance, validated_data):
        by = validated_data.pop("by")
        changed = changed_fields(instance, validated_data, m2m={"member_agencies"})
        return plan_services.committee_update(committee=instance, by=by, **changed)


class TaskSerializer(CreateOnlyFieldsMixin, ModelSerializer):
    create_only_fields = ("event", "code")

    committee_code = serializers.CharField(source="committee.code", read_only=True)
    lead_agency_code = serializers.CharField(source="lead_agency.code", read_only=True)
    coordinating_agency_codes = serializers.SlugRelatedField(
        source="coordinating_agencies", slug_field="code", many=True, read_only=True)
    is_overdue = serializers.BooleanField(
        read_only=True, help_text=_("Past due and neither done nor cancelled, in the event's "
                                    "own calendar."))
    staff_url = serializers.SerializerMethodField(
        help_text=_("The task's page in the staff UI."))
    note = serializers.CharField(
        write_only=True, required=False, allow_blank=True, default="",
        help_text=_("Why: kept with the change in the task's history."))

    class Meta:
        model = Task
        fields = ["id", "event", "code", "title", "description", "committee", "committee_code",
                  "lead_agency", "lead_agency_code", "coordinating_agencies",
                  "coordinating_agency_codes", "start_date", "due_date", "status", "progress",
                  "is_overdue", "parent", "depends_on", "staff_url", "created_at",
                  "updated_at", "note"]
        extra_kwargs = {"progress": {"max_value": 100}}

    @extend_schema_field(serializers.URLField())
    def get_staff_url(self, task):
        request = self.context.get("request")
        url = task.get_absolute_url()
        return request.build_absolute_uri(url) if request else url

    def create(self, validated_data):
        return task_create(**validated_data)

    def update(self, instance, validated_data):
        by, via = validated_data.pop("by"), validated_data.pop("via", "")
        note = validated_data.pop("note", "")
        changed = changed_fields(instance, validated_data,
                           m2m={"coordinating_agencies", "depends_on"})
        return task_update(task=instance, by=by, via=via, note=note, **changed)


class TaskProgressSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=TaskStatus.choices)
    progress = serializers.IntegerField(min_value=0, max_value=100)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class TaskUpdateSerializer(ModelSerializer):
    task_code = serializers.CharField(source="task.code", read_only=True)
    author = serializers.SerializerMethodField()

    class Meta:
        model = TaskUpdate
        fields = ["id", "task", "task_code", "author", "created_at", "changes", "note"]
        read_only_fields = fields

    def get_author(self, update) -> str | None:
        if update.author is None:
            return None
        return update.author.get_full_name() or update.author.get_username()
