"""Case API for the integration plan, referrals, conferences and re-assessments
(issue 3 item 16): scoped like the pages, the pages' rules through the same services,
every read logged with ids only, a stale plan version answered 409, bad input 4xx."""

from datetime import timedelta

import pytest
from django.test import Client as HttpClient

from lotse.accounts import services as account_services
from lotse.accounts.models import User
from lotse.cases.models import IntegrationPlan, PlanGoal, Referral
from lotse.core import clock
from lotse.privacy.models import AuditEntry
from tests.cases.factories import (
    add_goal,
    consult,
    give_consent,
    make_client,
    make_plan,
    refer,
    running_case,
)
from tests.cases.test_encryption import raw

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(demo_mode):
    def client_for(username: str) -> HttpClient:
        token = account_services.api_token_issue(user=User.objects.get(username=username))[1]
        return HttpClient(headers={"Authorization": f"Bearer {token}"})

    return client_for


def send(client: HttpClient, url: str, body: dict, method: str = "post"):
    return getattr(client, method)(url, body, content_type="application/json")


def today():
    return clock.today()


def fields(response) -> set[str]:
    return {error["field"] for error in response.json()["detail"]}


def messages(response) -> str:
    return " ".join(error["msg"] for error in response.json()["detail"])


def started_case(*codes: str):
    """A running case; its consent covers referrals of the kinds that ``codes`` name."""
    start = today() - timedelta(days=30)
    if not codes:
        return running_case(start=start)  # consent for counselling only
    client = make_client(today=start)
    give_consent(client, on=start, codes=("beratung", *codes))
    consult(client, on=start)
    return client


def planned_case(*codes: str):
    client = started_case(*codes)
    plan = make_plan(client, on=today() - timedelta(days=20), today=today(), personal="Familie")
    return client, plan


# --- Scope ----------------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["coord.unna", "grants.unna", "auditor", "dpo"])
def test_roles_without_case_access_get_403(api, username):
    client, _ = planned_case()
    for path in ("plan", "plan/goals", "plan/versions", "referrals", "conferences"):
        assert api(username).get(f"/api/v1/clients/{client.pk}/{path}").status_code == 403


def test_another_towns_plan_and_referrals_answer_404(api):
    client, plan = planned_case("weiterleitung")
    referral = refer(client, on=today())
    bergkamen = api("cm.bergkamen")
    base = f"/api/v1/clients/{client.pk}"
    assert bergkamen.get(f"{base}/plan").status_code == 404
    assert bergkamen.get(f"{base}/referrals/{referral.pk}").status_code == 404
    body = {"version": plan.version, "started_on": plan.started_on.isoformat()}
    assert send(bergkamen, f"{base}/plan", body, "put").status_code == 404
    # A referral of another case is not reachable through this case either.
    other = started_case()
    assert (
        api("cm.luenen").get(f"/api/v1/clients/{other.pk}/referrals/{referral.pk}").status_code
        == 404
    )


# --- Plan -----------------------------------------------------------------------------------


