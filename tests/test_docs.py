"""The docs must say what the code says.

docs/roles.md: the first table of the file has one row per role (code value in
backticks in the first cell) and one column per area (area value in backticks in
the header); each cell is RW, R or – (en dash), as lotse.accounts.permissions.RIGHTS
says.

docs/glossary.md: every backticked name in the Code column of its tables exists
in the code (what "exists" means: see test_glossary_code_names_exist), and every
model of a Lotse app is named there, so a reader who knows the German term finds
the code. No database needed.
"""

import ast
import functools
import re
from collections import defaultdict
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.urls import URLResolver, get_resolver
from django.utils.module_loading import import_string

from lotse.accounts.permissions import RIGHTS, Role
from lotse.core.tenancy import Area

ROOT = Path(__file__).resolve().parent.parent
ROLES_MD = ROOT / "docs" / "roles.md"
GLOSSARY_MD = ROOT / "docs" / "glossary.md"
CODE = re.compile(r"`([a-z_]+)`")
BACKTICKED = re.compile(r"`([^`]*)`")

# Names from the libraries Lotse builds on that the glossary may name, each with
# where it lives (the test imports it, so the allowance cannot go stale).
THIRD_PARTY = {
    "TOTPDevice": "django_otp.plugins.otp_totp.models.TOTPDevice",  # django-otp
}

DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")
URL_NAME = re.compile(r"[a-z_]+(?::[a-z_]+)+")


def tables(text: str) -> list[list[list[str]]]:
    """Every Markdown table of the text, as rows of stripped cells."""
    found: list[list[list[str]]] = []
    rows: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if line.lstrip().startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif rows:
            found.append(rows)
            rows = []
    return found


def first_table(text: str) -> list[list[str]]:
    return tables(text)[0]


def expected_cell(role: str, area: Area) -> str:
    rights = RIGHTS[role].get(area, frozenset())
    if "write" in rights:
        return "RW"
    return "R" if "read" in rights else "–"


def test_roles_table_matches_rights():
    header, separator, *body = first_table(ROLES_MD.read_text(encoding="utf-8"))
    assert set(separator[0]) <= set(":- "), "the second line of the table must be its separator"

    columns = {}
    for index, cell in enumerate(header[1:], start=1):
        match = CODE.search(cell)
        assert match, f"header cell {cell!r} names no area in backticks"
        columns[Area(match.group(1))] = index
    assert set(columns) == set(Area), "one column per area of lotse.core.tenancy.Area"

    rows = {}
    for row in body:
        match = CODE.search(row[0])
        assert match, f"first cell {row[0]!r} names no role in backticks"
        rows[match.group(1)] = row
    assert set(rows) == set(RIGHTS) == set(Role.values), "one row per role"

    for role, row in rows.items():
        assert len(row) == len(header), f"row {role} has {len(row)} cells, header {len(header)}"
        for area, index in columns.items():
            assert row[index] == expected_cell(role, area), (
                f"docs/roles.md says {row[index]!r} for {role} × {area}, "
                f"RIGHTS says {expected_cell(role, area)!r}"
            )


# --- docs/glossary.md ---------------------------------------------------------


def glossary_code_names() -> list[tuple[str, str]]:
    """(code name, German term of its row) for every backticked name in a Code column."""
    names = []
    for table in tables(GLOSSARY_MD.read_text(encoding="utf-8")):
        header, separator, *body = table
        assert set(separator[0]) <= set(":- "), (
            f"the table beginning with {header} has no separator line (a blank line in a table?)"
        )
        assert "Code" in header, f"glossary table {header} has no Code column"
        german, code = header.index("German"), header.index("Code")
        for row in body:
            assert len(row) == len(header), f"row {row[0]!r} has {len(row)} cells"
            names += [(name, row[german]) for name in BACKTICKED.findall(row[code])]
    return names


def _defined(statements: list[ast.stmt], *, package: bool) -> set[str]:
    """Names bound at the top level of a module (also inside if/try/with blocks).

    Imports count only in a package's __init__, where they are its public names.
    """
    names: set[str] = set()
    for node in statements:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
        elif isinstance(node, ast.ImportFrom) and package:
            names |= {alias.asname or alias.name for alias in node.names}
        elif isinstance(node, ast.If | ast.Try | ast.With):
            for block in ("body", "orelse", "finalbody", "handlers"):
                for inner in getattr(node, block, []):
                    body = inner.body if isinstance(inner, ast.ExceptHandler) else [inner]
                    names |= _defined(body, package=package)
    return names


