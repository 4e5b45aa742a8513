"""Dashboard charts (issue 6 item 6): the referral-outcome funnel, goal attainment by life
area and the distributions by breakdown, each with its table; suppressed cells look
suppressed in the chart too (hatched and labelled, never a bar of height 0).

The data set of tests/indicators/data.py plus, in Bergkamen in 2025:
  referrals (status on 31 Dec 2025, KIM §3(2)d)
    A  MBE  sent 1 Apr, accepted 1 May, completed only Feb 2026   → accepted   (data.py)
    B  MBE  sent 1 Mar                                            → sent       (data.py)
    C  JMD  sent 2 Nov, waiting list 10 Nov                       → waiting
    C  MBE  sent 3 Nov, declined 20 Nov                           → declined
    A  JMD  sent 1 Jun, accepted 10 Jun, completed 1 Sep          → completed
    B  JMD  sent 5 Mar, no-show 1 Apr                             → no_show
    A  MBE  sent 1 Dec, completed only 10 Jan 2026                → sent
    (E's JMD referral of Oct 2024 lies outside the year.)
  → funnel: 7 sent; 3 accepted, waiting or completed (1 + 1 + 1); 1 completed;
    drop-outs 1 declined, 1 no-show; 2 still without an answer.
  goals (BW 4.1.6.2 f; data.py has language reached + not reached, work open + in
  progress, housing reached), plus A's plan: health reached, partly reached, dropped
  → set / reached / partly / not reached / dropped:
    language 2/1/0/1/0, work 2/0/0/0/0, housing 1/1/0/0/0, health 3/1/1/0/1.
"""

from datetime import date

import pytest
from django.urls import reverse

from lotse.cases.models import IntegrationPlan, PlanGoal, Referral, ReferralEvent, Service
from tests.indicators.data import YEAR, build


@pytest.fixture
def world(db):
    world = build()
    town, manager, who = world.town, world.manager, world.clients
    mbe, jmd = Service.objects.get(code="mbe"), Service.objects.get(code="jmd")

    def refer(client, service, events):
        referral = Referral.objects.create(
            organisation=town,
            client=client,
            service=service,
            referred_on=events[0][1],
            reason="Beratung",
            status=events[-1][0],
            status_on=events[-1][1],
            open_since=events[0][1],
            recorded_by=manager,
        )
        for state, day in events:
            ReferralEvent.objects.create(
                organisation=town, referral=referral, status=state, on=day, by=manager
            )

    refer(who["C"], jmd, [("sent", date(YEAR, 11, 2)), ("waiting", date(YEAR, 11, 10))])
    refer(who["C"], mbe, [("sent", date(YEAR, 11, 3)), ("declined", date(YEAR, 11, 20))])
    refer(
        who["A"],
        jmd,
        [
            ("sent", date(YEAR, 6, 1)),
            ("accepted", date(YEAR, 6, 10)),
            ("completed", date(YEAR, 9, 1)),
        ],
    )
    refer(who["B"], jmd, [("sent", date(YEAR, 3, 5)), ("no_show", date(YEAR, 4, 1))])
    refer(who["A"], mbe, [("sent", date(YEAR, 12, 1)), ("completed", date(YEAR + 1, 1, 10))])
    plan = IntegrationPlan.objects.get(client=who["A"])
    for state in ("reached", "partly_reached", "dropped"):
        PlanGoal.objects.create(
            organisation=town, plan=plan, life_area="health", goal="Ziel", status=state
        )
    return world


def _values(chart):
    return [(bar.label, bar.cell.value) for bar in chart.bars]


