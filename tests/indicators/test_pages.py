"""The indicators page and the networking events (issue 6 items 1, 6)."""

from datetime import date

import pytest
from django.urls import reverse

from lotse.core import clock
from lotse.indicators.models import NetworkEvent
from tests.indicators.data import YEAR, build


@pytest.fixture
def small_town(db):
    """The hand-made data set in Bergkamen: every count below 5, so outside the town
    everything from 1 to 4 is '<5'."""
    build()
    return YEAR


def test_coordination_sees_suppressed_cells_not_zeros(login, small_town, org):
    # SPEC §5: outside the municipality, 1…k−1 is shown as "<5", never as 0.
    page = login("coord.unna").get(
        reverse("indicators:dashboard"), {"year": small_town, "unit": org("Bergkamen").pk}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "&lt;5" in text
    assert "weniger als 5, zum Schutz der Personen nicht ausgewiesen" in text
    report = page.context["report"]
    assert report.suppressed
    counselled = report.by_code("persons.counselled")
    assert counselled.cells[0].text == "<5" and counselled.cells[0].value is None


def test_case_manager_sees_own_town_unsuppressed(login, small_town, org):
    # SPEC §5: the town's own case workers may read every case anyway.
    page = login("cm.bergkamen").get(reverse("indicators:dashboard"), {"year": small_town})
    report = page.context["report"]
    assert report.unit == org("Bergkamen")
    assert not report.suppressed
    assert report.by_code("persons.counselled").cells[0].value == 2


def test_a_foreign_unit_is_not_offered(login, org):
    page = login("coord.unna").get(
        reverse("indicators:dashboard"), {"year": 2025, "unit": org("Backnang").pk}
    )
    assert page.status_code == 200
    assert page.context["report"] is None
    assert "unit" in page.context["form"].errors


def test_a_bad_year_names_the_field_and_keeps_the_input(login):
    page = login("coord.unna").get(reverse("indicators:dashboard"), {"year": "1850"})
    assert page.context["report"] is None
    assert "Berichtsjahr" in page.context["form"].errors["year"][0]
    assert 'value="1850"' in page.content.decode()


def test_dashboard_costs_a_fixed_number_of_queries(login, small_town, django_assert_num_queries):
    client = login("coord.unna")
    url = reverse("indicators:dashboard")
    client.get(url, {"year": small_town})  # warm the session
    with django_assert_num_queries(37):  # + closures of the year, two monthly trends, themes
        client.get(url, {"year": small_town})


def test_the_coordinating_office_records_networking_events(login, org):
    # BW 4.2 e: at least four county-level events a year.
    client = login("coord.unna")
    response = client.post(
        reverse("indicators:network_event_create"),
        {
            "organisation": org("Kreis Unna").pk,
            "held_on": clock.today().isoformat(),
            "title": "Netzwerktreffen Wohnen",
            "participants": "17",
        },
    )
    assert response.status_code == 302
    assert NetworkEvent.objects.get().title == "Netzwerktreffen Wohnen"
    page = client.get(reverse("indicators:network_event_list"))
    assert "Netzwerktreffen Wohnen" in page.content.decode()


def test_a_future_event_is_refused_with_the_field_named(login, org):
    response = login("coord.unna").post(
        reverse("indicators:network_event_create"),
        {
            "organisation": org("Kreis Unna").pk,
            "held_on": date(clock.today().year + 1, 1, 1).isoformat(),
            "title": "Geplant",
        },
    )
    assert response.status_code == 200
    assert "Datum" in response.context["form"].errors["held_on"][0]
    assert not NetworkEvent.objects.exists()


def test_a_town_cannot_record_events_for_the_county(login, org):
    response = login("coord.luenen").post(
        reverse("indicators:network_event_create"),
        {
            "organisation": org("Kreis Unna").pk,
            "held_on": clock.today().isoformat(),
            "title": "Fremd",
        },
    )
    assert response.status_code == 200
    assert not NetworkEvent.objects.exists()


def test_monthly_trends_and_themes_per_municipality(login, small_town):
    # Issue 6 item 6: monthly trends and structural themes per municipality.
    page = login("cm.bergkamen").get(reverse("indicators:dashboard"), {"year": small_town})
    extras = page.context["extras"]
    talks = [cell.value for cell in extras.consultations_by_month.cells]
    assert talks == [0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0]  # B Feb, A Mar, E Apr, C Nov
    assert [cell.value for cell in extras.new_by_month.cells][2] == 1  # A in March
    assert extras.new_by_month.total.value == 2
    themes = extras.themes_by_municipality
    assert themes.rows == [("Kein bezahlbarer Wohnraum", "Kein bezahlbarer Wohnraum")]
    assert themes.columns == [("Bergkamen", "Bergkamen")]
    assert themes.cells[0][0].value == 2
    # The coordinating office sees the months suppressed (here the whole list is withheld,
    # since its total is below 5 too), never a count from 1 to 4 and never a false 0.
    coord = login("coord.unna").get(reverse("indicators:dashboard"), {"year": small_town})
    shown = [cell.text for cell in coord.context["extras"].consultations_by_month.cells]
    assert not {"1", "2", "3", "4"} & set(shown)
    assert shown[1] in ("<5", "•")
