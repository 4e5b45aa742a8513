"""Tenant isolation, in one place.

Every query for tenant-owned data goes through ``<QuerySet>.for_user(user)`` or
``get_for_user(...)``. Both ask the user which organisation nodes it may see
*for one area of data* (``user.organisation_ids(area, write=..., on=...)``);
the user answers from its roles (``lotse.accounts.scope``, beside the role ×
area table in ``lotse.accounts.permissions``). Nothing else in the code base
decides who sees which rows, and this floor imports nothing above it.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Protocol, runtime_checkable

from django.db import models
from django.db.models import Q
from django.http import Http404


class Area(enum.StrEnum):
    """Kinds of data that roles are granted separately."""

    ORGANISATIONS = "organisations"  # the organisation directory
    USERS = "users"  # accounts and their roles
    CASES = "cases"  # personal case data (SPEC §2)
    STAFF = "staff"  # employees, qualification (SPEC §3)
    GRANTS = "grants"  # grant files (SPEC §4)
    AGGREGATES = "aggregates"  # anonymous indicators (SPEC §5)
    AUDIT = "audit"  # the access log (SPEC §6)


@runtime_checkable
class Scoped(Protocol):
    """What a signed-in user tells the querysets (``lotse.accounts.models.User``)."""

    def organisation_ids(
        self, area: Area, *, write: bool = False, on: date | None = None
    ) -> frozenset[int]: ...

    def regional_ids(self, area: Area, *, on: date | None = None) -> frozenset[int]: ...

    def manages_general_entries(self, area: Area = ..., *, on: date | None = None) -> bool: ...

    def has_area(self, area: Area, *, write: bool = False, on: date | None = None) -> bool: ...


def scope_of(user) -> Scoped | None:
    """The user if it can answer for its scope; None for anonymous visitors (they see nothing)."""
    if user is None or not user.is_authenticated or not isinstance(user, Scoped):
        return None
    return user


class TenantQuerySet(models.QuerySet):
    """Base for every model that belongs to an organisation node."""

    tenant_area: Area
    tenant_field = "organisation"

    def for_user(self, user, *, write: bool = False, on: date | None = None):
        scope = scope_of(user)
        ids = scope.organisation_ids(self.tenant_area, write=write, on=on) if scope else ()
        column = "id" if self.tenant_field == "id" else f"{self.tenant_field}_id"
        return self.filter(**{f"{column}__in": ids})


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
        scope = scope_of(user)
        ids = scope.regional_ids(area, on=on) if scope else ()
        return self.filter(self._general() | self._in(ids))

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
        scope = scope_of(user)
        if scope is None:
            return self.none()
        if not write:
            if not scope.has_area(Area.ORGANISATIONS, on=on):
                return self.none()
            ids = scope.regional_ids(Area.ORGANISATIONS, on=on)
            return self.filter(self._general() | self._in(ids))
        ids = scope.organisation_ids(Area.ORGANISATIONS, write=True, on=on)
        if scope.manages_general_entries(Area.ORGANISATIONS, on=on):
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
