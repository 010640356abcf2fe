"""The speakers list: precedence (level, then time of inscription), time limits, languages,
and its pages."""

from datetime import timedelta

import pytest
from django.urls import reverse

from logistics.core.errors import InvalidTransition, NotAllowed
from logistics.delegations.enums import DelegationLevel
from logistics.programme.enums import SessionKind, SessionStatus, SpeakerStatus
from logistics.speakers.errors import AlreadyInscribed, InvalidSpeaker
from logistics.speakers.models import SpeakerSlot
from logistics.speakers.queries import speakers, speakers_timed
from logistics.speakers.services import (
    speaker_inscribe,
    speaker_move,
    speaker_set_status,
    speaker_update,
    speakers_order,
)
from tests.factories.delegations import DelegationFactory, country
from tests.factories.plan import EventFactory
from tests.factories.programme import SessionFactory, at
from tests.factories.protocol import PlenaryFactory, SpeakerSlotFactory
from tests.factories.signing import StateDelegationFactory
from tests.queries import same_queries

L = DelegationLevel


@pytest.fixture
def plenary(event):
    return PlenaryFactory(event=event, title="General debate")


def state(event, code):
    return StateDelegationFactory(event=event, country=country(code))


def inscribe(session, delegation, by, level=L.MINISTER, minutes_ago=0, **fields):
    fields = {"speaker_name": "H.E. the Speaker", "language": "en", **fields}
    return speaker_inscribe(session=session, delegation=delegation, level=level, by=by,
                            inscribed_at=at(session.event, 8) - timedelta(minutes=minutes_ago),
                            **fields)


def names(session):
    return [(s.order, s.delegation.name) for s in speakers(session)
            if s.status != SpeakerStatus.WITHDRAWN]


# Inscription

def test_speaker_inscribe_puts_the_statement_last(event, plenary, protocol):
    first = inscribe(plenary, state(event, "FR"), protocol, language="fr")
    second = inscribe(plenary, state(event, "GH"), protocol, speaker_title="Minister",
                      time_limit_minutes=7)
    assert (first.order, second.order) == (1, 2)
    assert (second.speaker_title, second.time_limit_minutes, second.status) == (
        "Minister", 7, SpeakerStatus.INSCRIBED)


def test_speaker_inscribe_refuses_a_delegation_twice_naming_it(event, plenary, protocol):
    france = state(event, "FR")
    inscribe(plenary, france, protocol)
    with pytest.raises(AlreadyInscribed) as error:
        inscribe(plenary, france, protocol, level=L.HEAD_OF_STATE)
    assert (error.value.code, error.value.http_status) == ("already_inscribed", 409)
    assert error.value.message == "France is already on the speakers list of “General debate”."
    assert SpeakerSlot.objects.count() == 1


def test_speaker_inscribe_of_a_withdrawn_delegation_says_to_put_it_back(event, plenary,
                                                                       protocol):
    slot = inscribe(plenary, state(event, "FR"), protocol)
    speaker_set_status(slot=slot, by=protocol, status=SpeakerStatus.WITHDRAWN)
    with pytest.raises(AlreadyInscribed) as error:
        inscribe(plenary, slot.delegation, protocol)
    assert error.value.message == ("France is already on the speakers list of “General "
                                   "debate” (withdrawn): put it back on the list instead.")


@pytest.mark.parametrize("kind", [SessionKind.SEMINAR, SessionKind.SIDE_EVENT,
                                  SessionKind.BILATERAL, SessionKind.OPENING])
def test_speaker_inscribe_refuses_a_session_without_a_speakers_list(event, protocol, kind):
    seminar = SessionFactory(event=event, kind=kind, title="Cyber hygiene")
    with pytest.raises(InvalidSpeaker) as error:
        inscribe(seminar, state(event, "FR"), protocol)
    assert error.value.message.startswith("“Cyber hygiene” is a ")
    assert error.value.message.endswith(
        ": only a plenary or a high-level debate has a speakers list.")
    assert error.value.fields == {"session": ["Choose a plenary or a high-level debate."]}


def test_speaker_inscribe_accepts_a_high_level_debate(event, protocol):
    debate = SessionFactory(event=event, kind=SessionKind.HIGH_LEVEL_DEBATE)
    assert inscribe(debate, state(event, "FR"), protocol).order == 1


