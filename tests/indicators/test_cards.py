"""The start page names the next reporting deadline (BW 9.1.9: due 31 January)."""

from datetime import date

import pytest
from django.urls import reverse

from lotse.indicators.cards import next_deadline_card, reporting_year, start_cards


def test_last_years_figures_are_due_until_31_january():
    # BW 9.1.9: reference date 31 December, due 31 January of the following year.
    assert reporting_year(date(2026, 1, 31)) == 2025
    assert reporting_year(date(2026, 2, 1)) == 2026
    assert reporting_year(date(2026, 12, 31)) == 2026


def test_the_task_counts_the_days_left():
    task = next_deadline_card(on=date(2026, 1, 30))
    assert "Berichtsjahr 2025" in task["text"] and "31.01.2026" in task["text"]
    assert "noch 1 Tag," in task["text"]
    assert task["url"].endswith("?year=2025")


@pytest.mark.django_db
def test_the_start_page_and_navigation_lead_to_the_indicators(login):
    body = login("coord.unna").get(reverse("home:start")).content.decode()
    assert "Berichtsjahr" in body and reverse("indicators:dashboard") in body
    assert reverse("indicators:dashboard") not in login("dpo").get("/").content.decode()


def _texts(username, on):
    from lotse.accounts.models import User

    return [
        (str(task["title"]), str(task["text"]))
        for task in start_cards(User.objects.get(username=username), on=on)
    ]


@pytest.mark.django_db
def test_the_team_lead_closes_last_year_with_the_days_left_until_closed():
    # BW 9.1.9: last year is due on 31 January; the item stays until the year is closed.
    from lotse.accounts.models import User
    from lotse.indicators import selectors, services
    from lotse.organisations.models import Organisation

    ((title, text),) = _texts("lead.luenen", date(2026, 1, 20))
    assert title == "Kennzahlen 2025 abschließen"
    assert text.startswith("Lünen, Berichtsjahr 2025") and "31.01.2026 (noch 11 Tage," in text
    ((_title, text),) = _texts("lead.luenen", date(2026, 2, 3))
    assert "(seit 3 Tagen überfällig," in text
    lead = User.objects.get(username="lead.luenen")
    services.year_close(
        user=lead,
        unit=Organisation.objects.get(name="Lünen"),
        year=2025,
        units=selectors.units_for(lead),
    )
    assert _texts("lead.luenen", date(2026, 1, 20)) == []


@pytest.mark.django_db
def test_the_coordinating_office_reports_the_county_others_see_the_deadline():
    # BW 4.2 g, 9.1.9: the county's office reports to the granting authority.
    ((title, text),) = _texts("coord.unna", date(2026, 1, 31))
    assert title == "Kennzahlen 2025 an die Bewilligungsstelle melden"
    assert text.startswith("Kreis Unna, Berichtsjahr 2025") and "(noch 0 Tage," in text
    ((title, text),) = _texts("grants.unna", date(2026, 1, 31))
    assert title == "Kennzahlen" and "noch 0 Tage" in text
