"""The four imports (the master plan, applications, vetting results, a delegation's members)
given hostile files:
random bytes, random bytes that start like a workbook, CSV and XLSX with formulas, RTL and
control characters, huge cells, impossible dates, cells of every type, and all of these cut
short or garbled. Each import either succeeds or refuses with a list of row errors, each
readable; a refused file writes nothing."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accreditation.applications.models.applications import Application, Transition
from accreditation.applications.services.imports import COLUMNS as APPLICATION_COLUMNS
from accreditation.applications.services.imports import applications_import
from accreditation.vetting.services.vetting_io import vetting_import
from logistics.core.errors import ImportRejected
from logistics.core.spreadsheet_files import RowError
from logistics.delegations.enums import DelegationKind
from logistics.delegations.models import DelegationMember
from logistics.delegations.services.member_import import COLUMNS as MEMBER_COLUMNS
from logistics.delegations.services.member_import import registration_members_import
from logistics.plan.models import Task, TaskUpdate
from logistics.plan.services.plan_io import plan_import
from logistics.plan.table import COLUMNS as PLAN_COLUMNS
from tests.factories.accreditation import journalist
from tests.factories.delegations import DelegationFactory, country
from tests.factories.plan import AgencyFactory, CommitteeFactory
from tests.factories.registration import InvitationFactory
from tests.hostile.strategies import csv_file, damaged, import_file, text_cell

PLAN_HEADER = [column.header for column in PLAN_COLUMNS]
APPLICATION_HEADER = [column.header for column in APPLICATION_COLUMNS]
VETTING_HEADER = ["reference", "result", "note"]
MEMBER_HEADER = [column.header for column in MEMBER_COLUMNS]


def _outcome(call, snapshot):
    """Run an import: its result, or None when refused, after checking the refusal."""
    before = snapshot()
    try:
        return call()
    except ImportRejected as rejected:
        assert rejected.errors
        for error in rejected.errors:
            assert isinstance(error, RowError)
            assert str(error).strip()
            assert error.row is None or error.row >= 1
        assert snapshot() == before
        return None


@pytest.fixture
def plan_event(event):
    CommitteeFactory(event=event, code="SEC")
    for code in ("MPS", "MOFA"):
        AgencyFactory(event=event, code=code)
    return event


def _plan_snapshot(event):
    return lambda: (list(Task.objects.filter(event=event).order_by("pk").values_list(
        "code", "title", "status", "progress", "due_date", "parent_id")),
        TaskUpdate.objects.count())


PLAUSIBLE_PLAN = st.sampled_from(["SEC-01", "SEC-02", "SEC", "MPS", "MOFA", "MPS; MOFA",
                                  "2030-03-01", "01/03/2030", "planned", "in progress", "50",
                                  "SEC-01; SEC-02"])
PLAN_FILES = st.one_of(import_file(PLAN_HEADER),
                       csv_file(PLAN_HEADER, st.one_of(PLAUSIBLE_PLAN, text_cell())),
                       damaged(csv_file(PLAN_HEADER, PLAUSIBLE_PLAN)))


@given(data=PLAN_FILES)
def test_plan_import_never_crashes_and_a_refused_file_writes_nothing(plan_event, secretariat,
                                                                     data):
    _outcome(lambda: plan_import(event=plan_event, by=secretariat, data=data,
                                 filename="plan.csv"), _plan_snapshot(plan_event))


def _application_snapshot():
    return (list(Application.objects.order_by("pk").values_list("pk", "status", "vetting")),
            Transition.objects.count())


PLAUSIBLE_APPLICATION = st.sampled_from([
    "P", "D", "Press", "VN", "Viet Nam", "female", "passport", "C1234567", "1988-04-02",
    "2034-01-01", "reporter", "Vietnam News Agency", "lan@vna.example", "Nguyễn"])


@given(data=st.one_of(import_file(APPLICATION_HEADER),
                      csv_file(APPLICATION_HEADER,
                               st.one_of(PLAUSIBLE_APPLICATION, text_cell()))))
def test_application_import_never_crashes_and_a_refused_file_writes_nothing(
        event, cats, outlet, officer, data):
    _outcome(lambda: applications_import(event=event, by=officer, data=data),
             _application_snapshot)


@pytest.fixture
def to_vet(event, cats):
    """Two applications in a vetted category, waiting for their results."""
    return [journalist(event, category_code="D") for _ in range(2)]


@given(data=st.data())
def test_vetting_import_never_crashes_and_a_refused_file_writes_nothing(
        event, cats, vetter, to_vet, data):
    plausible = st.sampled_from([a.reference for a in to_vet] + [
        "cleared", "flagged", "CLEARED", "A-NOPE", "Note: checked"])
    files = st.one_of(import_file(VETTING_HEADER),
                      csv_file(VETTING_HEADER, st.one_of(plausible, text_cell())),
                      damaged(csv_file(VETTING_HEADER, plausible)))
    content = data.draw(files)
    _outcome(lambda: vetting_import(event=event, by=vetter, data=content),
             _application_snapshot)


@pytest.fixture
def member_link(event):
    delegation = DelegationFactory(event=event, kind=DelegationKind.STATE, country=country("KE"),
                                   name="Kenya", size_quota=40)
    return InvitationFactory(delegation=delegation)


PLAUSIBLE_MEMBER = st.sampled_from([
    "Mohamed", "محمد", "Nguyễn", "KE", "Kenya", "female", "yes", "A1234567", "1961-10-05",
    "31/12/1980", "2031-01-01", "2030-01-01 10:30", "KQ 870", "HAN", "han", "x"])


@given(data=st.one_of(import_file(MEMBER_HEADER),
                      csv_file(MEMBER_HEADER, st.one_of(PLAUSIBLE_MEMBER, text_cell())),
                      damaged(csv_file(MEMBER_HEADER, PLAUSIBLE_MEMBER))))
def test_member_import_never_crashes_and_a_refused_file_writes_nothing(member_link, data):
    delegation = member_link.delegation
    _outcome(lambda: registration_members_import(token=member_link.token, data=data),
             lambda: list(DelegationMember.objects.filter(delegation=delegation)
                          .order_by("pk").values_list("pk", "family_name")))
    DelegationMember.objects.filter(delegation=delegation).delete()
