"""Properties of the funding arithmetic that must hold for any input (hypothesis)."""

from datetime import date, timedelta
from decimal import Decimal as D

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lotse.funding.rules.periods import days_in_period
from lotse.funding.rules.planning_frame import planning_frame_distribute
from lotse.funding.rules.prorata import (
    PartialMonth,
    ProRata,
    Rate,
    capped_position_amount,
    per_fte_amount,
)

CENT = D("0.01")
KIM = [Rate(D("57000"))]  # KIM §6
COORDINATION = [Rate(D("40000"))]  # BW 5.6

days = st.dates(min_value=date(2016, 1, 1), max_value=date(2031, 12, 31))
ftes = st.integers(min_value=1, max_value=10000).map(lambda n: D(n).scaleb(-4))  # 0.0001 … 1
rates = st.integers(min_value=1, max_value=200_000_00).map(lambda n: D(n).scaleb(-2))
methods = st.sampled_from(
    [(ProRata.DAY, PartialMonth.BY_DAY), (ProRata.MONTH, PartialMonth.BY_DAY)]
)


@st.composite
def periods(draw, max_days=3 * 366):
    start = draw(days)
    length = draw(st.integers(min_value=0, max_value=max_days))
    return start, start + timedelta(days=length)


@st.composite
def split_periods(draw):
    start, end = draw(periods())
    total = days_in_period(start=start, end=end)
    cuts = sorted(draw(st.sets(st.integers(min_value=1, max_value=max(total - 1, 1)), max_size=6)))
    cuts = [cut for cut in cuts if cut < total]
    bounds = [start + timedelta(days=cut) for cut in cuts]
    parts = []
    part_start = start
    for bound in bounds:
        parts.append((part_start, bound - timedelta(days=1)))
        part_start = bound
    parts.append((part_start, end))
    return start, end, parts


@settings(max_examples=300, deadline=None)
@given(split_periods(), ftes, rates, methods)
def test_splitting_a_period_changes_the_total_by_at_most_a_cent_per_part(split, fte, rate, method):
    # KIM §6 / BW 9.1.4 pro rata: the parts add up to the whole, up to each part's rounding.
    start, end, parts = split
    pro_rata, partial = method
    whole = per_fte_amount(
        rates=[Rate(rate)], fte=fte, start=start, end=end, method=pro_rata, partial_month=partial
    ).amount
    pieces = sum(
        per_fte_amount(
            rates=[Rate(rate)], fte=fte, start=s, end=e, method=pro_rata, partial_month=partial
        ).amount
        for s, e in parts
    )
    assert abs(whole - pieces) <= CENT * len(parts)


@settings(max_examples=200, deadline=None)
@given(periods(), ftes, ftes, methods)
def test_more_fte_never_gives_less(period, fte_a, fte_b, method):
    # KIM §6: "je 1,0 VzÄ" – the amount grows with the FTE.
    low, high = sorted((fte_a, fte_b))
    start, end = period
    pro_rata, partial = method
    kwargs = {
        "rates": KIM,
        "start": start,
        "end": end,
        "method": pro_rata,
        "partial_month": partial,
    }
    assert per_fte_amount(fte=low, **kwargs).amount <= per_fte_amount(fte=high, **kwargs).amount


@settings(max_examples=200, deadline=None)
@given(periods(), st.integers(min_value=1, max_value=400), ftes, methods)
def test_more_days_never_give_less(period, extra, fte, method):
    # BW 9.1.4: the grant shrinks only by days without personnel costs.
    start, end = period
    pro_rata, partial = method
    kwargs = {
        "rates": KIM,
        "fte": fte,
        "start": start,
        "method": pro_rata,
        "partial_month": partial,
    }
    shorter = per_fte_amount(end=end, **kwargs).amount
    longer = per_fte_amount(end=end + timedelta(days=extra), **kwargs).amount
    assert shorter <= longer


@settings(max_examples=200, deadline=None)
@given(periods(max_days=365), st.integers(min_value=5000, max_value=10000))
def test_coordination_cap_never_exceeds_40000_within_one_year(period, fte_units):
    # BW 5.6: at most 40,000 per 12-month grant year (the calendar year, BW 7.3).
    start, end = period
    assume(start.year == end.year)
    amount = capped_position_amount(
        caps=COORDINATION, fte=D(fte_units).scaleb(-4), start=start, end=end
    ).amount
    assert D(0) < amount <= D("40000.00")


@st.composite
def frames(draw):
    count = draw(st.integers(min_value=1, max_value=44))  # BW 3.1: 44 counties
    minimum = D(draw(st.integers(min_value=0, max_value=200_000_00))).scaleb(-2)
    floors = minimum * count
    budget = floors + D(draw(st.integers(min_value=0, max_value=50_000_000_00))).scaleb(-2)
    quota = st.integers(min_value=0, max_value=100_000).map(lambda n: D(n).scaleb(-4))
    quotas = {
        f"Kreis {index:02d}": draw(st.lists(quota, min_size=3, max_size=3))
        for index in range(count)
    }
    assume(any(any(values) for values in quotas.values()))
    return budget, minimum, quotas


@settings(max_examples=300, deadline=None)
@given(frames())
def test_planning_frame_sums_exactly_to_the_budget_and_respects_the_floor(frame):
    # BW 5.3: at least the minimum each; the total frame is the upper limit; to the cent.
    budget, minimum, quotas = frame
    result = planning_frame_distribute(budget=budget, quotas=quotas, minimum=minimum)
    assert sum(result.allocations.values()) == budget
    assert all(amount >= minimum for amount in result.allocations.values())
    assert all(result.allocations[county] == minimum for county in result.raised)
    assert all(amount == amount.quantize(CENT) for amount in result.allocations.values())
    # Among counties not raised, a higher average quota never gets less (up to the cent).
    free = [c for c in quotas if c not in result.raised]
    for a in free:
        for b in free:
            if result.average_quotas[a] > result.average_quotas[b]:
                assert result.allocations[a] >= result.allocations[b] - CENT
