"""Who may do what: the role × area table (docs/roles.md is generated from it).

SPEC §1 names eight roles. Rights are granted per area of data and apply to the
subtree of the organisation node where the role is held (see lotse.core.tenancy).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.tenancy import Area

READ = frozenset({"read"})
READ_WRITE = frozenset({"read", "write"})


class Role(models.TextChoices):
    CASE_MANAGER = "case_manager", _("Integrationsmanagement / Fallmanagement")
    TEAM_LEAD = "team_lead", _("Teamleitung")
    COORDINATION = "coordination", _("Koordinierende Stelle")
    GRANTS_OFFICER = "grants_officer", _("Zuwendungssachbearbeitung")
    AUTHORITY = "authority", _("Bewilligungsstelle")
    AUDITOR = "auditor", _("Prüfung")
    DPO = "dpo", _("Datenschutzbeauftragte:r")
    ADMIN = "admin", _("Administration")


RIGHTS: dict[str, dict[Area, frozenset[str]]] = {
    Role.CASE_MANAGER: {Area.ORGANISATIONS: READ, Area.CASES: READ_WRITE, Area.AGGREGATES: READ},
    Role.TEAM_LEAD: {
        Area.ORGANISATIONS: READ,
        Area.CASES: READ_WRITE,
        Area.STAFF: READ,
        Area.AGGREGATES: READ,
    },
    # SPEC §1: the coordinating office steers with aggregates and has no access
    # to personal case data.
    Role.COORDINATION: {Area.ORGANISATIONS: READ, Area.STAFF: READ_WRITE, Area.AGGREGATES: READ},
    Role.GRANTS_OFFICER: {
        Area.ORGANISATIONS: READ,
        Area.GRANTS: READ_WRITE,
        Area.STAFF: READ,
        Area.AGGREGATES: READ,
    },
    Role.AUTHORITY: {Area.ORGANISATIONS: READ, Area.GRANTS: READ_WRITE, Area.AGGREGATES: READ},
    # KIM §9: auditors read grant files, never case files, within their time window
    # (the membership's validity).
    Role.AUDITOR: {Area.ORGANISATIONS: READ, Area.GRANTS: READ},
    Role.DPO: {Area.ORGANISATIONS: READ, Area.AUDIT: READ, Area.USERS: READ},
    Role.ADMIN: {Area.ORGANISATIONS: READ_WRITE, Area.USERS: READ_WRITE},
}

# Where each role may be held (the kind of organisation node).
ROLE_PLACES: dict[str, frozenset[str]] = {
    Role.CASE_MANAGER: frozenset({"municipality", "association", "welfare"}),
    Role.TEAM_LEAD: frozenset({"municipality", "association", "welfare"}),
    Role.COORDINATION: frozenset({"county", "municipality"}),
    Role.GRANTS_OFFICER: frozenset({"county", "association", "municipality", "welfare"}),
    Role.AUTHORITY: frozenset({"authority"}),
    Role.AUDITOR: frozenset({"state", "authority", "county"}),
    Role.DPO: frozenset({"state", "county", "association", "municipality", "welfare"}),
    Role.ADMIN: frozenset({"state", "authority", "county", "association", "municipality"}),
}


def role_grants(role: str, area: Area, *, write: bool = False) -> bool:
    rights = RIGHTS.get(role, {}).get(area, frozenset())
    return "write" in rights if write else "read" in rights


def excludes_own_coordination(role: str, area: Area) -> bool:
    """KIM §4(3): the county's coordinating office does not steer a town with its own."""
    return role == Role.COORDINATION and area != Area.ORGANISATIONS
