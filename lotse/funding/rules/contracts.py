"""Pass-through contracts: amendments, notice and the share passed on (pure rules).

KIM = the 2nd amendment of the Kreis Unna pass-through contract
(/work/shared/seeds/000_…). Cited at each function:

- §7(3): a change of the grant decision's amount or scope changes the FTE of
  §4(1) and the rate of §6 "unmittelbar" and "analog": ``propose_amendment``.
- §15(1): the contract runs for the grant decision's period and is extended
  by the follow-up decision; §15(2): notice "jährlich mit einem Vorlauf von
  6 Monaten", with reasons, within the term: ``notice_earliest_end``.
- §6 with §4(1): the amount passed on is rate × FTE per calendar year, pro
  rata by day: ``share_for_period``.
- §14 / §16: changes in writing, numbered: ``amendment_order_error``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from lotse.funding.rules.prorata import Rate, per_fte_amount
from lotse.kernel.dates import add_months, format_date
from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import format_eur, format_fte, round_cents

FTE_STEP = Decimal("0.001")  # FTE are kept with three decimals
NOTICE_MONTHS = 6  # KIM §15(2): "mit einem Vorlauf von 6 Monaten"


# --- Grant decisions with gaps (SPEC §4.2: "Missing data is allowed as a draft") -------------

DECISION_FIELDS = {
    "authority": "Bewilligungsbehörde",
    "decided_on": "Datum des Bescheids",
    "file_number": "Aktenzeichen",
    "programme": "Förderprogramm",
    "period_start": "Beginn des Bewilligungszeitraums",
    "period_end": "Ende des Bewilligungszeitraums",
    "amount": "Betrag",
    "fte": "Stellenumfang (VZÄ)",
}


def decision_gaps(values: dict[str, object]) -> list[tuple[str, str]]:
    """(field, German label) of every required detail still missing from a decision.

    KIM §2(3)a cites "der Zuwendungsbescheid für den BS I vom XXX": a decision
    can be on file before its date or number is known; it stays a draft, and the
    gaps are shown, until every field is filled.
    """
    return [
        (name, label)
        for name, label in DECISION_FIELDS.items()
        if values.get(name) is None or (isinstance(values.get(name), str) and not values[name])
    ]


def decision_period_error(*, start: date | None, end: date | None) -> RuleViolation | None:
    if start and end and end < start:
        return RuleViolation(
            f"Das Ende des Bewilligungszeitraums ({format_date(end)}) liegt vor seinem Beginn "
            f"({format_date(start)}).",
            "period_end",
        )
    return None


# --- Amendments (KIM §7(3), §14) --------------------------------------------------------------


@dataclass(frozen=True)
class Allocation:
    """FTE for one Baustein and sub-region, passed on to one recipient (KIM §4(1))."""

    key: str  # stable within a contract, e.g. "kim-nrw-bs2/Nordkreis/Lünen"
    fte: Decimal
    programme: str = ""  # the Baustein's programme slug


@dataclass(frozen=True)
class ProposedAmendment:
    rate: Decimal
    allocations: list[Allocation]
    effective_from: date
    changed: bool
    explanation: list[str]


def _scale_to_total(allocations: Sequence[Allocation], factor: Fraction) -> dict[str, Decimal]:
    """Each FTE × factor to three decimals; the last thousandths by largest remainder.

    So the parts add up exactly to the old total × factor (rounded half-up to
    three decimals), as "analog" requires of the sum in the decision.
    """
    units = Fraction(1, 1000)
    exact = {a.key: Fraction(a.fte) * factor for a in allocations}
    target = Fraction(
        (Fraction(sum((a.fte for a in allocations), Decimal(0))) * factor / units + Fraction(1, 2))
        // 1
    )
    floors = {key: (value / units) // 1 for key, value in exact.items()}
    missing = int(target - sum(floors.values()))
    order = sorted(exact, key=lambda key: (-(exact[key] / units - floors[key]), key))
    for key in order[: max(missing, 0)]:
        floors[key] += 1
    return {key: (Decimal(int(count)) * FTE_STEP).normalize() for key, count in floors.items()}


def propose_amendment(
    *,
    old_fte: Decimal,
    new_fte: Decimal,
    old_amount: Decimal,
    new_amount: Decimal,
    rate: Decimal,
    allocations: Sequence[Allocation],
    effective_from: date,
) -> ProposedAmendment:
    """KIM §7(3): the decision's change, applied "analog" to §4(1) (FTE) and §6 (rate).

    - The FTE of every allocation under the changed decision scale by
      new FTE / old FTE (their sum follows the decision exactly).
    - The rate per FTE follows the decision's amount per FTE:
      rate × (new amount / new FTE) / (old amount / old FTE), to the cent.
    - The amendment takes effect on the day the changed decision does
      ("unmittelbare … Anpassung").
    """
    for value in (old_fte, new_fte):
        if value is None or value <= 0:
            raise RuleViolation(
                "Für einen Änderungsvorschlag nach KIM § 7 Abs. 3 braucht der Bescheid einen "
                "Stellenumfang über 0 VZÄ (alt und neu).",
                "fte",
            )
    if not old_amount or old_amount <= 0 or new_amount is None or new_amount < 0:
        raise RuleViolation(
            "Für einen Änderungsvorschlag nach KIM § 7 Abs. 3 braucht der Bescheid einen Betrag "
            "(alt und neu).",
            "amount",
        )
    fte_factor = Fraction(new_fte) / Fraction(old_fte)
    per_fte_factor = (Fraction(new_amount) / Fraction(new_fte)) / (
        Fraction(old_amount) / Fraction(old_fte)
    )
    new_rate = round_cents(Fraction(rate) * per_fte_factor)
    scaled = _scale_to_total(allocations, fte_factor)
    new_allocations = [Allocation(a.key, scaled[a.key], a.programme) for a in allocations]
    lines = [
        f"Bescheid geändert: {format_fte(old_fte)} → {format_fte(new_fte)}, "
        f"{format_eur(old_amount)} → {format_eur(new_amount)}. Nach KIM § 7 Abs. 3 ändern sich "
        "die Werte in § 4 Abs. 1 und § 6 Abs. 1 unmittelbar und analog.",
    ]
    for old, new in zip(allocations, new_allocations, strict=True):
        lines.append(f"{old.key}: {format_fte(old.fte)} → {format_fte(new.fte)}")
    lines.append(
        f"Satz je 1,0 VZÄ und Kalenderjahr (§ 6): {format_eur(rate)} × "
        f"({format_eur(new_amount)} / {format_fte(new_fte)}) / "
        f"({format_eur(old_amount)} / {format_fte(old_fte)}) = {format_eur(new_rate)}"
    )
    lines.append(f"Wirksam ab {format_date(effective_from)} (Wirksamkeit des Änderungsbescheids).")
    changed = new_rate != rate or any(
        o.fte != n.fte for o, n in zip(allocations, new_allocations, strict=True)
    )
    if not changed:
        lines.append("Keine Änderung der Vertragswerte nötig.")
    return ProposedAmendment(
        rate=new_rate,
        allocations=new_allocations,
        effective_from=effective_from,
        changed=changed,
        explanation=lines,
    )


def amendment_order_error(
    *, previous_effective: date | None, effective_from: date, term_end: date | None
) -> RuleViolation | None:
    """Numbered amendments follow each other (KIM §14): none may take effect before the last."""
    if previous_effective and effective_from < previous_effective:
        return RuleViolation(
            f"Eine Änderung kann nicht vor der geltenden Fassung wirksam werden "
            f"(diese gilt ab {format_date(previous_effective)}; KIM § 14).",
            "effective_from",
        )
    if term_end and effective_from > term_end:
        return RuleViolation(
            f"Die Änderung würde erst nach dem Ende der Laufzeit ({format_date(term_end)}) "
            "wirksam; erst den Anschlussbescheid erfassen und die Laufzeit verlängern "
            "(KIM § 15 Abs. 1).",
            "effective_from",
        )
    return None


# --- Notice (KIM §15(2)) ----------------------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    given_on: date
    ends_on: date  # the last day the contract binds
    latest_notice_for_that_end: date
    explanation: list[str]


def notice_earliest_end(*, given_on: date, term_end: date | None, reasons: str) -> Notice:
    """KIM §15(2): notice "unter Angabe von Gründen … jährlich mit einem Vorlauf von 6 Monaten".

    Read as: notice ends the contract at the end of a calendar year (the grant
    year, KIM §6 "pro Kalenderjahr") that lies at least six months after the
    notice. 30 June is the last day for the same year's end; from 1 July the
    contract runs to the end of the next year. Notice is possible only within
    the term (§15(2) "Innerhalb der Laufzeit"); a term that ends earlier ends
    the contract anyway.
    """
    if not reasons or not reasons.strip():
        raise RuleViolation(
            "Eine Kündigung braucht eine Begründung (KIM § 15 Abs. 2: „unter Angabe von Gründen“).",
            "reasons",
        )
    if term_end and given_on > term_end:
        raise RuleViolation(
            f"Die Laufzeit endete am {format_date(term_end)}; gekündigt werden kann nur innerhalb "
            "der Laufzeit (KIM § 15 Abs. 2).",
            "given_on",
        )
    year = given_on.year
    # The notice day does not count (§ 187 (1) BGB); six months end on the same-numbered
    # day six months later (§ 188 (2) BGB): 30 June → 30 Dec, 1 July → 1 Jan.
    if add_months(given_on, NOTICE_MONTHS) > date(year, 12, 31):
        year += 1
    ends_on = date(year, 12, 31)
    latest = date(year, 6, 30)
    lines = [
        f"Kündigung am {format_date(given_on)}, Vorlauf 6 Monate zum Jahresende "
        f"(KIM § 15 Abs. 2): frühestens zum {format_date(ends_on)}.",
        f"Für dieses Ende musste die Kündigung spätestens am {format_date(latest)} zugehen.",
    ]
    if term_end and term_end < ends_on:
        lines.append(
            f"Die Laufzeit endet schon am {format_date(term_end)} (KIM § 15 Abs. 1); ohne "
            "Anschlussbescheid endet der Vertrag dann."
        )
        ends_on = term_end
    return Notice(
        given_on=given_on, ends_on=ends_on, latest_notice_for_that_end=latest, explanation=lines
    )


# --- The share passed on (KIM §4(1), §6) -----------------------------------------------------


@dataclass(frozen=True)
class VersionTerms:
    """What one contract version says for one allocation: from when, at which rate, how many FTE."""

    effective_from: date
    rate: Decimal
    fte: Decimal


@dataclass(frozen=True)
class Share:
    amount: Decimal
    explanation: list[str]


def share_for_period(
    *, versions: Sequence[VersionTerms], start: date, end: date, term_end: date | None
) -> Share:
    """KIM §6: rate × FTE × days / days of the year, under each version while it is in force.

    A version holds from its effective date until the day before the next one;
    nothing is passed on before the first version or after the term. The parts
    are summed exactly and rounded once.
    """
    ordered = sorted(versions, key=lambda v: v.effective_from)
    lines: list[str] = []
    total = Fraction(0)
    last = min(end, term_end) if term_end else end
    for index, version in enumerate(ordered):
        next_start = ordered[index + 1].effective_from if index + 1 < len(ordered) else None
        part_start = max(start, version.effective_from)
        part_end = min(last, next_start - timedelta(days=1)) if next_start else last
        if part_end < part_start or version.fte <= 0:
            continue
        result = per_fte_amount(
            rates=[Rate(version.rate)], fte=version.fte, start=part_start, end=part_end
        )
        total += result.unrounded
        lines.append(
            f"{format_date(part_start)}–{format_date(part_end)}: "
            + "; ".join(result.explanation[1:])
        )
    amount = round_cents(total)
    lines.append(f"Weitergeleitete Zuwendung, auf Cent gerundet: {format_eur(amount)} (KIM § 6).")
    return Share(amount=amount, explanation=lines)


def quantize_fte(value: Decimal) -> Decimal:
    return value.quantize(FTE_STEP, rounding=ROUND_HALF_UP)


def annual_amount(*, rate: Decimal, fte: Decimal) -> Decimal:
    """KIM §6: what an allocation passes on in a full calendar year – rate × FTE, to the cent.

    The Unna contract's 2nd amendment: 57,000 × (1.0 + 5.0 + 4.0) = 570,000.00 EUR
    (SPEC §4.1); part years are shared by day in ``share_for_period``.
    """
    return round_cents(Fraction(rate) * Fraction(fte))
