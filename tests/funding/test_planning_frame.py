"""BW 5.2–5.3: the planning frame per county, by three-year quota, at least 180,000 EUR."""

from decimal import Decimal as D

import pytest

from lotse.funding.rules.planning_frame import planning_frame_distribute
from lotse.kernel.errors import RuleViolation

MINIMUM = D("180000")  # BW 5.3: "mindestens 180 000 Euro"


def quotas(**counties):
    return {name: [D(str(q)) for q in values] for name, values in counties.items()}


def test_shares_follow_the_three_year_average():
    # BW 5.3: quotas of the last three years; A (1,2,3) and B (2,2,2) both average 2,
    # C (4,4,4) averages 4: 1,000,000 × 2/8, × 2/8, × 4/8.
    result = planning_frame_distribute(
        budget=D("1000000.00"),
        quotas=quotas(A=(1, 2, 3), B=(2, 2, 2), C=(4, 4, 4)),
        minimum=MINIMUM,
    )
    assert result.allocations == {"A": D("250000.00"), "B": D("250000.00"), "C": D("500000.00")}
    assert result.raised == []
    assert result.rounds == 1


def test_cents_by_largest_remainder_sum_exactly_to_the_budget():
    # 1,000,000 / 3 = 333,333.33⅓ each: one cent left over goes to the first by name.
    result = planning_frame_distribute(
        budget=D("1000000.00"),
        quotas=quotas(C=(1, 1, 1), A=(1, 1, 1), B=(1, 1, 1)),
        minimum=MINIMUM,
    )
    assert result.allocations == {"C": D("333333.33"), "A": D("333333.34"), "B": D("333333.33")}
    assert result.total == D("1000000.00")


def test_counties_below_the_floor_are_raised_repeatedly_until_stable():
    # Round 1: 1,000,000 by averages 10, 4/3, 30, 1.6/3 → B and D below 180,000.
    # Round 2: 640,000 for A and C by 10 : 30 → A gets 160,000, below the floor.
    # Round 3: 460,000 for C alone.
    result = planning_frame_distribute(
        budget=D("1000000.00"),
        quotas=quotas(A=(10, 10, 10), B=(1, 2, 1), C=(30, 31, 29), D=("0.5", "0.5", "0.6")),
        minimum=MINIMUM,
    )
    assert result.allocations == {
        "A": D("180000.00"),
        "B": D("180000.00"),
        "C": D("460000.00"),
        "D": D("180000.00"),
    }
    assert result.raised == ["A", "B", "D"]
    assert result.rounds == 3
    assert any("Runde 2" in line and "A" in line for line in result.explanation)


def test_raising_shares_the_rest_in_proportion():
    # 2,000,000; X (0.5) is raised to 180,000; 1,820,000 shared 3 : 6 among Y and Z.
    result = planning_frame_distribute(
        budget=D("2000000.00"),
        quotas=quotas(X=("0.5", "0.5", "0.5"), Y=(3, 3, 3), Z=(6, 6, 6)),
        minimum=MINIMUM,
    )
    assert result.allocations == {
        "X": D("180000.00"),
        "Y": D("606666.67"),
        "Z": D("1213333.33"),
    }
    assert result.total == D("2000000.00")


def test_budget_exactly_the_floors():
    result = planning_frame_distribute(
        budget=D("540000.00"), quotas=quotas(A=(1, 1, 1), B=(5, 5, 5), C=(9, 9, 9)), minimum=MINIMUM
    )
    assert set(result.allocations.values()) == {D("180000.00")}


def test_floors_beyond_the_budget_are_a_clear_error():
    # BW 5.3: the total planning frame is the upper limit; 6 × 180,000 > 1,000,000.
    with pytest.raises(RuleViolation) as caught:
        planning_frame_distribute(
            budget=D("1000000.00"),
            quotas=quotas(**dict.fromkeys("ABCDEF", (1, 1, 1))),
            minimum=MINIMUM,
        )
    assert caught.value.field == "budget"
    assert "6 Kreise × 180.000,00 EUR = 1.080.000,00 EUR" in caught.value.message
    assert "BW 5.3" in caught.value.message


@pytest.mark.parametrize(
    "bad",
    [
        {},
        {"A": [D(1), D(1)]},
        {"A": [D(1), D(1), D(1), D(1)]},
        {"A": [D(-1), D(1), D(1)]},
        {"A": [D(0), D(0), D(0)]},
    ],
)
def test_quotas_must_be_three_years_and_not_negative(bad):
    # BW 5.3: "die Zuteilungsquoten der letzten drei Jahre"
    with pytest.raises(RuleViolation) as caught:
        planning_frame_distribute(budget=D("1000000"), quotas=bad, minimum=MINIMUM)
    assert caught.value.field == "quotas"