def test_the_plan_is_created_read_decrypted_and_logged(api):
    client = started_case()
    cm = api("cm.luenen")
    url = f"/api/v1/clients/{client.pk}/plan"
    assert cm.get(url).status_code == 404
    created = send(
        cm,
        url,
        {"started_on": today().isoformat(), "work": "Sucht Arbeit als Elektriker"},
        "put",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["version"] == 1
    assert "a) Persönliche Angaben" in created.json()["missing_sections"]
    plan = IntegrationPlan.objects.get(client=client)
    assert "Elektriker" not in raw("cases_integrationplan", "work", plan.pk)
    reads = AuditEntry.objects.filter(
        action="read", object_type="cases.integrationplan", object_id=str(plan.pk)
    )
    before = reads.count()
    data = cm.get(url).json()
    assert data["work"] == "Sucht Arbeit als Elektriker"
    assert reads.count() == before + 1
    assert "Elektriker" not in reads.order_by("-id").first().purpose


def test_a_stale_plan_version_answers_409_naming_what_changed(api):
    client, plan = planned_case()
    url = f"/api/v1/clients/{client.pk}/plan"
    cm = api("cm.luenen")
    body = {"version": plan.version, "started_on": plan.started_on.isoformat()}
    first = send(cm, url, {**body, "personal": "Familie mit zwei Kindern"}, "put")
    assert first.status_code == 200, first.json()
    assert first.json()["version"] == plan.version + 1
    stale = send(cm, url, {**body, "personal": "Alleinstehend"}, "put")
    assert stale.status_code == 409
    answer = stale.json()
    assert answer["detail"][0]["field"] == "version"
    assert "Nichts wurde überschrieben" in answer["detail"][0]["msg"]
    assert answer["version"] == plan.version + 1
    assert [c["field"] for c in answer["changes"]] == ["a) Persönliche Angaben"]
    assert answer["changes"][0]["value"] == "Familie mit zwei Kindern"
    plan.refresh_from_db()
    assert plan.personal == "Familie mit zwei Kindern"


def test_plan_input_errors_name_the_field(api):
    client, plan = planned_case()
    url = f"/api/v1/clients/{client.pk}/plan"
    cm = api("cm.luenen")
    missing_version = send(cm, url, {"started_on": plan.started_on.isoformat()}, "put")
    assert missing_version.status_code == 422
    assert fields(missing_version) == {"version"}
    future = send(
        cm,
        url,
        {"version": plan.version, "started_on": (today() + timedelta(days=3)).isoformat()},
        "put",
    )
    assert future.status_code == 422
    assert fields(future) == {"started_on"}
    for bad in ({"version": "x"}, {"language_level": "Z9"}, {"started_on": "2026-02-30"}):
        response = send(
            cm, url, {"version": plan.version, "started_on": "2026-01-01", **bad}, "put"
        )
        assert response.status_code == 422
        assert set(bad) <= fields(response)


def test_goals_are_added_changed_and_each_save_is_a_version(api):
    client, plan = planned_case()
    cm = api("cm.luenen")
    base = f"/api/v1/clients/{client.pk}/plan"
    created = send(
        cm,
        f"{base}/goals",
        {"version": plan.version, "life_area": "work", "goal": "Arbeit als Elektriker"},
    )
    assert created.status_code == 201, created.json()
    goal_id = created.json()["id"]
    assert "Elektriker" not in raw("cases_plangoal", "goal", goal_id)
    plan.refresh_from_db()
    changed = send(
        cm,
        f"{base}/goals/{goal_id}",
        {"version": plan.version, "status": "in_progress"},
        "patch",
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["goal"] == "Arbeit als Elektriker"
    assert changed.json()["status"] == "in_progress"
    goals = cm.get(f"{base}/goals").json()
    assert [g["id"] for g in goals["items"]] == [goal_id]
    versions = cm.get(f"{base}/versions").json()["items"]
    assert [v["number"] for v in versions] == [3, 2, 1]
    assert versions[-1]["summary"] == "angelegt"
    stale = send(cm, f"{base}/goals/{goal_id}", {"version": 1, "status": "reached"}, "patch")
    assert stale.status_code == 409
    assert PlanGoal.objects.get(pk=goal_id).status == "in_progress"


def test_goal_errors_name_the_field_and_foreign_goals_answer_404(api):
    client, plan = planned_case()
    _, other_plan = planned_case()
    foreign_goal = add_goal(other_plan, today=today())
    cm = api("cm.luenen")
    base = f"/api/v1/clients/{client.pk}/plan/goals"
    empty = send(cm, base, {"version": plan.version, "life_area": "work", "goal": "  "})
    assert empty.status_code == 422
    assert fields(empty) == {"goal"}
    unknown_area = send(cm, base, {"version": plan.version, "life_area": "mars", "goal": "x"})
    assert unknown_area.status_code == 422
    assert fields(unknown_area) == {"life_area"}
    plan.refresh_from_db()
    response = send(
        cm, f"{base}/{foreign_goal.pk}", {"version": plan.version, "status": "reached"}, "patch"
    )
    assert response.status_code == 404


# --- Referrals ------------------------------------------------------------------------------


def test_a_referral_is_refused_naming_the_field_when_consent_does_not_cover_it(api):
    client = started_case()  # consent for counselling only
    response = send(
        api("cm.luenen"),
        f"/api/v1/clients/{client.pk}/referrals",
        {"service": "jobcenter", "referred_on": today().isoformat(), "reason": "Arbeitssuche"},
    )
    assert response.status_code == 422
    assert fields(response) == {"service"}
    assert "deckt keine Weitergabe" in messages(response)
    assert not Referral.objects.filter(client=client).exists()


def test_a_referral_is_created_followed_to_its_outcome_and_reopened(api):
    client = started_case("weiterleitung")
    cm = api("cm.luenen")
    base = f"/api/v1/clients/{client.pk}/referrals"
    created = send(
        cm,
        base,
        {"service": "mbe", "referred_on": today().isoformat(), "reason": "Aufenthaltsfragen"},
    )
    assert created.status_code == 201, created.json()
    referral_id = created.json()["id"]
    assert "Aufenthalt" not in raw("cases_referral", "reason", referral_id)
    done = send(
        cm,
        f"{base}/{referral_id}/status",
        {"status": "completed", "on": today().isoformat(), "note": "Beratung erfolgt"},
    )
    assert done.status_code == 200, done.json()
    assert done.json()["outcome"] == "Beratung erfolgt"
    again = send(
        cm, f"{base}/{referral_id}/status", {"status": "accepted", "on": today().isoformat()}
    )
    assert again.status_code == 422
    assert fields(again) == {"status"}
    no_note = send(cm, f"{base}/{referral_id}/reopen", {"on": today().isoformat(), "note": " "})
    assert no_note.status_code == 422
    assert fields(no_note) == {"note"}
    reopened = send(
        cm, f"{base}/{referral_id}/reopen", {"on": today().isoformat(), "note": "Neue Frage"}
    )
    assert reopened.status_code == 200
    detail = cm.get(f"{base}/{referral_id}").json()
    assert [e["status"] for e in detail["events"]] == ["sent", "completed", "sent"]
    assert detail["events"][-1]["reopened"] is True
    assert [r["id"] for r in cm.get(base).json()["items"]] == [referral_id]
    logged = AuditEntry.objects.filter(
        action="read", object_type="cases.referral", object_id=str(referral_id)
    )
    assert logged.exists()
    assert all("Neue Frage" not in entry.purpose for entry in logged)


def test_referral_input_errors_name_the_field(api):
    client = started_case()
    cm = api("cm.luenen")
    base = f"/api/v1/clients/{client.pk}/referrals"
    unknown = send(cm, base, {"service": "mars", "referred_on": today().isoformat(), "reason": "x"})
    assert fields(unknown) == {"service"}
    bad_goal = send(
        cm,
        base,
        {"service": "mbe", "referred_on": today().isoformat(), "reason": "x", "goal_id": 99},
    )
    assert bad_goal.status_code == 422
    assert fields(bad_goal) == {"goal_id"}
    garbage = send(cm, base, {"service": "mbe", "referred_on": "gestern", "reason": "x"})
    assert garbage.status_code == 422
    assert fields(garbage) == {"referred_on"}


# --- Conferences and re-assessments ---------------------------------------------------------


def test_a_conference_with_agreements_adds_goals_to_the_plan(api):
    client, plan = planned_case()
    cm = api("cm.luenen")
    base = f"/api/v1/clients/{client.pk}/conferences"
    response = send(
        cm,
        base,
        {
            "held_on": today().isoformat(),
            "agenda": "Arbeitsaufnahme",
            "participants": [
                {"name": "Frau Jansen", "body": "Jobcenter Kreis Unna", "legal_domain": "sgb2"}
            ],
            "agreements": [{"life_area": "work", "text": "Bewerbungstraining"}],
        },
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["participants"][0]["legal_domain"] == "sgb2"
    goal_id = data["agreements"][0]["goal_id"]
    assert PlanGoal.objects.get(pk=goal_id).plan_id == plan.pk
    listed = cm.get(base).json()
    assert [c["agenda"] for c in listed["items"]] == ["Arbeitsaufnahme"]


def test_a_conference_needs_an_external_body(api):
    client, _ = planned_case()
    response = send(
        api("cm.luenen"),
        f"/api/v1/clients/{client.pk}/conferences",
        {
            "held_on": today().isoformat(),
            "agenda": "Arbeitsaufnahme",
            "participants": [{"name": "Herr Kaya", "body": "Lotse", "external": False}],
        },
    )
    assert response.status_code == 422
    assert fields(response) == {"participants"}
    wrong = send(
        api("cm.luenen"),
        f"/api/v1/clients/{client.pk}/conferences",
        {"held_on": today().isoformat(), "agenda": "x", "participants": "Frau Jansen"},
    )
    assert wrong.status_code == 422
    assert "participants" in fields(wrong)


def test_a_reassessment_is_recorded_and_listed(api):
    client = started_case()
    cm = api("cm.luenen")
    base = f"/api/v1/clients/{client.pk}/reassessments"
    body = {
        "held_on": today().isoformat(),
        "note": "Kurs läuft",
        "ratings": [{"life_area": "language", "at_start": 1, "now": 3}],
    }
    created = send(cm, base, body)
    assert created.status_code == 201, created.json()
    assert created.json()["ratings"] == [{"life_area": "language", "at_start": 1, "now": 3}]
    assert cm.get(base).json()["items"][0]["note"] == "Kurs läuft"
    out_of_range = send(
        cm, base, {**body, "ratings": [{"life_area": "work", "at_start": 9, "now": 1}]}
    )
    assert out_of_range.status_code == 422
    assert fields(out_of_range) == {"at_start"}
    twice = send(cm, base, {**body, "ratings": body["ratings"] * 2})
    assert fields(twice) == {"ratings"}
    future = send(cm, base, {**body, "held_on": (today() + timedelta(days=1)).isoformat()})
    assert fields(future) == {"held_on"}
