"""Start-page cards for the staff worklist (issue 4 item 8).

Every role that reads staff records (coordinating office, grants officer, team
lead) sees the due and overdue staff deadlines of its area, one card per kind.
"""

from collections import Counter
from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.accounts.scope import has_area
from lotse.core.tenancy import Area
from lotse.staff.selectors import compliance_report, worklist


def start_cards(user, *, on: date) -> list[dict]:
    if not has_area(user, Area.STAFF, on=on):
        return []
    items = worklist(compliance_report(user, year=on.year, as_of=on))
    counts = Counter((item.title, item.rule.key, item.overdue) for item in items)
    base = reverse("staff:compliance")
    tasks = []
    # Overdue first: they cost money already.
    for (title, rule, overdue), count in sorted(
        counts.items(), key=lambda kv: (not kv[0][2], kv[0][0])
    ):
        state = "violation" if overdue else "due"
        if rule == "coverage":
            text = ngettext(
                "%(count)s Zuwendungsempfänger betroffen.",
                "%(count)s Zuwendungsempfänger betroffen.",
                count,
            ) % {"count": count}
        else:
            text = ngettext(
                "%(count)s Person betroffen.", "%(count)s Personen betroffen.", count
            ) % {"count": count}
        tasks.append(
            {
                "title": f"{_('Überfällig') if overdue else _('Fällig')}: {title}",
                "text": text,
                "url": f"{base}?{urlencode({'rule': rule, 'state': state})}",
            }
        )
    tasks.append(
        {
            "title": _("Personal und Qualifikation"),
            "text": _(
                "Qualifikation, Nachqualifizierung, Fortbildung, Prüfung und Beschäftigung je Person und Zuwendungsempfänger, mit Quellen und Excel-Export."
            ),
            "url": base,
        }
    )
    return tasks
