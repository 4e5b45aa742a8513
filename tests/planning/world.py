"""Planning frame rows for the role × URL matrix: Arnsberg/Kreis Unna (own), and
Stuttgart/Rems-Murr or a neighbour of the role (foreign)."""

from dataclasses import dataclass
from decimal import Decimal

from lotse.core.tenancy import Area
from lotse.organisations.models import Organisation
from lotse.planning.models import CountyFrame, CountyQuota, FrameRound


@dataclass
class PlanningObjects:
    round: FrameRound
    county_frame: CountyFrame
    municipality: Organisation


def planning_for(world, own: bool) -> PlanningObjects:
    if own:
        authority_name, county_name, town_name = "Bezirksregierung Arnsberg", "Kreis Unna", "Lünen"
    else:
        place = world.foreign_place(Area.GRANTS)
        authority_name, county_name, town_name = place.authority, place.county, place.town
    authority = Organisation.objects.get(name=authority_name)
    county = Organisation.objects.get(name=county_name)
    frame_round, _ = FrameRound.objects.get_or_create(
        organisation=authority,
        year=2027,
        defaults={
            "budget": Decimal("1000000.00"),
            "minimum": Decimal("180000.00"),
            "first_quota_year": 2023,
        },
    )
    for name, link, quota in ((county_name, county, "4.5"), ("Anderer Kreis", None, "3.0")):
        for year in frame_round.quota_years:
            CountyQuota.objects.get_or_create(
                round=frame_round,
                county_name=name,
                year=year,
                defaults={"organisation": authority, "county": link, "quota": Decimal(quota)},
            )
    # A frame announced earlier (2026), so the county page exists while 2027 is still open.
    earlier, _ = FrameRound.objects.get_or_create(
        organisation=authority,
        year=2026,
        defaults={
            "budget": Decimal("1000000.00"),
            "minimum": Decimal("180000.00"),
            "first_quota_year": 2022,
        },
    )
    county_frame, _ = CountyFrame.objects.get_or_create(
        round=earlier,
        organisation=county,
        defaults={
            "year": 2026,
            "amount": Decimal("600000.00"),
            "average_quota": Decimal("4.5"),
        },
    )
    return PlanningObjects(frame_round, county_frame, Organisation.objects.get(name=town_name))
