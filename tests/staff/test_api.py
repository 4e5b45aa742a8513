"""Staff API: scoped like the pages; refusals answer 422 with the rule named."""

import pytest
from django.test import Client

from lotse.accounts import services as account_services
from lotse.accounts.models import User
from lotse.core import clock
from lotse.demo.staff import load_staff
from lotse.staff.models import Employee

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(demo_mode):
    def client_for(username: str):
        token = account_services.api_token_issue(user=User.objects.get(username=username))[1]
        client = Client(headers={"Authorization": f"Bearer {token}"})
        return client

    load_staff()
    return client_for


def _names(response):
    ids = [row["id"] for row in response.json()["items"]]
    return set(Employee.objects.filter(id__in=ids).values_list("last_name", flat=True))


def test_county_sees_its_own_and_its_sub_recipients_staff(api):
    names = _names(api("grants.remsmurr").get("/api/v1/staff/employees?limit=100"))
    assert {"Vogel", "Hoffmann", "Demir", "Lorenz"} <= names
    assert "Hartmann" not in names


def test_municipality_sees_its_own_only(api):
    names = _names(api("coord.luenen").get("/api/v1/staff/employees?limit=100"))
    assert names == {"Kaya", "Petersen"}


def test_compliance_names_each_rule_and_source(api):
    data = api("coord.remsmurr").get("/api/v1/staff/compliance").json()
    assert data["year"] == clock.today().year
    statuses = {(s["rule"], s["state"]) for p in data["people"] for s in p["statuses"]}
    assert ("supplementary", "violation") in statuses
    assert ("background", "violation") in statuses
    assert any(
        r["coverage"]["source"] == "BW 3.4" and r["gap_days"] > 0 for r in data["recipients"]
    )


def test_refused_employment_answers_422_with_the_rule(api):
    sofia = Employee.objects.get(last_name="Hoffmann")
    response = api("coord.remsmurr").post(
        "/api/v1/staff/employments",
        {"employee_id": sofia.pk, "position": "IM-BK-1", "start": "2025-01-01", "fte": 0.5},
        content_type="application/json",
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert {d["code"] for d in detail} >= {"position_overlap"}


def test_grants_officer_cannot_write(api):
    response = api("grants.remsmurr").post(
        "/api/v1/staff/employments",
        {"position": "X", "start": "2025-01-01", "fte": 0.5},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_foreign_employee_is_not_found(api):
    yusuf = Employee.objects.get(last_name="Demir")
    assert api("coord.unna").get(f"/api/v1/staff/employees/{yusuf.pk}").status_code == 404
