"""The functional core is plain Python: no Django, no float.

Checked here: ``lotse/kernel`` (the ground floor every layer uses), every
``lotse/<app>/rules`` package and every single-file ``lotse/<app>/rules.py``.

STYLE.md ("The rules are a functional core"): the domain rules take plain values
and return plain values, so they can be tested to the cent and to the day
without a database. New apps' rule packages are found and checked here
automatically. Checked twice: by reading each module's imports, and by
importing all of them in a fresh interpreter and looking for django in
sys.modules. And SPEC §4.1: money never passes through float, so no rule
module calls ``float(``.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import lotse

ROOT = Path(lotse.__file__).resolve().parent
PACKAGES = [ROOT / "kernel", *sorted(path.parent for path in ROOT.glob("*/rules/__init__.py"))]
MODULES = [
    *(path for package in PACKAGES for path in sorted(package.glob("*.py"))),
    *sorted(ROOT.glob("*/rules.py")),
]
# Besides the standard library, a pure module may use these well-kept pure-Python
# libraries (no Django, no I/O): month arithmetic (lotse/kernel/dates.py).
ALLOWED_LIBRARIES = {"dateutil"}


def dotted(path: Path) -> str:
    return ".".join(("lotse", *path.relative_to(ROOT).with_suffix("").parts))


def test_the_known_rule_packages_are_found():
    found = {package.parent.name for package in PACKAGES[1:]}
    assert {"cases", "funding", "indicators", "proofs", "staff"} <= found
    assert PACKAGES[0].is_dir()
    single = {path.parent.name for path in ROOT.glob("*/rules.py")}
    assert {"organisations", "documents"} <= single


@pytest.mark.parametrize("path", MODULES, ids=dotted)
def test_a_rule_module_imports_nothing_of_django(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        assert not any(name.split(".")[0] == "django" for name in names), dotted(path)


@pytest.mark.parametrize("path", MODULES, ids=dotted)
def test_a_rule_module_imports_only_the_standard_library_and_other_rules(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{dotted(path)}: use absolute imports"
            names = [node.module or ""]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            is_pure = top == "lotse" and (".rules" in name or name.startswith("lotse.kernel"))
            allowed = top in sys.stdlib_module_names or top in ALLOWED_LIBRARIES or is_pure
            assert allowed, f"{dotted(path)} imports {name}"


@pytest.mark.parametrize("path", MODULES, ids=dotted)
def test_a_rule_module_never_makes_a_float(path):
    # SPEC §4.1: money is Decimal, never float – and dates and counts need none either.
    assert "float(" not in path.read_text(encoding="utf-8"), dotted(path)


def test_importing_every_rule_module_loads_no_django():
    # A fresh interpreter: this one has Django loaded already by pytest-django.
    code = (
        "import sys\n"
        + "".join(f"import {dotted(path)}\n" for path in MODULES)
        + "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and module names
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT.parent
    )
    assert result.stdout.strip() == "[]"
