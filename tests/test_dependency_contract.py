"""The dependency contract (docs/ARCHITECTURE.md): which part of the code may import which,
read from every import, those inside functions too, by import-linter ([tool.importlinter]
in pyproject.toml), and no module importing another's private (`_name`) names."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["logistics", "accreditation", "privacy", "config"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(where):
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=where, capture_output=True,
                          text=True, timeout=120)


def test_the_code_keeps_the_dependency_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def inside_a_function(statement):
    name = statement.split()[-1]
    return f"\n\ndef planted():\n    {statement}\n\n    return {name}\n"


# One wrong import of each kind the contract forbids, at module level and inside a function.
PLANTED = {
    "a service imports a Celery task": (
        "logistics/delegations/services/invitations.py",
        "from logistics.delegations.tasks import send_invitation  # noqa\n"),
    "a service imports a Celery task, inside a function": (
        "accreditation/badges/services/batches.py",
        inside_a_function("from accreditation.badges.tasks import issue_badge")),
    "logistics imports accreditation": (
        "logistics/core/queueing.py", inside_a_function("from accreditation import models")),
    "the core imports a part of the work": (
        "logistics/core/mail.py", "from logistics.plan.models import Task  # noqa\n"),
    "the core imports a part of the work, inside a function": (
        "logistics/core/views/common.py",
        inside_a_function("from logistics.delegations.models import Delegation")),
    "a part imports one above it": (
        "logistics/delegations/queries/delegations.py",
        inside_a_function("from logistics.signing.models import Signing")),
    "two parts of one layer import each other": (
        "logistics/speakers/forms.py", "from logistics.bilaterals import queries  # noqa\n"),
    "accreditation imports a part it does not build on": (
        "accreditation/gates/views.py", inside_a_function("from logistics.programme import ical")),
    "an app imports privacy": (
        "logistics/delegations/views.py", inside_a_function("from privacy import services")),
    "an app imports the settings module": (
        "accreditation/gates/services/scans.py", "from config import settings  # noqa\n"),
    "an accreditation part imports one above it": (
        "accreditation/badges/queries.py",
        inside_a_function("from accreditation.gates.models import Scan")),
}


@pytest.mark.parametrize("where", PLANTED)
def test_the_contract_fails_on_a_planted_wrong_import(tmp_path, where):
    """On a copy of the code with one wrong import added, the check fails and names it."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__", "templates", "*.po",
                                                      "*.mo"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    path, planted = PLANTED[where]
    with (tmp_path / path).open("a") as module:
        module.write(planted)

    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout
    importer = path.removesuffix(".py").replace("/", ".")
    assert f"{importer} ->" in result.stdout


def private_names_imported(source):
    """(line, name) of each `_name` one module imports from another (a dunder is public)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names
                      if alias.name.startswith("_") and not alias.name.startswith("__")]
    return found


def test_no_module_imports_anothers_private_names():
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found += [f"{module}:{line}: {name}" for line, name in
                      private_names_imported(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_private_name_check_sees_imports_inside_functions():
    source = ("from a import public, _private\n"
              "def f():\n    from b.c import _hidden, __version__\n")
    assert private_names_imported(source) == [(1, "a._private"), (3, "b.c._hidden")]


# Where an import stands only to be loaded: the registries Django reads (models, admin) and
# the receivers an app connects when ready. Anywhere else an unused import is a re-export,
# a name kept for old importers after it moved.
REGISTRIES = {"admin.py", "apps.py", "models/__init__.py"}


def test_no_module_keeps_a_name_for_its_old_importers():
    found = [f"{path.relative_to(ROOT)}:{number}"
             for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
             if not any(path.as_posix().endswith(name) for name in REGISTRIES)
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if "noqa: F401" in line]
    assert found == []
