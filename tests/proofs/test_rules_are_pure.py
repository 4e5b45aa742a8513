"""lotse/proofs/rules is a functional core: no Django, no database, no float (STYLE.md)."""

import subprocess
import sys
from pathlib import Path

import lotse.proofs.rules

RULES = Path(lotse.proofs.rules.__file__).resolve().parent
MODULES = sorted(f"lotse.proofs.rules.{path.stem}" for path in RULES.glob("*.py"))


def test_importing_the_rules_loads_no_django():
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in MODULES)
        + "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and module names
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=RULES.parent.parent.parent,
    )
    assert result.stdout.strip() == "[]"


def test_no_rule_module_mentions_django_or_float():
    for path in RULES.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "import django" not in source and "from django" not in source, path.name
        assert "float(" not in source, path.name
