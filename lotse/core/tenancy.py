"""Tenant isolation, in one place.

Every query for tenant-owned data goes through ``<QuerySet>.for_user(user)`` or
``get_for_user(...)``. Both ask ``organisation_ids_for`` which organisation nodes
the user may see *for one area of data*; what each role may do in which area is
the table in ``lotse.accounts.permissions``. Nothing else in the code base decides
who sees which rows.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.http import Http404

from lotse.core import clock

if TYPE_CHECKING:
    from lotse.accounts.models import Membership


class Area(enum.StrEnum):
    """Kinds of data that roles are granted separately."""

    ORGANISATIONS = "organisations"  # the organisation directory
    USERS = "users"  # accounts and their roles
    CASES = "cases"  # personal case data (SPEC §2)
    STAFF = "staff"  # employees, qualification (SPEC §3)
    GRANTS = "grants"  # grant files (SPEC §4)
    AGGREGATES = "aggregates"  # anonymous indicators (SPEC §5)
    AUDIT = "audit"  # the access log (SPEC §6)


def active_memberships(user, on: date | None = None) -> list[Membership]:
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    on = on or clock.today()
    cache = user.__dict__.setdefault("_lotse_memberships", {})
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
    from lotse.accounts.permissions import role_grants

    return any(
        role_grants(membership.role, area, write=write)
        for membership in active_memberships(user, on)
    )


def organisation_ids_for(
    user, area: Area, *, write: bool = False, on: date | None = None
) -> frozenset[int]:
    """The organisation nodes whose records of ``area`` the user may read (or write)."""
    from lotse.accounts.permissions import excludes_own_coordination, role_grants

    on = on or clock.today()
    memberships = active_memberships(user, on)
    if not memberships:
        return frozenset()
    cache = user.__dict__.setdefault("_lotse_scope", {})
    key = (area, write, on)
    if key not in cache:
        subtrees = user.__dict__.setdefault("_lotse_subtrees", {})
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


def _subtree_ids(root, on: date, *, skip_own_coordination: bool) -> set[int]:
    """The root, everything below it, and, for an association, its members on ``on``."""
    from lotse.organisations.models import AssociationMembership, Organisation

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


class TenantQuerySet(models.QuerySet):
    """Base for every model that belongs to an organisation node."""

    tenant_area: Area
    tenant_field = "organisation"

    def for_user(self, user, *, write: bool = False, on: date | None = None):
        ids = organisation_ids_for(user, self.tenant_area, write=write, on=on)
        column = "id" if self.tenant_field == "id" else f"{self.tenant_field}_id"
        return self.filter(**{f"{column}__in": ids})


def regional_ids_for(user, area: Area, *, on: date | None = None) -> frozenset[int]:
    """The nodes whose regional catalogue entries reach the user in ``area``.

    A local provider entered for Kreis Unna serves everyone working in the county:
    an entry belongs to a node, and a user sees it when a role granting ``area`` is
    held at that node, below it, or above it (the node lies in the role's subtree).
    """
    from lotse.accounts.permissions import role_grants
    from lotse.organisations.models import Organisation

    on = on or clock.today()
    cache = user.__dict__.setdefault("_lotse_regional", {})
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
    from lotse.accounts.permissions import role_grants
    from lotse.organisations.rules import STATE

    return any(
        role_grants(membership.role, area, write=True)
        and (membership.organisation.kind == STATE or membership.organisation.parent_id is None)
        for membership in active_memberships(user, on)
    )


class RegionalQuerySet(models.QuerySet):
    """Catalogue entries that apply everywhere (no organisation) or to one region.

    Unlike tenant data, the general entries are shared by all; the regional ones
    are seen in the region's subtree and by the people above it who maintain them.
    """

    region_field = "organisation"

    def _general(self) -> Q:
        return Q(**{f"{self.region_field}__isnull": True})

    def _in(self, ids) -> Q:
        return Q(**{f"{self.region_field}_id__in": ids})

    def available_to(self, user, area: Area = Area.CASES, *, on: date | None = None):
        """What the user may choose (e.g. as a referral target) in their work in ``area``."""
        return self.filter(self._general() | self._in(regional_ids_for(user, area, on=on)))

    def available_at(self, *organisations):
        """What applies to a case kept at (or living in) these nodes: general entries and
        those of the nodes themselves or any node above them."""
        ids: set[int] = set()
        for organisation in organisations:
            if organisation is not None:
                ids |= {*organisation.ancestor_ids(), organisation.pk}
        return self.filter(self._general() | self._in(ids))

    def for_user(self, user, *, write: bool = False, on: date | None = None):
        """For maintaining the catalogue (Area.ORGANISATIONS): to read, the general entries
        and those of every region reaching the user; to change, the regional entries of
        the user's subtree, and the general ones only for ``manages_general_entries``."""
        if not write:
            if not has_area(user, Area.ORGANISATIONS, on=on):
                return self.none()
            ids = regional_ids_for(user, Area.ORGANISATIONS, on=on)
            return self.filter(self._general() | self._in(ids))
        ids = organisation_ids_for(user, Area.ORGANISATIONS, write=True, on=on)
        if manages_general_entries(user, on=on):
            return self.filter(self._general() | self._in(ids))
        return self.filter(self._in(ids))


def get_for_user(queryset, user, pk, *, write: bool = False):
    """The object with ``pk`` if the user may see (or change) it; 404 otherwise.

    Foreign and missing objects answer alike, so ids reveal nothing.
    """
    if isinstance(queryset, type) and issubclass(queryset, models.Model):
        queryset = queryset._default_manager.all()
    try:
        return queryset.for_user(user, write=write).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
