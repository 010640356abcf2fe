import socket

import pytest
from django.apps import apps
from django.db.models.signals import post_migrate
from rest_framework.test import APIClient

from logistics.core import crypto
from logistics.core.enums import Role
from tests.factories.accreditation import OutletFactory, categories
from tests.factories.plan import (
    AgencyFactory,
    CommitteeFactory,
    EventFactory,
    staff_fixture,
    user_with_role,
)
from tests.factories.programme import RoomFactory, VenueFactory


@pytest.fixture
def event(db):
    return EventFactory()


@pytest.fixture
def agency(event):
    return AgencyFactory(event=event, code="MPS", name="Ministry of Public Security")


@pytest.fixture
def other_agency(event):
    return AgencyFactory(event=event, code="MOFA", name="Ministry of Foreign Affairs")


@pytest.fixture
def committee(event):
    return CommitteeFactory(event=event, code="SEC", name="Security and Order Subcommittee")


# The committee's desks: everyone who signs in to the staff pages, one user a role.
secretariat = staff_fixture(Role.SECRETARIAT, "secretariat", "The committee's secretariat.")
steering = staff_fixture(Role.STEERING, "steering", "A member of the steering committee.")
observer = staff_fixture(Role.OBSERVER, "observer", "An observer: reads, changes nothing.")
protocol = staff_fixture(Role.PROTOCOL, "protocol", "An officer of the protocol office.")
programme = staff_fixture(Role.PROGRAMME, "programme", "An officer of the programme.")


@pytest.fixture
def focal_point(agency):
    return user_with_role(Role.FOCAL_POINT, username="focal", agencies=[agency])


pytest_plugins = ["tests.plugins.live_services", "tests.plugins.file_storage"]


def _countries_after_flush(sender, using, **kwargs):
    """The country list is loaded by a data migration, and a transactional test (a browser
    walk, a live worker) ends with a flush that empties every table. pytest-django runs those
    last, but pytest-xdist hands each process whole files in its own order, so a process may
    flush before other files' tests need the countries. A flush ends with post_migrate, as
    migrate does: the list is put back there."""
    from logistics.demo.delegations import load_countries

    load_countries()


post_migrate.connect(_countries_after_flush, sender=apps.get_app_config("logistics"),
                     dispatch_uid="tests-countries-after-flush")


@pytest.fixture(autouse=True)
def _empty_cache():
    """The cache (the login throttle's failure counts, among others) and the scan path's
    checkpoints live as long as the process: each test starts without the previous ones'.
    (A checkpoint rolled back with its test leaves its id to the next one made, which a
    process running other files first, as under pytest-xdist, then judged by the old zone.)"""
    yield
    from django.core.cache import cache

    from accreditation.gates.services import scans

    cache.clear()
    scans.forget_checkpoints()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a request in Arabic or Vietnamese leaves
    its language active in the thread (LocaleMiddleware does not reset it)."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


# The programme's usual venue: the plenary hall and a smaller room.
@pytest.fixture
def venue(event):
    return VenueFactory(event=event, name="National Convention Centre")


@pytest.fixture
def hall(venue):
    return RoomFactory(venue=venue, name="Plenary Hall", capacity=300)


@pytest.fixture
def room_b(venue):
    return RoomFactory(venue=venue, name="Room B", capacity=80)


@pytest.fixture
def celery_eager():
    """Tasks run in the test's own process when queued (after commit, with
    django_capture_on_commit_callbacks(execute=True)), errors propagating."""
    from config.celery import app as celery_app

    conf = celery_app.conf
    saved = conf.task_always_eager, conf.task_eager_propagates
    conf.task_always_eager = conf.task_eager_propagates = True
    yield
    conf.task_always_eager, conf.task_eager_propagates = saved


# The accreditation office's people and the event's default categories: for the accreditation
# pages, services and the integration API alike.
officer = staff_fixture(Role.ACCREDITATION, "accreditation",
                        "An officer of the accreditation office.")
vetter = staff_fixture(Role.VETTING, "vetting",
                       "A security vetting officer: the only role that reads ID numbers.")
gate = staff_fixture(Role.GATE, "gate", "A gate operator.")


@pytest.fixture
def cats(event):
    """The event's default categories by letter code (P press, D delegate, ...)."""
    return categories(event)


@pytest.fixture
def outlet(event):
    return OutletFactory(event=event, name="Vietnam News Agency")


# API clients (tests/api, tests/audit; the browser tests have their own `login`)

@pytest.fixture
def login():
    """A client with a session for `user`, as the staff UI's own JavaScript would have."""

    def make(user):
        client = APIClient()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def bearer():
    """A client that sends `Authorization: Bearer <raw>`."""

    def make(raw):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        return client

    return make


# Names of RFC 2606 (example.org and its kin), answered here with a public address: tests
# register webhooks at them, and a test needs no network (nor may it reach one).
EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net")
EXAMPLE_ADDRESS = "93.184.215.14"


@pytest.fixture(autouse=True, scope="session")
def _example_names_resolve():
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        name = (host.decode() if isinstance(host, bytes) else host or "").rstrip(".").lower()
        if any(name == domain or name.endswith("." + domain) for domain in EXAMPLE_DOMAINS):
            host = EXAMPLE_ADDRESS
        return real(host, port, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket, "getaddrinfo", getaddrinfo)
        yield


@pytest.fixture
def field_keys(settings):
    """`field_keys(*fernet_keys, index=...)` sets the field encryption keys and the ID index
    key as the environment would, and makes the process read them again."""

    def use(*fernet_keys, index="index-key-1"):
        settings.FIELD_ENCRYPTION_KEYS = list(fernet_keys)
        settings.ID_INDEX_KEY = index
        crypto.clear_key_cache()

    yield use
    crypto.clear_key_cache()


@pytest.fixture
def site_url(settings):
    """Links in mails, feeds and exports name the site, as production's SITE_URL does."""
    settings.SITE_URL = "https://accord.example.org"


@pytest.fixture
def media_in_tmp(settings, tmp_path):
    """Uploads and generated files kept in the test's own folder."""
    settings.MEDIA_ROOT = str(tmp_path)
