"""Lists with a box on each row (the bulk invitation, the vetting queue, the badges) have a box
in the heading that ticks every row shown (static/js/accord.js, data-select-rows), hidden
where JavaScript does not run. The browser walk (tests/e2e/test_small_desks.py) ticks them
and measures the boxes; this test finds every such list in the templates, so that a new one
cannot be left without."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from logistics.delegations.enums import RegionalGroup
from tests.factories.delegations import country

TEMPLATES = Path(settings.BASE_DIR) / "templates"
ROW_BOX = re.compile(r'<td>(?:{%[^%]*%})*<input class="form-check-input" type="checkbox"[^>]*>')
# Lists another piece of work gives a selection of its own.
ELSEWHERE = {
    # Issue 12, item 4: the review queue selects the page or every match, with the count.
    "accreditation/review/list.html",
}


def lists_with_row_boxes():
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        boxes = ROW_BOX.findall(text)
        if boxes:
            yield str(path.relative_to(TEMPLATES)), text, boxes


def test_every_list_with_row_boxes_has_a_box_that_ticks_them_all():
    found = {name for name, _, _ in lists_with_row_boxes()}
    assert {"logistics/delegations/invite.html", "accreditation/vetting/queue.html",
            "accreditation/badges/list.html"} <= found
    for name, text, boxes in lists_with_row_boxes():
        if name in ELSEWHERE:
            continue
        for box in boxes:
            assert "data-row-box" in box, (name, box)
        targets = re.findall(r'data-select-rows="([^"]+)"', text)
        assert len(targets) == 1, name
        assert f'id="{targets[0]}"' in text, name
        header = re.search(r'<input[^>]*data-select-rows="[^"]+"[^>]*>', text).group(0)
        assert " hidden" in header and "aria-label=" in header, name


def test_the_invitation_page_offers_the_box_for_the_states_shown(client, event, protocol):
    for code in ("GH", "KE", "SN"):
        country(code)
    client.force_login(protocol)
    page = client.get(reverse("logistics:delegation_invite"),
                      {"group": RegionalGroup.AFRICAN}).content.decode()
    rows = page.count('data-testid="country-row"')
    assert rows >= 3
    assert page.count("data-row-box") == rows
    assert 'data-select-rows="invite-table"' in page and 'id="invite-table"' in page

