"""Indicator rules as a functional core: pure Python, no Django, no database.

- suppression: primary and secondary small-cell suppression with an exact
  audit (SPEC §5, issue 6 item 3; docs/indicators-suppression.md)
"""

from lotse.indicators.rules.suppression import (
    DEFAULT_K,
    MIN_K,
    SECONDARY_TEXT,
    Reason,
    Shown,
    Suppressed,
    SuppressedList,
    SuppressedTable,
    SuppressionError,
    display,
    recoverable_cells,
    suppress_list,
    suppress_table,
)

__all__ = [
    "DEFAULT_K",
    "MIN_K",
    "SECONDARY_TEXT",
    "Reason",
    "Shown",
    "Suppressed",
    "SuppressedList",
    "SuppressedTable",
    "SuppressionError",
    "display",
    "recoverable_cells",
    "suppress_list",
    "suppress_table",
]
