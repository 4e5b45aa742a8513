"""The counseling period (BW 4.1.5), the plan deadline (BW 4.1.4 f) and impossible dates.

The period is counted like a statutory period that starts with an event
(§§ 187 (1), 188 (2), (3), 190 BGB): see lotse/cases/rules/period.py.
"""

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lotse.cases.rules.dates import PartialDate
from lotse.cases.rules.period import (
    LISTED_REASONS,
    Extension,
    ExtensionReason,
    birth_date_error,
    consultation_allowed_on,
    consultation_date_error,
    days_left,
    ends_within,
    extension_error,
    extension_errors,
    initial_consultation_date_error,
    latest_extension_end,
    period_end,
    period_ended,
    plan_due,
    plan_due_on,
    plan_review_date_error,
    regular_period_end,
)

D = date.fromisoformat


def extension(
    until: str, reason=ExtensionReason.ILLITERACY, justification="Alphabetisierungskurs läuft"
):
    return Extension(until=D(until), reason=reason, justification=justification)


# BW 4.1.5: three years after the initial consultation; § 188 (2) BGB: the last day
# bears the date of the initial consultation; § 188 (3): 29 February → 28 February.
# The extension runs on from the regular end (§ 190 BGB): at most one further year.
@pytest.mark.parametrize(
    ("initial", "regular_end", "latest_end"),
    [
        ("2024-03-15", "2027-03-15", "2028-03-15"),
        ("2024-01-31", "2027-01-31", "2028-01-31"),
        ("2024-04-30", "2027-04-30", "2028-04-30"),
        ("2024-12-31", "2027-12-31", "2028-12-31"),
        ("2025-01-01", "2028-01-01", "2029-01-01"),
        ("2023-02-28", "2026-02-28", "2027-02-28"),
        ("2023-03-01", "2026-03-01", "2027-03-01"),
        # Initial consultation on 29 February: no 29 February three years later.
        ("2024-02-29", "2027-02-28", "2028-02-28"),
        ("2020-02-29", "2023-02-28", "2024-02-28"),  # not 29.02.2024: § 190 BGB
        # The day before 29 February in a leap year stays the 28th, never moves to the 29th.
        ("2025-02-28", "2028-02-28", "2029-02-28"),
        ("2021-02-28", "2024-02-28", "2025-02-28"),
        # 1 March after a leap day stays 1 March.
        ("2024-03-01", "2027-03-01", "2028-03-01"),
    ],
)
def test_period_ends_on_the_same_calendar_date_three_years_later(initial, regular_end, latest_end):
    assert regular_period_end(initial=D(initial)) == D(regular_end)
    assert period_end(initial=D(initial)) == D(regular_end)
    assert latest_extension_end(initial=D(initial)) == D(latest_end)
    assert period_end(initial=D(initial), extension=extension(latest_end)) == D(latest_end)


def test_consultation_on_the_last_day_is_allowed_and_the_day_after_is_not():
    # BW 4.1.5: "über einen Zeitraum von maximal drei Jahren nach dem ersten Beratungsgespräch".
    initial = D("2024-02-29")
    assert consultation_allowed_on(day=D("2027-02-28"), initial=initial) is None
    assert consultation_allowed_on(day=D("2027-03-01"), initial=initial) == (
        "Der Beratungszeitraum endete am 28.02.2027; es kann kein Gespräch mehr erfasst "
        "werden (BW 4.1.5)."
    )


def test_an_extension_lets_consultations_continue_until_its_end():
    # BW 4.1.5: "kann der Beratungszeitraum um bis zu einem weiteren Jahr verlängert werden".
    initial = D("2024-03-15")
    six_months = extension("2027-09-15")
    assert (
        consultation_allowed_on(day=D("2027-09-15"), initial=initial, extension=six_months) is None
    )
    refused = consultation_allowed_on(day=D("2027-09-16"), initial=initial, extension=six_months)
    assert refused is not None and "15.09.2027" in refused


