"""The signing ceremony's pages: who may see and do what, full powers, the plenary order,
the one click of the ceremony and the run of show."""

import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from logistics.core.enums import Role
from logistics.delegations.enums import DelegationLevel
from logistics.signing.enums import SigningPlace
from logistics.signing.models import Signing
from logistics.signing.services import full_powers_receive
from tests.factories.delegations import DelegationFactory, country
from tests.factories.plan import user_with_role
from tests.factories.programme import at
from tests.factories.registration import PDF_BYTES
from tests.factories.signing import SigningFactory, StateDelegationFactory
from tests.queries import same_queries

L = DelegationLevel
PAGE = "logistics:signing"
PDF = PDF_BYTES


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def state(event, code, level=L.FOREIGN_MINISTER, **fields):
    return StateDelegationFactory(event=event, country=country(code), head_level=level,
                                  **fields)


def signing_of(event, code, level=L.FOREIGN_MINISTER, **fields):
    return SigningFactory(delegation=state(event, code, level), **fields)


def verified(event, code, level=L.AMBASSADOR, **fields):
    signing = signing_of(event, code, level, **fields)
    signing.full_powers_received_at = signing.full_powers_verified_at = at(event, 8)
    signing.save()
    return signing


def url(name, signing=None):
    return reverse(f"logistics:{name}", args=[signing.pk] if signing else [])


def page_text(client):
    return client.get(reverse(PAGE)).content.decode()


ACTIONS = ["signing_full_powers", "signing_verify", "signing_schedule", "signing_move",
           "signing_signed", "signing_unsigned"]


def count(signed, threshold=40):
    """The count of signatories as the board shows it (against the event's threshold)."""
    return (f'data-testid="signatory-count">States signed: <bdi>{signed}</bdi> of '
            f'a target of <bdi>{threshold}</bdi><')


# Who may see and do what

def test_signing_pages_send_anonymous_users_to_login(client, event):
    signing = signing_of(event, "FR")
    pages = [url("signing"), url("run_of_show")]
    actions = [url("signing_add"), url("signing_order")] + [url(name, signing)
                                                            for name in ACTIONS]
    responses = [client.get(target) for target in pages] + [client.post(target)
                                                             for target in actions]
    assert [(r.status_code, r["Location"].split("?")[0]) for r in responses] == [
        (302, "/login/")] * len(responses)


def test_signing_pages_refused_to_an_agency_focal_point(client, event, focal_point):
    client.force_login(focal_point)
    assert client.get(url("signing")).status_code == 403
    assert client.get(url("run_of_show")).status_code == 403


@pytest.mark.parametrize("role", [Role.OBSERVER, Role.STEERING, Role.PROGRAMME])
def test_other_staff_read_the_ceremony_but_change_nothing(client, event, role):
    signing = signing_of(event, "FR")
    candidate = state(event, "GH")
    client.force_login(user_with_role(role))
    body = page_text(client)
    assert "France" in body
    assert "Add a signatory state" not in body and "Mark France as signed" not in body
    assert client.get(url("run_of_show")).status_code == 200
    assert client.post(url("signing_add"), {"delegation": candidate.pk,
                                            "where": "plenary"}).status_code == 403
    assert client.post(url("signing_order"), {"rule": "precedence"}).status_code == 403
    for name in ACTIONS:
        assert client.post(url(name, signing), {"position": 1}).status_code == 403, name
    signing.refresh_from_db()
    assert (Signing.objects.count(), signing.signed_at, signing.order) == (1, None, None)


def test_actions_are_post_only(client, event, protocol):
    signing = signing_of(event, "FR")
    client.force_login(protocol)
    assert client.get(url("signing_signed", signing)).status_code == 405
    assert client.get(url("signing_add")).status_code == 405


def test_signing_of_another_event_is_not_found(client, event, protocol):
    from tests.factories.plan import EventFactory

    other = EventFactory(start_date=event.start_date.replace(year=event.start_date.year + 1),
                         end_date=event.end_date.replace(year=event.end_date.year + 1))
    elsewhere = SigningFactory(delegation=StateDelegationFactory(event=other,
                                                                 country=country("JP")))
    client.force_login(protocol)
    assert client.post(url("signing_signed", elsewhere)).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.signed_at is None


# Adding signatories