def test_speaker_inscribe_refuses_a_cancelled_session(event, protocol):
    cancelled = PlenaryFactory(event=event, title="Closing", status=SessionStatus.CANCELLED)
    with pytest.raises(InvalidSpeaker) as error:
        inscribe(cancelled, state(event, "FR"), protocol)
    assert error.value.message == "“Closing” is cancelled."


@pytest.mark.parametrize("language", ["English", "e", "", "   ", "en_US", "12", "fr-", "—",
                                      "français", "en-toolongsubtag"])
def test_speaker_inscribe_refuses_a_language_that_is_not_a_code(event, plenary, protocol,
                                                                 language):
    with pytest.raises(InvalidSpeaker) as error:
        inscribe(plenary, state(event, "FR"), protocol, language=language)
    assert list(error.value.fields) == ["language"]
    assert "is not a language code" in error.value.message
    assert SpeakerSlot.objects.count() == 0


@pytest.mark.parametrize("language, stored", [("en", "en"), ("EN", "en"), ("zh-Hans", "zh-Hans"),
                                              (" ar ", "ar"), ("pt-BR", "pt-BR"), ("yue", "yue")])
def test_speaker_inscribe_accepts_language_codes(event, plenary, protocol, language, stored):
    assert inscribe(plenary, state(event, "FR"), protocol, language=language).language == stored


@pytest.mark.parametrize("limit", [0, 31, -5, "5", 5.5, True, None])
def test_speaker_inscribe_refuses_a_time_limit_out_of_range(event, plenary, protocol, limit):
    with pytest.raises(InvalidSpeaker) as error:
        inscribe(plenary, state(event, "FR"), protocol, time_limit_minutes=limit)
    assert error.value.fields == {"time_limit_minutes": [
        "The time limit must be a whole number of minutes from 1 to 30."]}


@pytest.mark.parametrize("limit", [1, 30])
def test_speaker_inscribe_accepts_the_limits_of_the_range(event, plenary, protocol, limit):
    slot = inscribe(plenary, state(event, "FR"), protocol, time_limit_minutes=limit)
    assert slot.time_limit_minutes == limit


def test_speaker_inscribe_reports_every_bad_field_at_once(event, plenary, protocol):
    with pytest.raises(InvalidSpeaker) as error:
        speaker_inscribe(session=plenary, delegation=state(event, "FR"), speaker_name="  ",
                         level="king", language="x", time_limit_minutes=99, by=protocol)
    assert set(error.value.fields) == {"speaker_name", "level", "language",
                                       "time_limit_minutes"}


def test_speaker_inscribe_refuses_another_events_delegation(event, plenary, protocol):
    elsewhere = StateDelegationFactory(event=EventFactory(), country=country("JP"))
    with pytest.raises(InvalidSpeaker) as error:
        inscribe(plenary, elsewhere, protocol)
    assert error.value.message == "Japan attends another event."


def test_speaker_inscribe_refuses_a_naive_time(event, plenary, protocol):
    with pytest.raises(InvalidSpeaker):
        speaker_inscribe(session=plenary, delegation=state(event, "FR"), speaker_name="A",
                         level=L.MINISTER, language="en", by=protocol,
                         inscribed_at=at(event, 8).replace(tzinfo=None))


def test_speaker_services_refuse_observer_and_focal_point(event, plenary, observer,
                                                           focal_point):
    slot = SpeakerSlotFactory(session=plenary, order=1)
    for user in (observer, focal_point):
        with pytest.raises(NotAllowed):
            inscribe(plenary, state(event, "FR") if user is observer else state(event, "DE"),
                     user)
        with pytest.raises(NotAllowed):
            speakers_order(session=plenary, by=user)
        with pytest.raises(NotAllowed):
            speaker_set_status(slot=slot, by=user, status=SpeakerStatus.SPOKEN)
    assert SpeakerSlot.objects.count() == 1


# Precedence and moves

@pytest.fixture
def five(event, plenary, protocol):
    """Inscribed in this order, at these levels."""
    rows = [("FR", L.MINISTER, 50), ("GH", L.HEAD_OF_STATE, 40), ("VN", L.FOREIGN_MINISTER, 30),
            ("MX", L.HEAD_OF_STATE, 20), ("JP", L.AMBASSADOR, 10)]
    return {code: inscribe(plenary, state(event, code), protocol, level=level, minutes_ago=ago)
            for code, level, ago in rows}