def test_referral_funnel_with_drop_outs(login, world):
    # KIM §3(2)d: sent → accepted/waiting → completed; declined and no-show drop out.
    page = login("cm.bergkamen").get(reverse("indicators:dashboard"), {"year": YEAR})
    funnel = page.context["charts"]["funnel"]
    assert _values(funnel) == [
        ("vermittelt (alle Vermittlungen)", 7),
        ("angenommen, auf der Warteliste oder abgeschlossen", 3),
        ("abgeschlossen", 1),
        ("ausgestiegen: abgelehnt", 1),
        ("ausgestiegen: nicht wahrgenommen", 1),
        ("noch ohne Rückmeldung", 2),
    ]
    assert [bar.kind for bar in funnel.bars][3:] == ["dropout", "dropout", "open"]
    # The longest bar is the first stage; the others are drawn to its scale.
    assert [bar.width for bar in funnel.bars] == [300, 129, 43, 43, 43, 86]
    text = page.content.decode()
    assert 'aria-labelledby="chart-funnel-title"' in text
    assert "Ergebnis der Vermittlungen als Tabelle" in text


def test_goal_attainment_by_life_area(login, world):
    # BW 4.1.6.2 f: goals set per life area and how they ended; areas without goals left out.
    page = login("cm.bergkamen").get(reverse("indicators:dashboard"), {"year": YEAR})
    goals = page.context["charts"]["goals"]
    assert [key for key, _label, _x in goals.columns] == [
        "set",
        "reached",
        "partly_reached",
        "not_reached",
        "dropped",
    ]
    table = {row.label: [item.cell.value for item in row.cells] for row in goals.rows}
    assert table == {
        "Sprache": [2, 1, 0, 1, 0],
        "Arbeit": [2, 0, 0, 0, 0],
        "Wohnen": [1, 1, 0, 0, 0],
        "Gesundheit": [3, 1, 1, 0, 1],
    }
    assert "Zielerreichung nach Lebensbereich als Tabelle" in page.content.decode()


def test_distributions_by_breakdown(login, world):
    # Counselled persons A, B, C, E (tests/indicators/test_figures.py): new + ongoing.
    page = login("cm.bergkamen").get(reverse("indicators:dashboard"), {"year": YEAR})
    charts = {chart.key: chart for chart in page.context["charts"]["distributions"]}
    assert list(charts) == ["persons-gender", "persons-age", "persons-residence", "persons-country"]
    assert [value for _label, value in _values(charts["persons-gender"])] == [1, 1, 0, 2]
    assert dict(_values(charts["persons-country"]))["Syrien"] == 2


def test_suppressed_cells_look_suppressed_in_the_charts(login, world):
    # SPEC §5: the coordinating office sees Bergkamen suppressed; in a chart a count of
    # 1…4 is a hatched, labelled placeholder, never a number and never a bar of height 0.
    page = login("coord.unna").get(
        reverse("indicators:dashboard"), {"year": YEAR, "unit": world.town.pk}
    )
    charts = page.context["charts"]
    bars = [*charts["funnel"].bars, *charts["outcome"].bars]
    for chart in charts["distributions"]:
        bars.extend(chart.bars)
    shown = {bar.cell.text for bar in bars}
    assert not {"1", "2", "3", "4"} & shown
    # Stage 2 adds up cells of 1 each: a sum over hidden cells is withheld as well.
    stage = charts["funnel"].bars[1]
    assert stage.cell.suppressed and stage.cell.text == "•"
    goal_cells = [item.cell for row in charts["goals"].rows for item in row.cells]
    assert goal_cells and all(cell.suppressed for cell in goal_cells if cell.value != 0)
    text = page.content.decode()
    assert 'fill="url(#hatch-funnel)"' in text and 'fill="url(#hatch-goals)"' in text
    assert "&lt;5 (unterdrückt)" in text
    assert 'style="' not in text.split("<main", 1)[1]  # CSP: attributes only


@pytest.mark.parametrize("username", ["lead.luenen", "coord.unna", "grants.unna"])
def test_each_dashboard_role_reaches_the_charts(login, db, username):
    # Issue 6 item 6: coordinating office, team leads and grants officers.
    build(where="Lünen", by="cm.luenen")
    page = login(username).get(reverse("indicators:dashboard"), {"year": YEAR})
    assert page.status_code == 200
    charts = page.context["charts"]
    assert charts["funnel"] is not None and charts["goals"] is not None
    assert page.context["report"].suppressed is (username != "lead.luenen")
