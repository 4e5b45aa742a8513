"""The plan on the worklist (SPEC §2.4): the red "plan missing" item disappears once a
plan exists (BW 4.1.4 f); a passed review date is due (BW 4.1.4 g)."""

from datetime import date

import pytest

from lotse.cases import selectors
from lotse.cases.selectors import worklist_for
from tests.cases.factories import add_goal, consult, make_plan, person, running_case

START = date(2026, 3, 2)


def kinds(client, today):
    items = worklist_for(person("cm.luenen"), today=today, team=False)
    # The factory's clients have no gender: the indicator hint (issue 6 item 4) is tested
    # in tests/indicators/test_completeness.py.
    return [
        item.kind
        for item in items
        if item.client.pk == client.pk and item.kind != "indicator_data_missing"
    ]


@pytest.mark.django_db
def test_plan_missing_disappears_once_a_plan_exists():
    client = running_case(start=START)
    consult(client, on=date(2026, 3, 20))
    assert kinds(client, date(2026, 3, 21)) == ["plan_missing"]
    make_plan(client, on=date(2026, 3, 20))
    assert kinds(client, date(2026, 3, 21)) == []
    assert selectors._client_ids_with_plan([client.pk]) == {client.pk}


@pytest.mark.django_db
def test_plan_review_overdue_from_the_plan_or_an_open_goal():
    client = running_case(start=START)
    plan = make_plan(client, on=START, review_on=date(2026, 6, 1))
    assert "plan_review_overdue" not in kinds(client, date(2026, 6, 1))
    assert "plan_review_overdue" in kinds(client, date(2026, 6, 2))
    other = running_case(start=START)
    other_plan = make_plan(other, on=START)
    add_goal(other_plan, review_on=date(2026, 5, 1))
    assert "plan_review_overdue" in kinds(other, date(2026, 5, 2))
    # A reached goal is not reviewed any more.
    goal = other_plan.goals.get()
    other_plan.refresh_from_db()
    from lotse.cases import services

    services.goal_save(
        plan=other_plan,
        goal=goal,
        data={"status": "reached"},
        expected_version=other_plan.version,
        by=person("cm.luenen"),
        today=date(2026, 5, 2),
    )
    assert "plan_review_overdue" not in kinds(other, date(2026, 5, 2))
    item = next(
        i
        for i in worklist_for(person("cm.luenen"), today=date(2026, 6, 2), team=False)
        if i.kind == "plan_review_overdue"
    )
    assert item.url.endswith(f"/{plan.client_id}/integrationsplan/")
    assert "01.06.2026" in item.text and "BW 4.1.4 g" in item.text