def test_speakers_order_by_level_then_time_of_inscription(plenary, protocol, five):
    assert names(plenary) == [(1, "France"), (2, "Ghana"), (3, "Viet Nam"), (4, "Mexico"),
                              (5, "Japan")]
    speakers_order(session=plenary, by=protocol)
    assert names(plenary) == [(1, "Ghana"), (2, "Mexico"), (3, "Viet Nam"), (4, "France"),
                              (5, "Japan")]


def test_speakers_order_keeps_those_who_have_spoken_at_the_top(plenary, protocol, five):
    speaker_set_status(slot=five["JP"], by=protocol, status=SpeakerStatus.SPOKEN)
    speaker_set_status(slot=five["VN"], by=protocol, status=SpeakerStatus.WITHDRAWN)
    speakers_order(session=plenary, by=protocol)
    assert names(plenary) == [(1, "Japan"), (2, "Ghana"), (3, "Mexico"), (4, "France")]
    five["VN"].refresh_from_db()
    assert five["VN"].order is None


def test_speaker_move_shifts_the_others(plenary, protocol, five):
    speaker_move(slot=five["JP"], by=protocol, new_order=2)
    assert names(plenary) == [(1, "France"), (2, "Japan"), (3, "Ghana"), (4, "Viet Nam"),
                              (5, "Mexico")]
    speaker_move(slot=five["FR"], by=protocol, new_order=5)
    assert [name for _, name in names(plenary)] == ["Japan", "Ghana", "Viet Nam", "Mexico",
                                                    "France"]


@pytest.mark.parametrize("place", [0, 6, -1, "2", None])
def test_speaker_move_refuses_a_place_out_of_range(plenary, protocol, five, place):
    with pytest.raises(InvalidSpeaker) as error:
        speaker_move(slot=five["JP"], by=protocol, new_order=place)
    assert error.value.message == "Choose a place from 1 to 5."
    assert names(plenary)[4] == (5, "Japan")


def test_speaker_move_refuses_a_withdrawn_statement(plenary, protocol, five):
    speaker_set_status(slot=five["JP"], by=protocol, status=SpeakerStatus.WITHDRAWN)
    with pytest.raises(InvalidSpeaker) as error:
        speaker_move(slot=five["JP"], by=protocol, new_order=1)
    assert error.value.message == ("Japan has withdrawn from the list: put it back before "
                                   "moving it.")


def test_withdrawing_closes_the_gap_and_putting_back_goes_last(plenary, protocol, five):
    speaker_set_status(slot=five["GH"], by=protocol, status=SpeakerStatus.WITHDRAWN)
    assert names(plenary) == [(1, "France"), (2, "Viet Nam"), (3, "Mexico"), (4, "Japan")]
    slot = speaker_set_status(slot=five["GH"], by=protocol, status=SpeakerStatus.INSCRIBED)
    assert (slot.order, slot.status) == (5, SpeakerStatus.INSCRIBED)


def test_speaker_set_status_refuses_moves_that_make_no_sense(plenary, protocol, five):
    speaker_set_status(slot=five["FR"], by=protocol, status=SpeakerStatus.SPOKEN)
    with pytest.raises(InvalidTransition) as error:
        speaker_set_status(slot=five["FR"], by=protocol, status=SpeakerStatus.WITHDRAWN)
    assert error.value.message == ("The statement of France is spoken; it cannot become "
                                   "withdrawn.")
    with pytest.raises(InvalidTransition):
        speaker_set_status(slot=five["GH"], by=protocol, status="applauded")


def test_speaker_update_changes_the_statement_and_checks_it(plenary, protocol, five):
    slot = speaker_update(slot=five["FR"], by=protocol, language="FR", time_limit_minutes=8,
                          speaker_name="Mme Anne Martin")
    assert (slot.language, slot.time_limit_minutes, slot.speaker_name) == (
        "fr", 8, "Mme Anne Martin")
    with pytest.raises(InvalidSpeaker):
        speaker_update(slot=five["FR"], by=protocol, time_limit_minutes=45)
    with pytest.raises(InvalidSpeaker) as error:
        speaker_update(slot=five["FR"], by=protocol, order=1)
    assert error.value.message == "Unknown fields: order"
    five["FR"].refresh_from_db()
    assert five["FR"].time_limit_minutes == 8


