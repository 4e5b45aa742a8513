"""Administration of accounts and roles."""

import pytest
from django.urls import reverse

from lotse.accounts.models import Membership, User
from lotse.accounts.permissions import Role

pytestmark = pytest.mark.django_db


def test_admin_creates_an_account_with_a_role(login, org):
    client = login("admin")
    response = client.post(
        reverse("accounts:user_create"),
        {
            "username": "Neu.Person",
            "first_name": "Neu",
            "last_name": "Person",
            "email": "",
            "password1": "ein-langes-Passwort-42",
            "password2": "ein-langes-Passwort-42",
            "role": Role.CASE_MANAGER,
            "organisation": org("Selm").pk,
            "valid_from": "2026-01-01",
        },
    )
    assert response.status_code == 302
    person = User.objects.get(username="neu.person")
    assert person.memberships.get().organisation.name == "Selm"


def test_bad_input_keeps_what_was_typed_and_saves_nothing(login, org):
    client = login("admin")
    response = client.post(
        reverse("accounts:user_create"),
        {
            "username": "halb.fertig",
            "first_name": "Halb",
            "last_name": "Fertig",
            "password1": "ein-langes-Passwort-42",
            "password2": "ein-langes-Passwort-42",
            # BW role rules: a case manager is not held at a county
            "role": Role.CASE_MANAGER,
            "organisation": org("Kreis Unna").pk,
            "valid_from": "2026-01-01",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "kann bei dieser Art von Organisation nicht vergeben werden" in body
    assert 'value="halb.fertig"' in body and 'value="Halb"' in body
    assert not User.objects.filter(username="halb.fertig").exists()  # nothing half-saved


def test_auditor_roles_must_be_time_limited(login, org, user):
    client = login("admin")
    response = client.post(
        reverse("accounts:membership_add", args=[user("cm.bergkamen").pk]),
        {"role": Role.AUDITOR, "organisation": org("Kreis Unna").pk, "valid_from": "2026-01-01"},
    )
    assert "nur befristet" in response.content.decode()
    assert not Membership.objects.filter(role=Role.AUDITOR, user__username="cm.bergkamen").exists()


def test_end_a_role(login, user):
    client = login("admin")
    person = user("cm.bergkamen")
    membership = person.memberships.get()
    response = client.post(
        reverse("accounts:membership_end", args=[person.pk, membership.pk]),
        {"valid_to": "2026-06-30"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert str(membership.valid_to) == "2026-06-30"


def test_ending_before_the_start_is_refused_with_the_field_named(login, user):
    client = login("admin")
    person = user("cm.bergkamen")
    membership = person.memberships.get()
    response = client.post(
        reverse("accounts:membership_end", args=[person.pk, membership.pk]),
        {"valid_to": "2001-01-01"},
    )
    assert response.status_code == 200
    assert "vor dem Beginn" in response.content.decode()


def test_reading_an_account_is_logged(login, user):
    from lotse.privacy.models import AuditEntry

    client = login("dpo")
    person = user("cm.bergkamen")
    client.get(reverse("accounts:user_detail", args=[person.pk]))
    assert AuditEntry.objects.filter(
        action="read", object_type="accounts.user", object_id=str(person.pk)
    ).exists()


def test_dpo_reads_accounts_but_cannot_change_them(login, user):
    client = login("dpo")
    person = user("cm.bergkamen")
    assert client.get(reverse("accounts:user_detail", args=[person.pk])).status_code == 200
    assert client.get(reverse("accounts:membership_add", args=[person.pk])).status_code == 403


def test_search_for_accounts_keeps_names_out_of_the_url(login):
    client = login("admin")
    response = client.post(reverse("accounts:user_list"), {"q": "bergkamen"})
    assert response.status_code == 302
    assert "bergkamen" not in response["Location"]
    page = client.get(response["Location"])
    assert [u.username for u in page.context["page"].object_list] == ["cm.bergkamen"]
    assert 'value="bergkamen"' in page.content.decode()
