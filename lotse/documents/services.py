"""Writing document texts. Administrators adapt a text for their node or add a
language; every save is checked (placeholders, empty text) and logged."""

from django.db import IntegrityError, transaction

from lotse.accounts.scope import organisation_ids_for
from lotse.core import clock
from lotse.core.tenancy import Area
from lotse.documents import rules
from lotse.documents.kinds import SPECS
from lotse.documents.models import DocumentText
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object

EDITABLE = (
    "language",
    "language_name",
    "native_name",
    "title",
    "body",
    "labels",
    "draft_translation",
)


def text_problems(kind: str, data: dict) -> list[tuple[str, str]]:
    """(field, German message) for every rule the text breaks."""
    spec = SPECS[kind]
    problems: list[tuple[str, str]] = []
    error = rules.language_code_error(data.get("language", ""))
    if error:
        problems.append(("language", error))
    if not (data.get("language_name") or "").strip():
        problems.append(
            ("language_name", "Sprache: bitte den deutschen Namen der Sprache angeben.")
        )
    if not (data.get("title") or "").strip():
        problems.append(("title", "Überschrift: darf nicht leer sein."))
    body = data.get("body") or ""
    if not body.strip():
        problems.append(("body", "Text: darf nicht leer sein."))
    else:
        problems += [
            ("body", message)
            for message in rules.placeholder_errors(
                body, inline=spec.inline, block=spec.block, required=spec.required, field="Text"
            )
        ]
    for name in ("title",):
        for message in rules.placeholder_errors(
            data.get(name) or "", inline=(), block=(), field="Überschrift"
        ):
            problems.append((name, message))
    for key, value in (data.get("labels") or {}).items():
        if "{" in value or "}" in value:
            problems.append(
                (f"label__{key}", "Beschriftung: geschweifte Klammern sind hier nicht erlaubt.")
            )
    return problems


def document_text_save(
    *, kind: str, organisation, data: dict, by, text: DocumentText | None = None
) -> DocumentText:
    """Create (``text`` None) or change an adapted text of ``organisation``.

    Shipped texts (no organisation) are not changed here: an administrator saves
    an adapted copy for the node they administer, which then wins in its subtree.
    """
    problems = text_problems(kind, data)
    if problems:
        field, message = problems[0]
        raise RuleViolation(message, field=field)
    if organisation is None or organisation.pk not in organisation_ids_for(
        by, Area.ORGANISATIONS, write=True
    ):
        raise RuleViolation(
            "Gilt für: nur für eine Organisation, die Sie verwalten.", field="organisation"
        )
    creating = text is None
    if creating:
        text = DocumentText(kind=kind, organisation=organisation)
    elif text.organisation_id is None:
        raise RuleViolation(
            "Ausgelieferte Texte bleiben unverändert; bitte eine eigene Fassung anlegen."
        )
    for name in EDITABLE:
        if name in data:
            value = data[name]
            setattr(text, name, value.strip() if isinstance(value, str) else value)
    text.labels = {key: value.strip() for key, value in (text.labels or {}).items() if value}
    text.changed_at = clock.now()
    text.changed_by = by
    try:
        with transaction.atomic():
            text.save()
            audit_object(
                actor=by,
                action=AuditAction.CREATE if creating else AuditAction.UPDATE,
                obj=text,
                purpose=f"Dokumenttext {kind} ({text.language})",
            )
    except IntegrityError as exc:
        raise RuleViolation(
            "Sprachcode: für diese Organisation gibt es schon einen Text dieses Dokuments "
            "in dieser Sprache; bitte jenen bearbeiten.",
            field="language",
        ) from exc
    return text