@functools.cache
def code_index() -> tuple[dict[str, set[str]], dict[str, set[str]], frozenset[str]]:
    """Top-level names per module, modules per class name, and every string literal.

    Read with ast from lotse/**/*.py without the migrations, so nothing is imported.
    """
    module_names: dict[str, set[str]] = {}
    class_modules: dict[str, set[str]] = defaultdict(set)
    strings: set[str] = set()
    for path in sorted((ROOT / "lotse").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(ROOT).with_suffix("").parts
        package = parts[-1] == "__init__"
        module = ".".join(parts[:-1] if package else parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module_names[module] = _defined(tree.body, package=package)
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                class_modules[node.name].add(module)
        strings |= {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
    return module_names, class_modules, frozenset(strings)


@functools.cache
def lotse_models() -> tuple[type, ...]:
    """Concrete models of the lotse.* apps (get_models leaves out abstract ones)."""
    return tuple(
        model
        for config in apps.get_app_configs()
        if config.name.startswith("lotse.")
        for model in config.get_models()
        if not model._meta.proxy
    )


@functools.cache
def model_field_names() -> frozenset[str]:
    return frozenset(field.name for model in lotse_models() for field in model._meta.get_fields())


@functools.cache
def url_names() -> frozenset[str]:
    """Every URL name with its namespaces, e.g. staff:compliance."""

    def walk(patterns, prefix: str):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
                yield from walk(pattern.url_patterns, namespace)
            elif pattern.name:
                yield prefix + pattern.name

    return frozenset(walk(get_resolver().url_patterns, ""))


def _class_has(class_name: str, attribute: str) -> bool:
    _, class_modules, _ = code_index()
    return any(
        hasattr(getattr(import_module(module), class_name), attribute)
        for module in class_modules.get(class_name, ())
    )


def _module_defines(dotted: str) -> bool:
    """rules.plan.SECTIONS: a module whose path ends in rules.plan defines SECTIONS.

    A dotted name may also be a module itself (accounts.scope, lotse.kernel.dates).
    """
    module_names, _, _ = code_index()
    path, _, name = dotted.rpartition(".")
    return any(
        module == dotted
        or module.endswith("." + dotted)
        or ((module == path or module.endswith("." + path)) and name in names)
        for module, names in module_names.items()
    )


def code_name_exists(name: str) -> bool:
    module_names, _, strings = code_index()
    if name in THIRD_PARTY:
        return True
    if URL_NAME.fullmatch(name):
        return name in url_names()
    if not DOTTED.fullmatch(name):
        return False
    if name.startswith("LOTSE_"):
        return name in strings or any(name in names for names in module_names.values())
    if "." not in name:
        return name in model_field_names() or any(name in names for names in module_names.values())
    head, _, rest = name.partition(".")
    if "." not in rest:
        if _class_has(head, rest):
            return True
        try:
            apps.get_model(head, rest)
        except LookupError:
            pass
        else:
            return True
    return _module_defines(name)


def test_glossary_code_names_exist():
    """Every backticked name in a Code column of docs/glossary.md exists.

    A name exists when it is
    - ``Name``: a class, function or other name bound at the top level of a module
      under lotse/ (read with ast, migrations left out), or a field of a Lotse
      model (``valid_from``, ``fte``);
    - ``Class.attr``: a class defined under lotse/ that has the attribute once
      imported: a member (``Role.AUTHORITY``), a model field or reverse relation
      (``Client.version``), a method or class attribute, also inherited;
    - ``app_label.Model``: a model Django knows (``staff.Employee``);
    - ``module.NAME``: a module under lotse/ whose dotted path ends in ``module``
      and binds ``NAME`` at its top level (``rules.STATE``, ``rules.plan.SECTIONS``),
      or such a module itself (``accounts.scope``);
    - ``namespace:name``: a URL name (``staff:compliance``);
    - ``LOTSE_*``: a setting or environment variable, as a string literal or a
      top-level name in lotse/ (settings.py reads them as ``envint("LOTSE_…")``);
    - a third-party name in THIRD_PARTY, which names its library and import path.

    Words without backticks (grant period, pass-through) are descriptions of
    concepts the code has no name for; a name in backticks is a promise.
    """
    for name, path in THIRD_PARTY.items():
        assert import_string(path).__name__ == name, f"THIRD_PARTY: {path} is not {name}"

    missing = [
        f"`{name}` ({german})"
        for name, german in glossary_code_names()
        if not code_name_exists(name)
    ]
    assert not missing, "docs/glossary.md names code that does not exist: " + ", ".join(missing)


def test_glossary_names_every_model():
    """Every concrete model of a Lotse app appears in a Code column, as
    ``Model`` or ``app_label.Model``."""
    named = {name for name, _ in glossary_code_names()}
    missing = [
        model._meta.label
        for model in lotse_models()
        if model.__name__ not in named and model._meta.label not in named
    ]
    assert not missing, "docs/glossary.md misses these models: " + ", ".join(missing)