def test_a_valid_extension_has_no_errors():
    # BW 4.1.5: one extension, up to one year, for a listed reason with a justification.
    for reason in LISTED_REASONS:
        assert (
            extension_errors(initial=D("2024-02-29"), extension=extension("2028-02-28", reason))
            == {}
        )


def test_extension_reasons_carry_german_labels():
    # BW 4.1.5 lists five reasons; OTHER stands for "insbesondere" (the list is open).
    assert {reason.label for reason in LISTED_REASONS} == {
        "Analphabetismus",
        "Nachgewiesene psychische Erkrankung",
        "Chronische Erkrankung",
        "Behinderung",
        "Multiproblemlage (Häufung sozialer, psychischer, medizinischer beziehungsweise ökonomischer Probleme)",
    }
    assert ExtensionReason.OTHER not in LISTED_REASONS
    assert ExtensionReason("mental_illness") is ExtensionReason.MENTAL_ILLNESS


@pytest.mark.parametrize(
    ("kwargs", "field", "says"),
    [
        # BW 4.1.5: "um bis zu einem weiteren Jahr" — not a day more (§ 190 BGB from 28.02.2027).
        ({"extension": extension("2028-02-29")}, "until", "längstens bis zum 28.02.2028"),
        ({"extension": extension("2029-01-01")}, "until", "höchstens ein Jahr"),
        # An extension must lengthen the period.
        ({"extension": extension("2027-02-28")}, "until", "nach dem regulären Ende"),
        ({"extension": extension("2026-01-01")}, "until", "28.02.2027"),
        # BW 4.1.5: only in justified individual cases.
        ({"extension": extension("2028-01-01", reason=None)}, "reason", "Grund"),
        ({"extension": extension("2028-01-01", justification="")}, "justification", "begründen"),
        (
            {"extension": extension("2028-01-01", justification="  \n")},
            "justification",
            "begründen",
        ),
        # The setting that keeps to the five listed reasons.
        (
            {
                "extension": extension("2028-01-01", reason=ExtensionReason.OTHER),
                "other_reason_allowed": False,
            },
            "reason",
            "Analphabetismus, Nachgewiesene psychische Erkrankung",
        ),
        # SPEC §2.3: extendable once.
        (
            {"extension": extension("2028-01-01"), "already_extended": True},
            "__all__",
            "eine zweite Verlängerung ist nicht möglich",
        ),
        # An ended period is due for closure; it cannot be extended afterwards.
        (
            {"extension": extension("2028-01-01"), "requested_on": D("2027-03-01")},
            "__all__",
            "vor seinem Ende beantragt",
        ),
    ],
)
def test_extension_is_refused_with_a_german_reason(kwargs, field, says):
    errors = extension_errors(initial=D("2024-02-29"), **kwargs)
    assert field in errors
    assert says in errors[field]
    assert errors[field].endswith(")") or errors[field].endswith(".")
    assert extension_error(initial=D("2024-02-29"), **kwargs) == next(iter(errors.values()))


def test_other_reason_is_allowed_by_default_but_needs_a_justification():
    # BW 4.1.5: "insbesondere" — the listed reasons are examples, the justification is not optional.
    other = extension("2028-01-01", reason=ExtensionReason.OTHER)
    assert extension_error(initial=D("2024-02-29"), extension=other) is None
    bare = extension("2028-01-01", reason=ExtensionReason.OTHER, justification="")
    assert "begründen" in extension_error(initial=D("2024-02-29"), extension=bare)


def test_extension_asked_for_on_the_last_day_is_in_time():
    # BW 4.1.5; the period includes its last day (§ 188 (2) BGB).
    assert (
        extension_error(
            initial=D("2024-02-29"),
            extension=extension("2027-12-31"),
            requested_on=D("2027-02-28"),
        )
        is None
    )


def test_all_errors_of_one_request_are_reported_together():
    errors = extension_errors(
        initial=D("2024-03-15"),
        extension=Extension(until=D("2030-01-01"), reason=None, justification=""),
        already_extended=True,
    )
    assert set(errors) == {"__all__", "reason", "justification", "until"}


