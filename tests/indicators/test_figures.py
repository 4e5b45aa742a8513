"""Every indicator of the catalogue on the hand-made data set of tests/indicators/data.py,
with the expected numbers written out (issue 6 item 1–2; SPEC §5).

The data set (Bergkamen, reporting year 2025, reference date 31 Dec 2025):
  A  female,   born 2010, Syrien, § 24;  initial consultation 1 Mar 2025         → new
  B  male,     born 1990, Syrien;        initial May 2024, closed 30 Jun 2025     → ongoing, closed
  C  no gender born 1950, no country;    initial 1 Nov 2025 (video)               → new
  D  diverse,  born 2000, Afghanistan;   closed Dec 2024                          → not counselled
  E  "keine Angabe", born 1970, Afgh.;   initial Feb 2024, closure reopened 2025  → ongoing
  F  female,   born 1985;                initial Jan 2026 (after the reference)   → not counselled
The case manager of the town sees the figures unsuppressed.
"""

from decimal import Decimal

import pytest

from lotse.accounts.models import User
from lotse.indicators import selectors
from tests.indicators.data import YEAR, build


@pytest.fixture
def report(db):
    world = build()
    user = User.objects.get(username="cm.bergkamen")
    units = selectors.units_for(user)
    result = selectors.report_for(user, world.town, YEAR, units=units)
    assert not result.suppressed
    return result


def values(figure):
    if figure.shape == "table":
        return [[cell.value for cell in row] for row in figure.cells]
    return [cell.value for cell in figure.cells]


def measures(figure):
    return {measure.key: cell.value for measure, cell in figure.measures}


def test_reference_and_due_date(report):
    # BW 9.1.9: reference date 31 December, due 31 January of the next year.
    assert report.reference.isoformat() == "2025-12-31"
    assert report.due.isoformat() == "2026-01-31"
    assert report.indicator_set.programme == "kim-nrw"  # Bergkamen lies in NRW (AGS 05…)


def test_persons_new_and_ongoing(report):
    # BW 9.1.9: new = A, C; ongoing = B, E (E's closure was reopened); D closed before, F after.
    figure = report.by_code("persons.counselled")
    assert values(figure) == [2, 2]
    assert figure.total.value == 4


def test_persons_closed_by_reason(report):
    # BW 9.1.9: only B closed within the year; E's closure is reopened, D's is from 2024.
    figure = report.by_code("persons.closed")
    assert [label for _key, label in figure.rows] == ["Ziele erreicht"]
    assert values(figure) == [1]


def test_persons_by_gender_with_not_stated(report):
    # BW 9.1.9; issue 6 item 4: no gender and "keine Angabe" count as "nicht angegeben".
    figure = report.by_code("persons.gender")
    assert [key for key, _label in figure.rows] == ["female", "male", "diverse", "not_stated"]
    assert values(figure) == [[1, 0], [0, 1], [0, 0], [1, 1]]
    assert [cell.value for cell in figure.column_totals] == [2, 2]


def test_persons_by_age_group_on_the_reference_date(report):
    # Age = 2025 − year of birth: A 15, B 35, C 75, E 55.
    figure = report.by_code("persons.age")
    assert [key for key, _label in figure.rows] == [
        "0-17",
        "18-26",
        "27-44",
        "45-64",
        "65+",
        "not_stated",
    ]
    assert values(figure) == [[1, 0], [0, 0], [0, 1], [0, 1], [1, 0], [0, 0]]


def test_persons_by_country_of_origin(report):
    figure = report.by_code("persons.country")
    assert [key for key, _label in figure.rows] == ["Afghanistan", "Syrien", "not_stated"]
    assert values(figure) == [[0, 1], [1, 1], [1, 0]]


def test_persons_by_residence_status(report):
    figure = report.by_code("persons.residence")
    assert values(figure) == [[1, 0], [1, 2]]
    assert figure.rows[1][0] == "not_stated"


def test_plans_made_and_reviewed(report):
    # BW 4.1.4 f–g: A's plan begun in 2025; B's plan got version 2 in 2025; E's in 2024.
    assert measures(report.by_code("plans.count")) == {"made": 1, "reviewed": 1}


def test_consultations_by_channel_and_interpreter(report):
    # BW 4.1.4 a: A and E in person with interpreter, B by phone, C by video; 2024 ones left out.
    figure = report.by_code("consultations.channel")
    assert values(figure) == [[2, 0], [0, 1], [0, 1]]
    assert figure.total.value == 4


