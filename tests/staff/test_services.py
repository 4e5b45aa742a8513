"""Staff services: bad input is refused whole, with German messages naming the rule."""

from datetime import date
from decimal import Decimal

import pytest

from lotse.privacy.models import AuditEntry
from lotse.staff import services
from lotse.staff.models import Employee, EmploymentPeriod, Interruption, TrainingOffer
from lotse.staff.rules.common import StaffRuleViolation

pytestmark = pytest.mark.django_db


@pytest.fixture
def backnang(org):
    return org("Backnang")


@pytest.fixture
def coord(user):
    return user("coord.remsmurr")


def _person(organisation, by, *, function="integration_manager", last_name="Keller", **extra):
    return services.employee_create(
        organisation=organisation,
        by=by,
        first_name="Ayla",
        last_name=last_name,
        function=function,
        hire_date=date(2024, 1, 1),
        degree_field="social_work",
        **extra,
    )


def _period(employee, by, **overrides):
    values = {
        "position": "IM-1",
        "start": date(2024, 1, 1),
        "end": date(2024, 12, 31),
        "fte": Decimal("0.5"),
    }
    return services.employment_period_create(employee=employee, by=by, **(values | overrides))


def test_create_is_logged_with_ids_only(backnang, coord):
    employee = _person(backnang, coord)
    entry = AuditEntry.objects.filter(
        object_type="staff.employee", object_id=str(employee.pk)
    ).get()
    assert entry.action == "create"
    assert "Keller" not in entry.purpose


def test_overlapping_periods_of_one_position_are_refused(backnang, coord):
    first = _person(backnang, coord)
    second = _person(backnang, coord, last_name="Brandt")
    _period(first, coord)
    with pytest.raises(StaffRuleViolation) as refused:
        _period(second, coord, start=date(2024, 6, 1), end=None)
    assert refused.value.findings[0].code == "position_overlap"
    assert "bereits besetzt" in refused.value.message
    assert EmploymentPeriod.objects.filter(employee=second).count() == 0


@pytest.mark.parametrize("fte", ["0", "1.5", "-0.5"])
def test_fte_outside_zero_to_one_is_refused(backnang, coord, fte):
    employee = _person(backnang, coord)
    with pytest.raises(StaffRuleViolation) as refused:
        _period(employee, coord, fte=Decimal(fte))
    assert refused.value.findings[0].code == "fte_out_of_range"
    assert not EmploymentPeriod.objects.filter(employee=employee).exists()


def test_end_before_start_is_refused(backnang, coord):
    employee = _person(backnang, coord)
    with pytest.raises(StaffRuleViolation) as refused:
        _period(employee, coord, end=date(2023, 12, 31))
    assert "liegt vor ihrem Beginn" in refused.value.message


def test_a_coverage_claim_without_a_person_is_refused_bw_3_4():
    with pytest.raises(StaffRuleViolation) as refused:
        services.employment_period_create(
            employee=None,
            by=None,
            position="IM-1",
            start=date(2024, 1, 1),
            end=None,
            fte=Decimal("0.5"),
        )
    assert refused.value.findings[0].source == "BW 3.4"


def test_coordinating_office_split_between_two_people_is_refused_bw_5_6(org, coord):
    county = org("Rems-Murr-Kreis")
    first = _person(county, coord, function="coordinating_office")
    second = _person(county, coord, function="coordinating_office", last_name="Brandt")
    _period(first, coord, position="KS-1")
    with pytest.raises(StaffRuleViolation) as refused:
        _period(second, coord, position="KS-2", start=date(2024, 7, 1))
    assert any(f.source == "BW 5.6" for f in refused.value.findings)


def test_training_outside_the_employment_is_refused_and_nothing_saved(backnang, coord):
    employee = _person(backnang, coord)
    _period(employee, coord)
    with pytest.raises(StaffRuleViolation) as refused:
        services.training_offer_create(
            organisation=backnang,
            by=coord,
            topic="Traumasensible Beratung",
            date=date(2025, 3, 1),
            provider="VHS",
            offered_to=[employee],
        )
    assert refused.value.findings[0].source == "BW 4.1.3"
    assert "Ayla Keller" in refused.value.message
    assert not TrainingOffer.objects.filter(topic="Traumasensible Beratung").exists()


def test_interruption_needs_a_reason_and_lies_within_the_period(backnang, coord):
    employee = _person(backnang, coord)
    period = _period(employee, coord)
    with pytest.raises(StaffRuleViolation) as refused:
        services.interruption_add(
            period=period, by=coord, start=date(2025, 1, 1), end=date(2025, 2, 1), reason=" "
        )
    codes = {f.code for f in refused.value.findings}
    assert codes == {"interruption_outside_period", "interruption_reason_missing"}
    assert not Interruption.objects.exists()


def test_consent_reference_without_date_is_refused(backnang, coord):
    period = _period(_person(backnang, coord), coord)
    with pytest.raises(StaffRuleViolation):
        services.interruption_add(
            period=period,
            by=coord,
            start=date(2024, 3, 1),
            end=date(2024, 4, 1),
            reason="Elternzeit",
            consent_reference="RPS-1",
        )


def test_supplementary_training_needs_a_topic_bw_4_1_2_1(backnang, coord):
    employee = _person(backnang, coord)
    with pytest.raises(StaffRuleViolation) as refused:
        services.supplementary_training_add(
            employee=employee,
            by=coord,
            title="Modul",
            provider="Liga",
            start=date(2024, 2, 1),
            end=date(2024, 2, 2),
            days=Decimal(2),
            topics=[],
        )
    assert refused.value.findings[0].source == "BW 4.1.2.1"


def test_other_social_field_needs_its_name_bw_4_1_1_1(backnang, coord):
    with pytest.raises(StaffRuleViolation) as refused:
        services.employee_create(
            organisation=backnang,
            by=coord,
            first_name="A",
            last_name="B",
            function="integration_manager",
            hire_date=date(2024, 1, 1),
            degree_field="other_social_field",
        )
    assert refused.value.findings[0].source == "BW 4.1.1.1"
    assert Employee.objects.filter(last_name="B").count() == 0


def test_changing_function_rechecks_stored_periods_bw_5_6(org, coord):
    county = org("Rems-Murr-Kreis")
    office = _person(county, coord, function="coordinating_office")
    _period(office, coord, position="KS-1")
    manager = _person(county, coord, last_name="Brandt")
    _period(manager, coord, position="IM-9", fte=Decimal("0.25"))
    with pytest.raises(StaffRuleViolation):
        services.employee_update(employee=manager, by=coord, function="coordinating_office")
    manager.refresh_from_db()
    assert manager.function == "integration_manager"
