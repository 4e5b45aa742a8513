"""Special categories and free-text notes are encrypted in the application
(SPEC §6; issue 3 item 14): the database column never holds the plaintext."""

import base64
from datetime import date

import pytest
from django.core.exceptions import FieldError
from django.db import connection

from lotse.core import encryption
from tests.cases.factories import consult, give_consent, person, running_case

DAY = date(2026, 3, 2)


def raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_notes_and_health_are_ciphertext_in_the_database():
    from lotse.cases import services

    client = running_case(start=DAY)
    talk = consult(client, on=DAY, notes="Therapie bei Dr. Weiß", next_steps="Termin Jobcenter")
    give_consent(client, on=DAY, codes=("beratung", "gesundheit"))
    client.refresh_from_db()
    services.client_personal_data_update(
        client=client,
        data={"health": "Diabetes Typ 2", "disability": "GdB 50"},
        expected_version=client.version,
        by=person("cm.luenen"),
        today=DAY,
    )
    for table, column, pk, plain in (
        ("cases_consultation", "notes", talk.pk, "Therapie"),
        ("cases_consultation", "next_steps", talk.pk, "Jobcenter"),
        ("cases_client", "health", client.pk, "Diabetes"),
        ("cases_client", "disability", client.pk, "GdB"),
    ):
        stored = raw(table, column, pk)
        assert stored.startswith("v1:")
        assert plain not in stored
    client.refresh_from_db()
    assert client.health == "Diabetes Typ 2"


@pytest.mark.django_db
def test_same_text_encrypts_differently_each_time():
    client = running_case(start=DAY)
    one = consult(client, on=DAY, notes="gleich")
    two = consult(client, on=DAY, notes="gleich")
    assert raw("cases_consultation", "notes", one.pk) != raw("cases_consultation", "notes", two.pk)


def test_a_ciphertext_moved_to_another_column_does_not_decrypt():
    sealed = encryption.encrypt("geheim", context="cases.consultation.notes")
    assert encryption.decrypt(sealed, context="cases.consultation.notes") == "geheim"
    with pytest.raises(encryption.DecryptionError):
        encryption.decrypt(sealed, context="cases.client.health")


def test_the_key_can_come_from_the_environment(settings):
    settings.LOTSE_FIELD_KEY = base64.b64encode(b"k" * 32).decode()
    encryption.field_key.cache_clear()
    try:
        assert encryption.field_key() == b"k" * 32
        sealed = encryption.encrypt("x", context="c")
        settings.LOTSE_FIELD_KEY = base64.b64encode(b"j" * 32).decode()
        encryption.field_key.cache_clear()
        with pytest.raises(encryption.DecryptionError):
            encryption.decrypt(sealed, context="c")
    finally:
        settings.LOTSE_FIELD_KEY = ""
        encryption.field_key.cache_clear()


def test_a_short_key_is_refused(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.LOTSE_FIELD_KEY = base64.b64encode(b"short").decode()
    encryption.field_key.cache_clear()
    try:
        with pytest.raises(ImproperlyConfigured):
            encryption.field_key()
    finally:
        settings.LOTSE_FIELD_KEY = ""
        encryption.field_key.cache_clear()


def test_encrypted_fields_cannot_be_searched():
    from lotse.cases.models import Consultation

    with pytest.raises(FieldError):
        Consultation.objects.filter(notes__icontains="x")


@pytest.mark.django_db
def test_generated_key_file_is_private(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    encryption.field_key.cache_clear()
    try:
        encryption.field_key()
        key_file = tmp_path / "keys" / "field_key"
        assert key_file.stat().st_mode & 0o777 == 0o600
        assert len(base64.b64decode(key_file.read_text())) == 32
    finally:
        encryption.field_key.cache_clear()
