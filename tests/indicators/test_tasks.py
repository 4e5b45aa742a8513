"""The start page names the next reporting deadline (BW 9.1.9: due 31 January)."""

from datetime import date

import pytest
from django.urls import reverse

from lotse.indicators.tasks import indicator_tasks, reporting_year


def test_last_years_figures_are_due_until_31_january():
    # BW 9.1.9: reference date 31 December, due 31 January of the following year.
    assert reporting_year(date(2026, 1, 31)) == 2025
    assert reporting_year(date(2026, 2, 1)) == 2026
    assert reporting_year(date(2026, 12, 31)) == 2026


def test_the_task_counts_the_days_left():
    (task,) = indicator_tasks(None, on=date(2026, 1, 30))
    assert "Berichtsjahr 2025" in task["text"] and "31.01.2026" in task["text"]
    assert "noch 1 Tag," in task["text"]
    assert task["url"].endswith("?year=2025")


@pytest.mark.django_db
def test_the_start_page_and_navigation_lead_to_the_indicators(login):
    body = login("coord.unna").get(reverse("core:home")).content.decode()
    assert "Berichtsjahr" in body and reverse("indicators:dashboard") in body
    assert reverse("indicators:dashboard") not in login("dpo").get("/").content.decode()
