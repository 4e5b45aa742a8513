"""Structural problems ("generative Themen"): tagged in a case from the catalogue or
as a new theme; the coordinating office sees counts per theme, municipality and
month only, small counts suppressed (SPEC §5, LOTSE_SMALL_COUNT_THRESHOLD)."""

from datetime import date

import pytest
from django.urls import reverse

from lotse.cases import services
from lotse.cases.models import BarrierTheme, CaseBarrier
from lotse.cases.rules.themes import ThemeCount, shown_count, suppressed_rows
from lotse.kernel.errors import RuleViolation
from tests.cases.factories import person, running_case

DAY = date(2026, 5, 4)


def test_small_counts_are_suppressed():
    assert shown_count(0, threshold=5) == "0"
    assert shown_count(1, threshold=5) == "<5"
    assert shown_count(4, threshold=5) == "<5"
    assert shown_count(5, threshold=5) == "5"
    rows = suppressed_rows(
        [
            ThemeCount("Wohnen", "Lünen", date(2026, 4, 1), 7),
            ThemeCount("Kurs", "Lünen", date(2026, 5, 1), 2),
            ThemeCount("Kurs", "Unna", date(2026, 5, 1), 0),
        ],
        threshold=5,
    )
    assert rows == [
        ("Kurs", "Lünen", date(2026, 5, 1), "<5"),
        ("Wohnen", "Lünen", date(2026, 4, 1), "7"),
    ]


def note(client, *, theme=None, new_theme="", on=DAY):
    return services.barrier_note(
        client=client,
        theme=theme,
        new_theme=new_theme,
        noted_on=on,
        by=person("cm.luenen"),
        today=DAY,
    )


@pytest.mark.django_db
def test_a_new_theme_joins_the_catalogue_as_proposed_and_is_reused():
    client = running_case(start=date(2026, 4, 1))
    first = note(client, new_theme="Keine Plätze im Schwimmkurs für Frauen")
    second = note(client, new_theme="keine plätze im schwimmkurs für frauen")
    assert first.theme == second.theme and first.theme.proposed
    with pytest.raises(RuleViolation) as refused:
        note(client)
    assert refused.value.field == "theme"
    with pytest.raises(RuleViolation) as refused:
        note(client, theme=BarrierTheme.objects.get(code="wohnungsmangel"), on=date(2026, 6, 1))
    assert refused.value.field == "noted_on"
    assert CaseBarrier.objects.count() == 2


@pytest.mark.django_db
def test_coordination_sees_counts_only_and_small_ones_suppressed(login, settings):
    housing = BarrierTheme.objects.get(code="wohnungsmangel")
    courses = BarrierTheme.objects.get(code="keine-kursplaetze")
    clients = [running_case(start=date(2026, 4, 1)) for _ in range(6)]
    for client in clients:
        note(client, theme=housing)
    note(clients[0], theme=courses)
    # Lünen runs its own coordinating office (KIM §4(3)): coord.luenen counts its themes.
    browser = login("coord.luenen")
    page = browser.get(reverse("cases:barrier_report")).content.decode()
    assert "Kein bezahlbarer Wohnraum" in page
    assert '<td class="kern-table__cell">6</td>' in page
    assert "&lt;5" in page
    # No case number, no link to a case: aggregates only.
    for client in clients:
        assert client.case_number not in page
    assert f"/faelle/{clients[0].pk}/" not in page
    settings.LOTSE_SMALL_COUNT_THRESHOLD = 10
    page = browser.get(reverse("cases:barrier_report")).content.decode()
    assert "&lt;10" in page and '<td class="kern-table__cell">6</td>' not in page
    # Another state's coordination sees none of it.
    assert (
        "Wohnraum" not in login("cm.backnang").get(reverse("cases:barrier_report")).content.decode()
    )


@pytest.mark.django_db
def test_case_page_lists_the_themes_and_the_form_saves(login):
    import time_machine

    client = running_case(start=date(2026, 4, 1))
    browser = login("cm.luenen")
    with time_machine.travel(DAY, tick=False):
        response = browser.post(
            reverse("cases:barrier_create", kwargs={"pk": client.pk}),
            {"new_theme": "Kein WLAN in der Unterkunft", "noted_on": "2026-05-04"},
        )
        assert response.status_code == 302
        page = browser.get(reverse("cases:client_detail", kwargs={"pk": client.pk}))
    page = page.content.decode()
    assert "Kein WLAN in der Unterkunft" in page
