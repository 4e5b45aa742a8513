"""/zuwendungen/rechner/: the calculator for people, German, step by step, input kept on errors."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = "/zuwendungen/rechner/"


def test_the_calculator_lives_at_its_german_address():
    assert reverse("funding:calculator") == URL


@pytest.mark.parametrize(
    ("username", "listed"),
    [
        ("grants.unna", True),
        ("authority.arnsberg", True),
        ("auditor", True),
        ("cm.luenen", False),
        ("coord.unna", False),
    ],
)
def test_navigation_lists_it_for_the_grant_roles(login, username, listed):
    body = login(username).get(reverse("home:start")).content.decode()
    assert (f'href="{URL}"' in body) is listed


def test_kim_example_shows_every_step(login):
    # KIM §6: 57,000 × 0.5 × 184/365 = 14,367.12
    response = login("grants.unna").post(
        URL, {"programme": "kim-nrw-bs2", "fte": "0,5", "start": "2023-07-01", "end": "2023-12-31"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Zuwendung: 14.367,12 EUR" in body
    assert "57.000,00 EUR × 0,5 VZÄ × 184/365 Tage = 14.367,12 EUR" in body
    assert "Zeitraum 01.07.2023 bis 31.12.2023: 184 Tage." in body


def test_a_refused_rule_keeps_the_input_and_names_the_rule(login):
    # BW 5.5: under 0.25 FTE is not fundable.
    response = login("grants.unna").post(
        URL,
        {
            "programme": "bw-im-2023-transition",
            "fte": "0,2",
            "start": "2024-01-01",
            "end": "2024-12-31",
            "qualification_level": "1",
            "costs": "9.999,99",
        },
    )
    body = response.content.decode()
    assert "nicht zuwendungsfähig (BW 5.5)" in body
    assert 'value="0,2"' in body and 'value="9.999,99"' in body
    assert re.search(r'<option value="1" selected>', body)
    assert 'aria-invalid="true"' in body
    assert "Zuwendung:" not in body


def test_missing_qualification_level_is_asked_for(login):
    # BW 9.1.4: the rate depends on the qualification.
    body = (
        login("grants.unna")
        .post(
            URL,
            {
                "programme": "bw-im-2023-transition",
                "fte": "1",
                "start": "2024-01-01",
                "end": "2024-12-31",
            },
        )
        .content.decode()
    )
    assert "Bitte die Qualifikationsstufe angeben" in body


def test_garbled_numbers_are_explained(login):
    body = (
        login("grants.unna")
        .post(
            URL,
            {"programme": "kim-nrw-bs2", "fte": "halb", "start": "2023-07-01", "end": "2023-06-01"},
        )
        .content.decode()
    )
    assert "keine Zahl" in body
    assert "Das Ende liegt vor dem Beginn." in body


def test_fare_loss_page(login):
    # FGA 1: 1,234,567.89 × 2.56 %
    body = (
        login("authority.arnsberg")
        .post(reverse("funding:fare_loss"), {"year": "2021", "revenue": "1.234.567,89"})
        .content.decode()
    )
    assert "Erstattung: 31.604,94 EUR" in body
    assert "1.234.567,89 EUR × 2,56 % = 31.604,94 EUR" in body
    refused = (
        login("authority.arnsberg")
        .post(reverse("funding:fare_loss"), {"year": "2023", "revenue": "1000"})
        .content.decode()
    )
    assert "kein Erstattungssatz" in refused and 'value="2023"' in refused


def test_planning_frame_page_marks_the_raised_counties(login):
    # BW 5.3: B is raised to 180,000; A and C share 820,000 as 10 : 30.
    body = (
        login("grants.unna")
        .post(
            reverse("funding:planning_frame"),
            {
                "budget": "1.000.000,00",
                "minimum": "180.000,00",
                "quotas": "A; 10; 10; 10\nB\t1\t2\t1\nC; 30; 31; 29\n",
            },
        )
        .content.decode()
    )
    assert "205.000,00 EUR" in body and "615.000,00 EUR" in body
    assert "auf den Mindestbetrag angehoben" in body
    assert "1.000.000,00 EUR" in body


def test_planning_frame_errors_name_the_line(login):
    body = (
        login("grants.unna")
        .post(
            reverse("funding:planning_frame"),
            {"budget": "100.000,00", "minimum": "180.000,00", "quotas": "A; 1; 1; 1\nB; 1; 1"},
        )
        .content.decode()
    )
    assert "Zeile 2" in body
    infeasible = (
        login("grants.unna")
        .post(
            reverse("funding:planning_frame"),
            {"budget": "100.000,00", "minimum": "180.000,00", "quotas": "A; 1; 1; 1"},
        )
        .content.decode()
    )
    assert "reicht nicht für die Mindestbeträge" in infeasible


@pytest.mark.parametrize(
    "name", ["funding:calculator", "funding:fare_loss", "funding:planning_frame"]
)
def test_pages_need_no_inline_script_or_style(login, name):
    # Strict CSP: script-src 'self' with nonce, style-src 'self'.
    body = login("grants.unna").get(reverse(name)).content.decode()
    assert "style=" not in body
    assert "<script>" not in body and "onclick" not in body
