"""Employment periods: refusals and fundability (BW 3.4, 5.5, 5.6)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotse.staff.rules.common import StaffFunction
from lotse.staff.rules.employment import (
    Consent,
    Interruption,
    employment_conflicts,
    employment_fundability,
    employment_period_errors,
)
from tests.staff.factories import employment, interruption

COORDINATION = StaffFunction.COORDINATING_OFFICE


def codes(findings):
    return [f.code for f in findings]


def test_a_plain_period_is_fine():
    period = employment(fte="0.75", funded_fte="0.5")
    assert employment_period_errors(period=period) == []
    assert employment_fundability(period=period) == []
    assert period.own_funded_fte == Decimal("0.25")


@pytest.mark.parametrize("fte", ["0", "-0.5", "1.01", "2", "NaN", "Infinity"])
def test_fte_outside_zero_to_one_is_refused(fte):
    errors = employment_period_errors(period=employment(fte=fte, funded_fte="0"))
    assert codes(errors) == ["fte_out_of_range"]
    assert "höchstens 1,0 VZÄ" in errors[0].message
    assert errors[0].field == "fte"


@pytest.mark.parametrize("fte", ["0.01", "0.25", "0.5", "1", "1.00"])
def test_fte_inside_zero_to_one_is_accepted(fte):
    assert employment_period_errors(period=employment(fte=fte)) == []


@pytest.mark.parametrize("funded", ["-0.1", "0.6"])
def test_funded_share_must_lie_between_zero_and_the_fte(funded):
    # BW 3.4: the rest is the own-funded top-up ("Aufstockung mit Eigenmitteln").
    errors = employment_period_errors(period=employment(fte="0.5", funded_fte=funded))
    assert codes(errors) == ["funded_fte_out_of_range"]
    assert "BW 3.4" in errors[0].message


def test_end_before_start_is_refused():
    errors = employment_period_errors(
        period=employment(start=date(2024, 3, 1), end=date(2024, 2, 29))
    )
    assert codes(errors) == ["end_before_start"]
    assert "29.02.2024" in errors[0].message and "01.03.2024" in errors[0].message


def test_a_one_day_period_is_fine():
    assert (
        employment_period_errors(period=employment(start=date(2024, 2, 29), end=date(2024, 2, 29)))
        == []
    )


def test_a_period_without_person_is_refused():
    # Issue 4, bad input: "a coverage claim without a person" (BW 3.4).
    errors = employment_period_errors(period=employment(person=None))
    assert codes(errors) == ["person_missing"]
    assert "BW 3.4" in errors[0].message


def test_overlapping_periods_of_one_position_are_refused():
    first = employment(person="ayla", end=date(2024, 6, 30))
    successor = employment(person="bernd", start=date(2024, 6, 30), end=None)
    errors = employment_period_errors(period=successor, others=[first])
    assert codes(errors) == ["position_overlap"]
    assert "am 30.06.2024 bereits besetzt" in errors[0].message


def test_back_to_back_periods_of_one_position_are_fine():
    first = employment(person="ayla", end=date(2024, 6, 30))
    successor = employment(person="bernd", start=date(2024, 7, 1), end=None)
    assert employment_period_errors(period=successor, others=[first]) == []


def test_an_open_period_overlaps_everything_after_it():
    open_ended = employment(end=None)
    later = employment(person="bernd", start=date(2031, 1, 1), end=date(2031, 12, 31))
    assert codes(employment_period_errors(period=later, others=[open_ended])) == [
        "position_overlap"
    ]


def test_one_person_above_one_fte_is_refused():
    morning = employment(position="im-1", fte="0.6")
    afternoon = employment(position="im-2", fte="0.5", start=date(2024, 7, 1))
    errors = employment_period_errors(period=afternoon, others=[morning])
    assert codes(errors) == ["person_fte_over_one"]
    assert "vom 01.07.2024 bis 31.12.2024 mit 1,1 VZÄ" in errors[0].message
    assert (
        employment_period_errors(period=employment(position="im-2", fte="0.4"), others=[morning])
        == []
    )


def test_other_functions_and_recipients_do_not_collide_on_positions():
    here = employment(position="p-1")
    elsewhere = employment(person="bernd", position="p-1", recipient="backnang")
    assert employment_period_errors(period=elsewhere, others=[here]) == []


# BW 5.6: the coordinating office, at least 0.5 FTE, not divisible.
def test_coordinating_office_below_half_fte_is_refused():
    errors = employment_period_errors(period=employment(function=COORDINATION, fte="0.4"))
    assert codes(errors) == ["coordinating_office_fte_below_minimum"]
    assert "BW 5.6" in errors[0].message and "0,4 VZÄ" in errors[0].message


def test_coordinating_office_split_between_two_people_is_refused():
    clara = employment(person="clara", position="ks-1", function=COORDINATION, fte="0.5")
    dana = employment(
        person="dana", position="ks-2", function=COORDINATION, fte="0.5", start=date(2024, 12, 1)
    )
    errors = employment_period_errors(period=dana, others=[clara])
    assert codes(errors) == ["coordinating_office_split"]
    assert "nicht teilbar" in errors[0].message and "BW 5.6" in errors[0].message
    assert "vom 01.12.2024 bis 31.12.2024" in errors[0].message


def test_coordinating_office_handed_over_without_overlap_is_fine():
    # BW 5.6: one person at a time; successors are fine.
    clara = employment(
        person="clara", position="ks-1", function=COORDINATION, end=date(2024, 11, 30)
    )
    dana = employment(
        person="dana", position="ks-1", function=COORDINATION, start=date(2024, 12, 1)
    )
    assert employment_period_errors(period=dana, others=[clara]) == []


def test_coordinating_offices_of_two_counties_do_not_collide():
    clara = employment(person="clara", position="ks-1", function=COORDINATION)
    erik = employment(
        person="erik", position="ks-9", function=COORDINATION, recipient="ludwigsburg"
    )
    assert employment_period_errors(period=erik, others=[clara]) == []


def test_integration_managers_may_share_the_work_at_the_same_time():
    # BW 5.6's indivisibility is about the coordinating office only.
    ayla = employment(person="ayla", position="im-1")
    bernd = employment(person="bernd", position="im-2")
    assert employment_period_errors(period=bernd, others=[ayla]) == []


# BW 5.5: at least 0.25 FTE; no mini-jobs.
@pytest.mark.parametrize(
    ("fte", "fundable"),
    [("0.1", False), ("0.24", False), ("0.249", False), ("0.25", True), ("0.3", True), ("1", True)],
)
def test_integration_managers_below_a_quarter_fte_are_not_fundable(fte, fundable):
    findings = employment_fundability(period=employment(fte=fte))
    assert (findings == []) is fundable
    if not fundable:
        assert codes(findings) == ["fte_below_fundable_minimum"]
        assert "BW 5.5" in findings[0].message


def test_mini_jobs_are_not_fundable_but_may_be_recorded():
    period = employment(fte="0.3", mini_job=True)
    assert employment_period_errors(period=period) == []
    findings = employment_fundability(period=period)
    assert codes(findings) == ["mini_job_not_fundable"]
    assert "Minijobs" in findings[0].message and "BW 5.5" in findings[0].message


# Interruptions (BW 3.4 sentences 2 and 3).
def test_interruption_must_lie_within_its_period_and_give_a_reason():
    period = employment(
        end=date(2024, 6, 30),
        interruptions=(
            interruption(date(2024, 6, 1), date(2024, 7, 15)),
            Interruption(date(2024, 3, 1), date(2024, 3, 5), reason="  "),
            Interruption(date(2024, 4, 2), date(2024, 4, 1), reason="Krankheit"),
            Interruption(
                date(2024, 5, 1),
                date(2024, 5, 2),
                reason="Krankheit",
                consent=Consent(date(2024, 5, 3), ""),
            ),
        ),
    )
    assert codes(employment_period_errors(period=period)) == [
        "interruption_outside_period",
        "interruption_reason_missing",
        "interruption_end_before_start",
        "consent_reference_missing",
    ]


def test_all_conflicts_of_a_stored_set_are_reported_once():
    periods = [
        employment(person="ayla", position="im-1"),
        employment(person="bernd", position="im-1", start=date(2024, 5, 1)),
        employment(person="clara", position="ks-1", function=COORDINATION),
        employment(person="dana", position="ks-2", function=COORDINATION),
    ]
    assert codes(employment_conflicts(periods=periods)) == [
        "position_overlap",
        "coordinating_office_split",
    ]


# --- properties ---------------------------------------------------------------

days = st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 12, 31))
ftes = st.sampled_from(["0.1", "0.2", "0.25", "0.3", "0.4", "0.5", "0.6", "0.75", "0.8", "1"])


@st.composite
def periods(draw, person=None, position=None):
    start = draw(days)
    length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=500)))
    return employment(
        person=person or draw(st.sampled_from(["ayla", "bernd"])),
        position=position or draw(st.sampled_from(["im-1", "im-2"])),
        start=start,
        end=None if length is None else start + timedelta(days=length),
        fte=draw(ftes),
    )


@given(periods(position="im-1"), periods(position="im-1"))
def test_position_overlap_is_refused_exactly_when_the_periods_share_a_day(a, b):
    overlap = "position_overlap" in codes(employment_period_errors(period=a, others=[b]))
    assert overlap == ("position_overlap" in codes(employment_period_errors(period=b, others=[a])))
    shares_a_day = a.start <= b.span.last_day and b.start <= a.span.last_day
    assert overlap == shares_a_day


@given(periods(person="ayla", position="im-1"), periods(person="ayla", position="im-2"))
def test_one_persons_fte_sum_above_one_is_refused_exactly_when_they_overlap(a, b):
    refused = "person_fte_over_one" in codes(employment_period_errors(period=b, others=[a]))
    assert refused == (a.span.overlaps(b.span) and a.fte + b.fte > 1)


@given(ftes)
def test_fundable_exactly_from_a_quarter(fte):
    # BW 5.5
    assert (employment_fundability(period=employment(fte=fte)) == []) == (
        Decimal(fte) >= Decimal("0.25")
    )