def test_speakers_timed_estimates_each_start_and_the_overrun(event, protocol):
    short = PlenaryFactory(event=event, starts_at=at(event, 10), ends_at=at(event, 10, 20))
    for code, minutes, language in [("FR", 10, "fr"), ("GH", 5, "en"), ("VN", 5, "vi"),
                                     ("MX", 8, "es"), ("JP", 3, "en")]:
        inscribe(short, state(event, code), protocol, time_limit_minutes=minutes,
                 language=language)
    vietnam = SpeakerSlot.objects.get(delegation__country__code="VN")
    speaker_set_status(slot=vietnam, by=protocol, status=SpeakerStatus.WITHDRAWN)
    timing = speakers_timed(short)
    starts = [(row.slot.delegation.name, row.starts_at and row.starts_at.astimezone(event.tz)
               .strftime("%H:%M")) for row in timing.rows]
    assert starts == [("France", "10:00"), ("Ghana", "10:10"), ("Mexico", "10:15"),
                      ("Japan", "10:23"), ("Viet Nam", None)]
    assert (timing.total_minutes, timing.session_minutes, timing.overrun_minutes) == (26, 20, 6)
    assert timing.languages == [("en", "English", 2), ("es", "Spanish", 1), ("fr", "French", 1)]


# Pages

def _page(session=None):
    url = reverse("logistics:speakers")
    return f"{url}?session={session.pk}" if session else url


def _inscribe_data(delegation, **fields):
    return {"delegation": delegation.pk, "speaker_name": "H.E. Ms Ama Mensah",
            "speaker_title": "Minister", "level": L.FOREIGN_MINISTER, "language": "en",
            "time_limit_minutes": 5, **fields}


def test_speakers_pages_send_anonymous_users_to_login(client, plenary):
    for url in (_page(), reverse("logistics:speakers_print"),
                reverse("logistics:speaker_inscribe", args=[plenary.pk])):
        response = client.get(url)
        assert response.status_code in (302, 405)
    response = client.post(reverse("logistics:speaker_inscribe", args=[plenary.pk]), {})
    assert response["Location"].startswith("/login/")


def test_speakers_page_refused_to_an_agency_focal_point(client, plenary, focal_point):
    client.force_login(focal_point)
    assert client.get(_page()).status_code == 403
    assert client.get(reverse("logistics:speakers_print")).status_code == 403


def test_observer_reads_the_list_but_may_not_inscribe(client, event, plenary, observer):
    SpeakerSlotFactory(session=plenary, delegation=state(event, "FR"), order=1)
    client.force_login(observer)
    response = client.get(_page(plenary))
    assert response.status_code == 200
    body = response.content.decode()
    assert "France" in body and "Inscribe a delegation" not in body
    ghana = state(event, "GH")
    response = client.post(reverse("logistics:speaker_inscribe", args=[plenary.pk]),
                           _inscribe_data(ghana))
    assert response.status_code == 403
    slot = SpeakerSlot.objects.get()
    for name, data in [("speakers_order", None), ("speaker_move", {"position": 1}),
                       ("speaker_status", {"status": "spoken"}), ("speaker_edit", {})]:
        arg = plenary.pk if name == "speakers_order" else slot.pk
        assert client.post(reverse(f"logistics:{name}", args=[arg]), data or {}).status_code \
            == 403
    assert SpeakerSlot.objects.count() == 1


def test_protocol_inscribes_a_delegation(client, event, plenary, protocol):
    ghana = state(event, "GH")
    client.force_login(protocol)
    response = client.post(reverse("logistics:speaker_inscribe", args=[plenary.pk]),
                           _inscribe_data(ghana))
    assert response.status_code == 302
    slot = SpeakerSlot.objects.get()
    assert response["Location"] == f"{_page(plenary)}#speaker-{slot.pk}"
    assert (slot.delegation, slot.level, slot.order) == (ghana, L.FOREIGN_MINISTER, 1)
    page = client.get(response["Location"]).content.decode()
    assert "Ghana is inscribed, in place 1." in page


