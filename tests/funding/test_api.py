"""POST /api/v1/funding/… and GET /api/v1/funding/programmes (issue 5, SPEC §4.1)."""

import json
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
PASSWORD = "Lotse-Demo-2026!"
TWO_DECIMALS = re.compile(r"^\d+\.\d{2}$")


@pytest.fixture
def api(demo_mode):
    client = Client()
    token = client.post(
        "/api/v1/auth/token",
        {"username": "grants.unna", "password": PASSWORD},
        content_type="application/json",
    ).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}

    def call(path, body=None, raw=None):
        if body is None and raw is None:
            return client.get(f"/api/v1/funding/{path}", headers=headers)
        return client.post(
            f"/api/v1/funding/{path}",
            raw if raw is not None else json.dumps(body),
            content_type="application/json",
            headers=headers,
        )

    return call


def calc(api, **body):
    return api("calculate", {"programme": "kim-nrw-bs2", "fte": "0.5", **body})


def test_spec_kim_example(api):
    # KIM §6: 57,000 × 0.5 × 184/365 = 14,367.12
    response = calc(api, start="2023-07-01", end="2023-12-31")
    assert response.status_code == 200
    body = response.json()
    assert body["amount"] == "14367.12"
    assert body["days"] == 184
    assert "57.000,00 EUR × 0,5 VZÄ × 184/365 Tage = 14.367,12 EUR" in body["explanation"]


@pytest.mark.parametrize(
    ("body", "amount", "days"),
    [
        # BW 9.1.4 a: 60,000 × 1.0 × 366/366
        (
            {
                "programme": "bw-im-2023-transition",
                "fte": "1",
                "start": "2024-01-01",
                "end": "2024-12-31",
                "qualification_level": 1,
            },
            "60000.00",
            366,
        ),
        # BW 9.1.4 b: 47,000 × 0.5 × 275/365 = 17,705.48
        (
            {
                "programme": "bw-im-2023-transition",
                "fte": "0,5",
                "start": "2023-04-01",
                "end": "2023-12-31",
                "qualification_level": "3",
            },
            "17705.48",
            275,
        ),
        # BW 9.1.8: 64,000 × 0.8 × 365/365
        (
            {
                "programme": "bw-im-2017-original",
                "fte": "0.8",
                "start": "2023-01-01",
                "end": "2023-12-31",
                "qualification_level": "1",
            },
            "51200.00",
            365,
        ),
        # BW 5.6: 40,000 × 306/366 – not × FTE
        (
            {
                "programme": "bw-im-2023-coordination",
                "fte": "0.5",
                "start": "2024-03-01",
                "end": "2024-12-31",
            },
            "33442.62",
            306,
        ),
        # BW 5.6: never above the actual costs
        (
            {
                "programme": "bw-im-2023-coordination",
                "fte": "1",
                "start": "2024-03-01",
                "end": "2024-12-31",
                "costs": "30000.00",
            },
            "30000.00",
            306,
        ),
        # KIM §6 in a leap year: 57,000 × 0.5 × 184/366
        (
            {"programme": "kim-nrw-bs1", "fte": "0.5", "start": "2024-07-01", "end": "2024-12-31"},
            "14327.87",
            184,
        ),
        # KIM §6 across the year end: 9,135.6164… + 10,629.0984… = 19,764.71
        (
            {"programme": "kim-nrw-bs2", "fte": "0.75", "start": "2023-10-15", "end": "2024-03-31"},
            "19764.71",
            169,
        ),
    ],
)
def test_calculations(api, body, amount, days):
    response = api("calculate", body)
    assert response.status_code == 200, response.json()
    assert response.json()["amount"] == amount
    assert response.json()["days"] == days


