"""The plan's functional core: completeness a–g (BW 4.1.6.2, 4.1.6.3), impossible
dates (BW 4.1.6.2 g), overdue reviews (BW 4.1.4 g)."""

from datetime import date

from lotse.cases.rules.plan import (
    PlanContents,
    changed_fields,
    goal_dates_error,
    missing_sections,
    plan_dates_error,
    review_overdue_since,
)

START = date(2026, 3, 1)


def test_an_empty_plan_misses_all_seven_sections():
    # BW 4.1.6.2 a–g are minimum contents; g needs start and progress.
    assert missing_sections(PlanContents()) == list("abcdefg")


def test_a_complete_plan_misses_nothing():
    full = PlanContents(
        personal="Familie",
        language_level="A2",
        education="Abitur",
        work="sucht",
        housing="AU",
        goals=(("B1", "Kurs"),),
        started_on=START,
        progress="läuft",
    )
    assert missing_sections(full) == []


def test_goal_without_steps_does_not_fill_f_and_blank_text_counts_as_empty():
    # BW 4.1.6.2 f: steps and concrete goals.
    contents = PlanContents(goals=(("B1", "  "),), personal="   ", language="Kurs A1")
    missing = missing_sections(contents)
    assert "f" in missing and "a" in missing and "b" not in missing


def test_review_before_start_is_refused_naming_the_field():
    field, message = plan_dates_error(
        started_on=START, today=date(2026, 4, 1), review_on=date(2026, 2, 1), ended_on=None
    )
    assert field == "review_on"
    assert message.startswith("Überprüfungsdatum: Die Überprüfung am 01.02.2026 liegt vor dem")
    assert "BW 4.1.6.2 g" in message


def test_start_in_the_future_and_end_before_start():
    assert (
        plan_dates_error(started_on=date(2026, 5, 1), today=START, review_on=None, ended_on=None)[0]
        == "started_on"
    )
    assert (
        plan_dates_error(
            started_on=START, today=date(2026, 6, 1), review_on=None, ended_on=date(2026, 2, 1)
        )[0]
        == "ended_on"
    )
    assert plan_dates_error(started_on=START, today=START, review_on=START, ended_on=None) is None


def test_goal_dates_before_the_plan_are_refused():
    error = goal_dates_error(plan_started_on=START, due_on=date(2026, 1, 1), review_on=None)
    assert error[0] == "due_on" and "Zieldatum" in error[1]
    assert goal_dates_error(plan_started_on=START, due_on=None, review_on=START) is None


def test_review_overdue_is_the_earliest_passed_date_and_never_for_an_ended_plan():
    today = date(2026, 9, 1)
    days = [date(2026, 8, 1), date(2026, 7, 1), None, date(2026, 10, 1)]
    assert review_overdue_since(today=today, review_dates=days, ended=False) == date(2026, 7, 1)
    assert review_overdue_since(today=today, review_dates=days, ended=True) is None
    assert review_overdue_since(today=today, review_dates=[today], ended=False) is None


def test_changed_fields():
    assert changed_fields({"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 5, "d": 4}) == ["b", "d", "c"]
