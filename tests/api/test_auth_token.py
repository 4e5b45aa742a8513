"""POST /api/v1/auth/token, bearer tokens, expiry and revocation."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.accounts.models import ApiToken
from lotse.core import clock
from tests.accounts.test_login import current_code

pytestmark = pytest.mark.django_db
PASSWORD = "Lotse-Demo-2026!"


def get_token(client, **body):
    return client.post("/api/v1/auth/token", body, content_type="application/json")


def test_token_for_user_name_and_password(demo_mode):
    client = Client()
    response = get_token(client, username="cm.luenen", password=PASSWORD)
    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["username"] == "cm.luenen"
    assert me.json()["memberships"][0]["organisation_name"] == "Lünen"
    # only the hash is stored
    assert not ApiToken.objects.filter(key_hash=token).exists()


@pytest.mark.parametrize(
    "body",
    [
        {"username": "cm.luenen", "password": "falsch"},
        {"username": "niemand", "password": PASSWORD},
    ],
)
def test_failures_answer_401_without_a_hint(body, demo_mode):
    response = get_token(Client(), **body)
    assert response.status_code == 401
    assert response.json() == {"detail": "Anmeldung fehlgeschlagen."}


def test_second_factor_is_part_of_the_request_when_set_up(demo_mode, user):
    device = TOTPDevice.objects.create(user=user("cm.luenen"), name="App", confirmed=True)
    client = Client()
    without = get_token(client, username="cm.luenen", password=PASSWORD)
    assert without.status_code == 401
    assert without.json() == {"detail": "Anmeldung fehlgeschlagen."}
    with_code = get_token(client, username="cm.luenen", password=PASSWORD, otp=current_code(device))
    assert with_code.status_code == 200


def test_outside_demo_mode_an_account_without_second_factor_gets_no_token(settings):
    settings.LOTSE_DEMO = False
    response = get_token(Client(), username="cm.luenen", password=PASSWORD)
    assert response.status_code == 403
    assert "zweiten Faktor" in response.json()["detail"]


def test_missing_field_is_named(demo_mode):
    response = get_token(Client(), username="cm.luenen")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "password"


def test_malformed_json_is_a_4xx_not_a_500(demo_mode):
    response = Client().post("/api/v1/auth/token", "{not json", content_type="application/json")
    assert 400 <= response.status_code < 500


def test_revoked_token_stops_working(demo_mode):
    client = Client()
    token = get_token(client, username="cm.luenen", password=PASSWORD).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    assert client.delete("/api/v1/auth/token", headers=auth).status_code == 204
    response = client.get("/api/v1/me", headers=auth)
    assert response.status_code == 401
    assert "Token" in response.json()["detail"]


def test_tokens_expire(demo_mode, settings):
    client = Client()
    token = get_token(client, username="cm.luenen", password=PASSWORD).json()["token"]
    later = clock.now() + timedelta(hours=settings.LOTSE_API_TOKEN_HOURS, minutes=1)
    with time_machine.travel(later):
        assert (
            client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code
            == 401
        )


def test_garbage_bearer_is_401():
    response = Client().get("/api/v1/me", headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 401


def test_openapi_schema_lists_the_endpoints():
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/auth/token" in schema["paths"]
    assert "/api/v1/organisations/{organisation_id}" in schema["paths"]


def test_interactive_docs_render_under_the_csp():
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()  # no inline script


def test_organisations_are_scoped(demo_mode):
    client = Client()
    token = get_token(client, username="cm.luenen", password=PASSWORD).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    listed = client.get("/api/v1/organisations", headers=auth).json()
    assert [item["name"] for item in listed["items"]] == ["Lünen"]


def test_repeated_failures_lock_the_api_login_too(demo_mode, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        get_token(client, username="cm.bergkamen", password="falsch")
    response = get_token(client, username="cm.bergkamen", password=PASSWORD)
    assert response.status_code == 429
    assert "gesperrt" in response.json()["detail"]