def test_inscribe_form_shows_bad_input_on_its_fields(client, event, plenary, protocol):
    ghana = state(event, "GH")
    client.force_login(protocol)
    url = reverse("logistics:speaker_inscribe", args=[plenary.pk])
    response = client.post(url, _inscribe_data(ghana, language="English"))
    assert response.status_code == 400
    assert "“English” is not a language code" in response.content.decode()
    response = client.post(url, _inscribe_data(ghana, time_limit_minutes=45))
    assert response.status_code == 400
    assert "Ensure this value is less than or equal to 30." in response.content.decode()
    assert SpeakerSlot.objects.count() == 0


def test_inscribe_form_refuses_a_delegation_already_on_the_list(client, event, plenary,
                                                                protocol):
    ghana = state(event, "GH")
    SpeakerSlotFactory(session=plenary, delegation=ghana, order=1)
    client.force_login(protocol)
    response = client.post(reverse("logistics:speaker_inscribe", args=[plenary.pk]),
                           _inscribe_data(ghana))
    assert response.status_code == 400
    # The form offers only delegations not yet on the list.
    assert "Select a valid choice" in response.content.decode()


def test_inscribe_into_a_seminar_is_not_found(client, event, protocol):
    seminar = SessionFactory(event=event, kind=SessionKind.SEMINAR)
    client.force_login(protocol)
    response = client.post(reverse("logistics:speaker_inscribe", args=[seminar.pk]),
                           _inscribe_data(state(event, "GH")))
    assert response.status_code == 404


def test_protocol_orders_moves_and_marks_spoken_through_the_page(client, plenary, protocol,
                                                                 five):
    client.force_login(protocol)
    assert client.post(reverse("logistics:speakers_order", args=[plenary.pk])).status_code \
        == 302
    assert names(plenary)[0] == (1, "Ghana")
    client.post(reverse("logistics:speaker_move", args=[five["JP"].pk]), {"direction": "up"})
    assert names(plenary)[3:] == [(4, "Japan"), (5, "France")]
    response = client.post(reverse("logistics:speaker_move", args=[five["GH"].pk]),
                           {"direction": "up"}, follow=True)
    assert "Choose a place from 1 to 5." in response.content.decode()
    client.post(reverse("logistics:speaker_status", args=[five["GH"].pk]), {"status": "spoken"})
    five["GH"].refresh_from_db()
    assert five["GH"].status == SpeakerStatus.SPOKEN
    response = client.post(reverse("logistics:speaker_edit", args=[five["MX"].pk]),
                           {"speaker_name": "Sra. Alicia Bárcena", "level": L.FOREIGN_MINISTER,
                            "language": "es", "time_limit_minutes": 31}, follow=True)
    assert "Time limit (minutes): Ensure this value is less than or equal to 30." in (
        response.content.decode())


def test_speakers_page_warns_when_the_statements_overrun(client, event, protocol):
    short = PlenaryFactory(event=event, starts_at=at(event, 10), ends_at=at(event, 10, 10))
    for code in ("FR", "GH", "VN"):
        inscribe(short, state(event, code), protocol)
    client.force_login(protocol)
    body = client.get(_page(short)).content.decode()
    assert "Statements: 15 minutes of 10 in the session." in body
    assert "The time limits add up to 5 minutes more than the session lasts." in body
    assert ">10:05<" in body and ">10:10<" in body


def test_speakers_page_without_plenary_says_so(client, event, protocol):
    client.force_login(protocol)
    response = client.get(_page())
    assert "There is no plenary or high-level debate in the programme yet" in (
        response.content.decode())


def test_speakers_page_unknown_session_is_not_found(client, event, protocol):
    seminar = SessionFactory(event=event, kind=SessionKind.SEMINAR)
    client.force_login(protocol)
    assert client.get(_page(seminar)).status_code == 404
    assert client.get(reverse("logistics:speakers") + "?session=abc").status_code == 200


def test_speakers_print_lists_languages_for_the_interpreters(client, event, plenary, protocol):
    for code, language in [("FR", "fr"), ("GH", "en"), ("SA", "ar"), ("GB", "en")]:
        inscribe(plenary, state(event, code), protocol, language=language)
    client.force_login(protocol)
    response = client.get(reverse("logistics:speakers_print") + f"?session={plenary.pk}")
    body = response.content.decode()
    assert response.status_code == 200
    languages = body.split('data-testid="languages">')[1].split("</p>")[0]
    assert ('English (<bdi lang="en">en</bdi>): <bdi>2</bdi>; Arabic (<bdi lang="ar">ar</bdi>): '
            '<bdi>1</bdi>; French (<bdi lang="fr">fr</bdi>): <bdi>1</bdi>') in languages
    assert body.count('data-testid="print-row"') == 4
    assert "Arabic (<bdi>ar</bdi>)" in body


