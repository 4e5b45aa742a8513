"""Writing the access log. Every read and write of personal data calls ``audit_record``."""

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Model

from lotse.core import clock
from lotse.core.context import current_request_id
from lotse.privacy.models import GENESIS_HASH, AuditAction, AuditEntry

# Any constant works; it names the one advisory lock that serialises the chain.
_CHAIN_LOCK_KEY = 7_404_471


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    # SQLite: transactions begin IMMEDIATE (settings), so writers are serialised.


def primary_organisation_id(user) -> int | None:
    return (
        user.memberships.order_by("valid_from", "id")
        .values_list("organisation_id", flat=True)
        .first()
    )


def object_type_of(obj: Model | type[Model]) -> str:
    return obj._meta.label_lower


def audit_record(
    *,
    actor,
    action: AuditAction | str,
    object_type: str,
    object_id: object = "",
    organisation_id: int | None = None,
    purpose: str = "",
) -> AuditEntry:
    """Append one line to the chain. ``purpose`` must not contain personal data.

    Without an organisation, the line is filed under the actor's first role, so
    the DPO responsible for that organisation finds it.
    """
    if organisation_id is None and getattr(actor, "pk", None):
        organisation_id = primary_organisation_id(actor)
    with transaction.atomic():
        _lock_chain()
        previous = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
        entry = AuditEntry(
            at=clock.now(),
            actor_id=getattr(actor, "pk", None),
            action=str(action),
            object_type=object_type,
            object_id=str(object_id or ""),
            organisation_id=organisation_id,
            purpose=purpose[:120],
            request_id=current_request_id(),
            prev_hash=previous or GENESIS_HASH,
        )
        entry.hash = entry.compute_hash()
        entry.save(force_insert=True)
    return entry


def audit_object(*, actor, action: AuditAction | str, obj: Model, purpose: str = "") -> AuditEntry:
    """Shortcut for a model instance that has an ``organisation_id`` (or is an organisation)."""
    organisation_id = getattr(obj, "organisation_id", None)
    if organisation_id is None and obj._meta.label_lower == "organisations.organisation":
        organisation_id = obj.pk
    return audit_record(
        actor=actor,
        action=action,
        object_type=object_type_of(obj),
        object_id=obj.pk,
        organisation_id=organisation_id,
        purpose=purpose,
    )


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None  # id of the first line that does not fit
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def audit_chain_verify() -> ChainReport:
    """Recompute every hash in order; report the first line that does not fit."""
    expected_prev = GENESIS_HASH
    checked = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != expected_prev:
            return ChainReport(checked, entry.id, "Verweis auf den vorigen Eintrag passt nicht")
        if entry.compute_hash() != entry.hash:
            return ChainReport(checked, entry.id, "Inhalt passt nicht zur Prüfsumme")
        expected_prev = entry.hash
        checked += 1
    return ChainReport(checked, None)
