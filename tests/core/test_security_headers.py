"""Security headers: CSP with nonces, HSTS, nosniff, framing, caching of personal pages."""

import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def csp_of(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part for part in (p.strip() for p in header.split(";")) if part}


def test_csp_allows_no_inline_script_or_style(login):
    response = login("cm.luenen").get(reverse("home:start"))
    csp = csp_of(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'nonce-" in csp["script-src"]
    assert csp["frame-ancestors"] == "frame-ancestors 'none'"
    assert csp["object-src"] == "object-src 'none'"


@pytest.mark.parametrize("url_name", ["home:start", "organisations:tree", "accounts:account"])
def test_pages_have_no_inline_scripts_or_style_attributes(login, url_name):
    body = login("admin").get(reverse(url_name)).content.decode()
    nonce_scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", body)
    assert nonce_scripts == [], "inline <script> found"
    assert " style=" not in body
    assert re.search(r"\son[a-z]+=", body) is None, "inline event handler found"


def test_every_script_tag_carries_the_nonce(login):
    response = login("cm.luenen").get(reverse("home:start"))
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    for tag in re.findall(r"<script[^>]*>", response.content.decode()):
        assert f'nonce="{nonce}"' in tag


def test_nosniff_referrer_and_framing(login):
    response = login("cm.luenen").get(reverse("home:start"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_for_signed_in_users_are_never_cached(login):
    response = login("cm.luenen").get(reverse("organisations:tree"))
    assert response["Cache-Control"] == "no-store"


def test_api_answers_are_never_cached():
    assert Client().get("/api/v1/openapi.json")["Cache-Control"] == "no-store"


def test_hsts_on_secure_requests_in_production(settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    response = Client().get(reverse("accounts:login"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_error_pages_reveal_nothing(login):
    response = login("cm.luenen").get("/organisationen/999999/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Seite nicht gefunden" in body
    assert "Traceback" not in body and "999999" not in body


def test_403_page_is_friendly(login):
    response = login("cm.luenen").get(reverse("privacy:audit_log"))
    assert response.status_code == 403
    assert "Kein Zugriff" in response.content.decode()


def test_500_page_is_friendly(rf):
    from lotse.core.views import error_500

    response = error_500(rf.get("/"))
    assert response.status_code == 500
    assert "Das hat nicht geklappt" in response.content.decode()


def test_each_response_names_its_request_id():
    response = Client().get(reverse("accounts:login"))
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_expired_form_gets_a_kind_german_page(demo_mode):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "cm.luenen", "password": "x"})
    assert response.status_code == 403
    assert "Formular abgelaufen" in response.content.decode()
