"""Demo staff: every demo recipient employs someone, one person per rule violates it,
and loading twice changes nothing (issue 4 item 11)."""

from datetime import datetime

import pytest
import time_machine

from lotse.accounts.models import User
from lotse.core import clock
from lotse.demo.staff import load_staff
from lotse.staff.models import Employee
from lotse.staff.selectors import compliance_report

pytestmark = pytest.mark.django_db


def test_demo_staff_is_idempotent():
    created = load_staff()
    assert created > 0
    count = Employee.objects.count()
    assert load_staff() == 0
    assert Employee.objects.count() == count


@pytest.fixture
def mid_year():
    """The demo's dates are relative to the loading day; its gap and its missing
    training lie in the current year only once the year is a few months old.
    Check it on a fixed mid-year day so the suite passes on any calendar day."""
    with time_machine.travel(datetime(clock.today().year, 6, 15, 10, 0).astimezone(), tick=False):
        yield


def test_one_violator_per_rule(mid_year):
    load_staff()
    today = clock.today()
    report = compliance_report(
        User.objects.get(username="grants.remsmurr"), year=today.year, as_of=today
    )
    violators = {
        status.rule.key: str(person.employee)
        for person in report.people
        for status in person.statuses
        if status.state.value == "violation"
    }
    assert violators["supplementary"] == "Emil Wagner"  # BW 4.1.2.2: start overdue
    assert violators["background"] == "Jonas Richter"  # BW 4.3: missing check
    assert violators["equivalence"] == "Yusuf Demir"  # BW 4.1.1.4: no proof
    assert violators["employment"] == "Max Roth"  # BW 5.5: mini-job
    assert "training" in violators  # BW 4.1.3: no training this year
    gaps = [r.organisation.name for r in report.recipients if r.status.state.value == "violation"]
    assert gaps == ["Schorndorf"]  # BW 3.4
