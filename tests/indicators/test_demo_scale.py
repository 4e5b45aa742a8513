"""A whole county's annual set on the demo data: a fixed number of queries, well under a second
(issue 6 item 2). Measured: about 0.1–0.3 s on SQLite and PostgreSQL (docs/indicators.md)."""

import time

import pytest

from lotse.core import clock
from lotse.demo.cases import load_cases
from lotse.indicators import selectors

# 19 aggregate queries for the 21 indicators (queries shared by several run once) and a
# few for the unit's catalogue; nothing per row or per case.
COUNTY_QUERIES = 23


@pytest.fixture
def demo_cases(db):
    load_cases(clock.today())


def test_county_annual_set_costs_a_constant_number_of_queries(
    demo_cases, user, org, django_assert_num_queries
):
    coord = user("coord.unna")
    year = clock.today().year
    units = selectors.units_for(coord)
    started = time.perf_counter()
    with django_assert_num_queries(COUNTY_QUERIES):
        report = selectors.report_for(coord, org("Kreis Unna"), year, units=units)
    elapsed = time.perf_counter() - started
    assert report.suppressed
    assert elapsed < 1.0, f"county report took {elapsed:.3f}s"
    assert report.by_code("persons.counselled").total.value > 0
    # The same number for a single town: the cost does not grow with the cases.
    with django_assert_num_queries(COUNTY_QUERIES):
        selectors.report_for(coord, org("Bergkamen"), year, units=units)
