"""Who may call what on the integration API: every endpoint of applications and badges, key
scope by key scope and role by role. Reads need accreditation:read (or a role that sees the
applications), a badge's PDF (the holder's photo) personal_data too, creation and
corrections accreditation:write (or the accreditation office), decisions and revocations
accreditation:decide (or the accreditation office)."""

from itertools import count

import pytest

from accreditation.applications.models.applications import Application
from accreditation.badges.services.badges import badge_issue
from accreditation.enums import VettingStatus
from accreditation.keys.services import api_key_create, api_key_revoke
from logistics.core.enums import Role
from tests.factories.accreditation import approved, journalist
from tests.factories.plan import user_with_role

READS = ["list", "retrieve", "badges", "badge", "badge_pdf"]
WRITES = ["create", "bulk", "patch"]
DECISIONS = ["approve", "reject", "request_information", "withdraw", "revoke"]
SUCCESS = {"create": 201}
_n = count(1)


@pytest.fixture
def call(event, cats, outlet):
    """`call(client, operation)`: the status of that operation on fresh data."""

    def person():
        n = next(_n)
        return {"category": "P", "family_name": f"Hoàng {n}", "email": f"h{n}@example.org",
                "outlet": outlet.pk, "media_role": "reporter"}

    def cleared():
        application = journalist(event, outlet=outlet)
        Application.objects.filter(pk=application.pk).update(vetting=VettingStatus.CLEARED)
        return application

    def badge():
        return badge_issue(application_id=approved(journalist(event, outlet=outlet)).pk)

    def request(operation):
        apps = "/api/v1/applications/"
        if operation == "list":
            return "get", apps, None
        if operation == "retrieve":
            return "get", f"{apps}{journalist(event, outlet=outlet).reference}/", None
        if operation == "badges":
            return "get", "/api/v1/badges/", None
        if operation in ("badge", "badge_pdf"):
            suffix = "pdf/" if operation == "badge_pdf" else ""
            return "get", f"/api/v1/badges/{badge().pk}/{suffix}", None
        if operation == "create":
            return "post", apps, {"event": event.pk, **person()}
        if operation == "bulk":
            return "post", f"{apps}bulk/", {"event": event.pk, "items": [person()]}
        if operation == "patch":
            return "patch", f"{apps}{journalist(event, outlet=outlet).reference}/", {
                "function": "Editor"}
        if operation == "revoke":
            return "post", f"/api/v1/badges/{badge().pk}/revoke/", {"reason": "Lost."}
        path = operation.replace("_", "-")
        payload = {"reason": "Checked.", "message": "Send the letter."}
        return "post", f"{apps}{cleared().reference}/{path}/", payload

    def run(client, operation):
        method, url, payload = request(operation)
        return getattr(client, method)(url, payload, format="json").status_code

    return run


def expected(allowed, refused):
    return {op: (SUCCESS.get(op, 200) if op in allowed else refused)
            for op in READS + WRITES + DECISIONS}


def statuses(call, client):
    return {op: call(client, op) for op in READS + WRITES + DECISIONS}


NOT_THE_PDF = [op for op in READS if op != "badge_pdf"]


@pytest.mark.parametrize(("scopes", "allowed"), [
    (["accreditation:read"], NOT_THE_PDF),
    (["accreditation:read", "personal_data"], READS),
    (["accreditation:write"], WRITES),
    (["accreditation:decide"], DECISIONS),
    (["accreditation:read", "accreditation:write", "accreditation:decide"],
     NOT_THE_PDF + WRITES + DECISIONS),
    (["accreditation:read", "accreditation:write", "accreditation:decide", "personal_data"],
     READS + WRITES + DECISIONS),
    (["scan"], []),
    (["personal_data"], []),
    (["read", "write"], []),
])
def test_keys_by_scope(call, key_client, scopes, allowed):
    assert statuses(call, key_client(*scopes)) == expected(allowed, 403)


def test_a_revoked_key_is_refused_everything(call, bearer, db):
    key, raw = api_key_create(name="old portal", scopes=["accreditation:read",
                                                         "accreditation:write",
                                                         "accreditation:decide"])
    api_key_revoke(key=key)
    assert statuses(call, bearer(raw)) == expected([], 401)


def test_anonymous_is_refused_everything(call, anonymous):
    assert statuses(call, anonymous) == expected([], 401)


@pytest.mark.parametrize(("role", "allowed"), [
    (Role.ACCREDITATION, READS + WRITES + DECISIONS),
    (Role.SECRETARIAT, READS + WRITES + DECISIONS),
    # Vetting reads the lists, but prints no badge: a PDF carries the code that opens gates.
    (Role.VETTING, [op for op in READS if op != "badge_pdf"]),
    (Role.GATE, []),
    (Role.OBSERVER, []),
    (Role.PROTOCOL, []),
    (None, []),
])
def test_staff_by_role(call, login, role, allowed):
    user = user_with_role(role, username=f"u-{role}") if role else None
    if user is None:
        from tests.factories.plan import UserFactory

        user = UserFactory(username="nobody")
    assert statuses(call, login(user)) == expected(allowed, 403)
