"""Referral statuses and the outcome deadline (KIM §3(2)d, BW 4.1.4 c–d)."""

from datetime import date

import pytest

from lotse.cases.rules.referrals import (
    ReferralStatus,
    outcome_overdue,
    referral_date_error,
    status_change_error,
)

S = ReferralStatus
DAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        (S.SENT, S.ACCEPTED, True),
        (S.SENT, S.WAITING, True),
        (S.SENT, S.NO_SHOW, True),
        (S.WAITING, S.ACCEPTED, True),
        (S.ACCEPTED, S.COMPLETED, True),
        (S.ACCEPTED, S.WAITING, False),
        (S.SENT, S.SENT, False),
        (S.COMPLETED, S.ACCEPTED, False),
        (S.DECLINED, S.COMPLETED, False),
    ],
)
def test_status_transitions(current, new, allowed):
    error = status_change_error(current=current, new=new, on=DAY, since=DAY, today=DAY)
    assert (error is None) is allowed


def test_a_final_status_points_to_reopening():
    field, message = status_change_error(
        current=S.NO_SHOW, new=S.ACCEPTED, on=DAY, since=DAY, today=DAY
    )
    assert field == "status"
    assert "wiedereröffnet" in message and "KIM §3(2)d" in message


def test_status_dates():
    assert (
        status_change_error(
            current=S.SENT, new=S.ACCEPTED, on=date(2026, 3, 1), since=DAY, today=DAY
        )[0]
        == "on"
    )
    assert (
        status_change_error(
            current=S.SENT, new=S.ACCEPTED, on=date(2026, 3, 3), since=DAY, today=DAY
        )[0]
        == "on"
    )


def test_referral_date():
    assert "Zukunft" in referral_date_error(referred_on=date(2026, 3, 3), today=DAY, initial=None)
    assert "vor dem Erstberatungsgespräch" in referral_date_error(
        referred_on=date(2026, 1, 1), today=DAY, initial=date(2026, 2, 1)
    )
    assert referral_date_error(referred_on=DAY, today=DAY, initial=DAY) is None


def test_outcome_due_after_n_weeks_only_without_a_result():
    # KIM §3(2)d: referrals without a result after N weeks go on the worklist.
    assert outcome_overdue(status=S.SENT, open_since=DAY, today=date(2026, 4, 12), weeks=6) is None
    assert outcome_overdue(
        status=S.WAITING, open_since=DAY, today=date(2026, 4, 13), weeks=6
    ) == date(2026, 4, 13)
    assert (
        outcome_overdue(status=S.ACCEPTED, open_since=DAY, today=date(2027, 1, 1), weeks=6) is None
    )
