"""Maintaining the catalogues (issue 3 item 5): create, change, delete unused, merge themes.

Every change is atomic and goes to the access log with the fields it touched
(labels of catalogue entries are no personal data). Codes are set once; entries
in use are deactivated, never deleted. Who may change which entry is the
tenancy layer's (manages_general_entries, organisation_ids_for).
"""

import re

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lotse.accounts.models import User
from lotse.accounts.scope import manages_general_entries, organisation_ids_for
from lotse.cases.models import BarrierTheme, CaseBarrier, CatalogueEntry
from lotse.core.tenancy import Area
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object

CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE_MAX = 40
LABEL_MAX = 200
SORT_MAX = 32_767
# Fields every catalogue has besides the code; the rest come from the catalogue.
COMMON = ("label", "sort", "active")


def _plural(model) -> str:
    return str(model._meta.verbose_name_plural)


def _clean_label(model, label: str, *, exclude_pk: int | None = None) -> str:
    label = " ".join((label or "").split())
    if not label:
        raise RuleViolation(_("Bezeichnung: Bitte eine Bezeichnung angeben."), "label")
    if len(label) > LABEL_MAX:
        raise RuleViolation(
            _("Bezeichnung: Höchstens %(max)s Zeichen (jetzt %(length)s).")
            % {"max": LABEL_MAX, "length": len(label)},
            "label",
        )
    clash = model.objects.filter(label__iexact=label).exclude(pk=exclude_pk).first()
    if clash is not None:
        raise RuleViolation(
            _(
                "Bezeichnung: „%(label)s“ gibt es in den %(catalogue)s schon (Kennung "
                "%(code)s). Bitte den vorhandenen Eintrag verwenden oder die Bezeichnung "
                "unterscheidbar machen."
            )
            % {"label": clash.label, "catalogue": _plural(model), "code": clash.code},
            "label",
        )
    return label


def _clean_sort(sort) -> int:
    if sort is None:
        return 100
    if not 0 <= int(sort) <= SORT_MAX:
        raise RuleViolation(
            _("Reihenfolge: Bitte eine Zahl von 0 bis %(max)s.") % {"max": SORT_MAX}, "sort"
        )
    return int(sort)


def _new_code(model, code: str, label: str) -> str:
    """A given code is checked; without one it is derived from the label."""
    code = (code or "").strip()
    if code:
        if len(code) > CODE_MAX or not CODE.match(code):
            raise RuleViolation(
                _(
                    "Kennung: Nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, "
                    "höchstens %(max)s Zeichen (z. B. „schuldnerberatung-luenen“)."
                )
                % {"max": CODE_MAX},
                "code",
            )
        if model.objects.filter(code=code).exists():
            raise RuleViolation(
                _(
                    "Kennung: „%(code)s“ ist schon vergeben. Kennungen bleiben dauerhaft bei "
                    "ihrem Eintrag, weil Auswertungen und die API Einträge daran erkennen."
                )
                % {"code": code},
                "code",
            )
        return code
    base = slugify(label.replace("ß", "ss"))[: CODE_MAX - 4].strip("-") or "eintrag"
    code, n = base, 1
    while model.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def _check_region(entry_model, organisation, by: User) -> None:
    """General entries at state level only; a region's entry by its administration."""
    if not hasattr(entry_model, "organisation"):
        if not manages_general_entries(by):
            raise RuleViolation(
                _(
                    "Die %(catalogue)s gelten überall und werden nur von der Administration "
                    "auf Landesebene gepflegt."
                )
                % {"catalogue": _plural(entry_model)}
            )
        return
    if organisation is None:
        if not manages_general_entries(by):
            raise RuleViolation(
                _(
                    "Gilt für: Allgemeine Einträge (überall auswählbar) pflegt nur die "
                    "Administration auf Landesebene. Bitte die Region wählen, für die das "
                    "Angebot gilt."
                ),
                "organisation",
            )
        return
    if organisation.pk not in organisation_ids_for(by, Area.ORGANISATIONS, write=True):
        raise RuleViolation(
            _("Gilt für: %(name)s liegt nicht in Ihrem Zuständigkeitsbereich.")
            % {"name": organisation.name},
            "organisation",
        )


def _check_fields(model, fields: dict) -> dict:
    """Model-specific checks of the catalogue's own fields."""
    if "kind" in fields and fields["kind"] is None:
        raise RuleViolation(_("Art: Bitte die Art der Stelle wählen."), "kind")
    website = fields.get("website") or ""
    if website and not website.startswith(("https://", "http://")):
        raise RuleViolation(
            _("Website: Bitte eine vollständige Adresse mit https:// angeben."), "website"
        )
    return fields


def _split(fields: dict) -> tuple[dict, dict]:
    """Plain fields and many-to-many fields (set after saving)."""
    plain, many = {}, {}
    for name, value in fields.items():
        target = many if _is_many(name) else plain
        target[name] = value
    return plain, many


def _is_many(name: str) -> bool:
    return name in ("service_kinds",)


