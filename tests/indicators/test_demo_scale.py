"""A whole county's annual set on the demo data: a fixed number of queries, well under a second
(issue 6 item 2)."""

import time

import pytest

from lotse.core import clock
from lotse.demo.cases import load_cases
from lotse.indicators import selectors


@pytest.fixture
def demo_cases(db):
    load_cases(clock.today())


def test_county_annual_set_costs_a_constant_number_of_queries(
    demo_cases, user, org, django_assert_max_num_queries
):
    coord = user("coord.unna")
    year = clock.today().year
    units = selectors.units_for(coord)
    county = org("Kreis Unna")
    started = time.perf_counter()
    with django_assert_max_num_queries(30):
        report = selectors.report_for(coord, county, year, units=units)
    elapsed = time.perf_counter() - started
    print(f"county report: {elapsed:.3f}s")
    assert report.suppressed
    assert elapsed < 1.0
    persons = report.by_code("persons.counselled")
    assert persons.total.value > 0
