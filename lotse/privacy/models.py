import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.tenancy import Area, TenantQuerySet

GENESIS_HASH = "0" * 64


class AuditAction(models.TextChoices):
    READ = "read", _("gelesen")
    CREATE = "create", _("angelegt")
    UPDATE = "update", _("geändert")
    DELETE = "delete", _("gelöscht")
    DOWNLOAD = "download", _("heruntergeladen")
    EXPORT = "export", _("exportiert")
    SEARCH = "search", _("gesucht")
    LOGIN = "login", _("angemeldet")
    LOGOUT = "logout", _("abgemeldet")


class AuditEntryQuerySet(TenantQuerySet):
    tenant_area = Area.AUDIT


class AuditEntry(models.Model):
    """One append-only line of the access log (SPEC §6).

    Holds ids only, never names or other personal data. Each line carries the
    hash of the line before it, so a changed or removed line breaks the chain
    (``lotse audit verify``). On PostgreSQL a trigger refuses UPDATE and DELETE.
    """

    at = models.DateTimeField(_("Zeitpunkt"), db_index=True)
    actor_id = models.BigIntegerField(_("Konto-Nr."), null=True, blank=True, db_index=True)
    action = models.CharField(_("Aktion"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("Objektart"), max_length=60)
    object_id = models.CharField(_("Objekt-Nr."), max_length=40, blank=True)
    organisation_id = models.BigIntegerField(_("Organisation"), null=True, blank=True)
    purpose = models.CharField(_("Zweck"), max_length=120, blank=True)
    request_id = models.CharField(_("Anfrage-ID"), max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Zugriffsprotokoll")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["organisation_id", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_id}"

    def compute_hash(self) -> str:
        fields = [
            self.prev_hash,
            self.at.isoformat(),
            str(self.actor_id or ""),
            self.action,
            self.object_type,
            self.object_id,
            str(self.organisation_id or ""),
            self.purpose,
            self.request_id,
        ]
        return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()