@transaction.atomic
def catalogue_entry_create(
    *,
    model: type[CatalogueEntry],
    by: User,
    label: str,
    code: str = "",
    sort: int | None = None,
    active: bool = True,
    **fields,
) -> CatalogueEntry:
    """A new entry; its code is fixed from now on."""
    _check_region(model, fields.get("organisation"), by)
    label = _clean_label(model, label)
    plain, many = _split(_check_fields(model, fields))
    entry = model.objects.create(
        code=_new_code(model, code, label),
        label=label,
        sort=_clean_sort(sort),
        active=bool(active),
        **plain,
    )
    for name, values in many.items():
        getattr(entry, name).set(values)
    audit_object(
        actor=by,
        action=AuditAction.CREATE,
        obj=entry,
        purpose=f"Katalog {_plural(model)}: {entry.code} angelegt",
    )
    return entry


def _current(entry: CatalogueEntry, name: str):
    value = getattr(entry, name)
    if _is_many(name):
        return sorted(value.values_list("pk", flat=True))
    return value


def _comparable(name: str, value):
    if _is_many(name):
        return sorted(getattr(item, "pk", item) for item in value)
    return value


@transaction.atomic
def catalogue_entry_update(
    *, entry: CatalogueEntry, by: User, accept: bool = False, **fields
) -> CatalogueEntry:
    """Change label, sort order, active flag and the catalogue's own fields.

    The code is not among them: it never changes after creation. ``accept`` takes
    a proposed theme into the catalogue.
    """
    model = type(entry)
    entry = model.objects.select_for_update().get(pk=entry.pk)
    if "code" in fields:
        raise RuleViolation(
            _(
                "Kennung: Die Kennung eines Eintrags ändert sich nach dem Anlegen nicht mehr, "
                "weil Auswertungen und die API Einträge daran erkennen."
            ),
            "code",
        )
    _check_region(model, getattr(entry, "organisation", None), by)
    if "organisation" in fields:
        _check_region(model, fields["organisation"], by)
    if "label" in fields:
        fields["label"] = _clean_label(model, fields["label"], exclude_pk=entry.pk)
    if "sort" in fields:
        fields["sort"] = _clean_sort(fields["sort"])
    _check_fields(model, fields)
    changed = [
        name for name, value in fields.items() if _comparable(name, value) != _current(entry, name)
    ]
    if accept and getattr(entry, "proposed", False):
        entry.proposed = False
        changed.append("proposed")
    if not changed:
        return entry
    plain, many = _split({name: fields[name] for name in changed if name in fields})
    for name, value in plain.items():
        setattr(entry, name, value)
    entry.save()
    for name, values in many.items():
        getattr(entry, name).set(values)
    audit_object(
        actor=by,
        action=AuditAction.UPDATE,
        obj=entry,
        purpose=f"Katalog {_plural(model)}: {entry.code} ({', '.join(changed)})",
    )
    return entry


@transaction.atomic
def catalogue_entry_delete(*, entry: CatalogueEntry, by: User) -> None:
    """Delete an entry nobody uses yet (a typo, say); one in use is only deactivated."""
    from lotse.cases.catalogues import usages_of

    model = type(entry)
    entry = model.objects.select_for_update().get(pk=entry.pk)
    _check_region(model, getattr(entry, "organisation", None), by)
    used_in = usages_of(entry)
    if used_in:
        raise RuleViolation(
            _(
                "„%(label)s“ wird schon verwendet (%(used_in)s) und kann deshalb nicht "
                "gelöscht werden: Frühere Einträge, Auswertungen und das Zugriffsprotokoll "
                "verweisen darauf. Bitte stattdessen „auswählbar“ abwählen – dann wird der "
                "Eintrag nicht mehr angeboten, bleibt aber in den bestehenden Fällen erhalten."
            )
            % {"label": entry.label, "used_in": ", ".join(used_in)}
        )
    audit_object(
        actor=by,
        action=AuditAction.DELETE,
        obj=entry,
        purpose=f"Katalog {_plural(model)}: {entry.code} gelöscht",
    )
    entry.delete()


@transaction.atomic
def barrier_theme_merge(*, source: BarrierTheme, target: BarrierTheme, by: User) -> BarrierTheme:
    """Merge a (proposed) theme into an existing one: its tags move, the theme goes.

    The counts for coordination then show one theme instead of two spellings of it.
    """
    _check_region(BarrierTheme, None, by)
    if source.pk == target.pk:
        raise RuleViolation(
            _("Zusammenführen mit: Bitte ein anderes Thema wählen als das, das aufgelöst wird."),
            "target",
        )
    source = BarrierTheme.objects.select_for_update().get(pk=source.pk)
    target = BarrierTheme.objects.select_for_update().get(pk=target.pk)
    # Moving a catalogue reference touches case rows of every organisation: only the
    # theme id changes, no case is read, and the access log records the merge.
    moved = CaseBarrier.objects.filter(theme=source).update(theme=target)
    if not target.active:
        target.active = True
        target.save(update_fields=["active"])
    audit_object(
        actor=by,
        action=AuditAction.UPDATE,
        obj=target,
        purpose=f"Katalog Strukturelle Themen: {source.code} in {target.code} ({moved})",
    )
    audit_object(
        actor=by,
        action=AuditAction.DELETE,
        obj=source,
        purpose=f"Katalog Strukturelle Themen: {source.code} zusammengeführt",
    )
    source.delete()
    return target