@pytest.mark.parametrize(
    ("today", "within", "ended", "left"),
    [
        ("2026-12-14", False, False, 91),
        ("2026-12-15", True, False, 90),  # SPEC §2.4: ending within 90 days
        ("2027-03-14", True, False, 1),
        ("2027-03-15", True, False, 0),  # the last day of counseling
        ("2027-03-16", False, True, -1),  # BW 4.1.5: ended, due for closure
    ],
)
def test_worklist_ending_soon_and_ended(today, within, ended, left):
    initial = D("2024-03-15")
    assert ends_within(today=D(today), initial=initial) is within
    assert period_ended(today=D(today), initial=initial) is ended
    assert days_left(today=D(today), initial=initial) == left


def test_ending_soon_counts_from_the_extended_end():
    # BW 4.1.5: after an approved extension the new end is what counts.
    initial = D("2024-03-15")
    extended = extension("2028-03-15")
    assert not ends_within(today=D("2027-03-01"), initial=initial, extension=extended)
    assert ends_within(today=D("2027-03-01"), initial=initial, extension=extended, days=380)
    assert ends_within(today=D("2027-03-01"), initial=initial, days=30)


# BW 4.1.4 f: the integration plan "spätestens im Rahmen des zweiten Beratungsgesprächs".
@pytest.mark.parametrize(
    ("dates", "plan_exists", "due", "due_on"),
    [
        ([], False, False, None),
        (["2024-03-15"], False, False, None),  # only the initial consultation
        (["2024-03-15", "2024-04-02"], False, True, "2024-04-02"),
        (["2024-03-15", "2024-04-02"], True, False, "2024-04-02"),
        (["2024-05-01", "2024-03-15", "2024-04-02"], False, True, "2024-04-02"),
        (["2024-03-15", "2024-03-15"], False, True, "2024-03-15"),  # two talks on one day
    ],
)
def test_plan_is_due_at_the_second_consultation(dates, plan_exists, due, due_on):
    consultation_dates = [D(day) for day in dates]
    assert plan_due(consultation_dates=consultation_dates, plan_exists=plan_exists) is due
    assert plan_due_on(consultation_dates=iter(consultation_dates)) == (
        D(due_on) if due_on else None
    )


TODAY = D("2026-11-23")


@pytest.mark.parametrize(
    ("day", "says"),
    [
        ("2024-03-14", "liegt vor dem Erstberatungsgespräch am 15.03.2024"),  # BW 4.1.4 a
        ("2026-11-24", "liegt in der Zukunft"),
        ("2023-01-01", "liegt vor dem Erstberatungsgespräch"),
    ],
)
def test_impossible_consultation_dates(day, says):
    error = consultation_date_error(day=D(day), initial=D("2024-03-15"), today=TODAY)
    assert error is not None and error.startswith("Datum: ")
    assert says in error


def test_consultation_after_the_period_names_the_field_and_the_rule():
    # BW 4.1.5: after the end, no new consultation can be recorded.
    error = consultation_date_error(day=D("2026-11-20"), initial=D("2023-11-20"), today=TODAY)
    assert error is None
    error = consultation_date_error(day=D("2026-11-21"), initial=D("2023-11-20"), today=TODAY)
    assert error == (
        "Datum: Der Beratungszeitraum endete am 20.11.2026; es kann kein Gespräch mehr "
        "erfasst werden (BW 4.1.5)."
    )


def test_consultation_on_the_day_of_the_initial_consultation_is_fine():
    assert (
        consultation_date_error(day=D("2024-03-15"), initial=D("2024-03-15"), today=TODAY) is None
    )


def test_initial_consultation_cannot_follow_other_consultations_or_lie_ahead():
    # BW 4.1.4 a: the initial consultation comes first.
    assert initial_consultation_date_error(day=D("2024-03-15"), today=TODAY) is None
    assert "Zukunft" in initial_consultation_date_error(day=D("2026-11-24"), today=TODAY)
    error = initial_consultation_date_error(
        day=D("2024-03-15"), today=TODAY, first_followup=D("2024-03-10")
    )
    assert error is not None and "10.03.2024" in error


