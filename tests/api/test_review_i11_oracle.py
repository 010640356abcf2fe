"""Review of issue 11 (outside reviewer): siblings of the ID-number oracle that the held
possible duplicate leaves open. Each test fails while the oracle is open."""

from accreditation.models import Application
from logistics.enums import DelegationLevel
from tests.factories.accreditation import journalist
from tests.factories.delegations import DelegationFactory, country

API = "/api/v1/applications/"


def _media(minister, number, email):
    return {"category": "P", "family_name": "Probe", "given_names": "X", "nationality": "VN",
            "email": email, "id_document_kind": "passport", "id_document_number": number,
            "media_role": "photographer", "delegation": minister.pk, "outlet": None}


def test_the_delegation_media_rule_does_not_tell_a_held_item_from_a_new_one(
        key_client, event, cats, outlet):
    """A writing key probes ID numbers with the delegation-media rule: a held application
    is not live, so it leaves the delegation's photographer place free, and the next item
    for that place is created instead of refused. One bulk call tells which of its numbers
    are someone's."""
    journalist(event, outlet=outlet, id_document_number="L1234567", nationality=country("VN"),
               email="held.by@vna.example")
    minister = DelegationFactory(event=event, head_level=DelegationLevel.FOREIGN_MINISTER)
    writer = key_client("accreditation:write", name="media portal")

    def probe(number, n):
        response = writer.post(f"{API}bulk/", {"event": event.pk, "items": [
            _media(minister, number, f"p{n}a@example.org"),
            _media(minister, f"Z{n:07d}", f"p{n}b@example.org")]}, format="json")
        codes = [r["code"] for r in response.json()["results"]]
        # Leave the place as it was for the next probe (what the test compares is the answer).
        Application.objects.filter(delegation=minister).delete()
        return codes

    taken = probe("L1234567", 1)
    free = probe("F7654321", 2)
    assert taken == free, (taken, free)


def test_the_order_a_bulk_call_creates_its_items_in_does_not_tell_a_held_item_from_a_new_one(
        key_client, event, cats, outlet):
    """Two items of one call name the same ID number, a third does not. When the number is
    free, the second goes one by one after the rest (held as the first one's duplicate); when
    someone holds it, both are held in the batch's own INSERT. The ids (read back with
    accreditation:read, which a portal holds beside write) tell which."""
    journalist(event, outlet=outlet, id_document_number="L1234567", nationality=country("VN"),
               email="held.by@vna.example")
    portal = key_client("accreditation:read", "accreditation:write", name="media portal")

    def person(number, n):
        return {"category": "P", "family_name": f"Probe {n}", "given_names": "X",
                "nationality": "VN", "email": f"probe{n}@example.org",
                "id_document_kind": "passport", "id_document_number": number,
                "media_role": "reporter", "outlet": outlet.pk}

    def order(number, first):
        items = [person(number, first), person(number, first + 1),
                 person(f"Z{first:07d}", first + 2)]
        response = portal.post(f"{API}bulk/", {"event": event.pk, "items": items},
                               format="json")
        references = [r["reference"] for r in response.json()["results"]]
        ids = [portal.get(f"{API}{reference}/").json()["id"] for reference in references]
        return sorted(range(3), key=lambda i: ids[i])

    assert order("L1234567", 10) == order("F7654321", 20)
