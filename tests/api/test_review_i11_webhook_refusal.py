"""Review of issue 11 (outside reviewer): a webhook registration that is refused must not
resolve the committee's internal names for the caller. Today the refusal names the internal
address the host resolved to ("internal (10.1.2.3)"): a key maps the internal DNS zone through it ("does
not resolve" against "internal" also tells which internal names exist)."""

from tests.api.test_webhook_network import STATUS, URL, names, public_only  # noqa: F401


def test_a_refused_webhook_host_tells_nothing_of_what_it_resolves_to(
        reader, names, public_only):  # noqa: F811
    zone, _lookups = names
    zone["db.internal.example"] = ["10.20.30.40"]
    zone["ghost.internal.example"] = []
    answers = {}
    for host in ("db.internal.example", "ghost.internal.example"):
        response = reader.post(URL, {"url": f"https://{host}/hook", "events": [STATUS]},
                               format="json")
        assert response.status_code == 400
        answers[host] = response.json()["error"]["fields"]["url"][0].replace(host, "<host>")
    assert "10.20.30.40" not in answers["db.internal.example"], answers
