"""Demo planning frame (BW 5.2–5.3) for 2026 and the Rems-Murr-Kreis' allocation numbers (BW 3.2).

The 44 Stadt- und Landkreise of Baden-Württemberg with *fictional* allocation
quotas (roughly their share of the population, in percent) – not the official
FlüAG figures. Idempotent: a second run changes nothing.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from lotse.organisations.models import Organisation, OrganisationKind
from lotse.planning.models import AllocationNumber, CountyFrame, CountyQuota, FrameRound
from lotse.planning.selectors import round_result

# Fictional quotas (%) for 2022, 2023, 2024.
BW_COUNTIES = {
    "Stuttgart": ("5.52", "5.49", "5.51"),
    "Heilbronn (Stadt)": ("1.13", "1.14", "1.13"),
    "Baden-Baden": ("0.50", "0.50", "0.49"),
    "Karlsruhe (Stadt)": ("2.75", "2.74", "2.76"),
    "Heidelberg": ("1.44", "1.45", "1.44"),
    "Mannheim": ("2.82", "2.81", "2.83"),
    "Pforzheim": ("1.14", "1.15", "1.15"),
    "Freiburg im Breisgau": ("2.09", "2.10", "2.10"),
    "Ulm": ("1.14", "1.13", "1.14"),
    "Alb-Donau-Kreis": ("1.80", "1.81", "1.80"),
    "Biberach": ("1.81", "1.82", "1.82"),
    "Böblingen": ("3.54", "3.55", "3.54"),
    "Bodenseekreis": ("1.95", "1.95", "1.96"),
    "Breisgau-Hochschwarzwald": ("2.38", "2.39", "2.39"),
    "Calw": ("1.43", "1.42", "1.43"),
    "Emmendingen": ("1.49", "1.49", "1.50"),
    "Enzkreis": ("1.80", "1.80", "1.81"),
    "Esslingen": ("4.80", "4.81", "4.80"),
    "Freudenstadt": ("1.07", "1.06", "1.07"),
    "Göppingen": ("2.33", "2.34", "2.33"),
    "Heidenheim": ("1.19", "1.19", "1.18"),
    "Heilbronn (Landkreis)": ("3.10", "3.11", "3.12"),
    "Hohenlohekreis": ("1.01", "1.02", "1.02"),
    "Karlsruhe (Landkreis)": ("4.04", "4.05", "4.05"),
    "Konstanz": ("2.59", "2.60", "2.60"),
    "Lörrach": ("2.07", "2.07", "2.08"),
    "Ludwigsburg": ("4.93", "4.94", "4.95"),
    "Main-Tauber-Kreis": ("1.20", "1.20", "1.19"),
    "Neckar-Odenwald-Kreis": ("1.31", "1.30", "1.30"),
    "Ortenaukreis": ("3.93", "3.94", "3.94"),
    "Ostalbkreis": ("2.86", "2.86", "2.87"),
    "Rastatt": ("2.09", "2.09", "2.10"),
    "Ravensburg": ("2.60", "2.61", "2.61"),
    "Rems-Murr-Kreis": ("3.85", "3.86", "3.86"),
    "Reutlingen": ("2.62", "2.62", "2.63"),
    "Rhein-Neckar-Kreis": ("4.99", "5.00", "5.00"),
    "Rottweil": ("1.27", "1.27", "1.26"),
    "Schwäbisch Hall": ("1.76", "1.77", "1.77"),
    "Schwarzwald-Baar-Kreis": ("1.92", "1.92", "1.91"),
    "Sigmaringen": ("1.17", "1.17", "1.16"),
    "Tübingen": ("2.06", "2.07", "2.07"),
    "Tuttlingen": ("1.28", "1.29", "1.29"),
    "Waldshut": ("1.54", "1.54", "1.55"),
    "Zollernalbkreis": ("1.70", "1.70", "1.70"),
}
# Fictional allocation numbers into follow-up accommodation for 2026 (BW 3.2).
REMS_MURR_NUMBERS = {
    "Backnang": ("96", False),
    "Fellbach": ("118", False),
    "Schorndorf": ("88", False),
    "Waiblingen": ("128", False),
    "Welzheim": ("27", False),
    "Kaisersbach": ("6", False),
}
BUDGET = Decimal("58000000.00")


@transaction.atomic
def load_planning() -> None:
    authority = Organisation.objects.get(
        name="Regierungspräsidium Stuttgart", kind=OrganisationKind.AUTHORITY
    )
    frame_round, created = FrameRound.objects.get_or_create(
        organisation=authority,
        year=2026,
        defaults={"budget": BUDGET, "minimum": Decimal("180000.00"), "first_quota_year": 2022},
    )
    if not created:
        return
    counties = {
        county.name: county
        for county in Organisation.objects.filter(
            path__startswith=authority.path, kind=OrganisationKind.COUNTY
        )
    }
    CountyQuota.objects.bulk_create(
        CountyQuota(
            organisation=authority,
            round=frame_round,
            county_name=name,
            county=counties.get(name),
            year=year,
            quota=Decimal(value),
        )
        for name, values in BW_COUNTIES.items()
        for year, value in zip(frame_round.quota_years, values, strict=True)
    )
    result = round_result(frame_round)
    CountyFrame.objects.bulk_create(
        CountyFrame(
            organisation=row.county,
            round=frame_round,
            year=2026,
            amount=row.amount,
            raised_to_minimum=row.raised,
            average_quota=row.average,
        )
        for row in result.rows
        if row.county is not None
    )
    frame_round.announced_on = date(2025, 3, 14)  # BW 5.2: first quarter of the previous year
    frame_round.save(update_fields=["announced_on"])
    county = counties["Rems-Murr-Kreis"]
    for name, (number, served) in REMS_MURR_NUMBERS.items():
        AllocationNumber.objects.get_or_create(
            organisation=Organisation.objects.get(name=name, path__startswith=county.path),
            year=2026,
            defaults={"number": Decimal(number), "served_by_county": served},
        )
