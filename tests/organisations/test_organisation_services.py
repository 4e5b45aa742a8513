from datetime import date

import pytest

from lotse.kernel.errors import RuleViolation
from lotse.organisations import rules
from lotse.organisations.models import AssociationMembership, Organisation
from lotse.organisations.services import (
    association_membership_add,
    money_chain_check,
    organisation_create,
)

pytestmark = pytest.mark.django_db


def test_create_sets_the_materialised_path(org):
    county = org("Kreis Unna")
    awo = organisation_create(kind=rules.WELFARE, name=" AWO Unna ", parent=county, by=None)
    assert awo.name == "AWO Unna"
    assert awo.path == f"{county.path}{awo.pk}/"
    assert awo in Organisation.objects.filter(path__startswith=county.path)


def test_welfare_below_a_municipality_is_the_deepest_level(org):
    # BW 3.2: municipality → welfare organisation as final recipient, and no further.
    awo = organisation_create(kind=rules.WELFARE, name="AWO Lünen", parent=org("Lünen"), by=None)
    with pytest.raises(RuleViolation) as refused:
        organisation_create(kind=rules.WELFARE, name="Tochter", parent=awo, by=None)
    assert "BW 3.2" in refused.value.message


def test_a_county_hangs_below_its_granting_authority(org):
    with pytest.raises(RuleViolation):
        organisation_create(
            kind=rules.COUNTY, name="Kreis X", parent=org("Land Nordrhein-Westfalen"), by=None
        )
    county = organisation_create(
        kind=rules.COUNTY, name="Kreis Soest", parent=org("Bezirksregierung Arnsberg"), by=None
    )
    assert county.parent.name == "Bezirksregierung Arnsberg"


def test_end_before_start_is_refused(org):
    with pytest.raises(RuleViolation) as refused:
        organisation_create(
            kind=rules.MUNICIPALITY,
            name="Neustadt",
            parent=org("Kreis Unna"),
            by=None,
            valid_from=date(2024, 1, 1),
            valid_to=date(2023, 12, 31),
        )
    assert refused.value.field == "valid_to"


def test_own_coordination_only_for_towns(org):
    # KIM §4(3): a town (Lünen) can run its own coordinating office.
    with pytest.raises(RuleViolation) as refused:
        organisation_create(
            kind=rules.ASSOCIATION,
            name="Südkreis",
            parent=org("Kreis Unna"),
            by=None,
            runs_own_coordination=True,
        )
    assert "KIM § 4 Abs. 3" in refused.value.message


def test_a_municipality_can_belong_to_only_one_association_and_the_message_names_it(org):
    # BW 3.5: "Jede Kommune kann nur Teil eines einzigen Verbundes sein."
    suedkreis = organisation_create(
        kind=rules.ASSOCIATION, name="Südkreis", parent=org("Kreis Unna"), by=None
    )
    with pytest.raises(RuleViolation) as refused:
        association_membership_add(
            association=suedkreis,
            municipality=org("Selm"),
            valid_from=date(2025, 1, 1),
            valid_to=date(2025, 12, 31),
            by=None,
        )
    assert "„Nordkreis“" in refused.value.message
    assert "BW 3.5" in refused.value.message
    assert refused.value.field == "municipality"


def test_another_association_after_the_grant_period_is_fine(org):
    # BW 3.5: the choice binds for the grant period, not forever.
    suedkreis = organisation_create(
        kind=rules.ASSOCIATION, name="Südkreis", parent=org("Kreis Unna"), by=None
    )
    link = association_membership_add(
        association=suedkreis,
        municipality=org("Selm"),
        valid_from=date(2030, 1, 1),
        valid_to=date(2030, 12, 31),
        by=None,
    )
    assert link.pk


def test_overlap_by_a_single_day_is_refused(org):
    suedkreis = organisation_create(
        kind=rules.ASSOCIATION, name="Südkreis", parent=org("Kreis Unna"), by=None
    )
    with pytest.raises(RuleViolation):
        # Werne's last demo grant period with Nordkreis ends 2029-12-31
        association_membership_add(
            association=suedkreis,
            municipality=org("Werne"),
            valid_from=date(2029, 12, 31),
            valid_to=None,
            by=None,
        )


def test_membership_across_counties_is_refused(org):
    with pytest.raises(RuleViolation) as refused:
        association_membership_add(
            association=org("Nordkreis"),
            municipality=org("Backnang"),
            valid_from=date(2030, 1, 1),
            valid_to=None,
            by=None,
        )
    assert "selben Kreis" in refused.value.message


def test_only_municipalities_join_associations(org):
    with pytest.raises(RuleViolation):
        association_membership_add(
            association=org("Nordkreis"),
            municipality=org("Caritasverband für den Kreis Unna"),
            valid_from=date(2030, 1, 1),
            valid_to=None,
            by=None,
        )
    assert not AssociationMembership.objects.filter(
        municipality__name="Caritasverband für den Kreis Unna"
    ).exists()


def test_money_chain_through_an_association_to_its_member(org):
    # KIM §4(1)b: Kreis Unna → Nordkreis → Selm; BW 3.2 allows member as final recipient.
    money_chain_check([org("Kreis Unna"), org("Nordkreis"), org("Selm")], on=date(2024, 6, 1))


def test_money_chain_to_a_non_member_is_refused(org):
    with pytest.raises(RuleViolation) as refused:
        money_chain_check([org("Kreis Unna"), org("Nordkreis"), org("Kamen")], on=date(2024, 6, 1))
    assert "BW 3.2" in refused.value.message


def test_money_chain_deeper_than_two_levels_is_refused(org):
    awo = organisation_create(kind=rules.WELFARE, name="AWO Selm", parent=org("Selm"), by=None)
    with pytest.raises(RuleViolation) as refused:
        money_chain_check(
            [org("Kreis Unna"), org("Nordkreis"), org("Selm"), awo], on=date(2024, 6, 1)
        )
    assert "zwei Stufen" in refused.value.message
