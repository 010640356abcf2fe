"""Every test checks something: a test that only runs code passes whatever the code does
(short of a crash). Read from the source of every test module: a test checks when its body
(nested functions included) holds an assert, `raise AssertionError`, or a call of a check
(CHECKS), of a function under tests/ that checks (defined in the module or imported from
tests.*), or of a fixture it takes that checks; or when it takes a fixture that checks
after its yield."""

import ast
from functools import cache
from pathlib import Path

TESTS = Path(__file__).resolve().parent

CHECKS = {
    "raises", "fail", "warns",                                        # pytest
    "expect",                                                         # Playwright
    "django_assert_num_queries", "django_assert_max_num_queries",     # pytest-django
    "full_clean",         # Django's model validation: raises ValidationError
    "call_and_validate",  # schemathesis: raises on an answer the schema does not allow
}

# Tests whose check is a call that raises on failure, which the source alone cannot tell.
CHECKED_BY_RAISING = {
    "tests.api.test_domain_schema_api.test_schema_generates_without_warnings":
        "spectacular --validate --fail-on-warn raises on an invalid schema or any warning",
}


def read_modules():
    """{module: ({top-level function: node}, {imported name: (module, name)})} and
    {fixture name: [(module, node)]}, for every module under tests/."""
    modules, fixtures = {}, {}
    for path in sorted(TESTS.rglob("*.py")):
        module = ".".join(path.relative_to(TESTS.parent).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        functions, imports = {}, {}
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef):
                functions[node.name] = node
                if any("fixture" in ast.unparse(d) for d in node.decorator_list):
                    fixtures.setdefault(node.name, []).append((module, node))
            elif isinstance(node, ast.ImportFrom):
                package = module.split(".")[:-node.level] if node.level else []
                source = ".".join(package + ([node.module] if node.module else []))
                for alias in node.names:
                    imports[alias.asname or alias.name] = (source, alias.name)
        modules[module] = (functions, imports)
    return modules, fixtures


MODULES, FIXTURES = read_modules()


def defined(module, name):
    """The (module, node) of the function under tests/ that `name` names in `module`."""
    functions, imports = MODULES[module]
    if name in functions:
        return module, functions[name]
    source = imports.get(name)
    if source and source[0] in MODULES and source[0] != module:
        return defined(*source)
    return None


@cache
def checks(module, node):
    for sub in ast.walk(node):
        if isinstance(sub, ast.Assert):
            return True
        if isinstance(sub, ast.Raise) and sub.exc is not None:
            raised = sub.exc.func if isinstance(sub.exc, ast.Call) else sub.exc
            if isinstance(raised, ast.Name) and raised.id == "AssertionError":
                return True
    taken = {arg.arg for arg in node.args.args + node.args.kwonlyargs}
    for sub in ast.walk(node):
        if not isinstance(sub, ast.Call):
            continue
        if isinstance(sub.func, ast.Attribute):
            if sub.func.attr in CHECKS:
                return True
            continue
        if not isinstance(sub.func, ast.Name):
            continue
        name = sub.func.id
        if name in CHECKS:
            return True
        found = defined(module, name)
        if found and found[1] is not node and checks(*found):
            return True
        if name in taken and any(checks(*fixture) for fixture in FIXTURES.get(name, [])):
            return True
    return any(checks(*fixture) for name in taken for fixture in FIXTURES.get(name, [])
               if any(isinstance(sub, ast.Yield) for sub in ast.walk(fixture[1])))


def unchecked():
    found = []
    for module, (functions, _imports) in MODULES.items():
        if not module.rsplit(".", 1)[-1].startswith("test_"):
            continue
        for name, node in functions.items():
            if name.startswith("test_") and not checks(module, node) \
                    and f"{module}.{name}" not in CHECKED_BY_RAISING:
                found.append(f"{module}.{name}")
    return found


def test_every_test_checks_something():
    assert unchecked() == []


PLANTED = '''\
def helper(value):
    assert value


def test_runs_only(event):
    print(event)


def test_through_a_helper(event):
    helper(event)
'''


def test_the_reading_finds_a_test_that_checks_nothing(monkeypatch):
    """Planted beside the real tests: one that only runs code, one that checks through a
    helper."""
    functions = {node.name: node for node in ast.parse(PLANTED).body}
    monkeypatch.setitem(MODULES, "tests.test_planted", (functions, {}))
    found = unchecked()
    assert "tests.test_planted.test_runs_only" in found
    assert "tests.test_planted.test_through_a_helper" not in found