def test_plan_review_cannot_precede_the_plan():
    # BW 4.1.6.2 g (start of the plan), BW 4.1.4 g (review in regular consultations).
    assert plan_review_date_error(review=D("2024-04-02"), plan_start=D("2024-04-02")) is None
    assert plan_review_date_error(review=D("2024-04-01"), plan_start=D("2024-04-02")) == (
        "Überprüfungsdatum: Die Überprüfung am 01.04.2024 liegt vor dem Beginn des "
        "Integrationsplans am 02.04.2024 (BW 4.1.6.2 g)."
    )


@pytest.mark.parametrize(
    ("birth", "says"),
    [
        ("2026", None),  # this year, month unknown: possible
        ("2026-11", None),
        ("2026-11-23", None),  # born today
        ("1990-05-17", None),
        ("1906-11-24", None),  # 119 today
        ("2026-12", "Geburtsdatum: Der Wert 12.2026 liegt in der Zukunft."),
        ("2026-11-24", "Geburtsdatum: Der Wert 24.11.2026 liegt in der Zukunft."),
        ("2027", "Geburtsdatum: Der Wert 2027 liegt in der Zukunft."),
        ("1900", "mehr als 120 Jahre"),
    ],
)
def test_birth_date_plausibility(birth, says):
    error = birth_date_error(birth=PartialDate.parse(birth), today=TODAY)
    if says is None:
        assert error is None
    else:
        assert error is not None and says in error


# Properties over all dates.

DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 12, 31))
REASONS = st.sampled_from(list(ExtensionReason))


@given(DATES)
def test_period_end_is_always_about_three_years_after_the_start(initial):
    # BW 4.1.5: three years (1095 or 1096 days, one less from a 29 February).
    end = period_end(initial=initial)
    assert end > initial
    assert 3 * 365 - 1 <= (end - initial).days <= 3 * 365 + 1
    assert end.month == initial.month
    assert end.day == initial.day or (initial.month, initial.day, end.day) == (2, 29, 28)


@given(DATES, DATES, REASONS, st.text(max_size=5))
def test_an_extension_never_shortens_and_never_exceeds_one_year(initial, until, reason, text):
    # BW 4.1.5: "um bis zu einem weiteren Jahr verlängert".
    extended = period_end(initial=initial, extension=Extension(until, reason, text))
    assert period_end(initial=initial) <= extended <= latest_extension_end(initial=initial)
    assert (latest_extension_end(initial=initial) - period_end(initial=initial)).days in (365, 366)


@given(DATES, st.integers(min_value=1, max_value=366), REASONS)
def test_every_extension_within_a_year_is_accepted(initial, days, reason):
    # BW 4.1.5: any length up to one year, for any reason while "other" is allowed.
    until = period_end(initial=initial) + timedelta(days=days)
    assume(until <= latest_extension_end(initial=initial))
    granted = Extension(until, reason, "Begründung")
    assert extension_error(initial=initial, extension=granted) is None
    assert period_end(initial=initial, extension=granted) == until


@given(DATES, DATES)
def test_consultation_allowed_exactly_until_the_end(initial, day):
    # BW 4.1.5
    allowed = consultation_allowed_on(day=day, initial=initial) is None
    assert allowed == (day <= period_end(initial=initial))


@given(DATES, DATES, st.integers(0, 400), st.integers(0, 400))
def test_ending_soon_grows_with_the_window(today, initial, small, extra):
    # SPEC §2.4
    if ends_within(today=today, initial=initial, days=small):
        assert ends_within(today=today, initial=initial, days=small + extra)
    assert not (
        ends_within(today=today, initial=initial) and period_ended(today=today, initial=initial)
    )


@given(st.lists(DATES, max_size=6), st.booleans())
def test_plan_is_due_only_from_the_second_consultation_without_a_plan(dates, plan_exists):
    # BW 4.1.4 f
    assert plan_due(consultation_dates=dates, plan_exists=plan_exists) == (
        len(dates) >= 2 and not plan_exists
    )