def test_protocol_adds_a_state_with_its_head_as_signatory(client, event, protocol):
    france = state(event, "FR", L.MINISTER, head_name="Mme Anne Martin")
    client.force_login(protocol)
    response = client.post(url("signing_add"), {"delegation": france.pk, "where": "plenary"},
                           follow=True)
    signing = Signing.objects.get()
    assert (signing.signatory_name, signing.signatory_level) == ("Mme Anne Martin", L.MINISTER)
    body = response.content.decode()
    assert "France is on the list of signatories." in body
    assert "Required" in body


def test_add_with_another_signatory(client, event, protocol):
    france = state(event, "FR", L.MINISTER)
    client.force_login(protocol)
    client.post(url("signing_add"), {
        "delegation": france.pk, "where": "treaty_desk", "signatory_name": "M. Jean Dupont",
        "signatory_title": "Ambassadeur", "signatory_level": L.AMBASSADOR})
    signing = Signing.objects.get()
    assert (signing.where, signing.signatory_name, signing.signatory_title,
            signing.signatory_level) == (SigningPlace.TREATY_DESK, "M. Jean Dupont",
                                         "Ambassadeur", L.AMBASSADOR)


def test_add_offers_only_states_without_a_signing(client, event, protocol):
    ngo = DelegationFactory(event=event, name="Access Now")
    france = signing_of(event, "FR").delegation
    client.force_login(protocol)
    for delegation in (ngo, france):
        response = client.post(url("signing_add"), {"delegation": delegation.pk,
                                                    "where": "plenary"}, follow=True)
        assert "State: Select a valid choice." in response.content.decode()
    assert Signing.objects.count() == 1


# Full powers

def test_receive_full_powers_with_a_pdf_then_verify(client, event, protocol):
    signing = signing_of(event, "ZW", L.AMBASSADOR)
    client.force_login(protocol)
    response = client.post(url("signing_full_powers", signing), {
        "document": SimpleUploadedFile("pleins pouvoirs.pdf", PDF,
                                       content_type="application/pdf")}, follow=True)
    assert "The full powers of Zimbabwe are recorded as received." in response.content.decode()
    signing.refresh_from_db()
    assert signing.full_powers_received_at is not None
    assert signing.full_powers_document.name.endswith(".pdf")
    response = client.post(url("signing_verify", signing), follow=True)
    assert "The full powers of Zimbabwe are verified." in response.content.decode()
    signing.refresh_from_db()
    assert (signing.full_powers_verified, signing.full_powers_verified_by) == (True, protocol)


def test_receive_full_powers_refuses_a_file_that_is_not_a_document(client, event, protocol):
    signing = signing_of(event, "ZW", L.AMBASSADOR)
    client.force_login(protocol)
    fake = SimpleUploadedFile("powers.pdf", b"<html>not a pdf</html>",
                              content_type="application/pdf")
    response = client.post(url("signing_full_powers", signing), {"document": fake},
                           follow=True)
    assert ("Zimbabwe: Full powers: The document must be a PDF, JPEG or PNG file."
            in response.content.decode())
    signing.refresh_from_db()
    assert (signing.full_powers_received_at, signing.full_powers_document.name) == (None, "")


def test_receive_full_powers_takes_an_image(client, event, protocol):
    signing = signing_of(event, "ZW", L.AMBASSADOR)
    out = io.BytesIO()
    Image.new("RGB", (50, 70), "white").save(out, format="PNG")
    client.force_login(protocol)
    client.post(url("signing_full_powers", signing),
                {"document": SimpleUploadedFile("scan.jpg", out.getvalue())})
    signing.refresh_from_db()
    assert signing.full_powers_document.name.endswith(".png")


def test_verify_before_receipt_is_refused_with_the_reason(client, event, protocol):
    signing = signing_of(event, "ZW", L.AMBASSADOR)
    client.force_login(protocol)
    response = client.post(url("signing_verify", signing), follow=True)
    assert ("The full powers of Zimbabwe have not been received yet: record them before "
            "verifying them.") in response.content.decode()


def test_full_powers_document_link_only_for_personal_data_roles(client, event, protocol,
                                                                 observer):
    signing = signing_of(event, "ZW", L.AMBASSADOR)
    full_powers_receive(signing=signing, by=protocol,
                        document=SimpleUploadedFile("p.pdf", PDF))
    link = reverse("logistics:upload", args=["full-powers", signing.pk])
    client.force_login(protocol)
    assert f'href="{link}"' in page_text(client)
    client.force_login(observer)
    body = page_text(client)
    assert link not in body and "Received" in body


