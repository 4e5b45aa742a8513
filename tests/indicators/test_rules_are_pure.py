"""lotse/indicators/rules is a functional core: no Django, no database (STYLE.md)."""

import subprocess
import sys
from pathlib import Path

import lotse.indicators.rules

RULES = Path(lotse.indicators.rules.__file__).resolve().parent
MODULES = sorted(f"lotse.indicators.rules.{path.stem}" for path in RULES.glob("*.py"))


def test_importing_the_rules_loads_no_django():
    # A fresh interpreter: this one has Django loaded already by pytest-django.
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


def test_no_rule_module_mentions_django():
    for path in RULES.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "import django" not in source and "from django" not in source, path.name