def test_referrals_by_service_and_outcome_on_the_reference_date(report):
    # KIM §3(2)d: A's MBE referral was accepted by 31 Dec (completed only in 2026); B's sent.
    figure = report.by_code("referrals.outcome")
    assert [label for _key, label in figure.rows] == [
        "Migrationsberatung für erwachsene Zugewanderte (MBE)"
    ]
    columns = [key for key, _label in figure.columns]
    row = dict(zip(columns, values(figure)[0], strict=True))
    assert row == {
        "sent": 1,
        "accepted": 1,
        "waiting": 0,
        "declined": 0,
        "no_show": 0,
        "completed": 0,
    }


def test_goals_set_and_reached_by_life_area(report):
    # BW 4.1.6.2 f: goals of the counselled persons' plans (A, B, E).
    figure = report.by_code("goals.life_area")
    columns = [key for key, _label in figure.columns]
    table = {
        key: dict(zip(columns, row, strict=True))
        for (key, _label), row in zip(figure.rows, values(figure), strict=True)
    }
    assert table["language"]["reached"] == 1 and table["language"]["not_reached"] == 1
    assert table["work"]["open"] == 1 and table["work"]["in_progress"] == 1
    assert table["housing"]["reached"] == 1
    assert figure.total.value == 5
    assert [cell.value for cell in figure.row_totals][:4] == [2, 0, 2, 1]


def test_language_work_housing_at_start_and_now(report):
    # KIM §3(2)c: the last re-assessment up to the reference date per client
    # (A: 1 Jun 2025, B: 1 May 2025; A's 2026 one and B's 2024 one are ignored).
    assert values(report.by_code("situation.language")) == [[1, 1, 0, 0, 0], [0, 0, 1, 1, 0]]
    assert values(report.by_code("situation.work")) == [[0, 1, 0, 0, 0], [0, 1, 0, 0, 0]]
    assert values(report.by_code("situation.housing")) == [[0, 0, 1, 0, 0], [0, 0, 0, 0, 1]]


def test_language_level_from_the_plan(report):
    # BW 4.1.6.2 b: A A1, B B1, E none recorded.
    figure = report.by_code("situation.language_level")
    counts = {
        key: cell.value for (key, _label), cell in zip(figure.rows, figure.cells, strict=True)
    }
    assert counts["A1"] == 1 and counts["B1"] == 1 and counts["not_stated"] == 1
    assert figure.total.value == 3


def test_extensions_by_reason(report):
    # BW 4.1.5: E's approval in 2025 counts; A's is pending, B's was decided in 2024.
    figure = report.by_code("extensions.reason")
    counts = {
        key: cell.value for (key, _label), cell in zip(figure.rows, figure.cells, strict=True)
    }
    assert counts["illiteracy"] == 1
    assert figure.total.value == 1


def test_caseload_per_fte(report):
    # Running on 31 Dec: A, C, E = 3; FTE on 31 Dec: 0.5 (the case manager left in June).
    assert measures(report.by_code("caseload.per_fte")) == {
        "active": 3,
        "fte": Decimal("0.500"),
        "per_fte": Decimal("6.00"),
    }


def test_staff_fte_qualification_and_trainings(report):
    # BW 5.5, 4.1.1, 4.1.3.
    assert measures(report.by_code("staff.fte")) == {
        "integration_manager.fte": Decimal("0.500"),
        "integration_manager.funded": Decimal("0.500"),
    }
    qualification = report.by_code("staff.qualification")
    assert [key for key, _label in qualification.rows] == ["social_work"]
    assert values(qualification) == [1]
    assert measures(report.by_code("staff.trainings")) == {
        "supplementary": 1,
        "supplementary_days": Decimal("2.5"),
        "participations": 1,
    }


def test_networking_events(report):
    # BW 4.2 e: two in 2025 (one in 2024 left out), fewer than the four required.
    figure = report.by_code("network.events")
    measure, cell = figure.measures[0]
    assert cell.value == 2 and measure.target == 4


def test_structural_themes(report):
    # BW 4.2 c: two housing barriers in 2025; the course barrier dates from 2024.
    figure = report.by_code("themes.barriers")
    assert [label for _key, label in figure.rows] == ["Kein bezahlbarer Wohnraum"]
    assert values(figure) == [2]


def test_every_catalogue_entry_has_a_query(report):
    from lotse.indicators.models import Indicator
    from lotse.indicators.queries import QUERIES

    assert set(Indicator.objects.values_list("computation", flat=True)) <= set(QUERIES)
    assert len(report.figures) == report.indicator_set.indicators.count()


def test_another_reference_date_within_the_year(db):
    # "for any reference date": on 30 Jun 2025 C has not started yet and B is closed that day.
    world = build()
    user = User.objects.get(username="cm.bergkamen")
    from datetime import date

    result = selectors.report_for(
        user, world.town, YEAR, units=selectors.units_for(user), reference=date(YEAR, 6, 30)
    )
    assert values(result.by_code("persons.counselled")) == [1, 2]
    assert values(result.by_code("persons.closed")) == [1]