def test_full_powers_states_are_shown(client, event, protocol):
    signing_of(event, "MX", L.FOREIGN_MINISTER)
    signing_of(event, "ZW", L.AMBASSADOR)
    verified(event, "FR", L.MINISTER)
    received = signing_of(event, "GH", L.VICE_MINISTER)
    full_powers_receive(signing=received, by=protocol)
    client.force_login(protocol)
    body = page_text(client)
    for label in ("Not needed", "Required", "Received", "Verified"):
        assert f">{label}</span>" in body


# Scheduling and ordering

def test_schedule_refused_without_verified_full_powers(client, event, protocol):
    signing = signing_of(event, "ZW", L.AMBASSADOR, signatory_name="Mr Tendai Moyo")
    client.force_login(protocol)
    response = client.post(url("signing_schedule", signing), {
        "where": "plenary", "scheduled_at": at(event, 10).strftime("%Y-%m-%dT%H:%M")},
        follow=True)
    assert ("Zimbabwe cannot be scheduled to sign: Mr Tendai Moyo (Ambassador) needs full "
            "powers, and they are not verified yet.") in response.content.decode()
    signing.refresh_from_db()
    assert signing.scheduled_at is None


def test_schedule_in_the_event_local_time(client, event, protocol, settings):
    settings.TIME_ZONE = "UTC"
    signing = verified(event, "ZW")
    client.force_login(protocol)
    local = at(event, 10, 40).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url("signing_schedule", signing), {"where": "plenary",
                                                               "scheduled_at": local})
    assert response["Location"] == f"{reverse(PAGE)}#signing-{signing.pk}"
    signing.refresh_from_db()
    assert signing.scheduled_at == at(event, 10, 40)
    assert f'value="{local}"' in page_text(client)


def test_schedule_keeps_the_place_unless_told_and_names_the_holder_of_a_taken_one(
        client, event, protocol):
    mexico = signing_of(event, "MX", order=1)
    france = signing_of(event, "FR", order=2)
    client.force_login(protocol)
    client.post(url("signing_schedule", france), {"where": "plenary", "scheduled_at": ""})
    france.refresh_from_db()
    assert france.order == 2
    response = client.post(url("signing_schedule", france), {"where": "plenary", "order": 1},
                           follow=True)
    assert ("Place 1 is Mexico's: choose a free place, or move Mexico first."
            in html.unescape(response.content.decode()))
    client.post(url("signing_schedule", france), {"where": "treaty_desk"})
    france.refresh_from_db()
    mexico.refresh_from_db()
    assert (france.where, france.order, mexico.order) == (SigningPlace.TREATY_DESK, None, 1)


def test_moving_to_the_treaty_desk_closes_the_gap(client, event, protocol):
    signings = [signing_of(event, code, order=n) for n, code in enumerate(["MX", "FR", "GH"], 1)]
    client.force_login(protocol)
    client.post(url("signing_schedule", signings[0]), {"where": "treaty_desk"})
    assert [(s.state_name, s.order) for s in Signing.objects.filter(
        where=SigningPlace.PLENARY).order_by("order")] == [("France", 1), ("Ghana", 2)]


def test_schedule_refuses_bad_input(client, event, protocol):
    signing = signing_of(event, "MX")
    client.force_login(protocol)
    for data, message in [
            ({"where": "moon"}, "Where: Select a valid choice. moon is not one of the available "
                                "choices."),
            ({"where": "plenary", "scheduled_at": "25/10 ten"}, "Time: Enter a valid date/time."),
            ({"where": "plenary", "order": "0"}, "Place in the order: Ensure this value is "
                                                 "greater than or equal to 1.")]:
        response = client.post(url("signing_schedule", signing), data, follow=True)
        assert f"Mexico: {message}" in response.content.decode()
    signing.refresh_from_db()
    assert (signing.where, signing.scheduled_at, signing.order) == (
        SigningPlace.PLENARY, None, None)


def _plenary(event):
    return [(s.order, s.state_name) for s in Signing.objects.filter(
        event=event, where=SigningPlace.PLENARY).select_related("delegation__country")
        .order_by("order")]


@pytest.fixture
def four(event):
    return {"FR": verified(event, "FR", L.MINISTER), "CI": signing_of(event, "CI", L.HEAD_OF_STATE),
            "MX": signing_of(event, "MX"), "VN": signing_of(event, "VN", L.HEAD_OF_STATE)}


