"""Side-event proposals over the API: read-only, for their reviewers, never with reviews."""

import pytest

from logistics.side_events.enums import ProposalStatus, SideEventFormat
from logistics.side_events.models import ProposalReview, SideEventProposal


def _proposal(event, title, *, status=ProposalStatus.SUBMITTED, format=SideEventFormat.PANEL):
    return SideEventProposal.objects.create(
        event=event, title=title, abstract="Cooperation against cybercrime in the region.",
        format=format, status=status, organiser_name="Dr Nguyễn Thị Lan",
        organiser_organisation="Institute for Cyber Law", organiser_email="lan@icl.example",
        co_organisers="UNODC\nInterpol\n", languages=["en", "vi"], expected_audience=60,
        preferred_slots=["2026-12-10:am"])


@pytest.fixture
def panel(event):
    return _proposal(event, "Evidence across borders")


@pytest.fixture
def booth(event):
    return _proposal(event, "Forensics tools", status=ProposalStatus.ACCEPTED,
                     format=SideEventFormat.EXHIBITION_BOOTH)


@pytest.fixture
def workshop(event):
    return _proposal(event, "Training judges", status=ProposalStatus.WAITLISTED,
                     format=SideEventFormat.WORKSHOP)


def _titles(response):
    assert response.status_code == 200, response.content
    return sorted(row["title"] for row in response.json()["results"])


def test_proposal_retrieve(login, programme, panel):
    body = login(programme).get(f"/api/v1/side-event-proposals/{panel.pk}/").json()
    assert {name: body[name] for name in [
        "reference", "title", "format", "status", "organiser_organisation", "organiser_email",
        "co_organisers", "languages", "expected_audience", "preferred_slots", "session"]} == {
        "reference": panel.reference, "title": "Evidence across borders", "format": "panel",
        "status": "submitted", "organiser_organisation": "Institute for Cyber Law",
        "organiser_email": "lan@icl.example", "co_organisers": ["UNODC", "Interpol"],
        "languages": ["en", "vi"], "expected_audience": 60,
        "preferred_slots": ["2026-12-10:am"], "session": None}


def test_proposal_never_shows_reviews_or_confirmation_link(login, programme, secretariat,
                                                           panel):
    ProposalReview.objects.create(proposal=panel, reviewer=programme, score=2,
                                  comment="Too close to the plenary's theme")
    client = login(secretariat)
    for url in ["/api/v1/side-event-proposals/",
                f"/api/v1/side-event-proposals/{panel.pk}/"]:
        content = client.get(url).content.decode()
        assert "Too close" not in content
        assert panel.confirm_token not in content
        assert "review" not in content and "score" not in content


@pytest.mark.parametrize(("query", "expected"), [
    ("status=submitted", ["Evidence across borders"]),
    ("status=accepted&status=waitlisted", ["Forensics tools", "Training judges"]),
    ("format=exhibition_booth", ["Forensics tools"]),
    ("format=workshop&status=accepted", []),
    ("search=judges", ["Training judges"]),
])
def test_proposal_list_filters(login, programme, panel, booth, workshop, query, expected):
    assert _titles(login(programme).get(f"/api/v1/side-event-proposals/?{query}")) == expected


def test_proposal_list_filter_by_reference(login, programme, panel, booth):
    response = login(programme).get(f"/api/v1/side-event-proposals/?search={booth.reference}")
    assert _titles(response) == ["Forensics tools"]


def test_proposal_list_rejects_unknown_status(login, programme, panel):
    response = login(programme).get("/api/v1/side-event-proposals/?status=maybe&format=gala")
    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == ["format", "status"]


def test_proposal_list_newest_first_and_paged(login, programme, panel, booth, workshop):
    client = login(programme)
    first = client.get("/api/v1/side-event-proposals/?page_size=2").json()
    second = client.get("/api/v1/side-event-proposals/?page_size=2&page=2").json()
    assert first["count"] == 3
    assert [row["title"] for row in first["results"] + second["results"]] == [
        "Training judges", "Forensics tools", "Evidence across borders"]


def test_proposal_list_query_count_does_not_grow(login, programme, event, same_query_count):
    same_query_count(lambda: login(programme).get("/api/v1/side-event-proposals/"),
                     lambda n: [_proposal(event, f"Panel {i}") for i in range(n)])


@pytest.mark.parametrize(("name", "status"), [
    ("anonymous", 401), ("no_role", 403), ("focal_point", 403), ("observer", 403),
    ("steering", 403), ("protocol", 403), ("programme", 200), ("secretariat", 200),
    ("read_key", 200),
])
def test_proposal_reads_by_role(clients, panel, name, status):
    client = clients(name)
    urls = ["/api/v1/side-event-proposals/", f"/api/v1/side-event-proposals/{panel.pk}/"]
    assert {url: client.get(url).status_code for url in urls} == {url: status for url in urls}


@pytest.mark.parametrize(("name", "status"), [
    ("anonymous", 401), ("observer", 403), ("read_key", 403), ("programme", 405),
    ("write_key", 405),
])
def test_proposals_are_read_only(clients, event, panel, name, status):
    client = clients(name)
    assert client.post("/api/v1/side-event-proposals/", {"event": event.pk},
                       format="json").status_code == status
    assert client.patch(f"/api/v1/side-event-proposals/{panel.pk}/", {"status": "accepted"},
                        format="json").status_code == status
    panel.refresh_from_db()
    assert panel.status == ProposalStatus.SUBMITTED
