"""Per-FTE annual rates and caps pro rata: every worked example of SPEC §4.1 and more."""

from datetime import date
from decimal import Decimal as D

import pytest

from lotse.funding.rules.periods import days_in_period, split_at_year_ends
from lotse.funding.rules.prorata import (
    PartialMonth,
    ProRata,
    Rate,
    allocation_total,
    capped_position_amount,
    check_fte,
    per_fte_amount,
    select_rates,
)
from lotse.kernel.errors import RuleViolation

KIM = [Rate(D("57000"), citation="KIM §6")]
# BW 9.1.4 a/b: 60,000 for qualifications after 4.1.1.1 (levels 1 and 2) or VwV 2017
# 4.2.2 a/b; 47,000 after 4.1.1.2 (level 3) or VwV 2017 4.2.2 c.
BW_TRANSITION = [
    Rate(D("60000"), date(2023, 1, 1), date(2024, 12, 31), level, "BW 9.1.4 a")
    for level in ("1", "2", "4b")
] + [
    Rate(D("47000"), date(2023, 1, 1), date(2024, 12, 31), level, "BW 9.1.4 b")
    for level in ("3", "4c")
]
# BW 9.1.8: 64,000 / 51,000 until the end of the original 60-month period.
BW_ORIGINAL = [Rate(D("64000"), qualification=q, citation="BW 9.1.8") for q in ("1", "2", "4b")] + [
    Rate(D("51000"), qualification=q, citation="BW 9.1.8") for q in ("3", "4c")
]
BW_COORDINATION = [Rate(D("40000"), date(2023, 1, 1), date(2029, 12, 31), citation="BW 5.6")]


def kim(fte, start, end, **kwargs):
    return per_fte_amount(rates=KIM, fte=D(fte), start=start, end=end, **kwargs)


# --- days ---------------------------------------------------------------------------------


def test_days_are_counted_inclusively():
    # SPEC §4.1: 2023-07-01 to 2023-12-31 are 184 days; 2024-03-01 to 2024-12-31 are 306.
    assert days_in_period(start=date(2023, 7, 1), end=date(2023, 12, 31)) == 184
    assert days_in_period(start=date(2024, 3, 1), end=date(2024, 12, 31)) == 306
    assert days_in_period(start=date(2024, 1, 1), end=date(2024, 12, 31)) == 366
    assert days_in_period(start=date(2023, 5, 5), end=date(2023, 5, 5)) == 1


def test_end_before_start_is_refused_naming_the_end():
    with pytest.raises(RuleViolation) as caught:
        days_in_period(start=date(2023, 7, 1), end=date(2023, 6, 30))
    assert caught.value.field == "end"


def test_periods_split_at_calendar_year_ends():
    # KIM §6 "pro Kalenderjahr"; BW 7.3: the grant year is the calendar year.
    assert split_at_year_ends(start=date(2023, 10, 15), end=date(2025, 1, 2)) == [
        (date(2023, 10, 15), date(2023, 12, 31)),
        (date(2024, 1, 1), date(2024, 12, 31)),
        (date(2025, 1, 1), date(2025, 1, 2)),
    ]


# --- SPEC §4.1 worked examples ---------------------------------------------------------------


def test_kim_unna_2023_total():
    # KIM §4(1) a–c with §6: Lünen BS I 1.0, Nordkreis BS II 5.0, Mittelkreis BS II 4.0 FTE.
    total = allocation_total(
        rate=D("57000"),
        allocations={
            "Lünen (BS I)": D("1.0"),
            "Nordkreis (BS II)": D("5.0"),
            "Mittelkreis (BS II)": D("4.0"),
        },
        start=date(2023, 1, 1),
        end=date(2023, 12, 31),
    )
    assert total.parts == {
        "Lünen (BS I)": D("57000.00"),
        "Nordkreis (BS II)": D("285000.00"),
        "Mittelkreis (BS II)": D("228000.00"),
    }
    assert total.amount == D("570000.00")
    assert total.explanation[-1] == (
        "Summe: 57.000,00 EUR + 285.000,00 EUR + 228.000,00 EUR = 570.000,00 EUR"
    )


def test_kim_half_fte_second_half_of_2023():
    # KIM §6: 57,000 × 0.5 × 184/365 = 14,367.12
    result = kim("0.5", date(2023, 7, 1), date(2023, 12, 31))
    assert result.amount == D("14367.12")
    assert result.days == 184
    assert "57.000,00 EUR × 0,5 VZÄ × 184/365 Tage = 14.367,12 EUR" in result.explanation


