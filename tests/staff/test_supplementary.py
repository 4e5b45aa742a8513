"""Supplementary qualification: topics, deadlines, status, carry-over (BW 4.1.2)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotse.staff.rules.common import DateRange
from lotse.staff.rules.supplementary import (
    ALL_TOPICS,
    SupplementaryConfirmation,
    SupplementaryStatus,
    SupplementaryTopic,
    SupplementaryTraining,
    supplementary_completed_on,
    supplementary_completion_deadline,
    supplementary_confirmation,
    supplementary_progress,
    supplementary_start_deadline,
    supplementary_training_errors,
)

T = SupplementaryTopic
HIRED = date(2024, 1, 15)  # Bernd starts work in Backnang; other-field degree, level 2


def course(start, end, topics, days="2"):
    return SupplementaryTraining(start, end, Decimal(days), frozenset(topics))


def status_on(as_of, trainings=(), *, hired=HIRED, required=True):
    return supplementary_progress(
        required=required, started_work=hired, trainings=list(trainings), as_of=as_of
    )


def test_the_nine_topics_a_to_i_carry_the_words_of_the_text():
    # BW 4.1.2.1 a)–i)
    assert [t.value for t in SupplementaryTopic] == list("abcdefghi")
    assert T.ASYLUM_AND_RESIDENCE_LAW.label == "Asyl- und ausländerrechtliche Grundlagen"
    assert T.MAINSTREAM_SERVICES.label == "Maßnahmen und Angebote der Regeldienste"
    assert T.LABOUR_MARKET_INTEGRATION.label == "Arbeitsmarktintegration"
    assert T.RECOGNITION_OF_FOREIGN_QUALIFICATIONS.label == (
        "Angebote der Anerkennungsberatung für im Ausland erworbene Abschlüsse"
    )
    assert T.SCHOOL_DAY_CARE_AND_YOUTH_SERVICES.label == (
        "Integration in Schule, Kindertageseinrichtungen und Angebote der Jugendhilfe"
    )
    assert T.LANGUAGE_ACQUISITION.label == "Angebote zum Spracherwerb"
    assert T.WORKING_WITH_VOLUNTEERS.label == "Zusammenarbeit mit Ehrenamtlichen"
    assert T.COUNSELLING_AND_CASE_MANAGEMENT.label == (
        "Grundlagen der Beratungsarbeit und des Case-Managements"
    )
    assert T.INTERCULTURAL_COMPETENCE.label == (
        "Interkulturelle Kompetenzen beziehungsweise Vielfaltskompetenz"
    )


# BW 4.1.2.2: start within three months, complete within a year of starting work,
# counted as BGB § 187(1), § 188(2), (3) count periods of months.
@pytest.mark.parametrize(
    ("hired", "start_by", "complete_by"),
    [
        (date(2024, 1, 15), date(2024, 4, 15), date(2025, 1, 15)),
        (date(2023, 11, 30), date(2024, 2, 29), date(2024, 11, 30)),  # leap February
        (date(2024, 11, 30), date(2025, 2, 28), date(2025, 11, 30)),
        (date(2024, 2, 29), date(2024, 5, 29), date(2025, 2, 28)),  # leap day hire
        (date(2024, 10, 31), date(2025, 1, 31), date(2025, 10, 31)),
        (date(2024, 12, 31), date(2025, 3, 31), date(2025, 12, 31)),
        (date(2025, 1, 31), date(2025, 4, 30), date(2026, 1, 31)),
    ],
)
def test_deadlines(hired, start_by, complete_by):
    assert supplementary_start_deadline(started_work=hired) == start_by
    assert supplementary_completion_deadline(started_work=hired) == complete_by


def test_not_required_is_not_required():
    # BW 4.1.1.1 sentence 1 and 4.1.1.3: levels 1 and 4 need none.
    progress = status_on(date(2030, 1, 1), required=False)
    assert progress.status is SupplementaryStatus.NOT_REQUIRED
    assert progress.findings == ()
    assert progress.start_deadline is None


def test_on_track_until_the_start_deadline_day_itself():
    # BW 4.1.2.2: the deadline day is still in time.
    assert status_on(date(2024, 4, 15)).status is SupplementaryStatus.ON_TRACK
    assert status_on(date(2024, 4, 15)).findings == ()


def test_start_overdue_the_day_after():
    # BW 4.1.2.2: "muss innerhalb von drei Monaten … begonnen" werden.
    progress = status_on(date(2024, 4, 16))
    assert progress.status is SupplementaryStatus.START_OVERDUE
    assert [f.code for f in progress.findings] == ["supplementary_start_overdue"]
    assert "15.04.2024" in progress.findings[0].message
    assert "BW 4.1.2.2" in progress.findings[0].message


def test_a_booked_course_that_has_not_begun_does_not_count_as_started():
    # BW 4.1.2.2: "begonnen" – the first training day must have come.
    booked = course(date(2024, 5, 6), date(2024, 5, 8), [T.ASYLUM_AND_RESIDENCE_LAW])
    assert status_on(date(2024, 4, 10), [booked]).status is SupplementaryStatus.ON_TRACK
    assert status_on(date(2024, 4, 16), [booked]).status is SupplementaryStatus.START_OVERDUE


def test_started_in_time_is_on_track():
    # BW 4.1.2.2
    first = course(date(2024, 4, 15), date(2024, 4, 16), [T.ASYLUM_AND_RESIDENCE_LAW])
    progress = status_on(date(2024, 6, 1), [first])
    assert progress.status is SupplementaryStatus.ON_TRACK
    assert progress.started_on == date(2024, 4, 15)
    assert progress.findings == ()
    assert len(progress.missing_topics) == 8


def test_a_late_start_stays_a_finding_but_the_status_looks_ahead():
    # BW 4.1.2.2: the start breach is recorded; what is due now is completing.
    late = course(date(2024, 5, 2), date(2024, 5, 3), [T.ASYLUM_AND_RESIDENCE_LAW])
    progress = status_on(date(2024, 6, 1), [late])
    assert progress.status is SupplementaryStatus.ON_TRACK
    assert [f.code for f in progress.findings] == ["supplementary_started_late"]
    assert "02.05.2024" in progress.findings[0].message


def all_topics_in_two_courses():
    return [
        course(date(2024, 3, 4), date(2024, 3, 6), list(ALL_TOPICS)[:5], days="3"),
        course(date(2024, 9, 9), date(2024, 9, 11), list(ALL_TOPICS)[5:], days="3"),
    ]


def test_done_once_all_nine_topics_are_attended():
    # BW 4.1.2.1: all topics a–i.
    progress = status_on(date(2024, 9, 11), all_topics_in_two_courses())
    assert progress.status is SupplementaryStatus.DONE
    assert progress.completed_on == date(2024, 9, 11)
    assert progress.missing_topics == ()
    assert progress.findings == ()


def test_not_done_while_the_last_course_is_still_running():
    progress = status_on(date(2024, 9, 10), all_topics_in_two_courses())
    assert progress.status is SupplementaryStatus.ON_TRACK
    assert progress.completed_on is None


def test_eight_topics_are_not_enough_and_become_completion_overdue_after_a_year():
    # BW 4.1.2.1, 4.1.2.2 ("soll möglichst innerhalb eines Jahres")
    without_i = [
        course(
            date(2024, 3, 4),
            date(2024, 3, 8),
            list(ALL_TOPICS - {T.INTERCULTURAL_COMPETENCE}),
            days="5",
        )
    ]
    assert status_on(date(2025, 1, 15), without_i).status is SupplementaryStatus.ON_TRACK
    progress = status_on(date(2025, 1, 16), without_i)
    assert progress.status is SupplementaryStatus.COMPLETION_OVERDUE
    assert progress.missing_topics == (T.INTERCULTURAL_COMPETENCE,)
    message = progress.findings[-1].message
    assert "i) Interkulturelle Kompetenzen" in message and "15.01.2025" in message


def test_completion_overdue_beats_start_overdue_and_both_are_reported():
    # BW 4.1.2.2
    progress = status_on(date(2025, 2, 1))
    assert progress.status is SupplementaryStatus.COMPLETION_OVERDUE
    assert [f.code for f in progress.findings] == [
        "supplementary_start_overdue",
        "supplementary_completion_overdue",
    ]


def test_one_single_day_is_not_multi_day():
    # BW 4.1.2.1: "mehrtägige Schulungen".
    one_day = [course(date(2024, 3, 4), date(2024, 3, 4), ALL_TOPICS, days="1")]
    progress = status_on(date(2025, 6, 1), one_day)
    assert progress.status is SupplementaryStatus.COMPLETION_OVERDUE
    assert progress.missing_topics == ()
    assert "mehrtägige" in progress.findings[-1].message
    another_day = [
        *one_day,
        course(date(2024, 4, 8), date(2024, 4, 8), [T.LANGUAGE_ACQUISITION], days="1"),
    ]
    assert status_on(date(2025, 6, 1), another_day).completed_on == date(2024, 4, 8)


def test_done_late_is_done_with_a_finding():
    # BW 4.1.2.2: a "soll" deadline; the late completion is still reported.
    courses = [course(date(2024, 4, 1), date(2025, 3, 7), ALL_TOPICS, days="10")]
    progress = status_on(date(2025, 6, 1), courses)
    assert progress.status is SupplementaryStatus.DONE
    assert [f.code for f in progress.findings] == ["supplementary_completed_late"]


def test_a_qualification_held_before_starting_work_counts():
    earlier = [course(date(2022, 5, 2), date(2022, 5, 6), ALL_TOPICS, days="5")]
    progress = status_on(date(2024, 2, 1), earlier)
    assert progress.status is SupplementaryStatus.DONE
    assert progress.findings == ()


@pytest.mark.parametrize(
    ("training", "code"),
    [
        (course(date(2024, 3, 5), date(2024, 3, 4), [T.LANGUAGE_ACQUISITION]), "end_before_start"),
        (
            course(date(2024, 3, 4), date(2024, 3, 4), [T.LANGUAGE_ACQUISITION], days="0"),
            "days_not_positive",
        ),
        (
            course(date(2024, 3, 4), date(2024, 3, 5), [T.LANGUAGE_ACQUISITION], days="3"),
            "days_exceed_dates",
        ),
        (course(date(2024, 3, 4), date(2024, 3, 5), []), "no_topic"),
    ],
)
def test_implausible_trainings_are_refused_and_ignored(training, code):
    assert [e.code for e in supplementary_training_errors(training=training)] == [code]
    assert supplementary_completed_on(trainings=[training]) is None


# BW 4.1.2.2 sentence 4: completion after the grant period → next period's proof of use.
@pytest.mark.parametrize(
    ("hired", "completed", "year", "expected"),
    [
        (
            date(2024, 1, 15),
            date(2024, 9, 11),
            2024,
            SupplementaryConfirmation.CONFIRM_IN_THIS_PERIOD,
        ),
        (
            date(2024, 10, 1),
            date(2025, 6, 30),
            2024,
            SupplementaryConfirmation.CARRIED_TO_NEXT_PERIOD,
        ),
        (
            date(2024, 10, 1),
            date(2025, 6, 30),
            2025,
            SupplementaryConfirmation.CONFIRM_IN_THIS_PERIOD,
        ),
        (date(2024, 10, 1), None, 2024, SupplementaryConfirmation.CARRIED_TO_NEXT_PERIOD),
        (
            date(2024, 10, 1),
            date(2024, 12, 31),
            2024,
            SupplementaryConfirmation.CONFIRM_IN_THIS_PERIOD,
        ),
        (
            date(2024, 10, 1),
            date(2025, 1, 1),
            2024,
            SupplementaryConfirmation.CARRIED_TO_NEXT_PERIOD,
        ),
        (date(2024, 10, 1), date(2025, 6, 30), 2026, SupplementaryConfirmation.CONFIRMED_EARLIER),
        (
            date(2025, 2, 1),
            date(2022, 5, 6),
            2025,
            SupplementaryConfirmation.CONFIRM_IN_THIS_PERIOD,
        ),
        (date(2025, 2, 1), None, 2024, SupplementaryConfirmation.NOT_REQUIRED),  # not yet working
    ],
)
def test_confirmation_in_the_proof_of_use(hired, completed, year, expected):
    result = supplementary_confirmation(
        required=True,
        started_work=hired,
        completed_on=completed,
        grant_period=DateRange(date(year, 1, 1), date(year, 12, 31)),
    )
    assert result is expected


def test_confirmation_not_required_without_duty():
    assert (
        supplementary_confirmation(
            required=False,
            started_work=HIRED,
            completed_on=None,
            grant_period=DateRange(date(2024, 1, 1), date(2024, 12, 31)),
        )
        is SupplementaryConfirmation.NOT_REQUIRED
    )


# --- properties ---------------------------------------------------------------

hire_dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
trainings = st.builds(
    lambda start, length, topics, days: course(
        start, start + timedelta(days=length), topics, days=str(min(days, length + 1))
    ),
    st.dates(min_value=date(2019, 1, 1), max_value=date(2032, 12, 31)),
    st.integers(min_value=0, max_value=4),
    st.frozensets(st.sampled_from(list(SupplementaryTopic)), min_size=1, max_size=9),
    st.integers(min_value=1, max_value=5),
)


@given(hire_dates)
def test_deadlines_fall_three_and_twelve_months_later(hired):
    # BW 4.1.2.2, with month-end clamping (BGB § 188(3)).
    start_by = supplementary_start_deadline(started_work=hired)
    complete_by = supplementary_completion_deadline(started_work=hired)
    assert 89 <= (start_by - hired).days <= 92
    assert (complete_by - hired).days in (365, 366)
    assert (complete_by.month, complete_by.year) == (hired.month, hired.year + 1)
    assert complete_by.day == hired.day or (hired.month, hired.day) == (2, 29)


@given(hire_dates, st.lists(trainings, max_size=6), st.integers(min_value=0, max_value=900))
def test_status_is_consistent_with_its_deadlines(hired, courses, offset):
    # BW 4.1.2.2
    as_of = hired + timedelta(days=offset)
    progress = status_on(as_of, courses, hired=hired)
    if progress.status is SupplementaryStatus.DONE:
        assert progress.completed_on is not None and progress.completed_on <= as_of
    elif progress.status is SupplementaryStatus.COMPLETION_OVERDUE:
        assert as_of > progress.completion_deadline
    elif progress.status is SupplementaryStatus.START_OVERDUE:
        assert as_of > progress.start_deadline and progress.started_on is None
    else:
        assert progress.status is SupplementaryStatus.ON_TRACK
        assert as_of <= progress.completion_deadline
        assert progress.started_on is not None or as_of <= progress.start_deadline


@given(
    hire_dates,
    st.lists(trainings, max_size=6),
    st.integers(min_value=0, max_value=900),
    st.integers(min_value=0, max_value=400),
)
def test_done_stays_done(hired, courses, offset, later):
    as_of = hired + timedelta(days=offset)
    if status_on(as_of, courses, hired=hired).status is SupplementaryStatus.DONE:
        assert (
            status_on(as_of + timedelta(days=later), courses, hired=hired).status
            is SupplementaryStatus.DONE
        )


@given(
    hire_dates, st.lists(trainings, max_size=5), trainings, st.integers(min_value=0, max_value=900)
)
def test_another_training_never_undoes_completion(hired, courses, extra, offset):
    as_of = hired + timedelta(days=offset)
    before = status_on(as_of, courses, hired=hired)
    after = status_on(as_of, [*courses, extra], hired=hired)
    if before.status is SupplementaryStatus.DONE:
        assert after.status is SupplementaryStatus.DONE
        assert after.completed_on <= before.completed_on


@given(
    hire_dates,
    st.one_of(st.none(), st.dates(min_value=date(2019, 1, 1), max_value=date(2033, 12, 31))),
    st.integers(min_value=2019, max_value=2033),
)
def test_completion_is_confirmed_in_exactly_one_proof_of_use(hired, completed, year):
    # BW 4.1.2.2: confirmed in the period it happened (or the first one worked), else carried on.
    def confirm(y):
        return supplementary_confirmation(
            required=True,
            started_work=hired,
            completed_on=completed,
            grant_period=DateRange(date(y, 1, 1), date(y, 12, 31)),
        )

    confirmed_in = [
        y
        for y in range(2019, 2034)
        if confirm(y) is SupplementaryConfirmation.CONFIRM_IN_THIS_PERIOD
    ]
    if completed is None or completed.year > 2033:
        assert confirmed_in == []
    else:
        assert confirmed_in == [max(completed.year, hired.year)]
