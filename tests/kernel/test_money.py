"""Parsing and rounding money without float (SPEC §4.1)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import (
    amount_text,
    format_eur,
    format_fte,
    parse_decimal,
    parse_money,
    round_cents,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.5", "0.5"),
        ("0,5", "0.5"),
        ("1234567.89", "1234567.89"),
        ("1234567,89", "1234567.89"),
        ("1.234.567,89", "1234567.89"),
        ("1.234.567", "1234567"),
        ("1.234", "1.234"),
        ("0.250", "0.250"),
        (" 57.000,00 EUR", "57000.00"),
        ("2,56 %", "2.56"),
        (57000, "57000"),
        (Decimal("0.1"), "0.1"),
    ],
)
def test_numbers_in_either_notation(text, expected):
    assert parse_decimal(text, field="x") == Decimal(expected)


@pytest.mark.parametrize(
    "bad", ["", "abc", "1,2,3", "NaN", "Infinity", "1e999999", "💥", "a" * 5000, None, True, 0.5]
)
def test_garbage_and_floats_are_refused_with_the_field_named(bad):
    with pytest.raises(RuleViolation) as caught:
        parse_decimal(bad, field="fte")
    assert caught.value.field == "fte"


def test_money_has_whole_cents_and_is_not_negative():
    assert parse_money("1.234,50", field="costs") == Decimal("1234.50")
    with pytest.raises(RuleViolation, match="zwei Nachkommastellen"):
        parse_money("1.234", field="costs")  # a decimal point: 1,234 EUR – not whole cents
    with pytest.raises(RuleViolation, match="negativ"):
        parse_money("-1", field="costs")
    with pytest.raises(RuleViolation, match="unplausibel groß"):
        parse_money("99999999999999999999999", field="budget")


def test_rounding_is_half_up_to_cents():
    # SPEC §4.1: half-up ("kaufmännisch"), not banker's rounding.
    assert round_cents(Decimal("0.125")) == Decimal("0.13")
    assert round_cents(Decimal("0.135")) == Decimal("0.14")
    assert round_cents(Fraction(1, 8)) == Decimal("0.13")
    assert round_cents(Fraction(-1, 8)) == Decimal("-0.13")
    assert round_cents(Fraction(1249, 10000)) == Decimal("0.12")


def test_german_display_and_api_text():
    assert format_eur(Decimal("57000")) == "57.000,00 EUR"
    assert format_eur(Decimal("-1234.5")) == "-1.234,50 EUR"
    assert format_fte(Decimal("0.5")) == "0,5 VZÄ"
    assert format_fte(Decimal("1")) == "1,0 VZÄ"
    assert amount_text(Decimal("14367.1")) == "14367.10"
    assert amount_text(Decimal("1E+5")) == "100000.00"


def test_fte_is_written_with_at_least_one_decimal():
    assert format_fte(Decimal("0.5")) == "0,5 VZÄ"
    assert format_fte(Decimal("0.25")) == "0,25 VZÄ"
    assert format_fte(Decimal("1")) == "1,0 VZÄ"
    assert format_fte(Decimal("0.50")) == "0,5 VZÄ"
