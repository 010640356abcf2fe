"""Reads that pages, the API, mail and commands share: annotated and prefetched querysets.

One module per concept; the plan's reads are re-exported here, as most callers want them.
"""

from .plan import (  # noqa: F401
    OPEN,
    agencies,
    agency_tasks,
    all_events_tasks,
    committees,
    current_event,
    due_this_week_q,
    overdue_q,
    owed_q,
    plan_file_tasks,
    readiness,
    readiness_by_agency,
    readiness_by_committee,
    task_detail_qs,
    tasks,
    tasks_for_agency,
    timeline,
    with_lateness,
)
from .readiness_curves import actual_readiness, planned_readiness  # noqa: F401
