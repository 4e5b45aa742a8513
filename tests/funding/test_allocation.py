"""Passing a county's money on by allocation numbers (BW 3.2)."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotse.funding.rules.allocation import distribute_by_numbers
from lotse.kernel.errors import RuleViolation


def test_shares_follow_the_allocation_numbers():
    # BW 3.2: "entlang der Zuweisungszahlen in die Anschlussunterbringung".
    result = distribute_by_numbers(amount=D("300000.00"), numbers={"A": 120, "B": 60, "C": 20})
    assert result.shares == {"A": D("180000.00"), "B": D("90000.00"), "C": D("30000.00")}
    assert result.total_number == D("200")


def test_cents_by_largest_remainder_add_up_exactly():
    # BW 3.2 with the BW 5.3 cent rule: 100.00 / 3 → 33.34 + 33.33 + 33.33.
    result = distribute_by_numbers(
        amount=D("100.00"), numbers={"Backnang": 1, "Welzheim": 1, "Murrhardt": 1}
    )
    assert sorted(result.shares.values()) == [D("33.33"), D("33.33"), D("33.34")]
    assert sum(result.shares.values()) == D("100.00")
    assert result.shares["Backnang"] == D("33.34")  # ties go alphabetically
    assert any("Restcent" in line for line in result.explanation)


def test_a_recipient_with_number_zero_gets_nothing():
    result = distribute_by_numbers(amount=D("1000.00"), numbers={"A": 3, "B": 0})
    assert result.shares == {"A": D("1000.00"), "B": D("0.00")}


@pytest.mark.parametrize(
    ("amount", "numbers", "message"),
    [
        (D("-1.00"), {"A": 1}, "negativ"),
        (D("1.001"), {"A": 1}, "zwei Nachkommastellen"),
        (D("1.00"), {}, "mindestens einen Empfänger"),
        (D("1.00"), {"A": -1}, "A: Die Zuweisungszahl darf nicht negativ sein"),
        (D("1.00"), {"A": 0, "B": 0}, "alle 0"),
    ],
)
def test_bad_input_is_refused_in_german(amount, numbers, message):
    with pytest.raises(RuleViolation, match=message):
        distribute_by_numbers(amount=amount, numbers=numbers)


@given(
    amount=st.decimals(min_value=0, max_value=10_000_000, places=2),
    numbers=st.dictionaries(
        st.text(alphabet="ABCDEFGH", min_size=1, max_size=3),
        st.integers(min_value=0, max_value=5000),
        min_size=1,
        max_size=12,
    ).filter(lambda numbers: sum(numbers.values()) > 0),
)
def test_the_shares_always_sum_to_the_amount_and_stay_within_a_cent(amount, numbers):
    # BW 3.2: the whole amount, in proportion; never more, never less.
    result = distribute_by_numbers(amount=amount, numbers=numbers)
    assert sum(result.shares.values()) == amount
    total = sum(numbers.values())
    for name, number in numbers.items():
        exact = amount * number / total
        assert abs(result.shares[name] - exact) < D("0.01")
