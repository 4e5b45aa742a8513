"""One training offer per calendar year of employment (BW 4.1.3)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from lotse.staff.rules.common import DateRange
from lotse.staff.rules.training import (
    AnnualTrainingStatus,
    annual_training_status,
    training_offer_errors,
)

OK, DUE, MISSING = AnnualTrainingStatus.OK, AnnualTrainingStatus.DUE, AnnualTrainingStatus.MISSING
AYLA = [DateRange(date(2023, 7, 1), None)]  # integration manager since July 2023


def statuses(employment, offers, as_of, **kwargs):
    years = annual_training_status(employment=employment, offered_on=offers, as_of=as_of, **kwargs)
    return {y.year: y.status for y in years}


def test_each_year_needs_one_offer():
    # BW 4.1.3: "mindestens einmal jährlich"
    offers = [date(2023, 11, 20), date(2025, 3, 3)]
    assert statuses(AYLA, offers, as_of=date(2025, 6, 1)) == {2023: OK, 2024: MISSING, 2025: OK}


def test_the_running_year_is_due_not_missing():
    # BW 4.1.3: the year is not over yet.
    years = annual_training_status(employment=AYLA, offered_on=[], as_of=date(2024, 12, 31))
    assert {y.year: y.status for y in years} == {2023: MISSING, 2024: DUE}
    assert years[-1].due_by == date(2024, 12, 31)
    assert years[-1].finding is None
    missing = years[0].finding
    assert missing.code == "annual_training_missing" and "BW 4.1.3" in missing.message
    assert "2023" in missing.message


def test_two_offers_in_one_year_do_not_cover_the_next():
    # BW 4.1.3: per calendar year, not per twelve months.
    offers = [date(2023, 12, 1), date(2023, 12, 15)]
    assert statuses(AYLA, offers, as_of=date(2024, 1, 2))[2024] is DUE
    assert statuses(AYLA, offers, as_of=date(2025, 1, 1))[2024] is MISSING


def test_only_years_of_employment_count():
    # BW 4.1.3 concerns integration managers; years without employment are not checked.
    employment = [
        DateRange(date(2021, 3, 1), date(2021, 12, 31)),
        DateRange(date(2023, 2, 1), date(2023, 5, 31)),
    ]
    offers = [date(2021, 6, 1), date(2023, 3, 1)]
    assert statuses(employment, offers, as_of=date(2024, 6, 1)) == {2021: OK, 2023: OK}


def test_a_part_year_is_a_year():
    # BW 4.1.3 has no exception for short employment; one day makes the year count.
    employment = [DateRange(date(2024, 12, 20), date(2025, 1, 31))]
    assert statuses(employment, [date(2025, 1, 10)], as_of=date(2025, 2, 1)) == {
        2024: MISSING,
        2025: OK,
    }
    # A programme may set a threshold instead.
    assert statuses(
        employment, [date(2025, 1, 10)], as_of=date(2025, 2, 1), minimum_days_employed=30
    ) == {2025: OK}


def test_missing_as_soon_as_the_employment_in_that_year_has_ended():
    employment = [DateRange(date(2024, 1, 1), date(2024, 6, 30))]
    years = annual_training_status(employment=employment, offered_on=[], as_of=date(2024, 6, 30))
    assert years[0].status is DUE and years[0].due_by == date(2024, 6, 30)
    assert statuses(employment, [], as_of=date(2024, 7, 1)) == {2024: MISSING}


def test_an_offer_outside_the_employment_does_not_count_and_is_refused():
    # BW 4.1.3: offered to integration managers, so during their employment.
    employment = [DateRange(date(2024, 3, 1), date(2024, 12, 31))]
    assert statuses(employment, [date(2024, 2, 28)], as_of=date(2025, 1, 1)) == {2024: MISSING}
    errors = training_offer_errors(offered_on=date(2024, 2, 28), employment=employment)
    assert [e.code for e in errors] == ["training_outside_employment"]
    assert "28.02.2024" in errors[0].message and "BW 4.1.3" in errors[0].message
    assert (
        training_offer_errors(
            offered_on=date(2024, 2, 29), employment=[DateRange(date(2024, 2, 29))]
        )
        == []
    )


def test_a_planned_training_later_this_year_already_counts_as_offered():
    assert statuses(AYLA, [date(2024, 11, 5)], as_of=date(2024, 2, 1))[2024] is OK


def test_no_employment_no_years():
    assert annual_training_status(employment=[], offered_on=[], as_of=date(2024, 1, 1)) == ()


# --- properties ---------------------------------------------------------------

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 12, 31))
spans = st.builds(
    lambda start, length: DateRange(start, start + timedelta(days=length)),
    days,
    st.integers(min_value=0, max_value=800),
)


@given(st.lists(spans, max_size=4), st.lists(days, max_size=6), days)
def test_a_year_is_ok_exactly_when_an_offer_falls_within_its_employment(employment, offers, as_of):
    # BW 4.1.3
    for year in annual_training_status(employment=employment, offered_on=offers, as_of=as_of):
        offered = any(
            d.year == year.year and any(s.contains(d) for s in employment) for d in offers
        )
        assert (year.status is OK) == offered
        assert year.year <= as_of.year
        assert any(
            s.overlaps(DateRange(date(year.year, 1, 1), date(year.year, 12, 31)))
            for s in employment
        )
        if year.status is MISSING:
            assert as_of > year.due_by


@given(st.lists(spans, min_size=1, max_size=4), st.lists(days, max_size=6), days, days)
def test_an_offer_never_turns_a_year_missing(employment, offers, extra, as_of):
    before = statuses(employment, offers, as_of)
    after = statuses(employment, [*offers, extra], as_of)
    assert before.keys() == after.keys()
    for year, status in before.items():
        if status is OK:
            assert after[year] is OK
        if after[year] is MISSING:
            assert status is MISSING
