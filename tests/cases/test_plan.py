"""The integration plan service (BW 4.1.4 f–g, 4.1.6): creation, goals, a version per
save, no lost updates, bad input refused whole with the field and the rule named."""

from datetime import date

import pytest

from lotse.cases import services
from lotse.cases.models import IntegrationPlan, PlanGoal, PlanVersion
from lotse.kernel.errors import RuleViolation
from tests.cases.factories import add_goal, make_client, make_plan, person, running_case

START = date(2026, 3, 2)


@pytest.mark.django_db
def test_a_plan_starts_as_version_one_and_shows_what_is_missing():
    client = running_case(start=START)
    plan = make_plan(client, on=START, personal="Familie, zwei Kinder", language_level="A2")
    assert plan.version == 1
    version = plan.versions.get()
    assert (version.number, version.summary, version.created_by) == (
        1,
        "angelegt",
        person("cm.luenen"),
    )
    # BW 4.1.6.2: a and b are there; c–f and g's progress are not (BW 4.1.6.3: to be completed).
    assert services.plan_missing_sections(plan, []) == list("cdefg")


@pytest.mark.django_db
def test_every_update_is_a_version_with_who_and_what_and_a_diff():
    client = running_case(start=START)
    plan = make_plan(client, on=START, work="arbeitssuchend")
    services.plan_save(
        client=client,
        data={"started_on": START, "work": "Minijob", "progress": "läuft"},
        expected_version=1,
        by=person("lead.luenen"),
        today=START,
    )
    goal = add_goal(plan, goal="Deutsch B1", steps="Integrationskurs")
    plan.refresh_from_db()
    assert plan.version == 3
    second, first = PlanVersion.objects.filter(plan=plan, number__in=[1, 2]).order_by("-number")
    assert second.created_by == person("lead.luenen")
    assert "d) Arbeitssituation" in second.summary and "g) Verlaufsstand" in second.summary
    diff = services.plan_diff(services.version_state(first), services.version_state(second))
    assert ("d) Arbeitssituation", "arbeitssuchend", "Minijob") in diff
    third = plan.versions.get(number=3)
    assert "Ziel 1" in third.summary
    # A goal's change is a plan version too.
    services.goal_save(
        plan=plan,
        goal=goal,
        data={"status": "reached"},
        expected_version=3,
        by=person("cm.luenen"),
        today=START,
    )
    diff = services.plan_diff(
        services.version_state(third), services.version_state(plan.versions.get(number=4))
    )
    assert diff == [("f) Ziel 1 – Stand", "offen", "erreicht")]


@pytest.mark.django_db
def test_saving_without_changes_makes_no_empty_version():
    client = running_case(start=START)
    make_plan(client, on=START, work="sucht")
    services.plan_save(
        client=client,
        data={"started_on": START, "work": "sucht"},
        expected_version=1,
        by=person("cm.luenen"),
        today=START,
    )
    assert PlanVersion.objects.count() == 1


@pytest.mark.django_db
def test_a_stale_save_is_refused_and_says_what_changed():
    # Issue 3 item 15: no lost updates.
    client = running_case(start=START)
    plan = make_plan(client, on=START, housing="Gemeinschaftsunterkunft")
    opened = services.plan_snapshot(plan)
    services.plan_save(
        client=client,
        data={"started_on": START, "housing": "eigene Wohnung"},
        expected_version=1,
        by=person("lead.luenen"),
        today=START,
    )
    with pytest.raises(services.EditConflict) as refused:
        services.plan_save(
            client=client,
            data={"started_on": START, "housing": "Notunterkunft"},
            expected_version=1,
            snapshot=opened,
            by=person("cm.luenen"),
            today=START,
        )
    assert ("e) Wohnsituation", "eigene Wohnung") in refused.value.changes
    assert "Nichts wurde überschrieben" in refused.value.message
    assert IntegrationPlan.objects.get().housing == "eigene Wohnung"


@pytest.mark.django_db
def test_plan_review_before_start_is_refused_and_nothing_is_saved():
    client = running_case(start=START)
    with pytest.raises(RuleViolation) as refused:
        make_plan(client, on=START, review_on=date(2026, 3, 1), personal="x")
    assert refused.value.field == "review_on"
    assert refused.value.message.startswith(
        "Überprüfungsdatum: Die Überprüfung am 01.03.2026 liegt vor dem Beginn"
    )
    assert not IntegrationPlan.objects.exists() and not PlanVersion.objects.exists()


@pytest.mark.django_db
def test_start_before_the_initial_consultation_only_for_older_plans():
    client = running_case(start=START)
    with pytest.raises(RuleViolation) as refused:
        make_plan(client, on=date(2025, 6, 1), today=START)
    assert refused.value.field == "started_on" and "BW 4.1.6.3" in refused.value.message
    # BW 4.1.6.3: a plan written before the regulation keeps its start.
    plan = make_plan(client, on=date(2025, 6, 1), today=START, predates_regulation=True)
    assert plan.started_on == date(2025, 6, 1)


@pytest.mark.django_db
def test_no_plan_without_consent_or_initial_consultation():
    client = make_client(today=START)
    with pytest.raises(RuleViolation, match="keine wirksame Einwilligung"):
        make_plan(client, on=START)
    from tests.cases.factories import give_consent

    give_consent(client, on=START)
    with pytest.raises(RuleViolation, match="zuerst das Erstberatungsgespräch"):
        make_plan(client, on=START)


@pytest.mark.django_db
def test_a_goal_needs_its_text_and_dates_after_the_plan_start():
    client = running_case(start=START)
    plan = make_plan(client, on=START)
    with pytest.raises(RuleViolation) as refused:
        add_goal(plan, goal="  ")
    assert refused.value.field == "goal"
    with pytest.raises(RuleViolation) as refused:
        add_goal(plan, due_on=date(2026, 1, 1))
    assert refused.value.field == "due_on"
    assert "vor dem Beginn des Integrationsplans am 02.03.2026" in refused.value.message
    assert not PlanGoal.objects.exists()
    plan.refresh_from_db()
    assert plan.version == 1


@pytest.mark.django_db
def test_plan_text_is_encrypted_at_rest():
    from django.db import connection

    client = running_case(start=START)
    plan = make_plan(client, on=START, notes="psychisch belastet")
    add_goal(plan, goal="Therapieplatz finden")
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM cases_integrationplan")
        (stored,) = cursor.fetchone()
        cursor.execute("SELECT snapshot FROM cases_planversion")
        snapshots = [row[0] for row in cursor.fetchall()]
    assert "psychisch" not in stored
    assert all("Therapieplatz" not in s and "psychisch" not in s for s in snapshots)
