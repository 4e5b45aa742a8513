"""The staff rules are a functional core: no Django, no ORM (STYLE.md, "Habits")."""

import ast
import subprocess
import sys
from pathlib import Path

import lotse.staff.rules

RULES_DIR = Path(lotse.staff.rules.__file__).parent
MODULES = sorted(p.stem for p in RULES_DIR.glob("*.py") if p.stem != "__init__")


def test_every_expected_module_exists():
    assert {"common", "qualification", "supplementary", "training", "employment"} <= set(MODULES)


def test_no_rules_module_mentions_django_in_an_import():
    for path in RULES_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n.split(".")[0] == "django" for n in names), path.name


def test_importing_the_rules_loads_no_django_module():
    imports = "; ".join(f"import lotse.staff.rules.{name}" for name in MODULES)
    script = (
        f"import sys; {imports}; "
        "print(','.join(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run(  # noqa: S603 – our own interpreter, a fixed script
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
