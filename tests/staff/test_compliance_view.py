"""The compliance view: every rule with its source, filters, xlsx export, scoping,
and a number of queries that does not grow with the number of people."""

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from lotse.core import clock
from lotse.demo.staff import load_staff
from lotse.staff.models import Employee
from lotse.staff.selectors import ALL_RULES
from tests.staff.world import staff_objects

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_staff(db):
    load_staff()


def test_every_rule_is_shown_with_its_source(login, demo_staff):
    body = login("coord.remsmurr").get("/personal/").content.decode()
    for rule in ALL_RULES:
        assert rule.title in body
        assert rule.source in body
    # One violator per rule (issue 4 item 11), with the finding's text.
    assert "Emil Wagner" in body and "Beginn überfällig" in body
    assert "BW 4.1.1.4" in body and "Yusuf Demir" in body
    assert "Lücke" in body


def test_filter_by_rule_and_state(login, demo_staff):
    body = (
        login("coord.remsmurr").get("/personal/?rule=background&state=violation").content.decode()
    )
    assert "Jonas Richter" in body
    assert "Sofia Hoffmann" not in body


def test_export_is_an_xlsx_with_one_row_per_person(login, demo_staff):
    response = login("grants.remsmurr").get(
        "/personal/export.xlsx?rule=equivalence&state=violation"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content))
    rows = list(book["Personen"].iter_rows(values_only=True))
    assert "(BW 4.1.1.4)" in " ".join(str(c) for c in rows[0])
    assert [row[1] for row in rows[1:]] == ["Yusuf Demir"]


def test_county_office_does_not_see_a_town_with_its_own_office_kim_4_3(login, demo_staff):
    body = login("coord.unna").get("/personal/").content.decode()
    assert "Nina Hartmann" in body  # Bergkamen
    assert "Aylin Kaya" not in body  # Lünen coordinates itself
    assert "Aylin Kaya" in login("grants.unna").get("/personal/").content.decode()
    assert "Aylin Kaya" in login("coord.luenen").get("/personal/").content.decode()


def test_other_region_is_invisible(login, demo_staff):
    body = login("coord.unna").get("/personal/").content.decode()
    assert "Yusuf Demir" not in body
    yusuf = Employee.objects.get(last_name="Demir")
    assert login("coord.unna").get(f"/personal/personen/{yusuf.pk}/").status_code == 404


def test_query_count_is_constant_in_the_number_of_people(login, org):
    client = login("coord.remsmurr")
    client.get("/personal/")  # warm caches (sessions, content types)
    for index in range(3):
        staff_objects(org("Backnang"), last_name=f"A{index}")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/personal/").status_code == 200
    for index in range(12):
        staff_objects(org("Fellbach"), last_name=f"B{index}")
    with CaptureQueriesContext(connection) as many:
        assert client.get("/personal/").status_code == 200
    assert len(many) == len(few), [q["sql"][:80] for q in many.captured_queries]
    assert len(few) <= 25


def test_person_page_shows_timeline_and_deadlines(login, demo_staff):
    emil = Employee.objects.get(last_name="Wagner")
    body = login("coord.remsmurr").get(f"/personal/personen/{emil.pk}/").content.decode()
    assert "Zeitstrahl" in body
    assert "Frist: Beginn der Nachqualifizierung" in body
    assert "Stufe 2" in body


def test_start_page_lists_due_and_overdue_staff_deadlines(login, demo_staff):
    body = login("coord.remsmurr").get("/").content.decode()
    assert "Überfällig: Nachqualifizierung: Beginn überfällig" in body
    assert "Überfällig: Prüfung nach BW 4.3 fehlt" in body
    assert "Überfällig: Lücke in der Beschäftigung (BW 3.4)" in body
    assert "Überfällig: Jährliche Fortbildung fehlt" in body
    # Case managers hold no staff area.
    assert "Prüfung nach BW 4.3" not in login("cm.backnang").get("/").content.decode()


def test_creating_a_period_through_the_page_reports_the_rule(login, org):
    objects = staff_objects(org("Bergkamen"))
    response = login("coord.unna").post(
        f"/personal/personen/{objects.employee.pk}/beschaeftigung/",
        {
            "employee": objects.employee.pk,
            "position": "IM-TEST",
            "start": "2024-06-01",
            "fte": "0,5",
        },
    )
    assert response.status_code == 200
    assert "bereits besetzt" in response.content.decode()


def test_old_year_can_be_selected(login, demo_staff):
    body = login("coord.remsmurr").get(f"/personal/?year={clock.today().year - 1}").content.decode()
    assert str(clock.today().year - 1) in body
