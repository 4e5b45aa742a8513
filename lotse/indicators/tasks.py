"""The indicators' entry on the start page: the next reporting deadline (BW 9.1.9).

Dates only, no query: the start page keeps its pinned query count.
"""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# BW 9.1.9: reference date 31 December, due 31 January of the following year (the
# catalogue may set other days; the start page shows the statutory ones).
DUE_MONTH, DUE_DAY = 1, 31


def reporting_year(on: date) -> int:
    """The year whose figures are due next: last year's until 31 January, then this year's."""
    return on.year - 1 if on <= date(on.year, DUE_MONTH, DUE_DAY) else on.year


def indicator_tasks(user, *, on: date) -> list[dict]:
    year = reporting_year(on)
    due = date(year + 1, DUE_MONTH, DUE_DAY)
    days = (due - on).days
    return [
        {
            "title": _("Kennzahlen"),
            "text": ngettext(
                "Berichtsjahr %(year)s: Stichtag 31.12.%(year)s, abzugeben bis %(due)s "
                "(noch %(days)s Tag, BW 9.1.9).",
                "Berichtsjahr %(year)s: Stichtag 31.12.%(year)s, abzugeben bis %(due)s "
                "(noch %(days)s Tage, BW 9.1.9).",
                days,
            )
            % {"year": year, "due": due.strftime("%d.%m.%Y"), "days": days},
            "url": f"{reverse('indicators:dashboard')}?year={min(year, on.year)}",
        }
    ]
