from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from accreditation.keys.services import api_key_create, api_key_revoke

# The integration API's fixtures (accreditation office, keys with accreditation scopes, a
# webhook subscriber on 127.0.0.1).
from tests.api.accreditation_fixtures import *  # noqa: E402,F401,F403
from tests.factories.plan import TaskFactory, UserFactory, user_with_role
from tests.queries import same_queries


@pytest.fixture
def anonymous(db):
    return APIClient()


@pytest.fixture
def no_role(db):
    return UserFactory(username="norole")


@pytest.fixture
def read_key(db):
    return api_key_create(name="dashboard", scopes=["read"])[1]


@pytest.fixture
def write_key(db):
    return api_key_create(name="plan sync", scopes=["read", "write"])[1]


@pytest.fixture
def personal_key(db):
    """The UN registration system: it reads the delegations' people, personal data included."""
    return api_key_create(name="registration", scopes=["read", "personal_data"])[1]


@pytest.fixture
def revoked_key(db):
    key, raw = api_key_create(name="old sync", scopes=["read", "write"])
    api_key_revoke(key=key)
    return raw


@pytest.fixture
def task(event, committee, agency, other_agency):
    """Led by MPS (the focal point's agency), coordinated by MOFA."""
    return TaskFactory(event=event, committee=committee, lead_agency=agency, code="SEC-01",
                       title="Security plan for the convention centre",
                       due_date=event.today() + timedelta(days=10),
                       coordinating_agencies=[other_agency])


@pytest.fixture
def others_task(event, committee, other_agency):
    """Led by MOFA; the focal point's agency has nothing to do with it."""
    return TaskFactory(event=event, committee=committee, lead_agency=other_agency,
                       code="PRO-01", title="Welcome delegations at the airport",
                       due_date=event.today() + timedelta(days=12))


@pytest.fixture
def staff():
    """A staff user (may open the admin) in the given role, or in none."""

    def make(role=None, **kwargs):
        kwargs.setdefault("username", f"staff-{role or 'none'}")
        if role is None:
            return UserFactory(is_staff=True, **kwargs)
        return user_with_role(role, is_staff=True, **kwargs)

    return make




@pytest.fixture
def clients(request, login, bearer, anonymous):
    """A client by name: a role fixture ("observer", "protocol"...), "read_key", "write_key"
    or "anonymous"."""

    def make(name):
        if name == "anonymous":
            return anonymous
        if name.endswith("_key"):
            return bearer(request.getfixturevalue(name))
        return login(request.getfixturevalue(name))

    return make


@pytest.fixture
def same_query_count(db):
    """Checks that a list costs as many queries with 3 rows as with 1 (tests/queries.py):
    `add(n)` adds n rows, `get()` makes the request and returns the response."""

    def check(get, add):
        add(1)
        response = same_queries(get, lambda: add(2))
        assert response.status_code == 200, response.content
        assert response.json()["count"] == 3
        return response

    return check