def test_speakers_page_names_the_languages(client, event, plenary, protocol):
    for code, language in [("SA", "ar"), ("MX", "es"), ("CN", "zh"), ("VN", "vi"),
                           ("BR", "pt-BR"), ("AL", "sq-XK")]:
        inscribe(plenary, state(event, code), protocol, language=language)
    client.force_login(protocol)
    body = client.get(_page(plenary)).content.decode()
    shown = [cell.split(">")[1].split("<")[0]
             for cell in body.split('data-testid="speaker-language"')[1:]]
    assert shown == ["Arabic", "Spanish", "Chinese", "Vietnamese", "Portuguese", "Albanian"]
    client.cookies["django_language"] = "ar"
    body = client.get(_page(plenary), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'title="ar" data-testid="speaker-language">العربية<' in body


def test_speaker_inscribe_takes_the_level_of_the_head_of_delegation(event, plenary, protocol):
    chile = StateDelegationFactory(event=event, country=country("CL"),
                                   head_level=L.HEAD_OF_STATE)
    slot = speaker_inscribe(session=plenary, delegation=chile, by=protocol,
                            speaker_name="H.E. the President", language="es")
    assert slot.level == L.HEAD_OF_STATE
    nameless = DelegationFactory(event=event, head_level="")
    with pytest.raises(InvalidSpeaker) as error:
        speaker_inscribe(session=plenary, delegation=nameless, by=protocol, level="",
                         speaker_name="Someone", language="en")
    assert list(error.value.fields) == ["level"]


def test_inscribe_form_defaults_the_level_to_the_head_of_delegation(client, event, plenary,
                                                                    protocol):
    ghana = StateDelegationFactory(event=event, country=country("GH"),
                                   head_level=L.FOREIGN_MINISTER)
    unranked = DelegationFactory(event=event, name="Cyber NGO", head_level="")
    client.force_login(protocol)
    body = client.get(_page(plenary)).content.decode()
    form = body.split('data-testid="inscribe-form"')[1].split("</form>")[0]
    # At the top of the page, before the list; no level is pre-chosen ("Head of State" was).
    assert body.index('data-testid="inscribe-form"') < body.index("<table")
    assert 'action="' + reverse("logistics:speaker_inscribe", args=[plenary.pk]) + '#inscribe"' \
        in body
    assert '<option value="" selected>As the head of delegation</option>' in form
    assert (f'data-head-levels="{{&quot;{ghana.pk}&quot;: &quot;foreign_minister&quot;}}" '
            'data-level-field="id_level"') in form
    url = reverse("logistics:speaker_inscribe", args=[plenary.pk])
    response = client.post(url, _inscribe_data(ghana, level=""))
    assert response.status_code == 302
    assert SpeakerSlot.objects.get().level == L.FOREIGN_MINISTER
    response = client.post(url, _inscribe_data(unranked, level=""))
    assert response.status_code == 400
    body = response.content.decode()
    assert ("Cyber NGO has no level for its head of delegation: choose the speaker&#x27;s level."
            in body.split('data-testid="error-level"')[1])
    assert 'data-testid="inscribe-errors"' in body and 'id="inscribe" open' in body


@pytest.mark.parametrize("url_name, row", [("logistics:speakers", "speaker-row"),
                                           ("logistics:speakers_print", "print-row")])
def test_speakers_pages_queries_do_not_grow_with_rows(client, event, plenary, protocol,
                                                      url_name, row):
    client.force_login(protocol)
    url = reverse(url_name) + f"?session={plenary.pk}"
    SpeakerSlotFactory(session=plenary, delegation=state(event, "FR"), order=1)

    def add():
        SpeakerSlotFactory(session=plenary, delegation=state(event, "GH"), order=2,
                           language="ar")
        SpeakerSlotFactory(session=plenary, delegation=DelegationFactory(event=event), order=3)

    response = same_queries(lambda: client.get(url), add)
    assert response.content.decode().count(f'data-testid="{row}"') == 3
