"""The plan over REST: events, agencies, committees, tasks and their history.

Views only route: PlanAccess decides who may call, the serializers validate, the services in
logistics.services write, and every list costs the same number of queries for any number of
rows."""

from django.db.models import Prefetch
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.filters import SearchFilter
from rest_framework.response import Response

from logistics.core.api.filters import StableOrderingFilter
from logistics.core.api.permissions import acting_user, acting_via
from logistics.core.models.event import Agency, Committee, Event
from logistics.plan.api import filters, serializers
from logistics.plan.api.permissions import PlanAccess
from logistics.plan.models import Task, TaskUpdate
from logistics.plan.queries import master_plan
from logistics.plan.services.master_plan import task_update_progress


class PlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                  mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """List, retrieve, create and update; no delete over the API."""

    permission_classes = [PlanAccess]
    filter_backends = [DjangoFilterBackend, SearchFilter, StableOrderingFilter]

    def audit(self):
        """More for the services' record of a change; tasks keep an update log."""
        return {}

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        self._save(serializer)

    def _save(self, serializer):
        # Read the saved object back through the list queryset so that the response carries
        # the same annotations and codes as a GET.
        saved = serializer.save(by=acting_user(self.request), **self.audit())
        serializer.instance = self.get_queryset().get(pk=saved.pk)
        serializer.partial = False  # as ServiceViewSet._save: the answer in full, as GET


@extend_schema(tags=["events"])
class EventViewSet(PlanViewSet):
    """Events: everything in the plan hangs off one."""

    queryset = Event.objects.all()
    serializer_class = serializers.EventSerializer
    search_fields = ["name", "slug", "city"]
    ordering_fields = ["start_date", "name"]
    ordering = ["start_date"]


@extend_schema(tags=["agencies"])
class AgencyViewSet(PlanViewSet):
    """Agencies of an event: ministries, city authorities, police units, UN entities..."""

    queryset = Agency.objects.select_related("parent")
    serializer_class = serializers.AgencySerializer
    filterset_class = filters.AgencyFilter
    search_fields = ["code", "name"]
    ordering_fields = ["code", "name"]
    ordering = ["code"]


@extend_schema(tags=["committees"])
class CommitteeViewSet(PlanViewSet):
    """Committees of an event: the steering committee, the working group, subcommittees."""

    queryset = Committee.objects.select_related("chair_agency").prefetch_related(
        Prefetch("member_agencies", queryset=Agency.objects.only("pk", "code")))
    serializer_class = serializers.CommitteeSerializer
    filterset_class = filters.CommitteeFilter
    search_fields = ["code", "name"]
    ordering_fields = ["order", "code"]
    ordering = ["order", "code"]


@extend_schema(tags=["tasks"])
class TaskViewSet(PlanViewSet):
    """Tasks of the master plan. Every change is kept in the task's history (task-updates).
    The secretariat and keys with the write scope may create and change tasks; an agency's
    focal point may change only the status and progress of the tasks its agencies lead or
    coordinate (PATCH with those fields, or the progress action)."""

    queryset = Task.objects.none()  # the schema reads this; requests use get_queryset()
    serializer_class = serializers.TaskSerializer
    filterset_class = filters.TaskFilter
    search_fields = ["code", "title"]
    ordering_fields = ["due_date", "code", "progress", "status"]
    ordering = ["due_date", "code"]
    contributor_actions = ("update", "partial_update", "progress")

    def get_queryset(self):
        return master_plan.all_events_tasks()

    def audit(self):
        return {"via": acting_via(self.request)}

    @extend_schema(request=serializers.TaskProgressSerializer,
                   responses=serializers.TaskSerializer,
                   summary="Report a task's status and progress, with a note")
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None, format=None):
        task = self.get_object()
        form = serializers.TaskProgressSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        task_update_progress(task=task, by=acting_user(request), via=acting_via(request),
                             **form.validated_data)
        task = self.get_queryset().get(pk=task.pk)
        return Response(self.get_serializer(task).data)


@extend_schema(tags=["tasks"])
class TaskUpdateViewSet(viewsets.ReadOnlyModelViewSet):
    """The history of tasks, newest first: who changed what, when, and why."""

    queryset = TaskUpdate.objects.select_related("task", "author").order_by("-created_at",
                                                                              "-pk")
    serializer_class = serializers.TaskUpdateSerializer
    permission_classes = [PlanAccess]
    filter_backends = [DjangoFilterBackend]
    filterset_class = filters.TaskUpdateFilter