def test_bw_transition_level_1_full_leap_year():
    # BW 9.1.4 a: 60,000 × 1.0 × 366/366
    rates = select_rates(rates=BW_TRANSITION, qualification="1")
    result = per_fte_amount(rates=rates, fte=D("1"), start=date(2024, 1, 1), end=date(2024, 12, 31))
    assert result.amount == D("60000.00")
    assert result.days == 366


def test_bw_coordination_half_fte_from_march_2024():
    # BW 5.6: 40,000 × 306/366 – the cap is not multiplied by the FTE.
    result = capped_position_amount(
        caps=BW_COORDINATION, fte=D("0.5"), start=date(2024, 3, 1), end=date(2024, 12, 31)
    )
    assert result.amount == D("33442.62")
    assert "40.000,00 EUR × 306/366 Tage = 33.442,62 EUR" in result.explanation


# --- other numbers -------------------------------------------------------------------------


def test_kim_leap_year_divides_by_366():
    # KIM §6: 57,000 × 0.5 × 184/366 = 14,327.868… → 14,327.87 (not 14,367.12)
    assert kim("0.5", date(2024, 7, 1), date(2024, 12, 31)).amount == D("14327.87")
    # 29 February alone: 57,000 / 366 = 155.737… → 155.74
    assert kim("1", date(2024, 2, 29), date(2024, 2, 29)).amount == D("155.74")


def test_kim_year_crossing_period_weighs_each_year_by_its_own_length():
    # 57,000 × 0.75 × 78/365 + 57,000 × 0.75 × 91/366 = 9,135.6164… + 10,629.0984… = 19,764.71
    result = kim("0.75", date(2023, 10, 15), date(2024, 3, 31))
    assert result.amount == D("19764.71")
    assert result.days == 169
    assert [s.days for s in result.segments] == [78, 91]
    assert result.explanation[-1] == "Ergebnis, kaufmännisch auf Cent gerundet: 19.764,71 EUR"


def test_rounding_happens_once_at_the_end():
    # Rounded per year: 9,135.62 + 10,629.10 = 19,764.72; rounded once: 19,764.71.
    result = kim("0.75", date(2023, 10, 15), date(2024, 3, 31))
    assert result.amount == D("19764.71")


def test_bw_transition_level_3_and_level_2():
    # BW 9.1.4 b: 47,000 × 0.5 × 275/365 = 17,705.479… → 17,705.48
    level_3 = select_rates(rates=BW_TRANSITION, qualification="3")
    result = per_fte_amount(
        rates=level_3, fte=D("0.5"), start=date(2023, 4, 1), end=date(2023, 12, 31)
    )
    assert result.amount == D("17705.48")
    # BW 9.1.4 a with 4.1.1.1 sentence 2: another degree plus supplementary
    # qualification (level 2) is a 4.1.1.1 qualification, so 60,000, not 47,000.
    level_2 = select_rates(rates=BW_TRANSITION, qualification="2")
    assert per_fte_amount(
        rates=level_2, fte=D("1"), start=date(2023, 1, 1), end=date(2023, 12, 31)
    ).amount == D("60000.00")


def test_bw_original_period_rates():
    # BW 9.1.8: 64,000 (4.1.1.1) and 51,000 (4.1.1.2) until the original 60 months end.
    year = {"start": date(2023, 1, 1), "end": date(2023, 12, 31)}
    assert per_fte_amount(
        rates=select_rates(rates=BW_ORIGINAL, qualification="1"), fte=D("0.8"), **year
    ).amount == D("51200.00")
    assert per_fte_amount(
        rates=select_rates(rates=BW_ORIGINAL, qualification="3"), fte=D("1"), **year
    ).amount == D("51000.00")


def test_qualification_level_is_required_where_rates_depend_on_it():
    # BW 9.1.4: the rate depends on the qualification.
    with pytest.raises(RuleViolation) as caught:
        select_rates(rates=BW_TRANSITION, qualification=None)
    assert caught.value.field == "qualification_level"
    assert "BW 9.1.4" in caught.value.message
    with pytest.raises(RuleViolation, match="gibt es in diesem Programm nicht"):
        select_rates(rates=BW_TRANSITION, qualification="7")
    # KIM §6: one rate for all; a level given is ignored.
    assert select_rates(rates=KIM, qualification="3") == KIM


def test_rate_changing_within_the_period():
    # Each day bears the rate then valid: 100 × 181/365 + 200 × 184/365 = 150.41
    rates = [
        Rate(D("100"), valid_to=date(2023, 6, 30)),
        Rate(D("200"), valid_from=date(2023, 7, 1)),
    ]
    result = per_fte_amount(rates=rates, fte=D("1"), start=date(2023, 1, 1), end=date(2023, 12, 31))
    assert result.amount == D("150.41")
    assert [s.rate for s in result.segments] == [D("100"), D("200")]


