"""Tenant isolation: who sees which organisation's records, per area (lotse.core.tenancy)."""

from datetime import date

import pytest
from django.apps import apps
from django.http import Http404

from lotse.accounts.models import Membership
from lotse.accounts.permissions import RIGHTS, Role
from lotse.accounts.scope import has_area, organisation_ids_for
from lotse.accounts.services import membership_add
from lotse.core.tenancy import Area, TenantQuerySet, get_for_user
from lotse.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def names(ids) -> set[str]:
    return set(Organisation.objects.filter(id__in=ids).values_list("name", flat=True))


def test_case_manager_sees_cases_of_their_town_only(user):
    assert names(organisation_ids_for(user("cm.luenen"), Area.CASES)) == {"Lünen"}


def test_case_manager_at_an_association_sees_its_member_towns(user):
    visible = names(organisation_ids_for(user("cm.welzheim"), Area.CASES))
    assert visible == {"Verbund Schwäbischer Wald", "Welzheim", "Kaisersbach"}


def test_association_members_count_only_within_the_grant_period(user):
    # Demo memberships run 2023–2029.
    after = names(organisation_ids_for(user("cm.welzheim"), Area.CASES, on=date(2030, 6, 1)))
    assert after == {"Verbund Schwäbischer Wald"}


def test_coordinating_office_never_sees_case_data(user):
    # SPEC §1: no access to personal case data.
    assert organisation_ids_for(user("coord.unna"), Area.CASES) == frozenset()
    assert not has_area(user("coord.unna"), Area.CASES)


def test_county_coordination_skips_a_town_with_its_own_office(user):
    # KIM §4(3): the county coordinates every town except Lünen, which runs its own.
    county_view = names(organisation_ids_for(user("coord.unna"), Area.AGGREGATES))
    assert "Lünen" not in county_view
    assert {"Kreis Unna", "Bergkamen", "Selm", "Nordkreis"} <= county_view
    assert names(organisation_ids_for(user("coord.luenen"), Area.AGGREGATES)) == {"Lünen"}
    # The organisation directory still shows Lünen to the county.
    assert "Lünen" in names(organisation_ids_for(user("coord.unna"), Area.ORGANISATIONS))


def test_grants_officer_sees_grant_records_of_county_and_sub_recipients(user):
    visible = names(organisation_ids_for(user("grants.unna"), Area.GRANTS))
    assert {"Kreis Unna", "Lünen", "Nordkreis", "Caritasverband für den Kreis Unna"} <= visible
    assert "Backnang" not in visible
    assert not has_area(user("grants.unna"), Area.CASES)


def test_granting_authority_sees_its_district(user):
    visible = names(organisation_ids_for(user("authority.stuttgart"), Area.GRANTS))
    assert "Rems-Murr-Kreis" in visible and "Kreis Unna" not in visible


def test_auditor_reads_grants_only_within_the_time_window(user):
    auditor = user("auditor")
    assert has_area(auditor, Area.GRANTS) and not has_area(auditor, Area.GRANTS, write=True)
    assert not has_area(auditor, Area.CASES)
    assert organisation_ids_for(auditor, Area.GRANTS, on=date(2030, 1, 1)) == frozenset()


def test_dpo_reads_the_audit_log_of_their_county(user):
    assert "Kreis Unna" in names(organisation_ids_for(user("dpo"), Area.AUDIT))
    assert "Rems-Murr-Kreis" not in names(organisation_ids_for(user("dpo"), Area.AUDIT))
    assert not has_area(user("dpo"), Area.CASES)


def test_ended_role_grants_nothing(user, org):
    person = user("cm.bergkamen")
    Membership.objects.filter(user=person).update(valid_to=date(2024, 1, 1))
    assert organisation_ids_for(person, Area.CASES) == frozenset()


def test_future_role_grants_nothing_yet(user, org):
    person = user("cm.bergkamen")
    membership_add(
        user=person,
        role=Role.CASE_MANAGER,
        organisation=org("Kamen"),
        valid_from=date(2099, 1, 1),
        by=None,
    )
    assert names(organisation_ids_for(person, Area.CASES)) == {"Bergkamen"}


def test_foreign_objects_answer_404(user, org):
    with pytest.raises(Http404):
        get_for_user(Organisation, user("cm.luenen"), org("Backnang").pk)
    with pytest.raises(Http404):
        get_for_user(Organisation, user("cm.luenen"), "not-a-number")
    assert get_for_user(Organisation, user("cm.luenen"), org("Lünen").pk).name == "Lünen"


def test_anonymous_sees_nothing():
    from django.contrib.auth.models import AnonymousUser

    assert organisation_ids_for(AnonymousUser(), Area.ORGANISATIONS) == frozenset()


def test_every_role_has_rights_and_the_table_names_only_known_areas():
    assert set(RIGHTS) == set(Role.values)
    for rights in RIGHTS.values():
        assert set(rights) <= set(Area)


def test_every_tenant_owned_model_is_scoped_through_one_queryset():
    """Models pointing at an organisation must use a TenantQuerySet (or a for_user of their own)."""
    unscoped = []
    for model in apps.get_models():
        if not model.__module__.startswith("lotse."):
            continue
        points_at_org = any(
            getattr(f, "related_model", None) is Organisation and f.many_to_one
            for f in model._meta.get_fields()
        )
        manager_qs = type(model._default_manager.all())
        if points_at_org and not (
            issubclass(manager_qs, TenantQuerySet) or hasattr(manager_qs, "for_user")
        ):
            unscoped.append(model._meta.label)
    assert not unscoped, f"Tenant-owned models without for_user(): {unscoped}"
