"""docs/roles.md must say what lotse.accounts.permissions.RIGHTS says.

The first table of the file has one row per role (code value in backticks in
the first cell) and one column per area (area value in backticks in the
header); each cell is RW, R or – (en dash). No database needed.
"""

import re
from pathlib import Path

from lotse.accounts.permissions import RIGHTS, Role
from lotse.core.tenancy import Area

ROLES_MD = Path(__file__).resolve().parent.parent / "docs" / "roles.md"
CODE = re.compile(r"`([a-z_]+)`")


def first_table(text: str) -> list[list[str]]:
    rows: list[list[str]] = []
    for line in text.splitlines():
        if line.lstrip().startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
    return rows


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
