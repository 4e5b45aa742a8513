"""Signing in: password, second factor, lockout, idle timeout."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.accounts.models import User
from lotse.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
PASSWORD = "Lotse-Demo-2026!"


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def post_login(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_demo_user_signs_in_without_second_factor_in_demo_mode(demo_mode):
    client = Client()
    response = post_login(client, "cm.luenen")
    assert response.status_code == 302
    home = client.get(reverse("home:start"))
    assert home.status_code == 200
    assert "Guten Tag, Leyla" in home.content.decode()


def test_outside_demo_mode_every_account_must_enrol_a_second_factor(settings):
    settings.LOTSE_DEMO = False
    client = Client()
    post_login(client, "cm.luenen")
    response = client.get(reverse("home:start"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:otp_setup")


def test_non_demo_account_needs_a_second_factor_even_in_demo_mode(demo_mode):
    User.objects.create_user("echt.person", password="ein-sehr-langes-Passwort-1")
    client = Client()
    post_login(client, "echt.person", "ein-sehr-langes-Passwort-1")
    assert client.get(reverse("home:start"))["Location"] == reverse("accounts:otp_setup")


def test_enrolment_shows_a_qr_code_and_confirms_with_a_code(settings):
    settings.LOTSE_DEMO = False
    client = Client()
    post_login(client, "cm.luenen")
    page = client.get(reverse("accounts:otp_setup"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user__username="cm.luenen", confirmed=False)

    wrong = client.post(
        reverse("accounts:otp_setup"),
        {"otp_token": "000000" if current_code(device) != "000000" else "111111"},
    )
    assert "Der Code passt nicht" in wrong.content.decode()
    # django-otp slows down guessing after a failure; a person waits a second.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )

    done = client.post(reverse("accounts:otp_setup"), {"otp_token": current_code(device)})
    assert done.status_code == 302
    assert client.get(reverse("home:start")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_enrolled_account_is_asked_for_the_code_after_the_password(settings):
    settings.LOTSE_DEMO = False
    person = User.objects.get(username="cm.luenen")
    device = TOTPDevice.objects.create(user=person, name="App", confirmed=True)
    client = Client()
    post_login(client, "cm.luenen")
    assert client.get(reverse("home:start"))["Location"] == reverse("accounts:otp_verify")
    assert client.get(reverse("accounts:account"))["Location"] == reverse("accounts:otp_verify")
    response = client.post(reverse("accounts:otp_verify"), {"otp_token": current_code(device)})
    assert response.status_code == 302
    assert client.get(reverse("home:start")).status_code == 200


def test_code_field_errors_are_german_and_keep_the_input(settings):
    settings.LOTSE_DEMO = False
    client = Client()
    post_login(client, "cm.luenen")
    response = client.post(reverse("accounts:otp_setup"), {"otp_token": "12ab56"})
    body = response.content.decode()
    assert "sechs Ziffern" in body
    assert 'value="12ab56"' in body


def test_wrong_password_gives_a_german_message_and_keeps_the_user_name(demo_mode):
    response = post_login(Client(), "cm.luenen", "falsch")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Anmeldung fehlgeschlagen" in body
    assert 'value="cm.luenen"' in body


def test_lockout_after_repeated_failures(demo_mode):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "cm.bergkamen", "falsch")
    # Even the right password is refused now.
    response = post_login(client, "cm.bergkamen")
    assert response.status_code == 429
    assert "vorübergehend gesperrt" in response.content.decode()


def test_sessions_expire_after_idle_minutes():
    assert settings.SESSION_COOKIE_AGE == settings.LOTSE_SESSION_IDLE_MINUTES * 60
    assert settings.LOTSE_SESSION_IDLE_MINUTES == 30
    assert settings.SESSION_SAVE_EVERY_REQUEST  # each request pushes the deadline


def test_passwords_are_hashed_with_argon2():
    production_hashers = [h for h in settings.PASSWORD_HASHERS if "MD5" not in h]
    assert production_hashers[0].endswith("Argon2PasswordHasher")


def test_login_and_logout_are_in_the_access_log(demo_mode):
    client = Client()
    post_login(client, "cm.luenen")
    person = User.objects.get(username="cm.luenen")
    assert AuditEntry.objects.filter(actor_id=person.pk, action="login").exists()
    client.post(reverse("accounts:logout"))
    assert AuditEntry.objects.filter(actor_id=person.pk, action="logout").exists()
    assert client.get(reverse("home:start")).status_code == 302


def test_password_change(login):
    client = login("cm.luenen")
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Ganz-neues-Passwort-2026",
            "new_password2": "Ganz-neues-Passwort-2026",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="cm.luenen").check_password("Ganz-neues-Passwort-2026")


def test_password_change_errors_are_shown_per_field(login):
    client = login("cm.luenen")
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "falsch", "new_password1": "kurz", "new_password2": "anders"},
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()


def test_behind_a_proxy_the_lockout_counts_the_real_client(demo_mode):
    # nginx appends the address it saw; one attacker must not lock everybody out.
    demo_mode.LOTSE_TRUSTED_PROXY_COUNT = 1
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    for number in range(settings.AXES_FAILURE_LIMIT):
        post_login(attacker, f"rate.{number}", "falsch")
    assert post_login(attacker, "cm.luenen").status_code == 429
    colleague = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert post_login(colleague, "cm.luenen").status_code == 302


def test_forged_forwarded_addresses_are_ignored(rf, settings):
    from lotse.core.middleware import client_ip

    settings.LOTSE_TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.9", REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == "203.0.113.9"
    settings.LOTSE_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"
