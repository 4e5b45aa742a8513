"""The indicators' entries on the start page: the reporting deadline (BW 9.1.9).

A unit's team lead sees "close the year" and the county's coordinating office
"report to the granting authority", each with the days left (or overdue), only
while that year is not closed; everyone else with aggregates sees the next
deadline. One query at most (the closings in force of the user's own units), so
the start page's query count stays pinned.
"""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lotse.accounts.permissions import Role
from lotse.accounts.scope import active_memberships
from lotse.core.tenancy import Area
from lotse.kernel.dates import format_date
from lotse.organisations import rules as org_rules

# BW 9.1.9: reference date 31 December, due 31 January of the following year (the
# catalogue may set other days; the start page shows the statutory ones).
DUE_MONTH, DUE_DAY = 1, 31


def reporting_year(on: date) -> int:
    """The year whose figures are due next: last year's until 31 January, then this year's."""
    return on.year - 1 if on <= date(on.year, DUE_MONTH, DUE_DAY) else on.year


def _days_text(days: int) -> str:
    if days >= 0:
        return ngettext("noch %(days)s Tag", "noch %(days)s Tage", days) % {"days": days}
    return ngettext("seit %(days)s Tag überfällig", "seit %(days)s Tagen überfällig", -days) % {
        "days": -days
    }


def duties(user, *, on: date) -> list[tuple[str, object]]:
    """(duty, unit) for the user's own units: a team lead closes a town's, association's
    or welfare organisation's year; the coordinating office reports the county (BW 4.2 g).
    No query: memberships are loaded with their organisation."""
    found = []
    for membership in active_memberships(user, on):
        unit = membership.organisation
        if membership.role == Role.TEAM_LEAD and unit.kind in org_rules.CASE_KEEPERS:
            found.append(("close", unit))
        elif membership.role == Role.COORDINATION and unit.kind == org_rules.COUNTY:
            found.append(("report", unit))
    return found


def start_cards(user, *, on: date) -> list[dict]:
    if not user.has_area(Area.AGGREGATES, on=on):
        return []
    own = duties(user, on=on)
    if own:
        return _duty_cards(user, own, on=on)
    return [next_deadline_card(on=on)]


def next_deadline_card(*, on: date) -> dict:
    """For everyone with aggregates but no closing duty: the next deadline."""
    year = reporting_year(on)
    due = date(year + 1, DUE_MONTH, DUE_DAY)
    days = (due - on).days
    return {
        "title": _("Kennzahlen"),
        "text": ngettext(
            "Berichtsjahr %(year)s: Stichtag 31.12.%(year)s, abzugeben bis %(due)s "
            "(noch %(days)s Tag, BW 9.1.9).",
            "Berichtsjahr %(year)s: Stichtag 31.12.%(year)s, abzugeben bis %(due)s "
            "(noch %(days)s Tage, BW 9.1.9).",
            days,
        )
        % {"year": year, "due": format_date(due), "days": days},
        "url": f"{reverse('indicators:dashboard')}?year={min(year, on.year)}",
    }


def _duty_cards(user, own: list[tuple[str, object]], *, on: date) -> list[dict]:
    """BW 9.1.9: last year can be closed from 1 January and is due on 31 January; the
    item stays (overdue) until the year is closed."""
    from lotse.indicators.models import YearClosure

    year = on.year - 1
    due = date(on.year, DUE_MONTH, DUE_DAY)
    closed = set(
        YearClosure.objects.for_user(user)
        .in_force()
        .filter(year=year, organisation_id__in=[unit.pk for _duty, unit in own])
        .values_list("organisation_id", flat=True)
    )
    tasks = []
    for duty, unit in own:
        if unit.pk in closed:
            continue
        values = {
            "unit": unit.name,
            "year": year,
            "due": format_date(due),
            "days": _days_text((due - on).days),
        }
        if duty == "close":
            title = _("Kennzahlen %(year)s abschließen") % values
            text = (
                _(
                    "%(unit)s, Berichtsjahr %(year)s: prüfen und abschließen, damit die "
                    "Koordinierende Stelle zusammenführen kann; abzugeben bis %(due)s "
                    "(%(days)s, BW 9.1.9)."
                )
                % values
            )
        else:
            title = _("Kennzahlen %(year)s an die Bewilligungsstelle melden") % values
            text = (
                _(
                    "%(unit)s, Berichtsjahr %(year)s: die Abschlüsse der Städte, Gemeinden und "
                    "Träger prüfen und den Kreis abschließen; abzugeben bis %(due)s (%(days)s, BW 4.2 g, 9.1.9)."
                )
                % values
            )
        tasks.append(
            {
                "title": title,
                "text": text,
                "url": f"{reverse('indicators:dashboard')}?year={year}&unit={unit.pk}",
            }
        )
    return tasks
