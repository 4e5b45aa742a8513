"""The planning frame: the state's budget shared among the counties (BW 5.2–5.3).

BW 5.3: each county's frame follows its allocation quota (Zuteilungsquote
under the Flüchtlingsaufnahmegesetz) – the quotas of the last three years
before the frame is announced – "beträgt jedoch mindestens 180 000 Euro";
the total available planning frame is the upper limit for all recipients.

Lotse's reading (SPEC §4.3):
1. each county's weight is the plain average of its three quotas;
2. the budget is shared in proportion to the weights;
3. counties whose share is below the minimum are raised to it, and what is
   left is shared among the others in proportion; repeated until no share is
   below the minimum (it ends: each round raises at least one more county);
4. exact shares are cut to cents and the missing cents go, one each, to the
   largest remainders (ties: alphabetical), so the allocations add up to the
   budget exactly – never more;
5. if the minimums alone exceed the budget, that is an error, not a cut.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import format_eur, format_number, is_exact, to_decimal

YEARS = 3  # BW 5.3: "die Zuteilungsquoten der letzten drei Jahre"


@dataclass(frozen=True)
class PlanningFrame:
    budget: Decimal
    minimum: Decimal
    allocations: dict[str, Decimal]
    raised: list[str]  # counties lifted to the minimum, in the order given
    average_quotas: dict[str, Decimal]  # shown with six decimals
    rounds: int
    total: Decimal
    explanation: list[str]


def _quota_text(value: Fraction) -> str:
    return format_number(to_decimal(value, places=6))


def planning_frame_distribute(
    *,
    budget: Decimal,
    quotas: Mapping[str, Sequence[Decimal]],
    minimum: Decimal = Decimal("180000"),
    citation: str = "BW 5.3",
) -> PlanningFrame:
    """Share ``budget`` by three-year average quotas with a floor of ``minimum`` per county."""
    if not quotas:
        raise RuleViolation(
            "Bitte mindestens einen Kreis mit seinen Zuteilungsquoten angeben.", "quotas"
        )
    for county, values in quotas.items():
        if not str(county).strip():
            raise RuleViolation("Jeder Kreis braucht einen Namen.", "quotas")
        if len(values) != YEARS:
            raise RuleViolation(
                f"{county}: bitte genau {YEARS} Zuteilungsquoten angeben, die der letzten drei "
                f"Jahre ({citation}); angegeben: {len(values)}.",
                "quotas",
            )
        if any(value < 0 for value in values):
            raise RuleViolation(f"{county}: Zuteilungsquoten dürfen nicht negativ sein.", "quotas")
    if budget < 0 or minimum < 0:
        raise RuleViolation(
            "Beträge dürfen nicht negativ sein.", "budget" if budget < 0 else "minimum"
        )
    count = len(quotas)
    floors = minimum * count
    if floors > budget:
        raise RuleViolation(
            "Der Gesamtplanungsrahmen reicht nicht für die Mindestbeträge: "
            f"{count} {'Kreis' if count == 1 else 'Kreise'} × "
            f"{format_eur(minimum)} = {format_eur(floors)}, verfügbar sind nur "
            f"{format_eur(budget)} ({citation}: mindestens {format_eur(minimum)} je Kreis, "
            "Obergrenze ist der Gesamtplanungsrahmen).",
            "budget",
        )
    averages = {
        county: sum(map(Fraction, values), Fraction(0)) / YEARS for county, values in quotas.items()
    }
    if not any(averages.values()):
        raise RuleViolation("Die Zuteilungsquoten sind alle 0: nichts zu verteilen.", "quotas")

    explanation = [
        f"Durchschnittliche Zuteilungsquote der letzten drei Jahre ({citation}):",
        *(
            f"{county}: ("
            + " + ".join(format_number(Decimal(v)) for v in quotas[county])
            + f") / 3 {'=' if is_exact(average, places=6) else '≈'} {_quota_text(average)}"
            for county, average in averages.items()
        ),
    ]

    raised: set[str] = set()
    budget_f, minimum_f = Fraction(budget), Fraction(minimum)
    rounds = 0
    while True:
        rounds += 1
        free = [county for county in averages if county not in raised]
        rest = budget_f - minimum_f * len(raised)
        weight = sum((averages[county] for county in free), Fraction(0))
        shares = {
            county: (rest * averages[county] / weight if weight else Fraction(0)) for county in free
        }
        below = [county for county in free if shares[county] < minimum_f]
        intro = (
            f"Runde {rounds}: {format_eur(rest)} nach Quoten auf {len(free)} "
            + ("Kreis" if len(free) == 1 else "Kreise")
            + " verteilt"
            + (
                f" (Gesamtrahmen {format_eur(budget)} abzüglich {len(raised)} × "
                f"{format_eur(minimum)} Mindestbetrag)"
                if raised
                else ""
            )
        )
        if below:
            explanation.append(
                f"{intro}; unter dem Mindestbetrag von {format_eur(minimum)}: "
                + ", ".join(below)
                + " – auf den Mindestbetrag angehoben."
            )
            raised.update(below)
            if len(raised) == count:
                break
            continue
        explanation.append(f"{intro}; kein Kreis liegt mehr unter dem Mindestbetrag.")
        break

    exact_shares = {
        county: (minimum_f if county in raised else shares[county]) for county in averages
    }
    cents = {county: int(share * 100) for county, share in exact_shares.items()}
    missing = int(budget_f * 100) - sum(cents.values())
    by_remainder = sorted(
        averages, key=lambda county: (-(exact_shares[county] * 100 - cents[county]), county)
    )
    extra = set(by_remainder[:missing]) if missing > 0 else set()
    for county in extra:
        cents[county] += 1
    allocations = {county: Decimal(cents[county]).scaleb(-2) for county in averages}

    free_weight = sum((averages[c] for c in averages if c not in raised), Fraction(0))
    rest = budget_f - minimum_f * len(raised)
    for county in averages:
        if county in raised:
            line = f"{county}: Mindestbetrag {format_eur(minimum)}"
        else:
            share = exact_shares[county]
            line = (
                f"{county}: {_quota_text(averages[county])} / {_quota_text(free_weight)} × "
                f"{format_eur(rest)} {'=' if is_exact(share) else '≈'} "
                f"{format_eur(share, places=4)} → {format_eur(allocations[county])}"
            )
            if county in extra:
                line += " (ein Restcent nach dem größten Rest)"
        explanation.append(line)
    total = sum(allocations.values(), Decimal(0))
    explanation.append(
        f"Summe aller Planungsrahmen: {format_eur(total)} = Gesamtplanungsrahmen {format_eur(budget)}."
        if total == budget
        else f"Summe aller Planungsrahmen: {format_eur(total)} (Gesamtplanungsrahmen {format_eur(budget)})."
    )
    return PlanningFrame(
        budget=budget,
        minimum=minimum,
        allocations=allocations,
        raised=[county for county in averages if county in raised],
        average_quotas={county: to_decimal(a, places=6) for county, a in averages.items()},
        rounds=rounds,
        total=total,
        explanation=explanation,
    )
