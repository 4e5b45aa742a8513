"""Partial dates (birth dates known to the year or month)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotse.cases.rules.dates import PartialDate

D = date.fromisoformat


@pytest.mark.parametrize(
    ("text", "value", "german", "iso"),
    [
        ("1990", PartialDate(1990), "1990", "1990"),
        ("1990-05", PartialDate(1990, 5), "05.1990", "1990-05"),
        ("1990-05-17", PartialDate(1990, 5, 17), "17.05.1990", "1990-05-17"),
        ("05.1990", PartialDate(1990, 5), "05.1990", "1990-05"),
        ("5/1990", PartialDate(1990, 5), "05.1990", "1990-05"),
        ("17.5.1990", PartialDate(1990, 5, 17), "17.05.1990", "1990-05-17"),
        (" 29.02.2024 ", PartialDate(2024, 2, 29), "29.02.2024", "2024-02-29"),
    ],
)
def test_partial_dates_parse_and_format_in_german(text, value, german, iso):
    assert PartialDate.parse(text) == value
    assert str(value) == german
    assert value.iso() == iso


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("29.02.2023", "Den 29. Februar 2023 gibt es nicht."),
        ("31.04.2024", "Den 31. April 2024 gibt es nicht."),
        ("1990-13", "Der Monat 13 ist ungültig."),
        ("0000", "Das Jahr 0 ist ungültig."),
        ("17.05.90", "kein Datum"),
        ("Mai 1990", "kein Datum"),
        ("", "kein Datum"),
    ],
)
def test_impossible_partial_dates_are_refused_in_german(text, says):
    with pytest.raises(ValueError, match=says):
        PartialDate.parse(text)


def test_a_day_needs_a_month():
    with pytest.raises(ValueError, match="Tag ohne Monat"):
        PartialDate(1990, None, 17)


def test_span_compatibility_and_order():
    year, may, may_17 = PartialDate(1990), PartialDate(1990, 5), PartialDate(1990, 5, 17)
    june = PartialDate(1990, 6)
    assert year.earliest() == D("1990-01-01") and year.latest() == D("1990-12-31")
    assert PartialDate(2024, 2).latest() == D("2024-02-29")
    assert year.compatible_with(may_17) and may.compatible_with(may_17)
    assert not may.compatible_with(june)
    assert may.certainly_before(june) and not year.certainly_before(june)
    assert sorted([june, may_17, year, may]) == [year, may, may_17, june]
    assert may_17.as_date() == D("1990-05-17") and may.as_date() is None
    assert may_17.is_complete and not may.is_complete


def test_age_range_on_a_day():
    assert PartialDate(1990).age_range_on(D("2026-06-01")) == (35, 36)
    assert PartialDate(1990, 5, 17).age_range_on(D("2026-05-17")) == (36, 36)
    # Born on 29 February: a year older on 1 March in a common year.
    leap = PartialDate(2004, 2, 29)
    assert leap.age_range_on(D("2026-02-28")) == (21, 21)
    assert leap.age_range_on(D("2026-03-01")) == (22, 22)


PARTIAL_DATES = st.one_of(
    st.builds(PartialDate, st.integers(1, 9999)),
    st.builds(lambda d: PartialDate(d.year, d.month), st.dates()),
    st.builds(PartialDate.from_date, st.dates()),
)


@given(PARTIAL_DATES)
def test_german_and_iso_forms_round_trip(value):
    assert PartialDate.parse(str(value)) == value
    assert PartialDate.parse(value.iso()) == value
    assert value.contains(value.earliest()) and value.contains(value.latest())


@given(PARTIAL_DATES, PARTIAL_DATES)
def test_compatibility_is_symmetric_and_excludes_certain_order(a, b):
    assert a.compatible_with(b) == b.compatible_with(a)
    assert a.compatible_with(b) != (a.certainly_before(b) or b.certainly_before(a))
    assert (a < b) == (not a >= b)
    assert (a <= b) == (a < b or a == b)