def test_generate_the_plenary_order_by_rule(client, event, protocol, four):
    client.force_login(protocol)
    response = client.post(url("signing_order"), {"rule": "precedence"}, follow=True)
    assert "The plenary order is set: 4 states." in response.content.decode()
    assert _plenary(event) == [(1, "Côte d'Ivoire"), (2, "Viet Nam"), (3, "Mexico"),
                               (4, "France")]
    client.post(url("signing_order"), {"rule": "alphabetical_from_letter", "letter": "m"})
    assert _plenary(event) == [(1, "Mexico"), (2, "Viet Nam"), (3, "Côte d'Ivoire"),
                               (4, "France")]


@pytest.mark.parametrize("data, message", [
    ({"rule": "alphabetical_from_letter"}, "Drawn letter: Draw one letter, from A to Z."),
    ({"rule": "alphabetical_from_letter", "letter": "7"}, "Draw one letter, from A to Z."),
    ({"rule": "height"}, "Rule: Select a valid choice.")])
def test_generate_the_plenary_order_refuses_bad_input(client, event, protocol, four, data,
                                                      message):
    client.force_login(protocol)
    response = client.post(url("signing_order"), data, follow=True)
    assert message in response.content.decode()
    assert {order for order, _ in _plenary(event)} == {None}


def test_move_up_down_and_to_a_place(client, event, protocol, four):
    client.force_login(protocol)
    client.post(url("signing_order"), {"rule": "precedence"})
    client.post(url("signing_move", four["FR"]), {"direction": "up"})
    assert _plenary(event)[2:] == [(3, "France"), (4, "Mexico")]
    client.post(url("signing_move", four["CI"]), {"direction": "down"})
    assert _plenary(event)[:2] == [(1, "Viet Nam"), (2, "Côte d'Ivoire")]
    client.post(url("signing_move", four["MX"]), {"position": 1})
    assert _plenary(event) == [(1, "Mexico"), (2, "Viet Nam"), (3, "Côte d'Ivoire"),
                               (4, "France")]


def test_move_refuses_a_place_out_of_range_or_missing(client, event, protocol, four):
    client.force_login(protocol)
    client.post(url("signing_order"), {"rule": "precedence"})
    before = _plenary(event)
    response = client.post(url("signing_move", four["CI"]), {"direction": "up"}, follow=True)
    assert "Choose a place from 1 to 4." in response.content.decode()
    response = client.post(url("signing_move", four["CI"]), {"position": "x"}, follow=True)
    assert "Côte d&#x27;Ivoire: Enter a whole number." in response.content.decode()
    response = client.post(url("signing_move", four["CI"]), {}, follow=True)
    assert "Give the place to move to." in response.content.decode()
    assert _plenary(event) == before


def test_move_refuses_a_treaty_desk_signing(client, event, protocol):
    desk = signing_of(event, "JP", where=SigningPlace.TREATY_DESK)
    client.force_login(protocol)
    response = client.post(url("signing_move", desk), {"position": 1}, follow=True)
    assert ("Japan signs at the treaty desk, not in the plenary."
            in response.content.decode())


# The ceremony

def test_one_click_marks_a_state_signed_and_the_count_moves(client, event, protocol):
    mexico, france = signing_of(event, "MX"), verified(event, "FR")
    client.force_login(protocol)
    assert count(0) in page_text(client)
    response = client.post(url("signing_signed", mexico))
    assert response["Location"] == f"{reverse(PAGE)}#signing-{mexico.pk}"
    client.post(url("signing_signed", france))
    body = page_text(client)
    assert count(2) in body
    assert "38 more signatures needed." in body
    assert 'data-width="5"' in body


