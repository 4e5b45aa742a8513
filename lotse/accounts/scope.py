"""Who sees what: the organisation nodes a person's roles reach, per area of data.

This is the one place that turns memberships (a role held at a node for a
period) and the role × area table beside it (``lotse.accounts.permissions``)
into sets of organisation ids. The base querysets in ``lotse.core.tenancy``
do not import this module: they ask the user (``User.organisation_ids`` and
friends, which call the functions here), so the tenancy floor stays below the
accounts that fill it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from lotse.accounts.permissions import excludes_own_coordination, role_grants
from lotse.core import clock
from lotse.core.tenancy import Area
from lotse.organisations.models import AssociationMembership, Organisation
from lotse.organisations.rules import STATE

if TYPE_CHECKING:
    from lotse.accounts.models import Membership


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _cache(user, name: str) -> dict:
    """A per-request cache on the user object. Through getattr/setattr, not ``__dict__``:
    ``request.user`` is a lazy proxy, and both it and the user behind it (as ``self`` in
    the ``User`` methods the querysets call) must share one cache."""
    cache = getattr(user, name, None)
    if cache is None:
        cache = {}
        setattr(user, name, cache)
    return cache


def active_memberships(user, on: date | None = None) -> list[Membership]:
    """The roles the user holds on ``on`` (default today); cached on the user object."""
    if not _signed_in(user):
        return []
    on = on or clock.today()
    cache = _cache(user, "_lotse_memberships")
    if on not in cache:
        cache[on] = list(
            user.memberships.filter(
                Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on
            ).select_related("organisation")
        )
    return cache[on]


def roles_of(user, on: date | None = None) -> set[str]:
    return {membership.role for membership in active_memberships(user, on)}


def has_area(user, area: Area, *, write: bool = False, on: date | None = None) -> bool:
    """Whether any role of the user grants ``area`` at all (pages answer 403 before a query)."""
    return any(
        role_grants(membership.role, area, write=write)
        for membership in active_memberships(user, on)
    )


def organisation_ids_for(
    user, area: Area, *, write: bool = False, on: date | None = None
) -> frozenset[int]:
    """The organisation nodes whose records of ``area`` the user may read (or write)."""
    on = on or clock.today()
    memberships = active_memberships(user, on)
    if not memberships:
        return frozenset()
    cache = _cache(user, "_lotse_scope")
    key = (area, write, on)
    if key not in cache:
        subtrees = _cache(user, "_lotse_subtrees")
        ids: set[int] = set()
        for membership in memberships:
            if role_grants(membership.role, area, write=write):
                skip = excludes_own_coordination(membership.role, area)
                subtree_key = (membership.organisation_id, on, skip)
                if subtree_key not in subtrees:
                    subtrees[subtree_key] = _subtree_ids(
                        membership.organisation, on, skip_own_coordination=skip
                    )
                ids |= subtrees[subtree_key]
        cache[key] = frozenset(ids)
    return cache[key]


def organisations_for(
    user,
    area: Area,
    *,
    write: bool = False,
    kinds: Iterable[str] | None = None,
    on: date | None = None,
) -> QuerySet[Organisation]:
    """The nodes the user may read (or write) ``area`` in, optionally of some kinds only:
    what a form offers as "Organisation" to choose from (the caller orders them)."""
    nodes = Organisation.objects.filter(id__in=organisation_ids_for(user, area, write=write, on=on))
    if kinds is not None:
        nodes = nodes.filter(kind__in=list(kinds))
    return nodes


def _subtree_ids(root: Organisation, on: date, *, skip_own_coordination: bool) -> set[int]:
    """The root, everything below it, and, for an association, its members on ``on``."""
    prefixes = [root.path]
    member_ids = AssociationMembership.objects.on(on).filter(association=root)
    prefixes += list(
        Organisation.objects.filter(id__in=member_ids.values("municipality_id")).values_list(
            "path", flat=True
        )
    )
    condition = Q()
    for prefix in prefixes:
        condition |= Q(path__startswith=prefix)
    rows = Organisation.objects.filter(condition).values_list("id", "path", "runs_own_coordination")
    if not skip_own_coordination:
        return {row[0] for row in rows}
    # KIM §4(3): a town that runs its own coordinating office is not coordinated by the county.
    excluded = [path for _id, path, own in rows if own and path != root.path]
    return {
        row_id
        for row_id, path, _own in rows
        if not any(path.startswith(prefix) for prefix in excluded)
    }


def regional_ids_for(user, area: Area, *, on: date | None = None) -> frozenset[int]:
    """The nodes whose regional catalogue entries reach the user in ``area``.

    A local provider entered for Kreis Unna serves everyone working in the county:
    an entry belongs to a node, and a user sees it when a role granting ``area`` is
    held at that node, below it, or above it (the node lies in the role's subtree).
    """
    on = on or clock.today()
    if not _signed_in(user):
        return frozenset()
    cache = _cache(user, "_lotse_regional")
    key = (area, on)
    if key not in cache:
        ids = set(organisation_ids_for(user, area, on=on))
        prefixes = [
            membership.organisation.path
            for membership in active_memberships(user, on)
            if role_grants(membership.role, area)
        ]
        ancestors = {int(part) for path in prefixes for part in path.strip("/").split("/") if part}
        # Also the nodes above association members the role reaches.
        if ids:
            for path in Organisation.objects.filter(id__in=ids).values_list("path", flat=True):
                ancestors |= {int(part) for part in path.strip("/").split("/") if part}
        cache[key] = frozenset(ids | ancestors)
    return cache[key]


def manages_general_entries(
    user, area: Area = Area.ORGANISATIONS, *, on: date | None = None
) -> bool:
    """Whether the user may change what applies everywhere (general catalogue entries):
    only a role writing ``area`` at a state node or at a root of the tree."""
    return any(
        role_grants(membership.role, area, write=True)
        and (membership.organisation.kind == STATE or membership.organisation.parent_id is None)
        for membership in active_memberships(user, on)
    )
