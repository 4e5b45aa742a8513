"""Who may decide in a case beyond reading and writing it.

Row access is lotse.core.tenancy's (Area.CASES). Some steps are the team
lead's alone (SPEC §1): approving an extension (BW 4.1.5), reopening a closed
case, moving cases to another case manager.
"""

from datetime import date

from lotse.accounts.permissions import Role
from lotse.accounts.scope import _subtree_ids, active_memberships
from lotse.core import clock


def team_lead_organisation_ids(user, *, on: date | None = None) -> frozenset[int]:
    """The nodes where the user leads the team: the subtree of each team-lead role."""
    on = on or clock.today()
    cache = user.__dict__.setdefault("_lotse_team_lead_ids", {})
    if on not in cache:
        ids: set[int] = set()
        for membership in active_memberships(user, on):
            if membership.role == Role.TEAM_LEAD:
                ids |= _subtree_ids(membership.organisation, on, skip_own_coordination=False)
        cache[on] = frozenset(ids)
    return cache[on]


def is_team_lead(user) -> bool:
    return any(m.role == Role.TEAM_LEAD for m in active_memberships(user))


def leads_team_of(user, organisation_id: int) -> bool:
    return organisation_id in team_lead_organisation_ids(user)
