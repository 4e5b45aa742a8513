"""Continuous employment of an integration manager at ≥ 0.5 FTE (BW 3.4).

Rems-Murr-Kreis must employ an integration manager with at least 0.5 FTE on
every day of the grant period (the calendar year, BW 7.3), counting the
municipality's own-funded top-ups; days without cover are gaps, unless the
granting authority consented to the interruption.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotse.staff.rules.common import DateRange, StaffFunction
from lotse.staff.rules.employment import (
    Coverage,
    CoverageSegment,
    CoverageStatus,
    coverage_gaps,
    covering_fte_on,
)
from tests.staff.factories import YEAR_2024, employment, interruption

GAP, APPROVED = CoverageStatus.GAP, CoverageStatus.APPROVED


def cover(periods, grant_period=YEAR_2024, **kwargs) -> Coverage:
    return coverage_gaps(periods=periods, grant_period=grant_period, **kwargs)


# --- worked examples ----------------------------------------------------------


def test_one_half_time_manager_all_year_covers_it():
    # BW 3.4: "mindestens 50 Prozent eines Vollzeitäquivalentes (0,5 VZÄ)".
    result = cover([employment(fte="0.5")])
    assert result.is_covered
    assert result.segments == () and result.findings == ()


def test_nobody_at_all_is_one_gap_of_366_days():
    # BW 3.4; 2024 is a leap year.
    result = cover([])
    assert result.gaps == (YEAR_2024,)
    assert result.gap_days == 366
    assert result.findings[0].message.startswith("Vom 01.01.2024 bis 31.12.2024 (366 Tage)")
    assert "BW 3.4" in result.findings[0].message


def test_a_single_missing_day_is_a_gap_of_one_day():
    # BW 3.4: "fortwährende Beschäftigung" – to the day.
    result = cover(
        [
            employment(person="ayla", end=date(2024, 2, 28)),
            employment(person="bernd", position="im-2", start=date(2024, 3, 1)),
        ]
    )
    assert result.segments == (CoverageSegment(date(2024, 2, 29), date(2024, 2, 29), GAP),)
    assert result.findings[0].message.startswith("Am 29.02.2024 (1 Tag) ist keine")


def test_a_successor_starting_the_next_day_leaves_no_gap():
    # BW 3.4
    result = cover(
        [
            employment(person="ayla", end=date(2024, 6, 30)),
            employment(person="bernd", start=date(2024, 7, 1)),
        ]
    )
    assert result.is_covered


def test_just_below_half_fte_is_a_gap():
    # BW 3.4
    assert cover([employment(fte="0.49")]).gap_days == 366


def test_own_funded_top_up_counts():
    # BW 3.4: "aus Fördermitteln des Landes oder durch Aufstockung mit Eigenmitteln der Kommune".
    topped_up = employment(fte="0.5", funded_fte="0.3")
    assert cover([topped_up]).is_covered


def test_fully_own_funded_posts_count_unless_the_programme_says_otherwise():
    own = employment(fte="0.5", funded_fte="0")
    assert cover([own]).is_covered
    assert cover([own], count_fully_own_funded=False).gap_days == 366


def test_two_people_at_a_quarter_each_do_not_cover():
    # BW 3.4: "einer Integrationsmanagerin oder eines Integrationsmanagers" – one person.
    result = cover(
        [
            employment(person="ayla", position="im-1", fte="0.25"),
            employment(person="bernd", position="im-2", fte="0.25"),
        ]
    )
    assert result.gap_days == 366


def test_one_person_with_two_posts_adds_up():
    # BW 3.4: the person's employment in integration management, summed.
    result = cover(
        [
            employment(person="ayla", position="im-1", fte="0.3"),
            employment(person="ayla", position="im-2", fte="0.2"),
        ]
    )
    assert result.is_covered


def test_mini_jobs_and_other_functions_do_not_cover():
    # BW 5.5 (mini-jobs are not fundable) and BW 3.4 (an integration manager is required).
    result = cover(
        [
            employment(person="ayla", mini_job=True),
            employment(person="clara", position="ks-1", function=StaffFunction.COORDINATING_OFFICE),
        ]
    )
    assert result.gap_days == 366


def test_a_period_without_person_does_not_cover():
    # Issue 4, bad input: a coverage claim without a person.
    assert cover([employment(person=None)]).gap_days == 366


def test_approved_parental_leave_is_marked_approved_not_a_gap():
    # BW 3.4 sentence 2: with the granting authority's consent.
    leave = interruption(date(2024, 3, 1), date(2024, 5, 31), reason="Elternzeit")
    result = cover([employment(interruptions=(leave,))])
    assert result.is_covered
    assert result.gaps == ()
    assert result.approved == (DateRange(date(2024, 3, 1), date(2024, 5, 31)),)
    assert result.approved_days == 92
    assert result.findings == ()


def test_leave_without_consent_is_a_gap_that_says_consent_is_missing():
    # BW 3.4 sentences 2 and 3
    leave = interruption(date(2024, 3, 1), date(2024, 3, 14), reason="Krankheit", approved=False)
    result = cover([employment(interruptions=(leave,))])
    assert result.gaps == (DateRange(date(2024, 3, 1), date(2024, 3, 14)),)
    message = result.findings[0].message
    assert "Krankheit vom 01.03.2024 bis 14.03.2024" in message
    assert "fehlt die Zustimmung der Bewilligungsstelle" in message


def test_leave_while_a_colleague_covers_needs_no_consent():
    # BW 3.4: only an interruption of the cover needs consent.
    leave = interruption(date(2024, 3, 1), date(2024, 3, 14), approved=False)
    result = cover(
        [
            employment(person="ayla", interruptions=(leave,)),
            employment(person="bernd", position="im-2"),
        ]
    )
    assert result.is_covered and result.findings == ()


def test_an_approved_vacancy_between_leaver_and_successor():
    # BW 3.4 sentence 2: "unvermeidbare und vorübergehende Unterbrechung".
    vacancy = interruption(date(2024, 7, 1), date(2024, 8, 15), reason="Nachbesetzung")
    result = cover(
        [
            employment(person="ayla", end=date(2024, 6, 30)),
            employment(person="bernd", start=date(2024, 8, 20)),
        ],
        recipient_interruptions=[vacancy],
    )
    assert result.segments == (
        CoverageSegment(date(2024, 7, 1), date(2024, 8, 15), APPROVED),
        CoverageSegment(date(2024, 8, 16), date(2024, 8, 19), GAP),
    )
    assert result.gap_days == 4
    assert result.findings[0].message.startswith("Vom 16.08.2024 bis 19.08.2024 (4 Tage)")


def test_a_coordinating_office_leave_does_not_excuse_an_integration_gap():
    leave = interruption(date(2024, 1, 1), date(2024, 12, 31))
    clara = employment(
        person="clara",
        position="ks-1",
        function=StaffFunction.COORDINATING_OFFICE,
        interruptions=(leave,),
    )
    assert cover([clara]).gap_days == 366


def test_fte_changes_within_the_year():
    # BW 3.4: Ayla reduces to 0.4 FTE from 1 October; Bernd starts at 0.5 on 15 October.
    result = cover(
        [
            employment(person="ayla", position="im-1", fte="1", end=date(2024, 9, 30)),
            employment(person="ayla", position="im-1b", fte="0.4", start=date(2024, 10, 1)),
            employment(person="bernd", position="im-2", start=date(2024, 10, 15)),
        ]
    )
    assert result.gaps == (DateRange(date(2024, 10, 1), date(2024, 10, 14)),)


def test_periods_reaching_beyond_the_grant_period_are_clipped():
    result = cover([employment(start=date(2020, 1, 1), end=None)])
    assert result.is_covered
    result = cover([employment(start=date(2020, 1, 1), end=date(2024, 1, 1))])
    assert result.gaps == (DateRange(date(2024, 1, 2), date(2024, 12, 31)),)


@pytest.mark.parametrize("year", [2023, 2024, 2100, 2000])
def test_a_whole_year_gap_has_the_right_number_of_days(year):
    # 2000 was a leap year, 2100 will not be.
    expected = 366 if year in (2000, 2024) else 365
    grant = DateRange(date(year, 1, 1), date(year, 12, 31))
    assert cover([], grant_period=grant).gap_days == expected


def test_an_open_grant_period_is_a_programming_error():
    with pytest.raises(ValueError):
        coverage_gaps(periods=[], grant_period=DateRange(date(2024, 1, 1)))


def test_covering_fte_is_the_best_single_person():
    periods = [
        employment(person="ayla", position="im-1", fte="0.3"),
        employment(person="ayla", position="im-2", fte="0.3"),
        employment(person="bernd", position="im-3", fte="0.5"),
    ]
    assert covering_fte_on(date(2024, 6, 1), periods) == Decimal("0.6")


# --- properties ---------------------------------------------------------------

GRANT = DateRange(date(2024, 1, 1), date(2024, 3, 31))  # short, leap day inside, fast oracle
days = st.dates(min_value=date(2023, 11, 1), max_value=date(2024, 5, 31))
ftes = st.sampled_from(["0.1", "0.2", "0.25", "0.3", "0.4", "0.49", "0.5", "0.6", "0.75", "1"])


@st.composite
def interruptions(draw):
    start = draw(days)
    return interruption(
        start,
        start + timedelta(days=draw(st.integers(min_value=0, max_value=30))),
        approved=draw(st.booleans()),
    )


@st.composite
def periods(draw):
    start = draw(days)
    length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=120)))
    end = None if length is None else start + timedelta(days=length)
    fte = draw(ftes)
    return employment(
        person=draw(st.sampled_from(["ayla", "bernd", "clara"])),
        position=draw(st.sampled_from(["im-1", "im-2", "im-3", "im-4"])),
        function=draw(
            st.sampled_from(
                [StaffFunction.INTEGRATION_MANAGER] * 4 + [StaffFunction.COORDINATING_OFFICE]
            )
        ),
        start=start,
        end=end,
        fte=fte,
        funded_fte=draw(st.sampled_from(["0", fte])),
        mini_job=draw(st.booleans()) and draw(st.booleans()),  # now and then
        interruptions=tuple(draw(st.lists(interruptions(), max_size=2))),
    )


period_lists = st.lists(periods(), max_size=6)
vacancies = st.lists(interruptions(), max_size=2)


def oracle(periods, recipient_interruptions=()):
    """Day by day, straight from the text of BW 3.4 – slow and obviously right."""
    gap, approved = set(), set()
    im = [p for p in periods if p.function is StaffFunction.INTEGRATION_MANAGER]
    consents = [i for i in recipient_interruptions if i.approved]
    consents += [i for p in im for i in p.interruptions if i.approved]
    for day in GRANT.days():
        per_person = {}
        for p in im:
            works = p.start <= day <= p.span.last_day and not any(
                i.start <= day <= i.span.last_day for i in p.interruptions
            )
            if works and not p.mini_job and p.person is not None:
                per_person[p.person] = per_person.get(p.person, Decimal(0)) + p.fte
        if max(per_person.values(), default=Decimal(0)) >= Decimal("0.5"):
            continue
        if any(i.start <= day <= i.span.last_day for i in consents):
            approved.add(day)
        else:
            gap.add(day)
    return gap, approved


def days_of(ranges):
    return {d for r in ranges for d in r.days()}


@given(period_lists, vacancies)
def test_coverage_matches_the_day_by_day_reading(periods, recipient_interruptions):
    # BW 3.4
    result = cover(periods, GRANT, recipient_interruptions=recipient_interruptions)
    gap, approved = oracle(periods, recipient_interruptions)
    assert days_of(result.gaps) == gap
    assert days_of(result.approved) == approved
    assert result.gap_days == len(gap) and result.approved_days == len(approved)
    assert len(result.findings) == len(result.gaps)


@given(period_lists, vacancies)
def test_segments_are_ordered_disjoint_maximal_and_inside_the_grant_period(periods, vacancies):
    result = cover(periods, GRANT, recipient_interruptions=vacancies)
    for segment in result.segments:
        assert GRANT.start <= segment.start <= segment.end <= GRANT.end
    for a, b in zip(result.segments, result.segments[1:], strict=False):
        assert a.end < b.start
        if a.end + timedelta(days=1) == b.start:
            assert a.status is not b.status  # otherwise they would be one segment


@given(period_lists, vacancies, periods())
def test_adding_a_period_never_creates_a_gap(periods, vacancies, extra):
    # BW 3.4: more staff can only help – coverage is monotone.
    before = cover(periods, GRANT, recipient_interruptions=vacancies)
    after = cover([*periods, extra], GRANT, recipient_interruptions=vacancies)
    assert days_of(after.gaps) <= days_of(before.gaps)
    assert days_of(after.gaps) | days_of(after.approved) <= days_of(before.gaps) | days_of(
        before.approved
    )


@given(period_lists, vacancies, interruptions())
def test_an_approved_vacancy_never_creates_a_gap(periods, vacancies, extra):
    # BW 3.4 sentence 2: consent only ever turns gaps into approved days.
    before = cover(periods, GRANT, recipient_interruptions=vacancies)
    after = cover(periods, GRANT, recipient_interruptions=[*vacancies, extra])
    assert days_of(after.gaps) <= days_of(before.gaps)


@given(period_lists, st.integers(min_value=0, max_value=5), days)
def test_splitting_a_period_in_two_changes_nothing(periods, index, cut):
    # Adjacent periods of one person are continuous employment (BW 3.4).
    if not periods:
        return
    p = periods[index % len(periods)]
    if not (p.start < cut <= p.span.last_day) or p.interruptions:
        return
    first = employment(
        person=p.person,
        position=p.position,
        function=p.function,
        start=p.start,
        end=cut - timedelta(days=1),
        fte=p.fte,
        mini_job=p.mini_job,
    )
    second = employment(
        person=p.person,
        position=p.position,
        function=p.function,
        start=cut,
        end=p.end,
        fte=p.fte,
        mini_job=p.mini_job,
    )
    others = [q for q in periods if q is not p]
    assert cover([*others, first, second], GRANT) == cover(periods, GRANT)


@given(
    period_lists,
    st.integers(min_value=0, max_value=5),
    st.sampled_from(["0.1", "0.2", "0.25", "0.3"]),
)
def test_splitting_fte_across_two_posts_of_one_person_changes_nothing(periods, index, part):
    # FTE sums: one person's concurrent posts count together (BW 3.4).
    if not periods:
        return
    p = periods[index % len(periods)]
    rest = p.fte - Decimal(part)
    if rest <= 0:
        return
    common = {
        "person": p.person,
        "function": p.function,
        "start": p.start,
        "end": p.end,
        "mini_job": p.mini_job,
        "interruptions": p.interruptions,
    }
    a = employment(position="split-a", fte=part, **common)
    b = employment(position="split-b", fte=rest, **common)
    others = [q for q in periods if q is not p]
    assert cover([*others, a, b], GRANT).segments == cover(periods, GRANT).segments


@given(st.dates(min_value=date(2024, 1, 2), max_value=date(2024, 12, 30)))
def test_any_single_missing_day_is_found(missing):
    # BW 3.4, to the day – including 29 February.
    result = cover(
        [
            employment(person="ayla", end=missing - timedelta(days=1)),
            employment(person="bernd", start=missing + timedelta(days=1)),
        ]
    )
    assert result.gaps == (DateRange(missing, missing),)
    assert result.gap_days == 1


@given(
    st.sampled_from(["0.1", "0.2", "0.25", "0.3", "0.4", "0.45", "0.49"]),
    st.sampled_from(["0.1", "0.2", "0.25", "0.3", "0.4", "0.45", "0.49"]),
)
def test_two_people_below_half_never_cover_whatever_their_sum(a, b):
    # BW 3.4: one integration manager with ≥ 0.5 FTE.
    result = cover(
        [
            employment(person="ayla", position="im-1", fte=a),
            employment(person="bernd", position="im-2", fte=b),
        ],
        GRANT,
    )
    assert result.gap_days == GRANT.day_count()
