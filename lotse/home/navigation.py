"""The navigation: one entry per area a role may open, shown only to those who may.

Nothing is listed that does not work.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.accounts.scope import has_area
from lotse.core.tenancy import Area


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    area: Area | None = None
    write: bool = False

    @property
    def url(self) -> str:
        return reverse(self.url_name)


NAVIGATION = [
    NavItem(_("Start"), "home:start"),
    NavItem(_("Arbeitsliste"), "cases:worklist", Area.CASES),
    NavItem(_("Fälle"), "cases:client_list", Area.CASES),
    NavItem(_("Organisationen"), "organisations:tree", Area.ORGANISATIONS),
    NavItem(_("Benutzer und Rollen"), "accounts:user_list", Area.USERS),
    # The administration maintains the catalogues of case work (issue 3 item 5).
    NavItem(_("Kataloge"), "catalogues:index", Area.ORGANISATIONS, write=True),
    # Texts of the printable consent form and plan summary, per language (issue 3 items 2, 4).
    NavItem(_("Dokumenttexte"), "documents:text_list", Area.ORGANISATIONS, write=True),
    NavItem(_("Zugriffsprotokoll"), "privacy:audit_log", Area.AUDIT),
    NavItem(_("Personal"), "staff:compliance", Area.STAFF),
    # Counts only (SPEC §5): the coordinating office sees barriers without case data.
    NavItem(_("Strukturelle Themen"), "cases:barrier_report", Area.AGGREGATES),
    # Indicators with small counts suppressed outside the town (SPEC §5, issue 6).
    NavItem(_("Kennzahlen"), "indicators:dashboard", Area.AGGREGATES),
    # Grant files: decisions, contracts, positions, payment requests (SPEC §4, issue 5).
    NavItem(_("Zuwendungen"), "funding:grant_list", Area.GRANTS),
    # Programme deadlines with days left (issue 5 item 9).
    NavItem(_("Fristen"), "deadlines:worklist", Area.GRANTS),
    # Open to every signed-in role; listed for the grant roles, who use it (SPEC §4).
    NavItem(_("Förderrechner"), "funding:calculator", Area.GRANTS),
    NavItem(_("Mein Konto"), "accounts:account"),
]


def navigation_for(user) -> list[NavItem]:
    return [
        item
        for item in NAVIGATION
        if item.area is None or has_area(user, item.area, write=item.write)
    ]
