"""Fields a rule requires only in some cases (a press category's media role, a state's country,
a drawn letter) are optional in the schema's `required` lists: the field's description must
say when it is required. Each row of the table is a rule found by sending the request without
the field; the test proves the rule (refused without it, accepted without it when the case
does not hold) and that the served schema's description of the field states the case."""

from itertools import count

import pytest

from tests.factories.accreditation import journalist

_n = count(1)


def application(press_outlet, /, **fields):
    """A journalist's application, as an integration sends it."""
    n = next(_n)
    return {"event": press_outlet.event_id, "category": "P", "family_name": f"Đặng {n}",
            "given_names": "Thu", "nationality": "VN", "email": f"thu{n}@example.org",
            "id_document_kind": "passport", "id_document_number": f"D{n:07d}",
            "outlet": press_outlet.pk, "media_role": "reporter", **fields}


def without(data, name):
    return {key: value for key, value in data.items() if key != name}


def bulk(outlet, item):
    item = without(item, "event")
    return {"event": outlet.event_id, "items": [item]}


# (method, path, field, what its description must say, request without the field in the
#  case that requires it, the same without the field in a case that does not)
RULES = [
    ("post", "/api/v1/applications/", "media_role", "Required for a media category",
     lambda w: without(application(w.outlet), "media_role"),
     lambda w: without(application(w.outlet, category="D", outlet=None), "media_role")),
    ("post", "/api/v1/applications/", "outlet", "Required for a media category",
     lambda w: without(application(w.outlet), "outlet"),
     lambda w: without(application(w.outlet, category="D", media_role=""), "outlet")),
    ("post", "/api/v1/applications/bulk/", "items.media_role", "Required for a media category",
     lambda w: bulk(w.outlet, without(application(w.outlet), "media_role")),
     lambda w: bulk(w.outlet, without(application(w.outlet, category="D", outlet=None),
                                      "media_role"))),
    ("post", "/api/v1/applications/bulk/", "items.outlet", "Required for a media category",
     lambda w: bulk(w.outlet, without(application(w.outlet), "outlet")),
     lambda w: bulk(w.outlet, without(application(w.outlet, category="D", media_role=""),
                                      "outlet"))),
    ("patch", "/api/v1/applications/{reference}/", "media_role", "Required for a media category",
     lambda w: {"media_role": ""}, None),
    ("patch", "/api/v1/applications/{reference}/", "outlet", "Required for a media category",
     lambda w: {"outlet": None}, None),
    ("post", "/api/v1/delegations/", "country", "Required when kind is state or observer_state",
     lambda w: {"event": w.event.pk, "kind": "state", "name": "Atlantis"},
     lambda w: {"event": w.event.pk, "kind": "igo", "name": "African Union"}),
    ("post", "/api/v1/delegations/", "name", "Required when kind is an organisation's",
     lambda w: {"event": w.event.pk, "kind": "ngo"},
     lambda w: {"event": w.event.pk, "kind": "state", "country": "VN"}),
    ("post", "/api/v1/signings/order/", "letter",
     "Required when rule is alphabetical_from_letter",
     lambda w: {"event": w.event.pk, "rule": "alphabetical_from_letter"},
     lambda w: {"event": w.event.pk, "rule": "precedence"}),
]


class World:
    def __init__(self, event, outlet, writer, protocol_client):
        self.event, self.outlet = event, outlet
        self.writer, self.protocol = writer, protocol_client

    def client_for(self, path):
        return self.writer if "/applications/" in path else self.protocol


@pytest.fixture
def world(event, cats, outlet, writer, login, protocol):
    return World(event, outlet, writer, login(protocol))


def refused_fields(response, field):
    """The fields the answer refuses: the error's, or (bulk) the item's."""
    body = response.json()
    if "results" in body:
        return set(body["results"][0]["errors"] or {})
    return set(body.get("error", {}).get("fields") or {}) if response.status_code >= 400 else set()


def described(schema, method, path, field):
    media = schema["paths"][path][method]["requestBody"]["content"]["application/json"]
    node = media["schema"]
    for name in field.split("."):
        if "$ref" in node:
            node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
        node = node["properties"][name]
        if node.get("type") == "array":
            node = node["items"]
    return node.get("description", "")


@pytest.mark.parametrize(("method", "path", "field", "condition", "missing", "other"), RULES,
                         ids=[f"{method} {path} {field}"
                              for method, path, field, *_rest in RULES])
def test_a_conditional_requirement_is_described(world, method, path, field, condition,
                                                missing, other):
    client = world.client_for(path)
    url = path
    if "{reference}" in path:
        url = path.format(reference=journalist(world.event, outlet=world.outlet).reference)
    name = field.rsplit(".", 1)[-1]
    response = getattr(client, method)(url, missing(world), format="json")
    assert name in refused_fields(response, name), response.content
    if other is not None:
        response = getattr(client, method)(url, other(world), format="json")
        assert name not in refused_fields(response, name), response.content
    schema = world.writer.get("/api/schema/?format=json").json()
    description = described(schema, method, path, field)
    assert condition in description, description
