"""Reading planning rounds and county frames, and computing their distributions (BW 3.2, 5.3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext as _

from lotse.funding.rules.allocation import Distribution, distribute_by_numbers
from lotse.funding.rules.planning_frame import PlanningFrame, planning_frame_distribute
from lotse.kernel.errors import RuleViolation
from lotse.organisations.models import AssociationMembership, Organisation, OrganisationKind
from lotse.planning.models import AllocationNumber, CountyFrame, CountyQuota, FrameRound


def rounds_for(user):
    return (
        FrameRound.objects.for_user(user)
        .select_related("organisation")
        .annotate(county_count=Count("quotas__county_name", distinct=True))
    )


def county_frames_for(user):
    return CountyFrame.objects.for_user(user).select_related("organisation", "round")


@dataclass
class QuotaRow:
    county_name: str
    county: Organisation | None
    quotas: dict[int, Decimal]
    average: Decimal | None = None
    amount: Decimal | None = None
    raised: bool = False
    bar: int = 0  # bar length in the chart (0–900), proportional to the amount


@dataclass
class RoundResult:
    rows: list[QuotaRow]
    frame: PlanningFrame | None
    problems: list[str] = field(default_factory=list)
    minimum_bar: int = 0  # where the minimum lies on the chart's scale


def round_result(frame_round: FrameRound) -> RoundResult:
    """The distribution of one round, or the reasons it cannot be computed yet."""
    years = frame_round.quota_years
    by_county: dict[str, QuotaRow] = {}
    for quota in CountyQuota.objects.filter(round=frame_round).select_related("county"):
        row = by_county.setdefault(quota.county_name, QuotaRow(quota.county_name, quota.county, {}))
        row.quotas[quota.year] = quota.quota
    rows = sorted(by_county.values(), key=lambda row: row.county_name)
    problems = [
        _("%(county)s: Quote für %(years)s fehlt (BW 5.3: drei Jahre).")
        % {
            "county": row.county_name,
            "years": ", ".join(str(year) for year in years if year not in row.quotas),
        }
        for row in rows
        if any(year not in row.quotas for year in years)
    ]
    if not rows:
        problems.append(_("Es sind noch keine Zuteilungsquoten erfasst."))
    if problems:
        return RoundResult(rows, None, problems)
    try:
        frame = planning_frame_distribute(
            budget=frame_round.budget,
            minimum=frame_round.minimum,
            quotas={row.county_name: [row.quotas[year] for year in years] for row in rows},
        )
    except RuleViolation as error:
        return RoundResult(rows, None, [error.message])
    largest = max(frame.allocations.values()) or Decimal(1)
    for row in rows:
        row.average = frame.average_quotas[row.county_name]
        row.amount = frame.allocations[row.county_name]
        row.raised = row.county_name in frame.raised
        row.bar = int(row.amount * 900 / largest)
    return RoundResult(rows, frame, minimum_bar=int(min(frame.minimum, largest) * 900 / largest))


# --- Within a county (BW 3.2) -------------------------------------------------------------


@dataclass
class RecipientRow:
    """A recipient of the county's money: a municipality, an association, or the county itself."""

    key: str
    label: str
    kind: str  # "municipality" | "association" | "county"
    number: Decimal
    members: list[str]
    amount: Decimal | None = None


@dataclass
class CountyResult:
    municipalities: list[Organisation]
    numbers: dict[int, AllocationNumber]
    association_of: dict[int, Organisation]
    recipients: list[RecipientRow]
    distribution: Distribution | None
    problems: list[str]


def county_result(county_frame: CountyFrame, *, amount: Decimal | None = None) -> CountyResult:
    """BW 3.2: the county's frame passed on along the allocation numbers.

    A member of an association counts into its association (the association
    passes the money on to its members, BW 3.2 Satz 2); a municipality whose
    integration management the county runs itself keeps its share with the county.
    """
    county = county_frame.organisation
    year = county_frame.year
    municipalities = list(
        Organisation.objects.filter(
            path__startswith=county.path, kind=OrganisationKind.MUNICIPALITY
        ).order_by("name")
    )
    numbers = {
        row.organisation_id: row
        for row in AllocationNumber.objects.filter(organisation__in=municipalities, year=year)
    }
    association_of = {
        membership.municipality_id: membership.association
        for membership in AssociationMembership.objects.on(date(year, 1, 1))
        .filter(municipality__in=municipalities)
        .select_related("association")
    }
    recipients: dict[str, RecipientRow] = {}
    missing = []
    for municipality in municipalities:
        entry = numbers.get(municipality.pk)
        if entry is None:
            missing.append(municipality.name)
            continue
        association = association_of.get(municipality.pk)
        if association is not None:
            key, label, kind = f"a{association.pk}", association.name, "association"
        elif entry.served_by_county:
            key, kind = f"c{county.pk}", "county"
            label = _("%(county)s (eigenes Integrationsmanagement)") % {"county": county.name}
        else:
            key, label, kind = f"m{municipality.pk}", municipality.name, "municipality"
        row = recipients.setdefault(key, RecipientRow(key, label, kind, Decimal(0), []))
        row.number += entry.number
        if kind != "municipality":
            row.members.append(municipality.name)
    problems = []
    if missing:
        problems.append(
            _("Ohne Zuweisungszahl für %(year)s: %(names)s (BW 3.2).")
            % {"year": year, "names": ", ".join(missing)}
        )
    ordered = sorted(recipients.values(), key=lambda row: (row.kind == "county", row.label))
    distribution = None
    to_share = county_frame.amount if amount is None else amount
    if ordered and not problems:
        try:
            distribution = distribute_by_numbers(
                amount=to_share, numbers={row.label: row.number for row in ordered}
            )
        except RuleViolation as error:
            problems.append(error.message)
        else:
            for row in ordered:
                row.amount = distribution.shares[row.label]
    return CountyResult(municipalities, numbers, association_of, ordered, distribution, problems)
