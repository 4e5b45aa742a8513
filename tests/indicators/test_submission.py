"""Closing the reporting year per unit, completeness for the county, reopening with a reason
that keeps every version (issue 6 items 4–5; BW 6.1, 4.2 g, 9.1.9)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from lotse.accounts.models import User
from lotse.indicators import selectors, services
from lotse.indicators.models import YearClosure
from lotse.kernel.errors import RuleViolation
from lotse.organisations.models import Organisation
from tests.indicators.data import YEAR, build


@pytest.fixture
def luenen(db):
    return build(where="Lünen", by="cm.luenen").town


def close(username, unit, year=YEAR):
    user = User.objects.get(username=username)
    return services.year_close(user=user, unit=unit, year=year, units=selectors.units_for(user))


def test_the_team_lead_closes_the_year_with_the_suppressed_figures_kept(luenen):
    # BW 6.1: the figures leave the unit aggregated, so the kept version is suppressed.
    closure = close("lead.luenen", luenen)
    assert closure.version == 1
    persons = next(i for i in closure.figures["indicators"] if i["id"] == "persons.counselled")
    assert [cell["display"] for cell in persons["cells"]] == ["<5", "<5"]
    assert closure.figures["reference_date"] == f"{YEAR}-12-31"


def test_a_closed_year_cannot_be_closed_twice(luenen):
    close("lead.luenen", luenen)
    with pytest.raises(RuleViolation) as refused:
        close("lead.luenen", luenen)
    assert refused.value.field == "year"


def test_the_year_closes_only_after_the_reference_date(luenen, settings):
    # BW 9.1.9: reference date 31 December; the running year cannot be closed yet.
    from lotse.core import clock

    with pytest.raises(RuleViolation) as refused:
        close("lead.luenen", luenen, year=clock.today().year)
    assert "Stichtag" in refused.value.message


def test_a_case_manager_cannot_close(luenen):
    with pytest.raises(PermissionDenied):
        close("cm.luenen", luenen)


def test_reopening_needs_a_reason_and_keeps_the_version(luenen):
    first = close("lead.luenen", luenen)
    coordination = User.objects.get(username="coord.luenen")  # KIM §4(3): Lünen's own office
    with pytest.raises(RuleViolation) as refused:
        services.year_reopen(user=coordination, closure=first, reason="  ")
    assert refused.value.field == "reason"
    services.year_reopen(user=coordination, closure=first, reason="Zahlen unvollständig")
    second = close("lead.luenen", luenen)
    assert second.version == 2
    first.refresh_from_db()
    assert first.reopen_reason == "Zahlen unvollständig" and first.figures
    assert YearClosure.objects.filter(organisation=luenen, year=YEAR).count() == 2


def test_the_county_sees_which_units_have_not_closed(login, luenen, org):
    # BW 4.2 g, 9.1.9: the coordinating office sees who is missing; after 31 Jan overdue.
    bergkamen = build().town
    page = login("coord.unna").get(
        reverse("indicators:dashboard"), {"year": YEAR, "unit": org("Kreis Unna").pk}
    )
    rows = {row.unit.name: row for row in page.context["closures"]}
    assert "Lünen" not in rows  # KIM §4(3): Lünen coordinates itself
    assert rows["Bergkamen"].in_force is None and rows["Bergkamen"].overdue
    assert "Caritasverband für den Kreis Unna" in rows and "Nordkreis" in rows
    assert "nicht abgeschlossen – überfällig" in page.content.decode()
    assert bergkamen.pk in page.context["report"].unit_ids


def test_close_and_reopen_through_the_pages(login, luenen):
    lead = login("lead.luenen")
    page = lead.get(reverse("indicators:dashboard"), {"year": YEAR, "unit": luenen.pk})
    assert page.context["can_close"]
    response = lead.post(reverse("indicators:year_close"), {"unit": luenen.pk, "year": YEAR})
    assert response.status_code == 302
    closure = YearClosure.objects.get(organisation=luenen, year=YEAR)
    url = reverse("indicators:year_reopen", kwargs={"pk": closure.pk})
    empty = lead.post(url, {"reason": ""})
    assert empty.status_code == 200 and "reason" in empty.context["form"].errors
    assert lead.post(url, {"reason": "Fehlende Fälle nachgetragen"}).status_code == 302
    closure.refresh_from_db()
    assert closure.reopened_at is not None


def test_a_foreign_closure_is_not_found(login, luenen):
    closure = close("lead.luenen", luenen)
    url = reverse("indicators:year_reopen", kwargs={"pk": closure.pk})
    assert login("lead.backnang").get(url).status_code == 404
    assert login("coord.unna").get(url).status_code == 404  # KIM §4(3)
    assert login("cm.luenen").get(url).status_code == 403


def test_closing_a_foreign_unit_is_not_found(login, db):
    response = login("lead.luenen").post(
        reverse("indicators:year_close"),
        {"unit": Organisation.objects.get(name="Backnang").pk, "year": YEAR},
    )
    assert response.status_code == 404
    assert not YearClosure.objects.exists()


def test_the_county_closes_its_aggregate_only_when_every_unit_has_closed(login, db, org):
    # BW 4.2 g, 6.1: the coordinating office aggregates and checks, then reports to the
    # granting authority; a unit that has not closed holds the county back.
    build()
    county = org("Kreis Unna")
    with pytest.raises(RuleViolation) as refused:
        close("coord.unna", county)
    assert refused.value.field == "year"
    assert "Bergkamen" in refused.value.message and "Lünen" not in refused.value.message
    close_units(county)
    closure = close("coord.unna", county)
    assert closure.version == 1 and closure.figures["suppressed"] is True
    # The granting authority sees that the county has reported.
    page = login("authority.arnsberg").get(
        reverse("indicators:dashboard"), {"year": YEAR, "unit": county.pk}
    )
    rows = {row.unit.name: row for row in page.context["closures"]}
    assert rows["Kreis Unna"].in_force == closure
    assert not page.context["can_close"]


def close_units(county, *, username="coord.unna"):
    """Close every unit below the county with its figures of today, as its team lead
    would (the demo has no team lead in Bergkamen, so the office stands in)."""
    from django.utils import timezone

    coord = User.objects.get(username=username)
    units = selectors.units_for(coord)
    report = selectors.report_for(coord, county, YEAR, units=units)
    closed = {}
    for row in selectors.closure_status(coord, report, units):
        if row.unit != county:
            figures = selectors.report_for(
                coord, row.unit, YEAR, units=units, force_suppression=True
            ).as_json()
            closed[row.unit.name] = YearClosure.objects.create(
                organisation=row.unit,
                year=YEAR,
                version=1 + YearClosure.objects.filter(organisation=row.unit).count(),
                closed_at=timezone.now(),
                closed_by=coord,
                figures=figures,
            )
    return closed


def test_the_county_checks_the_units_closed_figures_against_today(db, org):
    # BW 4.2 g: the county's aggregate must be what the units closed. Bergkamen closed
    # with 4 persons counselled; a fifth person counselled in the year afterwards
    # changes its figures (total "<5" → 5), so the county is refused naming the unit, its
    # version and the indicators that differ.
    from datetime import date

    from lotse.cases.models import Consultation

    world = build()
    county = org("Kreis Unna")
    close_units(county)
    Consultation.objects.create(
        organisation=world.town,
        client=world.clients["D"],
        is_initial=False,
        held_on=date(YEAR, 6, 1),
        duration_minutes=30,
        channel="in_person",
        interpreter=False,
        recorded_by=world.manager,
    )
    # D's case was closed in Dec 2024; reopening it in 2025 makes D counselled again.
    world.clients["D"].closures.update(reopened_on=date(YEAR, 5, 30), reopened_by=world.manager)
    with pytest.raises(RuleViolation) as refused:
        close("coord.unna", county)
    message = refused.value.message
    assert refused.value.field == "year"
    # Bergkamen and the association it belongs to (BW 3.5) both counted D anew.
    assert "Bergkamen (Version 1): Beratene Personen (neu und fortlaufend)" in message
    assert "Mittelkreis (Version 1)" in message and "Kamen (" not in message
    assert "wiedereröffnen und neu abschließen" in message
    assert not YearClosure.objects.filter(organisation=county).exists()


def test_a_unit_reopened_after_the_county_closed_is_shown(login, db, org):
    # BW 4.2 g: the county's closing keeps the versions it rests on; reopening a unit
    # afterwards (reason required, version kept) shows on the county's page.
    build()
    county = org("Kreis Unna")
    closed = close_units(county)
    county_closure = close("coord.unna", county)
    assert {item["name"]: item["version"] for item in county_closure.figures["basis"]}[
        "Bergkamen"
    ] == 1
    coord = User.objects.get(username="coord.unna")
    services.year_reopen(user=coord, closure=closed["Bergkamen"], reason="Fall nachgetragen")
    page = login("coord.unna").get(
        reverse("indicators:dashboard"), {"year": YEAR, "unit": county.pk}
    )
    (change,) = page.context["basis_changes"]
    assert change.unit == "Bergkamen" and change.version == 1 and change.newer is None
    text = page.content.decode()
    assert "beruht auf Zahlen, die nicht mehr gelten" in text
    assert "Bergkamen: Version 1 wurde am" in text and "Fall nachgetragen" in text
    # Both versions stay: Bergkamen's reopened version 1 and the county's closing.
    assert YearClosure.objects.get(pk=closed["Bergkamen"].pk).reopen_reason == "Fall nachgetragen"
    assert YearClosure.objects.get(pk=county_closure.pk).reopened_at is None


def test_a_team_lead_cannot_close_the_county(db, org):
    with pytest.raises(PermissionDenied):
        close("lead.luenen", org("Kreis Unna"))
