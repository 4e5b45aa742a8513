"""GET /api/v1/indicators (issue 6 item 7): suppressed figures the caller may see."""

import pytest
from django.test import Client
from django.urls import reverse

from lotse.accounts import services as account_services
from lotse.accounts.models import User
from tests.indicators.data import YEAR, build

URL = reverse("api:indicators")


def call(username: str, **params):
    user = User.objects.get(username=username)
    _token, secret = account_services.api_token_issue(user=user)
    return Client().get(URL, params, headers={"Authorization": f"Bearer {secret}"})


@pytest.fixture
def town(db):
    return build().town


def test_coordination_gets_suppressed_figures_with_ids_names_and_breakdowns(town):
    # SPEC §5: outside the municipality only suppressed aggregates.
    response = call("coord.unna", year=YEAR, unit=town.pk)
    assert response.status_code == 200
    data = response.json()
    (report,) = data["units"]
    assert report["unit"] == {"id": town.pk, "name": "Bergkamen", "kind": "municipality"}
    assert report["suppressed"] is True
    assert report["reference_date"] == f"{YEAR}-12-31"
    persons = next(i for i in report["indicators"] if i["id"] == "persons.counselled")
    assert persons["name"] == "Beratene Personen (neu und fortlaufend)"
    assert persons["breakdowns"] == ["status"]
    assert persons["cells"][0] == {
        "value": None,
        "display": "<5",
        "suppressed": True,
        "reason": "primary",
    }


def test_case_manager_gets_the_own_town_unsuppressed(town):
    response = call("cm.bergkamen", year=YEAR)
    (report,) = response.json()["units"]
    assert report["suppressed"] is False
    persons = next(i for i in report["indicators"] if i["id"] == "persons.counselled")
    assert [cell["value"] for cell in persons["cells"]] == [2, 2]


def test_default_unit_is_the_callers_own_node(db):
    (report,) = call("coord.unna", year=YEAR).json()["units"]
    assert report["unit"]["name"] == "Kreis Unna"


@pytest.mark.parametrize(
    ("username", "unit"),
    [
        ("coord.unna", "Backnang"),  # another state
        ("coord.unna", "Lünen"),  # KIM §4(3): Lünen coordinates itself
        ("cm.bergkamen", "Kreis Unna"),  # above the own town
    ],
)
def test_a_foreign_unit_answers_404(db, username, unit):
    from lotse.organisations.models import Organisation

    response = call(username, year=YEAR, unit=Organisation.objects.get(name=unit).pk)
    assert response.status_code == 404


@pytest.mark.parametrize("year", ["1850", "3000"])
def test_a_year_out_of_range_is_422_naming_the_field(db, year):
    response = call("coord.unna", year=year)
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["field"] == "year"
    assert "Berichtsjahr" in error["msg"]


def test_a_year_that_is_not_a_number_is_422_naming_the_field(db):
    response = call("coord.unna", year="zwanzig")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "year"


def test_a_missing_year_is_422_naming_the_field(db):
    response = call("coord.unna")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "year"


def test_roles_without_aggregates_are_refused(db):
    assert call("dpo", year=YEAR).status_code == 403
    assert call("auditor", year=YEAR).status_code == 403
