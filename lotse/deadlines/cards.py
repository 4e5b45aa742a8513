"""The deadlines' start-page card (issue 5 item 9): overdue and soon-due programme deadlines."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lotse.accounts.scope import has_area, organisation_ids_for
from lotse.core.tenancy import Area
from lotse.deadlines.selectors import Level, counts, deadlines_for, soon_days


def start_cards(user, *, on: date) -> list[dict]:
    if not has_area(user, Area.GRANTS, on=on):
        return []
    found = counts(
        deadlines_for(
            organisation_ids_for(user, Area.GRANTS, on=on),
            today=on,
            until=on + timedelta(days=soon_days()),
        )
    )
    return [
        {
            "title": _("Fristen"),
            "text": ngettext(
                "%(overdue)s überfällige Frist, %(soon)s in den nächsten %(days)s Tagen.",
                "%(overdue)s überfällige Fristen, %(soon)s in den nächsten %(days)s Tagen.",
                found[Level.OVERDUE],
            )
            % {"overdue": found[Level.OVERDUE], "soon": found[Level.SOON], "days": soon_days()},
            "url": reverse("deadlines:worklist"),
        }
    ]
