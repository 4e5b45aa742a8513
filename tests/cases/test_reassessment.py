"""Re-assessment (KIM §3(2)c): a 1–5 rating per life area at the start and now,
due every LOTSE_REASSESSMENT_MONTHS on the worklist, shown on the case page."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from lotse.cases import services
from lotse.cases.models import Reassessment
from lotse.cases.rules.reassessment import SCALE, next_reassessment_on, ratings_error
from lotse.cases.selectors import worklist_for
from lotse.kernel.dates import add_months
from lotse.kernel.errors import RuleViolation
from tests.cases.factories import person, running_case

START = date(2026, 3, 31)


def test_scale_has_five_german_steps():
    assert list(SCALE) == [1, 2, 3, 4, 5]
    assert SCALE[1].startswith("1 – akuter") and SCALE[5].startswith("5 – selbstständig")


def test_month_arithmetic_at_month_ends():
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    # KIM §3(2)c: from the last re-assessment, else from the initial consultation.
    assert next_reassessment_on(initial=START, last=None, months=6) == date(2026, 9, 30)
    assert next_reassessment_on(initial=START, last=date(2026, 10, 2), months=6) == date(2027, 4, 2)


def test_ratings_need_both_values_on_the_scale():
    assert ratings_error([("work", "Arbeit", 2, None)])[0] == "work_now"
    assert ratings_error([("work", "Arbeit", 6, 2)])[0] == "work_start"
    assert ratings_error([("work", "Arbeit", None, None)])[0] is None
    assert ratings_error([("work", "Arbeit", 2, 4)]) is None


@pytest.mark.django_db
def test_due_on_the_worklist_until_recorded(settings):
    client = running_case(start=START)
    user = person("cm.luenen")

    def kinds(today):
        return [i.kind for i in worklist_for(user, today=today, team=False) if i.client == client]

    assert "reassessment_due" not in kinds(date(2026, 9, 29))
    assert "reassessment_due" in kinds(date(2026, 9, 30))
    settings.LOTSE_REASSESSMENT_MONTHS = 12
    assert "reassessment_due" not in kinds(date(2026, 9, 30))
    settings.LOTSE_REASSESSMENT_MONTHS = 6
    services.reassessment_record(
        client=client,
        held_on=date(2026, 9, 30),
        ratings={"language": (1, 3), "housing": (2, 2)},
        by=user,
        today=date(2026, 9, 30),
    )
    assert "reassessment_due" not in kinds(date(2027, 3, 29))
    assert "reassessment_due" in kinds(date(2027, 3, 30))


@pytest.mark.django_db
def test_bad_ratings_and_dates_are_refused_whole():
    client = running_case(start=START)
    user = person("cm.luenen")
    with pytest.raises(RuleViolation) as refused:
        services.reassessment_record(
            client=client,
            held_on=date(2026, 3, 1),
            ratings={"work": (1, 2)},
            by=user,
            today=START,
        )
    assert (
        refused.value.field == "held_on"
        and "vor dem Erstberatungsgespräch" in refused.value.message
    )
    with pytest.raises(RuleViolation) as refused:
        services.reassessment_record(
            client=client, held_on=START, ratings={"work": (1, None)}, by=user, today=START
        )
    assert refused.value.field == "work_now"
    assert refused.value.message.startswith("Arbeit: Bitte die Lage zu Beginn und heute")
    assert not Reassessment.objects.exists()


@pytest.mark.django_db
@time_machine.travel(date(2026, 10, 1), tick=False)
def test_page_records_and_case_page_shows_start_and_now(login):
    client = running_case(start=START)
    browser = login("cm.luenen")
    url = reverse("cases:reassessment_create", kwargs={"pk": client.pk})
    page = browser.post(url, {"held_on": "2026-10-01", "work_start": "2"}).content.decode()
    assert "Arbeit: Bitte die Lage zu Beginn und heute" in page
    response = browser.post(
        url, {"held_on": "2026-10-01", "work_start": "2", "work_now": "4", "note": "Minijob"}
    )
    assert response.status_code == 302
    case_page = browser.get(reverse("cases:client_detail", kwargs={"pk": client.pk}))
    text = case_page.content.decode()
    assert "Zuletzt am 01.10.2026" in text and "Minijob" in text
    # The next form keeps the situation at the start.
    assert browser.get(url).context["form"].initial["work_start"] == 2