def test_a_day_without_a_rate_is_an_error():
    # BW 9.1.1: the transition rates end on 31 Dec 2024.
    rates = select_rates(rates=BW_TRANSITION, qualification="1")
    with pytest.raises(RuleViolation, match="kein Satz"):
        per_fte_amount(rates=rates, fte=D("1"), start=date(2024, 7, 1), end=date(2025, 6, 30))


def test_actual_costs_cap_the_amount():
    # KIM §8 / BW 8.3: settlement by actual costs; the amount never exceeds them.
    result = kim("0.5", date(2023, 7, 1), date(2023, 12, 31), costs=D("12000.00"))
    assert result.amount == D("12000.00")
    assert result.capped_by_costs
    uncapped = kim("0.5", date(2023, 7, 1), date(2023, 12, 31), costs=D("20000.00"))
    assert uncapped.amount == D("14367.12")
    assert not uncapped.capped_by_costs


# --- by month (a programme setting) ---------------------------------------------------------


def test_by_month_full_months():
    # KIM §6 "anteilig", read as months: 57,000 × 0.5 × 6/12 = 14,250.00
    result = kim("0.5", date(2023, 7, 1), date(2023, 12, 31), method=ProRata.MONTH)
    assert result.amount == D("14250.00")
    assert "57.000,00 EUR × 0,5 VZÄ × 6/12 Monate = 14.250,00 EUR" in result.explanation


@pytest.mark.parametrize(
    ("partial", "expected"),
    [
        # 28,500 × (5 + 17/31)/12 = 13,177.419… → 13,177.42
        (PartialMonth.BY_DAY, D("13177.42")),
        # only the five full months: 28,500 × 5/12
        (PartialMonth.IGNORE, D("11875.00")),
        # the begun July counts in full: 28,500 × 6/12
        (PartialMonth.FULL, D("14250.00")),
    ],
)
def test_by_month_partial_months(partial, expected):
    result = kim(
        "0.5", date(2023, 7, 15), date(2023, 12, 31), method=ProRata.MONTH, partial_month=partial
    )
    assert result.amount == expected


# --- minimums and the coordinating office ----------------------------------------------------


@pytest.mark.parametrize(
    ("fte", "minijob", "message"),
    [
        ("0", False, "größer als 0"),
        ("-0.5", False, "größer als 0"),
        ("1.01", False, "höchstens 1,0 VZÄ"),
        ("0.2", False, r"unter 0,25 VZÄ ist nicht zuwendungsfähig \(BW 5\.5\)"),
        ("0.5", True, "Minijobs"),
    ],
)
def test_fte_minimums(fte, minijob, message):
    # BW 5.5: at least 0.25 FTE; mini-jobs are not fundable.
    with pytest.raises(RuleViolation, match=message):
        check_fte(fte=D(fte), min_fte=D("0.25"), minijob=minijob)


def test_quarter_fte_is_enough():
    # BW 5.5: "mindestens 0,25 VZÄ"
    check_fte(fte=D("0.25"), min_fte=D("0.25"))


def test_coordination_cap_does_not_grow_with_fte_and_follows_costs():
    # BW 5.6: at most 40,000 per county per 12 months; one indivisible position.
    period = {"start": date(2024, 3, 1), "end": date(2024, 12, 31)}
    full = capped_position_amount(caps=BW_COORDINATION, fte=D("1"), **period)
    assert full.amount == D("33442.62")
    cheaper = capped_position_amount(
        caps=BW_COORDINATION, fte=D("0.5"), costs=D("30000.00"), **period
    )
    assert cheaper.amount == D("30000.00")
    whole_year = capped_position_amount(
        caps=BW_COORDINATION, fte=D("0.5"), start=date(2025, 1, 1), end=date(2025, 12, 31)
    )
    assert whole_year.amount == D("40000.00")


def test_coordination_needs_half_an_fte():
    # BW 5.6: "mit einem Stellenumfang von mindestens 0,5 VZÄ"
    with pytest.raises(RuleViolation, match=r"0,5 VZÄ.*BW 5\.6"):
        capped_position_amount(
            caps=BW_COORDINATION, fte=D("0.4"), start=date(2024, 1, 1), end=date(2024, 12, 31)
        )


def test_coordination_across_two_grant_years():
    # BW 5.6 with 7.3: the 12-month period is the calendar year, each with its own cap:
    # 40,000 × 184/365 + 40,000 × 182/366 = 40,055.09
    result = capped_position_amount(
        caps=BW_COORDINATION, fte=D("0.5"), start=date(2023, 7, 1), end=date(2024, 6, 30)
    )
    assert result.amount == D("40055.09")
