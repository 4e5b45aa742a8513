"""Demo cases (issue 3 item 17): every demo municipality gets 26 clients in every state
a case can be in, the same ones on every run, and loading twice changes nothing.
Dates count back from the loading day, so the states hold on any day of the year."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F

from lotse.accounts.models import User
from lotse.cases import api_selectors, selectors
from lotse.cases.models import Client, Closure, Consent, Consultation, CounselingExtension
from lotse.core import clock
from lotse.demo.cases import STATES, TOWNS, load_cases
from lotse.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db

# What one town's 26 cases put on its case manager's worklist (SPEC §2.4).
EXPECTED_WORK = {
    "consent_missing": 3,  # BW 4.1.4 f: the stubs
    # BW 4.1.4 f: every running case with a second consultation (no plans in the demo yet)
    "plan_missing": 13,
    "period_ending": 5,  # BW 4.1.5: within 90 days, two of them with a pending extension
    "extension_pending": 2,
    "closure_due": 1,  # SPEC §2.3
    "erasure_due": 1,  # consent withdrawn
    # KIM §3(2)c: running cases past LOTSE_REASSESSMENT_MONTHS (6) without a
    # re-assessment (none in the demo yet).
    "reassessment_due": 11,
}
EXPECTED_STATUS = {"new": 3, "consented": 2, "running": 17, "closed": 3, "restricted": 1}


def _counts():
    return [
        model.objects.count()
        for model in (Client, Consent, Consultation, CounselingExtension, Closure, AuditEntry)
    ]


def _status(user, today):
    rows = api_selectors.client_list_for(user).filter(case_number__startswith="D-")
    return Counter(api_selectors.case_status(row).value for row in rows)


def _work(user, today):
    items = selectors.worklist_for(user, today=today, team=False)
    return Counter(item.kind for item in items if item.client.case_number.startswith("D-"))


def test_every_demo_town_gets_every_state_once_and_only_once(demo_mode):
    today = clock.today()
    out = StringIO()
    call_command("demo", stdout=out)
    assert f"{len(TOWNS) * len(STATES)} Demo-Fälle angelegt." in out.getvalue()
    assert "cm.waiblingen" in out.getvalue()
    counts = _counts()
    call_command("demo", stdout=StringIO())
    assert _counts() == counts
    assert load_cases(today) == 0
    for town in TOWNS:
        clients = Client.objects.filter(municipality__name=town.name, case_number__startswith="D-")
        assert clients.count() >= 25, town.name
        assert set(clients.values_list("case_manager__username", flat=True)) == {town.case_manager}
    luenen = User.objects.get(username="cm.luenen")
    assert _status(luenen, today) == EXPECTED_STATUS
    assert _work(luenen, today) == EXPECTED_WORK
    # The association's case manager keeps Welzheim's and Kaisersbach's cases.
    welzheim = User.objects.get(username="cm.welzheim")
    assert _status(welzheim, today) == {k: 2 * v for k, v in EXPECTED_STATUS.items()}


def test_names_in_the_original_script_with_a_transliteration():
    load_cases(clock.today(), towns=["Backnang"])
    people = Client.objects.filter(case_number__startswith="D-BAK-").exclude(given_names="")
    assert people.count() == len(STATES) - 3
    for client in people:
        assert client.given_names_latin.isascii() or client.country_of_origin == "Türkei"
        assert client.birth_date.startswith(str(client.birth_year))
        assert client.residence_status_id is not None
    # Most people write their name in another script than the Latin one.
    assert people.exclude(given_names=F("given_names_latin")).exists()


@pytest.mark.parametrize(
    "today",
    [
        date(2027, 1, 2),  # the first days of January
        date(2028, 2, 29),  # a leap day: three years back is 28 February (§ 188 (3) BGB)
        date(2027, 3, 31),  # a month end with no 31st a month earlier
        date(2026, 12, 31),
        date(2029, 3, 1),  # the day after 28 February
    ],
)
def test_the_states_hold_on_any_day(today):
    assert load_cases(today, towns=["Lünen"]) == len(STATES)
    luenen = User.objects.get(username="cm.luenen")
    assert _status(luenen, today) == EXPECTED_STATUS
    assert _work(luenen, today) == EXPECTED_WORK
