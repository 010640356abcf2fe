from tests.factories.plan import (
    AgencyFactory,
    CommitteeFactory,
    EventFactory,
    TaskFactory,
    UserFactory,
    user_with_role,
)

__all__ = [
    "AgencyFactory", "CommitteeFactory", "EventFactory", "TaskFactory", "UserFactory",
    "user_with_role",
]
