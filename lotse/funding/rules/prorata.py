"""Annual amounts pro rata: per FTE and calendar year, or as a cap per 12 months.

Sources:
- KIM §6: "je 1,0 VzÄ 57.000,00 Euro pro Kalenderjahr. Unterjährige
  Stellenbesetzungen werden anteilig berechnet." The contract does not say by
  what; Lotse defaults to calendar days (SPEC §4.1), with months as a setting.
- BW 9.1.4 / 9.1.8: per position (FTE) and year at most 60,000 / 47,000 EUR
  (64,000 / 51,000 EUR until the end of the original 60-month period);
  "Soweit an einem Tag keine Personalkosten anfallen, verringert sich die
  Zuwendung anteilig" – by day.
- BW 5.6: coordinating office, personnel costs only, at most 40,000 EUR per
  county per 12 months, at least 0.5 FTE, one indivisible position, reduced by
  day. The cap is per position, not per FTE.
- BW 5.5: at least 0.25 FTE; mini-jobs are not fundable.

A year's share is (days filled in that year) / (days of that year), so a leap
year divides by 366. The shares are exact fractions; their sum is rounded
half-up to cents once, at the end.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from lotse.funding.rules.periods import (
    days_in_period,
    days_in_year,
    months_of,
    split_at,
    split_at_year_ends,
)
from lotse.kernel.dates import days_in_month, format_date
from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import format_eur, format_fte, format_number, is_exact, round_cents

ONE = Decimal(1)


class ProRata(enum.StrEnum):
    """How a part of a year is weighed (a programme setting)."""

    DAY = "day"  # days filled / days of that calendar year (BW 5.6, 9.1.4; Lotse's KIM default)
    MONTH = "month"  # months filled / 12


class PartialMonth(enum.StrEnum):
    """With ``ProRata.MONTH``: how a month that is only partly filled counts."""

    BY_DAY = (
        "by_day"  # its filled days / days of that month (the default: nothing is lost or gained)
    )
    IGNORE = "ignore"  # not at all: only full months count
    FULL = "full"  # in full, if at least one day is filled


@dataclass(frozen=True)
class Rate:
    """An annual amount valid for a span of days, e.g. 57,000 EUR per FTE (KIM §6)."""

    amount: Decimal
    valid_from: date | None = None
    valid_to: date | None = None
    qualification: str = ""  # "" = the same for every qualification level
    citation: str = ""

    def covers(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class Segment:
    """One calendar year (or the part of it under one rate) of a computation."""

    start: date
    end: date
    days: int
    year_days: int
    rate: Decimal
    share: Fraction  # the part of the year: days / year_days, or months / 12
    amount: Fraction  # exact, unrounded


@dataclass(frozen=True)
class Calculation:
    amount: Decimal  # rounded to cents
    days: int
    explanation: list[str]
    segments: list[Segment] = field(default_factory=list)
    unrounded: Fraction = Fraction(0)  # exact, before the cap by actual costs and rounding
    capped_by_costs: bool = False


def check_fte(
    *,
    fte: Decimal,
    min_fte: Decimal | None,
    max_fte: Decimal | None = ONE,
    minijob: bool = False,
    minimum_citation: str = "BW 5.5",
) -> None:
    """BW 5.5: at least 0.25 FTE and no mini-jobs; a single position has at most 1.0 FTE."""
    if fte <= 0:
        raise RuleViolation("Der Stellenumfang muss größer als 0 VZÄ sein.", "fte")
    if max_fte is not None and fte > max_fte:
        raise RuleViolation(
            f"Eine Stelle umfasst höchstens {format_fte(max_fte)}; mehrere Stellen bitte "
            "einzeln berechnen.",
            "fte",
        )
    if minijob:
        raise RuleViolation(
            f"Geringfügige Beschäftigungen (Minijobs) sind nicht förderfähig ({minimum_citation}).",
            "minijob",
        )
    if min_fte is not None and fte < min_fte:
        raise RuleViolation(
            f"Ein Stellenumfang unter {format_fte(min_fte)} ist nicht zuwendungsfähig "
            f"({minimum_citation}).",
            "fte",
        )


def select_rates(
    *, rates: Sequence[Rate], qualification: str | None, field_name: str = "qualification_level"
) -> list[Rate]:
    """The rates for one qualification level; levels matter only where the rates differ by them.

    BW 9.1.4 a/b and 9.1.8 tie the rate to the person's qualification; KIM §6
    has one rate for everyone, so a level given there is ignored.
    """
    if not rates:
        raise RuleViolation("Für dieses Programm sind keine Sätze hinterlegt.", "programme")
    if not any(rate.qualification for rate in rates):
        return list(rates)
    levels = sorted({rate.qualification for rate in rates if rate.qualification})
    citations = "; ".join(sorted({rate.citation for rate in rates if rate.citation}))
    if not qualification:
        raise RuleViolation(
            "Bitte die Qualifikationsstufe angeben ("
            + ", ".join(levels)
            + f"): der Zuschuss hängt von ihr ab ({citations}).",
            field_name,
        )
    chosen = [rate for rate in rates if rate.qualification == qualification]
    if not chosen:
        raise RuleViolation(
            f"Qualifikationsstufe „{qualification}“ gibt es in diesem Programm nicht; möglich: "
            + ", ".join(levels)
            + f" ({citations}).",
            field_name,
        )
    return chosen


def _rate_on(rates: Sequence[Rate], day: date) -> Rate:
    for rate in rates:
        if rate.covers(day):
            return rate
    raise RuleViolation(
        f"Für den {format_date(day)} ist in diesem Programm kein Satz hinterlegt.",
        "start",
    )


def _exact_or_about(value: Fraction) -> str:
    return ("= " if is_exact(value) else "≈ ") + format_eur(value, places=4)


def _rate_cuts(rates: Sequence[Rate]) -> list[date]:
    cuts = []
    for rate in rates:
        if rate.valid_from is not None:
            cuts.append(rate.valid_from)
        if rate.valid_to is not None:
            cuts.append(rate.valid_to + timedelta(days=1))
    return cuts


def _by_day(
    *, rates: Sequence[Rate], factor: Decimal, factor_text: str, start: date, end: date
) -> tuple[list[Segment], list[str], list[str]]:
    segments: list[Segment] = []
    lines: list[str] = []
    for year_start, year_end in split_at_year_ends(start=start, end=end):
        for part_start, part_end in split_at(
            start=year_start, end=year_end, cuts=_rate_cuts(rates)
        ):
            rate = _rate_on(rates, part_start)
            days = days_in_period(start=part_start, end=part_end)
            year_days = days_in_year(part_start.year)
            share = Fraction(days, year_days)
            amount = Fraction(rate.amount) * Fraction(factor) * share
            segments.append(
                Segment(part_start, part_end, days, year_days, rate.amount, share, amount)
            )
            lines.append(f"{format_eur(rate.amount)}{factor_text} × {days}/{year_days} Tage")
    return segments, lines, []


def _month_fraction(covered: int, month_days: int, partial: PartialMonth) -> Fraction:
    if covered == month_days or partial == PartialMonth.FULL:
        return Fraction(1)
    if partial == PartialMonth.IGNORE:
        return Fraction(0)
    return Fraction(covered, month_days)


def _by_month(
    *,
    rates: Sequence[Rate],
    factor: Decimal,
    factor_text: str,
    start: date,
    end: date,
    partial: PartialMonth,
) -> tuple[list[Segment], list[str], list[str]]:
    """KIM §6 "anteilig" read as months: full months count 1/12 each; see PartialMonth."""
    # (year, rate) → first day, last day, days, months (Decimal), full months, partial months as text
    groups: dict[tuple[int, int], dict[str, Any]] = {}
    notes: list[str] = []
    cuts = _rate_cuts(rates)
    for year, month, covered in months_of(start=start, end=end):
        month_days = days_in_month(year, month)
        first = max(start, date(year, month, 1))
        last = min(end, date(year, month, month_days))
        fraction = _month_fraction(covered, month_days, partial)
        if covered < month_days and partial != PartialMonth.BY_DAY:
            verdict = "zählt nicht" if partial == PartialMonth.IGNORE else "zählt voll"
            notes.append(
                f"Angefangener Monat {month:02d}/{year} ({covered} von {month_days} Tagen) {verdict}."
            )
        for piece_start, piece_end in split_at(start=first, end=last, cuts=cuts):
            rate = _rate_on(rates, piece_start)
            piece_days = days_in_period(start=piece_start, end=piece_end)
            piece = fraction * Fraction(piece_days, covered)
            group = groups.setdefault(
                (year, rates.index(rate)),
                {"first": piece_start, "days": 0, "months": Fraction(0), "full": 0, "parts": []},
            )
            group["last"] = piece_end
            group["days"] += piece_days
            group["months"] += piece
            if piece == ONE:
                group["full"] += 1
            elif piece and partial == PartialMonth.BY_DAY:
                group["parts"].append(f"{piece_days}/{month_days}")
            elif piece:
                group["parts"].append(
                    format_number(Decimal(piece.numerator) / piece.denominator, max_places=4)
                )
    segments: list[Segment] = []
    lines: list[str] = []
    for (year, index), group in groups.items():
        rate = rates[index]
        share = group["months"] / 12
        segments.append(
            Segment(
                group["first"],
                group["last"],
                group["days"],
                days_in_year(year),
                rate.amount,
                share,
                Fraction(rate.amount) * Fraction(factor) * share,
            )
        )
        parts = group["parts"]
        terms = ([str(group["full"])] if group["full"] or not parts else []) + parts
        months_text = f"({' + '.join(terms)})" if len(terms) > 1 else terms[0]
        lines.append(f"{format_eur(rate.amount)}{factor_text} × {months_text}/12 Monate")
    return segments, lines, notes


def _finish(
    *,
    segments: list[Segment],
    lines: list[str],
    notes: list[str],
    start: date,
    end: date,
    costs: Decimal | None,
    intro: list[str],
) -> Calculation:
    days = days_in_period(start=start, end=end)
    explanation = [
        *intro,
        f"Zeitraum {format_date(start)} bis {format_date(end)}: {days} Tage.",
        *notes,
    ]
    total = sum((segment.amount for segment in segments), Fraction(0))
    result = total if costs is None else min(total, Fraction(costs))
    amount = round_cents(result)
    if len(segments) == 1 and costs is None:
        # One step: its result is the rounded end result.
        explanation.append(f"{lines[0]} = {format_eur(amount)}")
    else:
        for segment, line in zip(segments, lines, strict=True):
            prefix = (
                f"{format_date(segment.start)}–{format_date(segment.end)}: "
                if len(segments) > 1
                else ""
            )
            explanation.append(f"{prefix}{line} {_exact_or_about(segment.amount)}")
        if len(segments) > 1:
            explanation.append(
                "Summe: "
                + " + ".join(format_eur(s.amount, places=4) for s in segments)
                + f" {_exact_or_about(total)}"
            )
        if costs is not None:
            explanation.append(
                f"Höchstens die tatsächlichen Kosten: min({format_eur(total, places=4)}; "
                f"{format_eur(costs)}) {_exact_or_about(result)}"
                + (" – die Kosten begrenzen die Zuwendung." if costs < total else "")
            )
        explanation.append(f"Ergebnis, kaufmännisch auf Cent gerundet: {format_eur(amount)}")
    return Calculation(
        amount=amount,
        days=days,
        explanation=explanation,
        segments=segments,
        unrounded=total,
        capped_by_costs=costs is not None and costs < total,
    )


def per_fte_amount(
    *,
    rates: Sequence[Rate],
    fte: Decimal,
    start: date,
    end: date,
    method: ProRata = ProRata.DAY,
    partial_month: PartialMonth = PartialMonth.BY_DAY,
    costs: Decimal | None = None,
) -> Calculation:
    """Annual rate × FTE × part of each calendar year, summed, capped by costs, rounded once.

    KIM §6 (57,000 EUR per 1.0 FTE and calendar year, pro rata), BW 9.1.4 and
    9.1.8 (per position and year, reduced by day). ``rates`` are those of one
    qualification level (see ``select_rates``); they may change within the period.
    """
    days_in_period(start=start, end=end)
    if fte <= 0:
        raise RuleViolation("Der Stellenumfang muss größer als 0 VZÄ sein.", "fte")
    factor_text = f" × {format_fte(fte)}"
    if method == ProRata.MONTH:
        segments, lines, notes = _by_month(
            rates=rates,
            factor=fte,
            factor_text=factor_text,
            start=start,
            end=end,
            partial=partial_month,
        )
    else:
        segments, lines, notes = _by_day(
            rates=rates, factor=fte, factor_text=factor_text, start=start, end=end
        )
    return _finish(
        segments=segments, lines=lines, notes=notes, start=start, end=end, costs=costs, intro=[]
    )


def capped_position_amount(
    *,
    caps: Sequence[Rate],
    fte: Decimal,
    start: date,
    end: date,
    min_fte: Decimal | None = Decimal("0.5"),
    costs: Decimal | None = None,
    citation: str = "BW 5.6",
) -> Calculation:
    """BW 5.6: at most 40,000 EUR per county per 12 months, reduced by day, never above costs.

    The position is indivisible and needs at least 0.5 FTE, but the cap does
    not grow or shrink with the FTE: 0.5 FTE for all of 2024 may receive up to
    the full 40,000 EUR if it costs that much.
    """
    days_in_period(start=start, end=end)
    check_fte(fte=fte, min_fte=min_fte, max_fte=ONE, minimum_citation=citation)
    segments, lines, notes = _by_day(rates=caps, factor=ONE, factor_text="", start=start, end=end)
    intro = [
        f"Höchstbetrag je Kreis und 12 Monate, unabhängig vom Stellenumfang ({format_fte(fte)}; "
        f"Stelle nicht teilbar, {citation}); nur Personalkosten, anteilig nach Tagen."
    ]
    return _finish(
        segments=segments, lines=lines, notes=notes, start=start, end=end, costs=costs, intro=intro
    )


@dataclass(frozen=True)
class AllocationTotal:
    amount: Decimal
    parts: dict[str, Decimal]
    explanation: list[str]


def allocation_total(
    *, rate: Decimal, allocations: Mapping[str, Decimal], start: date, end: date
) -> AllocationTotal:
    """KIM §4(1) with §6: FTE allocated per Baustein and sub-region × the rate, per recipient.

    Each recipient's amount is its own computation (rounded to cents); the
    total is the sum of what is passed on. Allocations may exceed 1.0 FTE
    ("insgesamt 5,0 VzÄ", KIM §4(1)b).
    """
    parts: dict[str, Decimal] = {}
    lines: list[str] = []
    for name, fte in allocations.items():
        result = per_fte_amount(rates=[Rate(rate)], fte=fte, start=start, end=end)
        parts[name] = result.amount
        lines.append(f"{name}: " + "; ".join(result.explanation[1:]))
    total = sum(parts.values(), Decimal(0))
    lines.append(
        "Summe: " + " + ".join(format_eur(a) for a in parts.values()) + f" = {format_eur(total)}"
    )
    return AllocationTotal(amount=total, parts=parts, explanation=lines)
