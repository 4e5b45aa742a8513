"""Changes to the organisation tree. Rules cite their sources; messages are German."""

import itertools
from datetime import date

from django.db import transaction

from lotse.kernel.dates import format_date
from lotse.kernel.errors import RuleViolation
from lotse.organisations import rules
from lotse.organisations.models import AssociationMembership, Organisation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object


def _depth_below_county(parent: Organisation | None) -> int:
    """How far a new child of ``parent`` would sit below its county (0 if not below one)."""
    node = parent
    depth = 1
    while node is not None:
        if node.kind == rules.COUNTY:
            return depth
        if node.kind in (rules.STATE, rules.AUTHORITY):
            return 0
        node = node.parent
        depth += 1
    return 0


def _clean_fields(
    *,
    kind: str,
    name: str,
    valid_from: date | None,
    valid_to: date | None,
    runs_own_coordination: bool,
) -> str:
    """Checks shared by creating and editing a node; returns the cleaned name."""
    name = name.strip()
    if not name:
        raise RuleViolation("Bitte einen Namen angeben.", field="name")
    if valid_from and valid_to and valid_to < valid_from:
        raise RuleViolation("Das Enddatum liegt vor dem Anfangsdatum.", field="valid_to")
    if runs_own_coordination and kind != rules.MUNICIPALITY:
        # KIM §4(3): a town such as Lünen coordinates its own case management.
        raise RuleViolation(
            "Nur eine Stadt oder Gemeinde kann eine eigene Koordinierende Stelle haben (KIM § 4 Abs. 3).",
            field="runs_own_coordination",
        )
    return name


@transaction.atomic
def organisation_create(
    *,
    kind: str,
    name: str,
    parent: Organisation | None,
    by,
    official_key: str = "",
    valid_from: date | None = None,
    valid_to: date | None = None,
    runs_own_coordination: bool = False,
) -> Organisation:
    name = _clean_fields(
        kind=kind,
        name=name,
        valid_from=valid_from,
        valid_to=valid_to,
        runs_own_coordination=runs_own_coordination,
    )
    error = rules.child_kind_error(
        parent.kind if parent else None, kind, _depth_below_county(parent)
    )
    if error:
        raise RuleViolation(error, field="kind")
    organisation = Organisation(
        kind=kind,
        name=name,
        parent=parent,
        official_key=official_key,
        valid_from=valid_from,
        valid_to=valid_to,
        runs_own_coordination=runs_own_coordination,
        path="",
    )
    organisation.save()
    organisation.path = f"{parent.path if parent else '/'}{organisation.pk}/"
    organisation.save(update_fields=["path"])
    audit_object(actor=by, action=AuditAction.CREATE, obj=organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    by,
    name: str,
    official_key: str = "",
    valid_from: date | None = None,
    valid_to: date | None = None,
    runs_own_coordination: bool = False,
) -> Organisation:
    name = _clean_fields(
        kind=organisation.kind,
        name=name,
        valid_from=valid_from,
        valid_to=valid_to,
        runs_own_coordination=runs_own_coordination,
    )
    organisation.name = name
    organisation.official_key = official_key
    organisation.valid_from = valid_from
    organisation.valid_to = valid_to
    organisation.runs_own_coordination = runs_own_coordination
    organisation.save()
    audit_object(actor=by, action=AuditAction.UPDATE, obj=organisation)
    return organisation


def county_of(organisation: Organisation) -> Organisation | None:
    ids = [*organisation.ancestor_ids(), organisation.pk]
    return (
        Organisation.objects.filter(id__in=ids, kind=rules.COUNTY).first()
        if organisation.kind != rules.COUNTY
        else organisation
    )


@transaction.atomic
def association_membership_add(
    *,
    association: Organisation,
    municipality: Organisation,
    valid_from: date,
    valid_to: date | None,
    by,
) -> AssociationMembership:
    """Add a municipality to an association for a grant period.

    BW 3.5: "Jede Kommune kann nur Teil eines einzigen Verbundes sein. Die
    Entscheidung über die Beteiligung an einem Verbund ist für den gesamten
    Bewilligungszeitraum verbindlich."
    """
    if association.kind != rules.ASSOCIATION:
        raise RuleViolation(
            "Mitglieder können nur einem Verbund zugeordnet werden.", field="association"
        )
    if municipality.kind != rules.MUNICIPALITY:
        raise RuleViolation(
            "Mitglied eines Verbunds kann nur eine Stadt oder Gemeinde sein (BW 3.2).",
            field="municipality",
        )
    error = rules.period_error(valid_from, valid_to)
    if error:
        raise RuleViolation(error, field="valid_to" if valid_from else "valid_from")
    if county_of(association) != county_of(municipality):
        raise RuleViolation(
            "Verbund und Gemeinde müssen zum selben Kreis gehören (BW 3.2).", field="municipality"
        )
    # Lock the municipality's memberships so two parallel requests cannot both pass.
    list(Organisation.objects.select_for_update().filter(pk=municipality.pk))
    wanted = rules.Period(valid_from, valid_to)
    existing = AssociationMembership.objects.filter(municipality=municipality).select_related(
        "association"
    )
    for other in existing:
        if not wanted.overlaps(rules.Period(other.valid_from, other.valid_to)):
            continue
        until = format_date(other.valid_to) if other.valid_to else "offen"
        if other.association_id == association.pk:
            raise RuleViolation(
                f"{municipality.name} ist in diesem Zeitraum bereits Mitglied dieses Verbunds "
                f"({format_date(other.valid_from)}–{until}).",
                field="municipality",
            )
        raise RuleViolation(
            f"{municipality.name} gehört im Bewilligungszeitraum bereits dem Verbund "
            f"„{other.association.name}“ an ({format_date(other.valid_from)}–{until}). Eine Kommune "
            "kann nur Teil eines einzigen Verbundes sein, und die Entscheidung ist für den "
            "gesamten Bewilligungszeitraum verbindlich (BW 3.5).",
            field="municipality",
        )
    membership = AssociationMembership.objects.create(
        association=association, municipality=municipality, valid_from=valid_from, valid_to=valid_to
    )
    audit_object(actor=by, action=AuditAction.CREATE, obj=association, purpose="Verbundmitglied")
    return membership


def money_chain_check(chain: list[Organisation], *, on: date) -> None:
    """Refuse a pass-through chain [county, …, final recipient] that BW 3.2 forbids.

    Each step must go to a node directly below the payer, or to a member of the
    paying association on ``on``. Used by the funding module for pass-through
    contracts; raises RuleViolation with the reason.
    """
    error = rules.pass_through_chain_error([node.kind for node in chain])
    if error:
        raise RuleViolation(error)
    for payer, payee in itertools.pairwise(chain):
        below = payee.parent_id == payer.pk
        member = (
            payer.kind == rules.ASSOCIATION
            and AssociationMembership.objects.on(on)
            .filter(association=payer, municipality=payee)
            .exists()
        )
        if not (below or member):
            raise RuleViolation(
                f"{payee.name} ist weder {payer.name} nachgeordnet noch Mitglied des Verbunds; "
                "eine Weitergabe ist so nicht möglich (BW 3.2)."
            )
