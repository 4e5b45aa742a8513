"""lotse.cases.rules is a functional core: plain Python, no Django (STYLE: "The rules
are a functional core"). Checked twice: by reading the imports, and by importing
the package in a fresh interpreter and looking for django in sys.modules."""

import ast
import subprocess
import sys
from pathlib import Path

import lotse.cases.rules

RULES_DIR = Path(lotse.cases.rules.__file__).resolve().parent
MODULES = sorted(RULES_DIR.glob("*.py"))


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}: use absolute imports"
            names.add(node.module or "")
    return names


def test_rules_import_only_the_standard_library_and_each_other():
    assert len(MODULES) >= 5
    for path in MODULES:
        for name in imported_modules(path):
            top = name.split(".")[0]
            assert top in sys.stdlib_module_names or name.startswith("lotse.cases.rules"), (
                f"{path.name} imports {name}"
            )
            assert top != "django"


def test_importing_the_rules_loads_no_django():
    modules = ", ".join(f"lotse.cases.rules.{path.stem}" for path in MODULES)
    code = f"import sys, {modules}; print(sorted(m for m in sys.modules if m.startswith('django')))"
    result = subprocess.run(  # noqa: S603 - a fixed command line
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
