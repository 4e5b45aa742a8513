"""BW 4.3: a check for extremist conduct or offences is on file for integration
managers and coordinating staff (pure rule)."""

from datetime import date

from lotse.staff.rules.background import (
    BackgroundCheck,
    BackgroundStatus,
    CheckOutcome,
    background_check_status,
)
from lotse.staff.rules.common import StaffFunction

HIRED = date(2024, 3, 1)


def status(checks, *, function=StaffFunction.INTEGRATION_MANAGER, as_of=date(2024, 6, 1)):
    return background_check_status(
        function=function, started_work=HIRED, checks=checks, as_of=as_of
    )


def test_missing_once_work_has_started_bw_4_3():
    result = status([])
    assert result.status is BackgroundStatus.MISSING
    assert result.findings[0].source == "BW 4.3"
    assert "BW 4.3" in result.findings[0].message


def test_due_before_the_first_day_of_work():
    assert status([], as_of=date(2024, 2, 1)).status is BackgroundStatus.DUE


def test_cleared_check_clears_and_the_latest_check_decides():
    cleared = BackgroundCheck(date(2024, 2, 1), CheckOutcome.CLEARED)
    assert status([cleared]).status is BackgroundStatus.CLEARED
    later = BackgroundCheck(date(2024, 4, 1), CheckOutcome.NOT_CLEARED)
    result = status([cleared, later])
    assert result.status is BackgroundStatus.NOT_CLEARED
    assert result.findings[0].code == "background_check_not_cleared"


def test_pending_outcome_is_still_missing_after_start():
    result = status([BackgroundCheck(date(2024, 2, 1), CheckOutcome.PENDING)])
    assert result.status is BackgroundStatus.MISSING
    assert "steht noch aus" in result.findings[0].message


def test_a_future_check_does_not_count_yet():
    result = status([BackgroundCheck(date(2024, 7, 1), CheckOutcome.CLEARED)])
    assert result.status is BackgroundStatus.MISSING


def test_kim_functions_carry_no_check_duty():
    # BW 4.3 names integration managers and the coordinating office only.
    assert status([], function=StaffFunction.CASE_MANAGER).status is BackgroundStatus.NOT_REQUIRED
    assert status([], function=StaffFunction.COORDINATING_OFFICE).status is BackgroundStatus.MISSING