def test_json_numbers_are_read_exactly(api):
    # SPEC §4.1: no float on the way – 0.3 FTE stays 0.3, 1234567.89 stays exact.
    response = api(
        "calculate",
        raw='{"programme": "kim-nrw-bs2", "fte": 0.3, "start": "2023-01-01", "end": "2023-12-31"}',
    )
    assert response.json()["amount"] == "17100.00"
    fare = api("fare-loss", raw='{"year": 2021, "revenue": 1234567.89}')
    assert fare.json()["amount"] == "31604.94"


def test_fare_loss(api):
    # FGA 1: 1,234,567.89 × 2.56 %
    response = api("fare-loss", {"year": 2021, "revenue": "1234567.89"})
    assert response.status_code == 200
    assert response.json() | {"explanation": None} == {
        "year": 2021,
        "revenue": "1234567.89",
        "percent": "2.56",
        "amount": "31604.94",
        "explanation": None,
    }


def test_planning_frame(api):
    # BW 5.3: averages 10, 4/3, 30; B raised to 180,000; 820,000 shared 10 : 30.
    response = api(
        "planning-frame",
        {
            "budget": "1000000",
            "minimum": "180000",
            "quotas": {"A": ["10", "10", "10"], "B": [1, 2, 1], "C": ["30", "31", "29"]},
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["allocations"] == {"A": "205000.00", "B": "180000.00", "C": "615000.00"}
    assert body["raised_to_minimum"] == ["B"]
    assert body["total"] == "1000000.00"


def test_planning_frame_minimum_defaults_to_the_programme(api):
    # BW 5.3: 180,000 EUR unless another minimum is given.
    body = api(
        "planning-frame",
        {"budget": "540000.00", "quotas": {"A": [1, 1, 1], "B": [2, 2, 2], "C": [9, 9, 9]}},
    ).json()
    assert body["minimum"] == "180000.00"
    assert set(body["allocations"].values()) == {"180000.00"}


def test_interest(api):
    # § 49a VwVfG with the stored base rates: 851.76 (see test_interest.py)
    response = api("interest", {"principal": "10000", "start": "2024-01-01", "end": "2024-12-31"})
    assert response.json()["amount"] == "851.76"


def test_programme_list(api):
    response = api("programmes")
    assert response.status_code == 200
    programmes = {p["id"]: p for p in response.json()}
    assert "kim-nrw-bs2" in programmes and "fga" in programmes
    bw = programmes["bw-im-2023-transition"]
    assert bw["valid_from"] == "2023-01-01" and bw["valid_to"] == "2024-12-31"
    assert "BW 9.1.4" in bw["citations"]
    assert bw["needs_qualification_level"] is True
    assert programmes["kim-nrw-bs2"]["needs_qualification_level"] is False


def test_amounts_always_have_two_decimals(api):
    body = calc(api, fte="1", start="2023-01-01", end="2023-12-31").json()
    assert body["amount"] == "57000.00"
    for value in (
        api("planning-frame", {"budget": "1000000", "quotas": {"A": [1, 1, 1], "B": [1, 1, 2]}})
        .json()["allocations"]
        .values()
    ):
        assert TWO_DECIMALS.match(value)


@pytest.mark.parametrize(
    ("path", "body", "field", "words"),
    [
        (
            "calculate",
            {"programme": "kim-nrw-bs9", "fte": "0.5", "start": "2023-01-01", "end": "2023-12-31"},
            "programme",
            "Unbekanntes Förderprogramm",
        ),
        (
            "calculate",
            {"programme": "kim-nrw-bs2", "fte": "0.5", "start": "2023-07-01", "end": "2023-06-30"},
            "end",
            "vor dem Beginn",
        ),
        (
            "calculate",
            {"programme": "kim-nrw-bs2", "fte": "0", "start": "2023-01-01", "end": "2023-12-31"},
            "fte",
            "größer als 0",
        ),
        (
            "calculate",
            {"programme": "kim-nrw-bs2", "fte": "-1", "start": "2023-01-01", "end": "2023-12-31"},
            "fte",
            "größer als 0",
        ),
        (
            "calculate",
            {"programme": "kim-nrw-bs2", "fte": "1.2", "start": "2023-01-01", "end": "2023-12-31"},
            "fte",
            "höchstens 1,0 VZÄ",
        ),
        (
            "calculate",
            {
                "programme": "bw-im-2023-transition",
                "fte": "0.2",
                "start": "2023-01-01",
                "end": "2023-12-31",
                "qualification_level": 1,
            },
            "fte",
            "BW 5.5",
        ),
        (
            "calculate",
            {
                "programme": "bw-im-2023-transition",
                "fte": "0.5",
                "start": "2023-01-01",
                "end": "2023-12-31",
            },
            "qualification_level",
            "BW 9.1.4",
        ),
        (
            "calculate",
            {
                "programme": "bw-im-2023-transition",
                "fte": "0.5",
                "start": "2023-01-01",
                "end": "2023-12-31",
                "qualification_level": 9,
            },
            "qualification_level",
            "1, 2, 3, 4b, 4c",
        ),
        (
            "calculate",
            {
                "programme": "bw-im-2023-transition",
                "fte": "0.5",
                "start": "2023-01-01",
                "end": "2023-12-31",
                "qualification_level": 1,
                "minijob": True,
            },
            "minijob",
            "BW 5.5",
        ),
        (
            "calculate",
            {"programme": "kim-nrw-bs2", "fte": "0.5", "start": "2023-02-30", "end": "2023-12-31"},
            "start",
            "Kalender",
        ),
        (
            "calculate",
            {
                "programme": "kim-nrw-bs2",
                "fte": "ein halb",
                "start": "2023-01-01",
                "end": "2023-12-31",
            },
            "fte",
            "keine Zahl",
        ),
        (
            "calculate",
            {"programme": "kim-nrw-bs2", "start": "2023-01-01", "end": "2023-12-31"},
            "fte",
            "fehlt",
        ),
        (
            "calculate",
            {
                "programme": "kim-nrw-bs2",
                "fte": "0.5",
                "start": "2023-01-01",
                "end": "2023-12-31",
                "costs": "1.234",
            },
            "costs",
            "Nachkommastellen",
        ),
        ("fare-loss", {"year": 2023, "revenue": "1000.00"}, "year", "FGA 1"),
        ("fare-loss", {"year": "zwanzig", "revenue": "1000.00"}, "year", "Jahr"),
        ("fare-loss", {"year": 2021, "revenue": "-5"}, "revenue", "negativ"),
        (
            "planning-frame",
            {"budget": "1000000", "quotas": {c: [1, 1, 1] for c in "ABCDEF"}},
            "budget",
            "BW 5.3",
        ),
        ("planning-frame", {"budget": "1000000", "quotas": {"A": [1, 1]}}, "quotas", "drei"),
        ("planning-frame", {"budget": "1000000", "quotas": ["A"]}, "quotas", "Objekt"),
        (
            "interest",
            {"principal": "1000", "start": "2010-01-01", "end": "2010-12-31"},
            "start",
            "Basiszinssatz",
        ),
    ],
)
def test_bad_input_is_a_422_naming_field_and_rule(api, path, body, field, words):
    response = api(path, body)
    assert response.status_code == 422, response.json()
    detail = response.json()["detail"]
    assert detail[0]["field"] == field
    assert words in detail[0]["msg"]


@pytest.mark.parametrize("raw", ['{"fte": NaN}', '{"fte": Infinity}', "{nope", '"text"', "[]"])
def test_malformed_json_is_a_4xx(api, raw):
    response = api("calculate", raw=raw)
    assert 400 <= response.status_code < 500


def test_openapi_documents_the_endpoints_and_required_fields():
    schema = Client().get("/api/v1/openapi.json").json()
    for path in ("calculate", "fare-loss", "planning-frame", "programmes", "interest"):
        assert f"/api/v1/funding/{path}" in schema["paths"]
    assert set(schema["components"]["schemas"]["CalculateIn"]["required"]) == {
        "programme",
        "fte",
        "start",
        "end",
    }
