"""Case API (issue 3 item 16): scoped like the pages, the same rules through the same
services, every read of a client logged, bad input answered 4xx naming the field."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext

from lotse.accounts import services as account_services
from lotse.accounts.models import User
from lotse.cases.models import Client, Consultation
from lotse.core import clock
from lotse.kernel.dates import add_years
from lotse.privacy.models import AuditEntry
from tests.cases.factories import give_consent, make_client, person, running_case, town
from tests.cases.test_encryption import raw

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(demo_mode):
    def client_for(username: str) -> HttpClient:
        token = account_services.api_token_issue(user=User.objects.get(username=username))[1]
        return HttpClient(headers={"Authorization": f"Bearer {token}"})

    return client_for


def post(client: HttpClient, url: str, body: dict, method: str = "post"):
    return getattr(client, method)(url, body, content_type="application/json")


def today():
    return clock.today()


def fields(response) -> set[str]:
    return {error["field"] for error in response.json()["detail"]}


def messages(response) -> str:
    return " ".join(error["msg"] for error in response.json()["detail"])


# --- Scope ----------------------------------------------------------------------------------


def test_a_case_manager_lists_their_towns_cases_only(api):
    own = running_case(start=today() - timedelta(days=30))
    other = running_case(start=today() - timedelta(days=30), where="Bergkamen", by="cm.bergkamen")
    data = api("cm.luenen").get("/api/v1/clients").json()
    ids = {row["id"] for row in data["items"]}
    assert own.pk in ids
    assert other.pk not in ids
    assert data["count"] == len(ids)
    row = next(r for r in data["items"] if r["id"] == own.pk)
    assert row["status"] == "running"
    assert row["period_end"] == add_years(today() - timedelta(days=30), 3).isoformat()


def test_the_list_is_paginated_like_the_other_lists(api):
    for _ in range(3):
        make_client(today=today())
    data = api("cm.luenen").get("/api/v1/clients?limit=2&offset=1").json()
    assert data["count"] >= 3
    assert len(data["items"]) == 2


@pytest.mark.parametrize(
    "username", ["coord.unna", "grants.unna", "authority.arnsberg", "auditor", "dpo"]
)
def test_roles_without_case_access_get_403(api, username):
    client = make_client(today=today())
    assert api(username).get("/api/v1/clients").status_code == 403
    assert api(username).get(f"/api/v1/clients/{client.pk}").status_code == 403


def test_a_foreign_case_is_not_found(api):
    backnang = running_case(start=today(), where="Backnang", by="cm.backnang")
    bergkamen = make_client(where="Bergkamen", by="cm.bergkamen", today=today())
    luenen = api("cm.luenen")
    assert luenen.get(f"/api/v1/clients/{backnang.pk}").status_code == 404
    assert luenen.get(f"/api/v1/clients/{bergkamen.pk}").status_code == 404
    assert luenen.get(f"/api/v1/clients/{backnang.pk}/consultations").status_code == 404
    assert luenen.get("/api/v1/clients/99999999999999999999999").status_code == 404
    answer = post(luenen, f"/api/v1/clients/{backnang.pk}/closure", {"reason": "sonstiges"})
    assert answer.status_code in (404, 422)
    assert not backnang.closures.exists()


def test_the_team_lead_sees_the_team(api):
    client = make_client(today=today())
    assert api("lead.luenen").get(f"/api/v1/clients/{client.pk}").status_code == 200


# --- Reading: decrypted for those who may read, and logged ------------------------------------


def test_detail_decrypts_and_every_read_is_logged(api):
    client = running_case(start=today() - timedelta(days=10))
    give_consent(client, on=today() - timedelta(days=10), codes=("beratung", "gesundheit"))
    cm = api("cm.luenen")
    version = cm.get(f"/api/v1/clients/{client.pk}").json()["version"]
    response = post(
        cm,
        f"/api/v1/clients/{client.pk}",
        {"version": version, "health": "Diabetes Typ 2", "given_names_latin": "Amina"},
        "patch",
    )
    assert response.status_code == 200, response.json()
    before = AuditEntry.objects.filter(object_type="cases.client", object_id=str(client.pk))
    count = before.count()
    data = cm.get(f"/api/v1/clients/{client.pk}").json()
    assert data["health"] == "Diabetes Typ 2"
    assert "Diabetes" not in raw("cases_client", "health", client.pk)
    entry = before.order_by("-id").first()
    assert before.count() == count + 1
    assert entry.action == "read"
    assert entry.actor_id == person("cm.luenen").pk
    cm.get(f"/api/v1/clients/{client.pk}/consultations")
    cm.get(f"/api/v1/clients/{client.pk}/consents")
    assert before.count() == count + 3
    searches = AuditEntry.objects.filter(action="search", object_type="cases.client").count()
    cm.get("/api/v1/clients")
    assert AuditEntry.objects.filter(action="search", object_type="cases.client").count() == (
        searches + 1
    )


def test_consultation_notes_come_back_decrypted(api):
    client = running_case(start=today() - timedelta(days=5))
    cm = api("cm.luenen")
    created = post(
        cm,
        f"/api/v1/clients/{client.pk}/consultations",
        {
            "held_on": today().isoformat(),
            "duration_minutes": 30,
            "channel": "phone",
            "topics": ["arbeit"],
            "notes": "Bewerbung bei der Spedition",
        },
    )
    assert created.status_code == 201, created.json()
    assert created.json()["is_initial"] is False
    stored = Consultation.objects.get(pk=created.json()["id"])
    assert "Spedition" not in raw("cases_consultation", "notes", stored.pk)
    rows = cm.get(f"/api/v1/clients/{client.pk}/consultations").json()["items"]
    assert rows[-1]["notes"] == "Bewerbung bei der Spedition"
    assert rows[-1]["topics"] == ["arbeit"]
    detail = cm.get(f"/api/v1/clients/{client.pk}").json()
    # BW 4.1.4 f: the second consultation makes the plan due.
    assert detail["plan_due"] is True
    assert "plan_missing" in {item["kind"] for item in detail["worklist"]}


# --- Writing: the pages' rules -----------------------------------------------------------------


def test_create_a_stub(api):
    luenen = town("Lünen")
    response = post(
        api("cm.luenen"),
        "/api/v1/clients",
        {"organisation_id": luenen.pk, "initials": "mk", "birth_year": 1995},
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["initials"] == "MK"
    assert data["status"] == "new"
    assert data["municipality_id"] == luenen.pk
    assert "consent_missing" in {item["kind"] for item in data["worklist"]}


def test_create_in_a_foreign_or_unknown_organisation_names_the_field(api):
    cm = api("cm.luenen")
    for organisation_id in (town("Backnang").pk, town("Bergkamen").pk, 987654321):
        response = post(
            cm,
            "/api/v1/clients",
            {"organisation_id": organisation_id, "initials": "AK", "birth_year": 1990},
        )
        assert response.status_code == 422
        assert fields(response) == {"organisation_id"}
    assert not Client.objects.filter(organisation__name="Backnang").exists()


def test_an_association_names_the_town_of_residence(api):
    verbund = town("Verbund Schwäbischer Wald")
    welzheim = api("cm.welzheim")
    without = post(
        welzheim,
        "/api/v1/clients",
        {"organisation_id": verbund.pk, "initials": "AK", "birth_year": 1990},
    )
    assert without.status_code == 422
    assert fields(without) == {"municipality_id"}
    response = post(
        welzheim,
        "/api/v1/clients",
        {
            "organisation_id": verbund.pk,
            "municipality_id": town("Kaisersbach").pk,
            "initials": "AK",
            "birth_year": 1990,
        },
    )
    assert response.status_code == 201, response.json()


def test_personal_data_needs_consent(api):
    # BW 4.1.4 f: before consent only the stub.
    client = make_client(today=today())
    response = post(
        api("cm.luenen"),
        f"/api/v1/clients/{client.pk}",
        {"version": client.version, "family_name_latin": "Karimi"},
        "patch",
    )
    assert response.status_code == 422
    assert "BW 4.1.4 f" in messages(response)
    client.refresh_from_db()
    assert client.family_name_latin == ""


def test_a_stale_version_answers_409_and_overwrites_nothing(api):
    client = running_case(start=today())
    first = post(
        api("cm.luenen"),
        f"/api/v1/clients/{client.pk}",
        {"version": 1, "family_name_latin": "Karimi"},
        "patch",
    )
    assert first.status_code == 200
    stale = post(
        api("lead.luenen"),
        f"/api/v1/clients/{client.pk}",
        {"version": 1, "family_name_latin": "Kareemi"},
        "patch",
    )
    assert stale.status_code == 409
    body = stale.json()
    assert fields(stale) == {"version"}
    assert "Nichts wurde überschrieben" in messages(stale)
    assert body["version"] == 2
    assert {"field": "Familienname (lateinische Schrift)", "value": "Karimi"} in body["changes"]
    client.refresh_from_db()
    assert client.family_name_latin == "Karimi"


def test_only_the_fields_sent_change(api):
    client = running_case(start=today())
    cm = api("cm.luenen")
    post(
        cm,
        f"/api/v1/clients/{client.pk}",
        {"version": 1, "family_name_latin": "Karimi", "residence_status": "aufenthg-24"},
        "patch",
    )
    response = post(
        cm, f"/api/v1/clients/{client.pk}", {"version": 2, "birth_date": "05.1990"}, "patch"
    )
    data = response.json()
    assert data["family_name_latin"] == "Karimi"
    assert data["residence_status"] == "aufenthg-24"
    assert data["birth_date"] == "1990-05"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"arrival_date": "2026-02-30"}, "arrival_date"),
        ({"arrival_date": "morgen"}, "arrival_date"),
        ({"birth_date": "31.02.1990"}, "birth_date"),
        ({"residence_status": "visum"}, "residence_status"),
        ({"gender": "x"}, "gender"),
        ({"email": "kein-at"}, "email"),
        ({"version": "eins"}, "version"),
        ({"family_name": "a" * 151}, "family_name"),
    ],
)
def test_bad_personal_data_names_the_field(api, body, field):
    client = running_case(start=today())
    response = post(
        api("cm.luenen"), f"/api/v1/clients/{client.pk}", {"version": 1, **body}, "patch"
    )
    assert response.status_code == 422
    assert field in fields(response)


def test_a_birth_date_in_the_future_is_refused(api):
    client = running_case(start=today())
    future = (today() + timedelta(days=400)).strftime("%d.%m.%Y")
    response = post(
        api("cm.luenen"),
        f"/api/v1/clients/{client.pk}",
        {"version": 1, "birth_date": future},
        "patch",
    )
    assert response.status_code == 422
    assert fields(response) == {"birth_date"}
    assert "Zukunft" in messages(response)


def test_consent_record_and_list(api):
    client = make_client(today=today())
    cm = api("cm.luenen")
    missing = post(
        cm,
        f"/api/v1/clients/{client.pk}/consents",
        {"purposes": ["kontakt"], "given_on": today().isoformat(), "explained_in": "Tigrinya"},
    )
    assert missing.status_code == 422
    assert fields(missing) == {"purposes"}
    unknown = post(
        cm,
        f"/api/v1/clients/{client.pk}/consents",
        {"purposes": ["werbung"], "given_on": today().isoformat(), "explained_in": "Tigrinya"},
    )
    assert fields(unknown) == {"purposes"}
    response = post(
        cm,
        f"/api/v1/clients/{client.pk}/consents",
        {
            "purposes": ["beratung", "kontakt"],
            "given_on": today().isoformat(),
            "explained_in": "Tigrinya",
        },
    )
    assert response.status_code == 201, response.json()
    rows = cm.get(f"/api/v1/clients/{client.pk}/consents").json()["items"]
    assert rows[0]["purposes"] == ["beratung", "kontakt"]
    assert rows[0]["signed_form"] is False


def test_withdrawal_restricts_the_case(api):
    client = running_case(start=today() - timedelta(days=3))
    consent = client.consents.get()
    cm = api("cm.luenen")
    response = post(
        cm,
        f"/api/v1/clients/{client.pk}/consents/{consent.pk}/withdrawal",
        {"withdrawn_on": today().isoformat()},
    )
    assert response.status_code == 200
    assert cm.get(f"/api/v1/clients/{client.pk}").json()["status"] == "restricted"
    refused = post(
        cm,
        f"/api/v1/clients/{client.pk}/consultations",
        {"held_on": today().isoformat(), "duration_minutes": 30, "channel": "phone"},
    )
    assert refused.status_code == 422
    assert "widerrufen" in messages(refused)


def test_no_consultation_after_the_period(api):
    # BW 4.1.5: at most three years after the initial consultation.
    start = add_years(today(), -3) - timedelta(days=10)
    client = running_case(start=start)
    response = post(
        api("cm.luenen"),
        f"/api/v1/clients/{client.pk}/consultations",
        {"held_on": today().isoformat(), "duration_minutes": 45, "channel": "in_person"},
    )
    assert response.status_code == 422
    assert fields(response) == {"held_on"}
    assert "BW 4.1.5" in messages(response)
    assert client.consultations.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"held_on": "2026-02-30"}, "held_on"),
        ({"held_on": 20260101}, "held_on"),
        ({"duration_minutes": "lang"}, "duration_minutes"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": 99999999999999999999999}, "duration_minutes"),
        ({"channel": "brieftaube"}, "channel"),
        ({"topics": ["kochen"]}, "topics"),
        ({"topics": "arbeit"}, "topics"),
        ({"interpreter": "vielleicht"}, "interpreter"),
    ],
)
def test_bad_consultations_name_the_field(api, body, field):
    client = running_case(start=today() - timedelta(days=1))
    sample = {"held_on": today().isoformat(), "duration_minutes": 45, "channel": "in_person"}
    response = post(
        api("cm.luenen"), f"/api/v1/clients/{client.pk}/consultations", {**sample, **body}
    )
    assert response.status_code == 422, response.json()
    assert field in fields(response)
    assert client.consultations.count() == 1


def test_extension_is_requested_by_the_case_manager_and_decided_by_the_team_lead(api):
    start = today() - timedelta(days=300)
    client = running_case(start=start)
    cm = api("cm.luenen")
    too_long = post(
        cm,
        f"/api/v1/clients/{client.pk}/extensions",
        {
            "reason": "illiteracy",
            "justification": "Alphabetisierungskurs",
            "until": add_years(start, 5).isoformat(),
        },
    )
    assert too_long.status_code == 422
    assert fields(too_long) == {"until"}
    assert "BW 4.1.5" in messages(too_long)
    requested = post(
        cm,
        f"/api/v1/clients/{client.pk}/extensions",
        {
            "reason": "illiteracy",
            "justification": "Alphabetisierungskurs",
            "until": add_years(start, 4).isoformat(),
        },
    )
    assert requested.status_code == 201, requested.json()
    extension_id = requested.json()["id"]
    url = f"/api/v1/clients/{client.pk}/extensions/{extension_id}/decision"
    assert post(cm, url, {"approve": True}).status_code == 403
    refused = post(api("lead.luenen"), url, {"approve": False})
    assert refused.status_code == 422
    assert fields(refused) == {"note"}
    approved = post(api("lead.luenen"), url, {"approve": True})
    assert approved.status_code == 200
    assert approved.json()["decision"] == "approved"
    detail = cm.get(f"/api/v1/clients/{client.pk}").json()
    assert detail["period_end"] == add_years(start, 4).isoformat()
    assert detail["extensions"][0]["justification"] == "Alphabetisierungskurs"
    other_lead = api("lead.backnang")
    assert post(other_lead, url, {"approve": True}).status_code == 404


def test_closure_with_a_reason(api):
    client = running_case(start=today() - timedelta(days=20))
    cm = api("cm.luenen")
    unknown = post(
        cm,
        f"/api/v1/clients/{client.pk}/closure",
        {"reason": "urlaub", "closed_on": today().isoformat()},
    )
    assert fields(unknown) == {"reason"}
    future = post(
        cm,
        f"/api/v1/clients/{client.pk}/closure",
        {"reason": "weggezogen", "closed_on": (today() + timedelta(days=1)).isoformat()},
    )
    assert fields(future) == {"closed_on"}
    closed = post(
        cm,
        f"/api/v1/clients/{client.pk}/closure",
        {"reason": "weggezogen", "closed_on": today().isoformat()},
    )
    assert closed.status_code == 201
    assert cm.get(f"/api/v1/clients/{client.pk}").json()["status"] == "closed"
    again = post(
        cm,
        f"/api/v1/clients/{client.pk}/closure",
        {"reason": "weggezogen", "closed_on": today().isoformat()},
    )
    assert again.status_code == 422


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[]",
        '{"organisation_id": "Lünen", "initials": "AK", "birth_year": 1990}',
        '{"organisation_id": 1, "initials": "AK", "birth_year": 1990.5}',
        '{"organisation_id": -1, "initials": "AK", "birth_year": 1990}',
        '{"organisation_id": 1, "initials": "", "birth_year": 1990}',
    ],
)
def test_malformed_bodies_answer_4xx_json(api, body):
    response = api("cm.luenen").post("/api/v1/clients", body, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert "detail" in response.json()


def test_the_list_needs_the_same_queries_for_two_or_twenty_cases(api):
    cm = api("cm.luenen")
    for _ in range(2):
        running_case(start=today() - timedelta(days=40))
    cm.get("/api/v1/clients")  # warm the per-user caches of the token lookup
    with CaptureQueriesContext(connection) as few:
        assert cm.get("/api/v1/clients").status_code == 200
    for _ in range(18):
        running_case(start=today() - timedelta(days=40))
    with CaptureQueriesContext(connection) as many:
        data = cm.get("/api/v1/clients").json()
    assert data["count"] >= 20
    assert len(many.captured_queries) == len(few.captured_queries)
