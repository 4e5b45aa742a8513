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
from lotse.cases.models import (
    CaseBarrier,
    CaseConference,
    Client,
    Closure,
    Consent,
    Consultation,
    CounselingExtension,
    IntegrationPlan,
    PlanGoal,
    Reassessment,
    Referral,
    ReferralEvent,
)
from lotse.cases.rules.referrals import ReferralStatus
from lotse.cases.selectors import barrier_counts_for, plan_missing_labels
from lotse.core import clock
from lotse.demo.cases import STATES, TOWNS, load_cases
from lotse.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db

# What one town's 26 cases put on its case manager's worklist (SPEC §2.4).
EXPECTED_WORK = {
    "consent_missing": 3,  # BW 4.1.4 f: the stubs
    # BW 4.1.4 f: the "plan due" batch, second consultation without a plan (red)
    "plan_missing": 3,
    "plan_review_overdue": 2,  # BW 4.1.4 g: two planned cases past their review date
    "referral_outcome_missing": 2,  # KIM §3(2)d: sent more than six weeks ago, no result
    "period_ending": 5,  # BW 4.1.5: within 90 days, two of them with a pending extension
    "extension_pending": 2,
    "closure_due": 1,  # SPEC §2.3
    "erasure_due": 1,  # consent withdrawn
    # KIM §3(2)c: running cases past LOTSE_REASSESSMENT_MONTHS (6) without a
    # re-assessment: the older "plan due" cases and one planned case; the others have one.
    "reassessment_due": 3,
}
EXPECTED_STATUS = {"new": 3, "consented": 2, "running": 17, "closed": 3, "restricted": 1}


def _counts():
    return [
        model.objects.count()
        for model in (
            Client,
            Consent,
            Consultation,
            CounselingExtension,
            Closure,
            IntegrationPlan,
            PlanGoal,
            Referral,
            ReferralEvent,
            Reassessment,
            CaseConference,
            CaseBarrier,
            AuditEntry,
        )
    ]


def _case_work(prefix):
    """Plans (BW 4.1.6.2–3), referral results (KIM §3(2)d), conferences (KIM §3(2)b)."""
    plans = list(IntegrationPlan.objects.filter(client__case_number__startswith=prefix))
    # Running, ending, extension pending and period ended: 4 + 3 + 2 + 1 plans.
    assert len(plans) == 10
    incomplete = [p for p in plans if plan_missing_labels(p, list(p.goals.all()))]
    assert len(incomplete) == 3  # older plans still lacking sections (BW 4.1.6.3)
    assert all(p.goals.count() >= 2 for p in plans)
    referrals = Referral.objects.filter(client__case_number__startswith=prefix)
    events = set(
        ReferralEvent.objects.filter(referral__in=referrals).values_list("status", flat=True)
    )
    assert {
        ReferralStatus.SENT,
        ReferralStatus.ACCEPTED,
        ReferralStatus.COMPLETED,
    } <= events
    assert {ReferralStatus.DECLINED, ReferralStatus.NO_SHOW} & events
    assert referrals.filter(status=ReferralStatus.WAITING).exists()
    conferences = CaseConference.objects.filter(client__case_number__startswith=prefix)
    assert conferences.count() == 2
    for conference in conferences:
        assert conference.participants.filter(external=True).exists()
        assert conference.agreements.count() == 2


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
    _case_work("D-LUE-")
    # Structural themes (SPEC §5): the coordination's report shows some counts of at
    # least 5 and suppresses the small ones as "<5".
    shown = [
        row[3] for row in barrier_counts_for(User.objects.get(username="coord.unna"), threshold=5)
    ]
    assert any(text.isdigit() and int(text) >= 5 for text in shown), shown
    assert "<5" in shown


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
    _case_work("D-LUE-")
