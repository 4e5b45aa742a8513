"""Field encryption in the application (SPEC §6: special categories encrypted at rest).

AES-256-GCM from ``cryptography``. The key is LOTSE_FIELD_KEY (base64 of 32
bytes, or LOTSE_FIELD_KEY_FILE) or else ``<LOTSE_DATA_DIR>/keys/field_key``,
generated on first use. Losing the key loses the encrypted fields: back it up
apart from the database (docs/operations.md).

A stored value reads ``v1:<base64(nonce ‖ ciphertext ‖ tag)>``. The column's
name is bound in as associated data, so a ciphertext copied into another
column or table does not decrypt.
"""

import base64
import binascii
import os
from functools import cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models

PREFIX = "v1:"
NONCE_BYTES = 12
KEY_BYTES = 32


class DecryptionError(Exception):
    """A stored value does not decrypt with the configured key."""


def _key_file() -> Path:
    return Path(settings.DATA_DIR) / "keys" / "field_key"


@cache
def field_key() -> bytes:
    encoded = settings.LOTSE_FIELD_KEY
    if not encoded:
        key_file = _key_file()
        if key_file.exists():
            encoded = key_file.read_text(encoding="ascii").strip()
        else:
            key_file.parent.mkdir(parents=True, exist_ok=True)
            encoded = base64.b64encode(os.urandom(KEY_BYTES)).decode("ascii")
            key_file.write_text(encoded, encoding="ascii")
            key_file.chmod(0o600)
    try:
        key = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ImproperlyConfigured("LOTSE_FIELD_KEY ist kein gültiges Base64.") from exc
    if len(key) != KEY_BYTES:
        raise ImproperlyConfigured(
            f"LOTSE_FIELD_KEY muss {KEY_BYTES} Bytes lang sein (Base64), nicht {len(key)}."
        )
    return key


def encrypt(plaintext: str, *, context: str) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(field_key()).encrypt(nonce, plaintext.encode("utf-8"), context.encode())
    return PREFIX + base64.b64encode(nonce + sealed).decode("ascii")


def decrypt(stored: str, *, context: str) -> str:
    if not stored.startswith(PREFIX):
        raise DecryptionError("Unbekanntes Format eines verschlüsselten Felds.")
    try:
        raw = base64.b64decode(stored[len(PREFIX) :], validate=True)
        plain = AESGCM(field_key()).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode())
    except (binascii.Error, ValueError, InvalidTag) as exc:
        raise DecryptionError(
            "Ein verschlüsseltes Feld passt nicht zum Schlüssel (LOTSE_FIELD_KEY)."
        ) from exc
    return plain.decode("utf-8")


class EncryptedTextField(models.TextField):
    """Free text stored encrypted; the empty string stays empty (nothing to hide).

    Encrypted columns cannot be searched or compared in SQL: lookups other than
    ``isnull`` are refused.
    """

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        self._context = f"{cls._meta.app_label}.{cls.__name__}.{name}".lower()

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value, context=self._context)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value, context=self._context)

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            raise FieldError("Verschlüsselte Felder können nicht durchsucht werden.")
        return super().get_lookup(lookup_name)