def test_signed_with_htmx_returns_the_board_with_the_new_count(client, event, protocol):
    mexico = signing_of(event, "MX")
    client.force_login(protocol)
    response = client.post(url("signing_signed", mexico), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert count(1) in body
    assert "Mexico has signed." in body


def notice_under(body, signing):
    """The notice shown in the row right under the signing's row."""
    row = body.split(f'id="signing-{signing.pk}"')[1]
    return row.split('class="signing-notice-row"')[1].split("</tr>")[0]


def test_signed_is_refused_without_verified_full_powers(client, event, protocol):
    zimbabwe = signing_of(event, "ZW", L.AMBASSADOR, signatory_name="Mr Tendai Moyo")
    client.force_login(protocol)
    message = ("Zimbabwe cannot sign: Mr Tendai Moyo (Ambassador) needs full powers, and they "
               "are not verified yet.")
    response = client.post(url("signing_signed", zimbabwe), HTTP_HX_REQUEST="true")
    assert message in notice_under(response.content.decode(), zimbabwe)
    assert count(0) in response.content.decode()
    # Without htmx: the page, with the refusal under the row (the form's action ends in the
    # row's anchor, so the browser shows that row).
    response = client.post(url("signing_signed", zimbabwe))
    assert response.status_code == 409
    assert message in notice_under(response.content.decode(), zimbabwe)
    assert "Add a signatory state" in response.content.decode()
    zimbabwe.refresh_from_db()
    assert zimbabwe.signed_at is None


def test_mark_signed_is_disabled_with_the_reason_without_full_powers(client, event, protocol):
    zimbabwe = signing_of(event, "ZW", L.AMBASSADOR)
    kenya = signing_of(event, "KE", L.AMBASSADOR)
    full_powers_receive(signing=kenya, by=protocol)
    mexico = signing_of(event, "MX")
    client.force_login(protocol)
    body = page_text(client)

    def signed_cell(signing):
        return body.split(f'id="signing-{signing.pk}"')[1].split("</tr>")[0]

    assert (f'disabled aria-describedby="cannot-sign-{zimbabwe.pk}"'
            in signed_cell(zimbabwe))
    assert 'data-testid="cannot-sign">Full powers not received</div>' in signed_cell(zimbabwe)
    assert 'data-testid="cannot-sign">Full powers not verified</div>' in signed_cell(kenya)
    assert "disabled" not in signed_cell(mexico).split("Mark signed")[0].rsplit("<button")[1]
    assert 'data-confirm="Mark Mexico as signed?"' in signed_cell(mexico)
    assert f'action="{url("signing_signed", mexico)}#signing-{mexico.pk}"' in (
        signed_cell(mexico))


def test_signed_shows_the_date_and_time_at_the_venue(client, event, protocol, settings):
    settings.TIME_ZONE = "UTC"
    mexico = signing_of(event, "MX", signed_at=at(event, 9, 41))
    client.force_login(protocol)
    body = page_text(client)
    day = event.start_date
    assert (f'data-testid="signed-at" title="Asia/Ho_Chi_Minh"><bdi class="text-nowrap">'
            f'{day.day} {day:%b %Y}, 09:41</bdi>') in body
    assert url("signing_unsigned", mexico) in body


def test_undo_signed_puts_the_state_back_and_the_count_down(client, event, protocol, caplog):
    mexico = signing_of(event, "MX")
    client.force_login(protocol)
    client.post(url("signing_signed", mexico))
    with caplog.at_level("INFO", logger="logistics.signing.services"):
        response = client.post(url("signing_unsigned", mexico), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert count(0) in body
    assert ("The signature of Mexico is undone: it is back among the states still to sign."
            in notice_under(body, mexico))
    mexico.refresh_from_db()
    assert mexico.signed_at is None
    assert "Signature of Mexico" in caplog.text and "undone by protocol" in caplog.text
    response = client.post(url("signing_unsigned", mexico))
    assert response.status_code == 409
    assert "Mexico has not signed: there is nothing to undo." in response.content.decode()


def test_signed_twice_is_refused(client, event, protocol):
    mexico = signing_of(event, "MX")
    client.force_login(protocol)
    client.post(url("signing_signed", mexico))
    response = client.post(url("signing_signed", mexico), follow=True)
    assert "Mexico has already signed." in response.content.decode()


def test_the_threshold_reached_is_announced(client, event, protocol):
    codes = ["AL", "AR", "AT", "AU", "BE", "BR", "CA", "CL", "CN", "CO", "CR", "CU", "CZ", "DE",
             "DK", "DZ", "EC", "EE", "EG", "ES", "FI", "FR", "GB", "GH", "GR", "HU", "ID", "IE",
             "IN", "IT", "JP", "KE", "KR", "MA", "MX", "NG", "NL", "NO", "PE", "PH"]
    signed = event.starts_at()
    for code in codes:
        signing_of(event, code, signed_at=signed)
    client.force_login(protocol)
    body = page_text(client)
    assert count(40) in body
    assert "The target of signatories is reached." in body


def test_run_of_show_lists_the_plenary_in_order_in_local_time(client, event, protocol):
    verified(event, "FR", L.MINISTER, order=2, signatory_title="Ministre déléguée",
             scheduled_at=at(event, 10, 5))
    signing_of(event, "VN", L.HEAD_OF_STATE, order=1, scheduled_at=at(event, 10))
    signing_of(event, "JP", where=SigningPlace.TREATY_DESK)
    client.force_login(protocol)
    body = client.get(url("run_of_show")).content.decode()
    assert body.count('data-testid="run-row"') == 2
    plenary = body.split('data-testid="run-plenary"')[1].split("</table>")[0]
    assert plenary.index("Viet Nam") < plenary.index("France") and "Japan" not in plenary
    assert "Ministre déléguée" in body and ">25 " not in body
    assert at(event, 10, 5).strftime("%-d %b 10:05") in body
    assert "data-print-page" in body


def test_run_of_show_has_the_treaty_desk_and_says_why_a_time_is_missing(client, event,
                                                                        protocol):
    signing_of(event, "JP", where=SigningPlace.TREATY_DESK, scheduled_at=at(event, 15))
    signing_of(event, "CL", where=SigningPlace.TREATY_DESK, scheduled_at=at(event, 14))
    signing_of(event, "ZW", L.AMBASSADOR, where=SigningPlace.TREATY_DESK)
    kenya = signing_of(event, "KE", L.AMBASSADOR, order=1)
    full_powers_receive(signing=kenya, by=protocol)
    signing_of(event, "MX", order=2)
    client.force_login(protocol)
    body = client.get(url("run_of_show")).content.decode()
    desk = body.split('data-testid="run-treaty-desk"')[1].split("</table>")[0]
    assert desk.count('data-testid="desk-row"') == 3
    assert desk.index("Chile") < desk.index("Japan") < desk.index("Zimbabwe")
    assert "Not scheduled: full powers not received" in desk
    plenary = body.split('data-testid="run-plenary"')[1].split("</table>")[0]
    kenya_row, mexico_row = plenary.split('data-testid="run-row"')[1:]
    assert "Not scheduled: full powers not verified" in kenya_row
    assert "Not scheduled yet" in mexico_row
    assert ('data-testid="run-count">States signed: <bdi>0</bdi> of a target of <bdi>40</bdi>.'
            '</p>') in body


def test_pages_without_signings_say_so(client, event, protocol):
    client.force_login(protocol)
    body = page_text(client)
    assert "No state signs in the plenary yet." in body
    assert "No state signs at the treaty desk yet." in body
    assert "No state signs in the plenary yet." in client.get(url("run_of_show")).content.decode()


# Query counts

@pytest.mark.parametrize("name", ["signing", "run_of_show"])
@pytest.mark.parametrize("role", [Role.PROTOCOL, Role.OBSERVER])
def test_signing_pages_queries_do_not_grow_with_rows(client, event, name, role):
    client.force_login(user_with_role(role))
    verified(event, "FR", order=1)

    def add():
        verified(event, "GH", order=2, signed_at=event.starts_at())
        signing_of(event, "JP", where=SigningPlace.TREATY_DESK)

    body = same_queries(lambda: client.get(url(name)), add).content.decode()
    rows = 'data-testid="signing-row"' if name == "signing" else 'data-testid="run-row"'
    assert body.count(rows) == (3 if name == "signing" else 2)


def test_ceremony_pages_without_an_event_say_so(client, protocol):
    client.force_login(protocol)
    for name in ("logistics:signing", "logistics:run_of_show", "logistics:speakers",
                 "logistics:speakers_print", "logistics:bilateral_list"):
        response = client.get(reverse(name))
        assert (response.status_code, "There is no event to plan" in response.content.decode()) \
            == (200, True), name


def test_the_board_counts_against_the_events_own_threshold(client, event, protocol):
    """Another treaty, another figure: the event's setting, not a constant."""
    event.signing_threshold = 2
    event.save()
    for code in ("FR", "GH"):
        signing_of(event, code, signed_at=event.starts_at())
    client.force_login(protocol)
    body = page_text(client)
    assert count(2, 2) in body
    assert "The target of signatories is reached." in body
    dashboard = client.get(reverse("logistics:dashboard")).content.decode()
    assert '<bdi dir="ltr" data-testid="signed-ratio">2 / 2</bdi>' in dashboard
