"""The access log: append-only, hash-chained, no personal data (SPEC §6)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from lotse.privacy.models import AuditAction, AuditEntry
from lotse.privacy.services import audit_chain_verify, audit_record

pytestmark = pytest.mark.django_db


def test_each_line_carries_the_hash_of_the_one_before(user):
    first = audit_record(
        actor=user("dpo"), action=AuditAction.READ, object_type="accounts.user", object_id=1
    )
    second = audit_record(
        actor=user("dpo"), action=AuditAction.READ, object_type="accounts.user", object_id=2
    )
    assert second.prev_hash == first.hash
    assert second.hash == second.compute_hash()
    assert audit_chain_verify().intact


def test_verify_command_passes_on_an_intact_chain(capsys):
    call_command("audit", "verify")
    assert "intakt" in capsys.readouterr().out


@pytest.mark.skipif(
    connection.vendor == "postgresql", reason="PostgreSQL refuses the change itself"
)
def test_verify_command_fails_on_a_changed_line(user):
    entry = audit_record(
        actor=user("dpo"), action=AuditAction.READ, object_type="accounts.user", object_id=7
    )
    audit_record(
        actor=user("dpo"), action=AuditAction.READ, object_type="accounts.user", object_id=8
    )
    AuditEntry.objects.filter(pk=entry.pk).update(object_id="99")
    with pytest.raises(CommandError) as broken:
        call_command("audit", "verify")
    assert f"Eintrag {entry.pk}" in str(broken.value)


@pytest.mark.skipif(
    connection.vendor == "postgresql", reason="PostgreSQL refuses the deletion itself"
)
def test_verify_notices_a_removed_line(user):
    audit_record(
        actor=user("dpo"), action=AuditAction.READ, object_type="accounts.user", object_id=1
    )
    middle = audit_record(
        actor=user("dpo"), action=AuditAction.READ, object_type="accounts.user", object_id=2
    )
    audit_record(
        actor=user("dpo"), action=AuditAction.READ, object_type="accounts.user", object_id=3
    )
    AuditEntry.objects.filter(pk=middle.pk).delete()
    assert not audit_chain_verify().intact


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
def test_postgresql_refuses_update_and_delete(user):
    entry = audit_record(
        actor=user("dpo"), action=AuditAction.READ, object_type="accounts.user", object_id=1
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(purpose="geändert")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert audit_chain_verify().intact


def test_no_names_in_the_log(login, user):
    client = login("dpo")
    person = user("cm.bergkamen")
    client.get(reverse("accounts:user_detail", args=[person.pk]))
    for entry in AuditEntry.objects.all():
        text = " ".join(str(getattr(entry, f.name)) for f in AuditEntry._meta.fields)
        for word in ("Becker", "Jonas", "cm.bergkamen", "demo.lotse.invalid"):
            assert word not in text


def test_dpo_searches_the_log_by_object(login, user):
    client = login("dpo")
    person = user("cm.bergkamen")
    client.get(reverse("accounts:user_detail", args=[person.pk]))
    page = client.get(
        reverse("privacy:audit_log"),
        {"object_type": "accounts.user", "object_id": person.pk, "action": "read"},
    )
    assert page.status_code == 200
    rows = page.context["page"].object_list
    assert rows and all(entry.object_id == str(person.pk) for entry in rows)


def test_bad_search_input_is_explained(login):
    page = login("dpo").get(
        reverse("privacy:audit_log"), {"day_from": "2026-02-01", "day_to": "2026-01-01"}
    )
    assert "vor dem Anfangsdatum" in page.content.decode()


def test_dpo_sees_only_their_county(login, user):
    audit_record(actor=user("cm.backnang"), action=AuditAction.READ, object_type="x.y", object_id=1)
    rows = login("dpo").get(reverse("privacy:audit_log")).context["page"].object_list
    backnang = user("cm.backnang").memberships.get().organisation_id
    assert all(entry.organisation_id != backnang for entry in rows)


def test_each_request_has_an_id_that_reaches_the_log(login, user):
    client = login("dpo")
    person = user("cm.bergkamen")
    response = client.get(reverse("accounts:user_detail", args=[person.pk]))
    entry = AuditEntry.objects.filter(action="read", object_id=str(person.pk)).latest("id")
    assert entry.request_id == response["X-Request-ID"]
