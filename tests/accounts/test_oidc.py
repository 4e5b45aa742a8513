"""Optional single sign-on: switched on by LOTSE_OIDC_CLIENT_ID, users must exist in Lotse."""

import pytest
from django.test import RequestFactory, override_settings

from tests.core.test_settings import run_lotse

OIDC = {
    "OIDC_RP_CLIENT_ID": "lotse",
    "OIDC_RP_CLIENT_SECRET": "geheim",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example.org/auth",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example.org/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.example.org/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.example.org/jwks",
    "OIDC_RP_SIGN_ALGO": "RS256",
    "LOTSE_OIDC_USERNAME_CLAIM": "preferred_username",
    "LOTSE_OIDC_COUNTS_AS_SECOND_FACTOR": True,
}


@pytest.mark.django_db
@override_settings(**OIDC)
def test_identity_provider_claims_match_existing_users_only():
    from lotse.accounts.oidc import LotseOIDCBackend

    backend = LotseOIDCBackend()
    assert [
        u.username for u in backend.filter_users_by_claims({"preferred_username": "CM.Luenen"})
    ] == ["cm.luenen"]
    assert not backend.filter_users_by_claims({"preferred_username": "fremd.person"}).exists()
    assert not backend.filter_users_by_claims({}).exists()


def test_switching_on_adds_the_routes(tmp_path):
    env = {
        "LOTSE_SECRET_KEY": "x" * 60,
        "LOTSE_ALLOWED_HOSTS": "localhost",
        "LOTSE_OIDC_CLIENT_ID": "lotse",
        "LOTSE_OIDC_CLIENT_SECRET": "geheim",
        "LOTSE_OIDC_AUTHORIZATION_ENDPOINT": "https://idp.example.org/auth",
        "LOTSE_OIDC_TOKEN_ENDPOINT": "https://idp.example.org/token",
        "LOTSE_OIDC_USERINFO_ENDPOINT": "https://idp.example.org/userinfo",
        "LOTSE_OIDC_JWKS_ENDPOINT": "https://idp.example.org/jwks",
    }
    script = "from django.urls import reverse; print(reverse('oidc_authentication_callback'))"
    result = run_lotse(["shell", "-c", script], env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "/oidc/callback/"


def test_incomplete_single_sign_on_settings_are_named(tmp_path):
    env = {
        "LOTSE_SECRET_KEY": "x" * 60,
        "LOTSE_ALLOWED_HOSTS": "localhost",
        "LOTSE_OIDC_CLIENT_ID": "lotse",
    }
    result = run_lotse(["check"], env, tmp_path)
    assert result.returncode != 0
    assert "LOTSE_OIDC_TOKEN_ENDPOINT" in result.stderr


def test_sso_login_counts_as_second_factor(rf: RequestFactory, monkeypatch):
    from lotse.accounts import oidc
    from lotse.accounts.middleware import SSO_SESSION_KEY

    request = rf.get("/oidc/callback/")
    request.session = {}
    sentinel = object()
    monkeypatch.setattr(
        oidc.OIDCAuthenticationBackend, "authenticate", lambda self, request, **kw: sentinel
    )
    with override_settings(**OIDC):
        assert oidc.LotseOIDCBackend().authenticate(request) is sentinel
    assert request.session[SSO_SESSION_KEY] is True
