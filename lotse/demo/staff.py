"""Demo staff for every demo recipient (issue 4 item 11).

Rems-Murr-Kreis (BW) holds one person per rule in a violating state: overdue
start of the supplementary qualification, no training this year, a coverage gap,
no background check, a foreign degree without equivalence proof, and a mini-job.
Kreis Unna (KIM NRW) employs case managers and coordinating staff, for whom the
seeds set no qualification rules.

Dates are relative to the day of loading, so the violations hold whenever the
demo is loaded; no randomness. Loading is idempotent: a person is found by
employer and name and, if present, left alone. Everything is written through the
staff services, so the demo obeys the same rules as the pages.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from lotse.core import clock
from lotse.organisations.models import Organisation
from lotse.staff import services
from lotse.staff.models import BackgroundCheck, Employee, EquivalenceProof
from lotse.staff.rules.common import StaffFunction
from lotse.staff.rules.supplementary import SupplementaryTopic

IM = StaffFunction.INTEGRATION_MANAGER
CM = StaffFunction.CASE_MANAGER
CO = StaffFunction.COORDINATING_OFFICE


@dataclass(frozen=True)
class Period:
    position: str
    start: date
    end: date | None
    fte: str
    funded: str | None = None
    mini_job: bool = False
    # (start, end, reason, consent reference or "")
    interruptions: tuple[tuple[date, date, str, str], ...] = ()


@dataclass(frozen=True)
class Person:
    employer: str
    first_name: str
    last_name: str
    function: StaffFunction
    hire_date: date
    periods: tuple[Period, ...]
    qualification: dict = field(default_factory=dict)
    checked: bool = True
    equivalence_proof: bool = False
    supplementary_topics: str = ""  # letters already attended


def _people(today: date) -> list[Person]:
    year = today.year
    long_ago = date(year - 3, 1, 1)
    social = {"degree_field": "social_work"}
    recent_hire = (today.replace(day=1) - timedelta(days=150)).replace(day=1)
    leaver_end = today - timedelta(days=60)
    successor_start = today - timedelta(days=30)
    greta_end = max(today - timedelta(days=14), date(year, 1, 1))
    return [
        # --- Rems-Murr-Kreis (BW) ---
        Person(
            "Rems-Murr-Kreis",
            "Clara",
            "Vogel",
            CO,
            long_ago,
            (Period("KS-1", long_ago, None, "0.5"),),
            social,
        ),
        Person(
            "Backnang",
            "Sofia",
            "Hoffmann",
            IM,
            long_ago,
            (Period("IM-BK-1", long_ago, None, "1"),),
            social,
        ),
        # Level 2, no supplementary training started: start overdue (BW 4.1.2.2).
        Person(
            "Backnang",
            "Emil",
            "Wagner",
            IM,
            recent_hire,
            (Period("IM-BK-2", recent_hire, None, "0.5"),),
            {"degree_field": "other", "degree_field_name": "Betriebswirtschaftslehre"},
        ),
        # Level 3, supplementary qualification under way.
        Person(
            "Fellbach",
            "Lina",
            "Schulz",
            IM,
            long_ago,
            (Period("IM-FE-1", long_ago, None, "1"),),
            {
                "school_level": 2,
                "relevant_experience_documented": True,
                "experience_note": "Acht Jahre Ehrenamt in der Flüchtlingshilfe",
            },
            supplementary_topics="abcdefghi",
        ),
        # No background check on file (BW 4.3).
        Person(
            "Fellbach",
            "Jonas",
            "Richter",
            IM,
            long_ago,
            (Period("IM-FE-2", long_ago, None, "0.5"),),
            social,
            checked=False,
        ),
        # Coverage gap between leaver and successor (BW 3.4).
        Person(
            "Schorndorf",
            "Paul",
            "Neumann",
            IM,
            long_ago,
            (Period("IM-SD-1", long_ago, leaver_end, "0.5"),),
            social,
        ),
        Person(
            "Schorndorf",
            "Mara",
            "Klein",
            IM,
            successor_start,
            (Period("IM-SD-1", successor_start, None, "0.5"),),
            social,
        ),
        # Foreign degree without equivalence proof (BW 4.1.1.4).
        Person(
            "Waiblingen",
            "Yusuf",
            "Demir",
            IM,
            long_ago,
            (Period("IM-WN-1", long_ago, None, "1"),),
            {"degree_field": "social_work", "degree_foreign": True},
        ),
        # Foreign degree with proof, and an approved parental leave.
        Person(
            "Waiblingen",
            "Hanna",
            "Berg",
            IM,
            long_ago,
            (
                Period(
                    "IM-WN-2",
                    long_ago,
                    None,
                    "0.5",
                    interruptions=(
                        (
                            date(year - 1, 3, 1),
                            date(year - 1, 8, 31),
                            "Elternzeit",
                            "RPS-15-5913-1/23",
                        ),
                    ),
                ),
            ),
            {"degree_field": "pedagogy", "degree_foreign": True},
            equivalence_proof=True,
        ),
        Person(
            "Verbund Schwäbischer Wald",
            "Tim",
            "Bauer",
            IM,
            long_ago,
            (Period("IM-SW-1", long_ago, None, "0.75", funded="0.5"),),
            social,
        ),
        # Left this year without a training offer in it (BW 4.1.3).
        Person(
            "Verbund Schwäbischer Wald",
            "Greta",
            "Fuchs",
            IM,
            long_ago,
            (Period("IM-SW-2", long_ago, greta_end, "0.5"),),
            social,
        ),
        Person(
            "Kreisdiakonieverband Rems-Murr-Kreis",
            "Eva",
            "Lorenz",
            IM,
            long_ago,
            (Period("IM-KDV-1", long_ago, None, "0.5", funded="0.25"),),
            social,
        ),
        # A mini-job is not fundable (BW 5.5).
        Person(
            "Kreisdiakonieverband Rems-Murr-Kreis",
            "Max",
            "Roth",
            IM,
            long_ago,
            (Period("IM-KDV-2", long_ago, None, "0.2", mini_job=True),),
            social,
        ),
        # --- Kreis Unna (KIM NRW): KIM §4(1) positions ---
        Person(
            "Kreis Unna",
            "Katrin",
            "Albers",
            CO,
            long_ago,
            (Period("KIM-BS1-Kreis", long_ago, None, "1"),),
            social,
        ),
        Person(
            "Lünen",
            "Jan",
            "Petersen",
            CO,
            long_ago,
            (Period("KIM-BS1-1", long_ago, None, "1"),),
            social,
        ),
        Person(
            "Lünen",
            "Aylin",
            "Kaya",
            CM,
            long_ago,
            (Period("KIM-BS2-LÜ-1", long_ago, None, "1"),),
            social,
        ),
        Person(
            "Selm",
            "Tobias",
            "Brenner",
            CM,
            long_ago,
            (Period("KIM-BS2-SE-1", long_ago, None, "1"),),
            social,
        ),
        Person(
            "Werne",
            "Miriam",
            "Ahrens",
            CM,
            long_ago,
            (Period("KIM-BS2-WE-1", long_ago, None, "1"),),
            social,
        ),
        Person(
            "Bergkamen",
            "Nina",
            "Hartmann",
            CM,
            long_ago,
            (Period("KIM-BS2-BK-1", long_ago, None, "1"),),
            social,
        ),
        Person(
            "Bergkamen",
            "Oliver",
            "Sommer",
            CM,
            long_ago,
            (Period("KIM-BS2-BK-2", long_ago, None, "1", funded="0.5"),),
            social,
        ),
        Person(
            "Kamen",
            "Deniz",
            "Yıldız",
            CM,
            long_ago,
            (Period("KIM-BS2-KA-1", long_ago, None, "1"),),
            social,
        ),
        Person(
            "Bönen",
            "Frank",
            "Wiese",
            CM,
            long_ago,
            (Period("KIM-BS2-BÖ-1", long_ago, None, "1"),),
            social,
        ),
        Person(
            "Caritasverband für den Kreis Unna",
            "Lea",
            "Engel",
            CM,
            long_ago,
            (Period("KIM-BS2-CA-1", long_ago, None, "0.5"),),
            social,
        ),
    ]


def _create(spec: Person, organisation: Organisation) -> Employee:
    employee = services.employee_create(
        organisation=organisation,
        by=None,
        first_name=spec.first_name,
        last_name=spec.last_name,
        function=spec.function.value,
        hire_date=spec.hire_date,
        **spec.qualification,
    )
    for period in spec.periods:
        record = services.employment_period_create(
            employee=employee,
            by=None,
            position=period.position,
            start=period.start,
            end=period.end,
            fte=Decimal(period.fte),
            funded_fte=Decimal(period.funded) if period.funded else None,
            mini_job=period.mini_job,
        )
        for start, end, reason, reference in period.interruptions:
            services.interruption_add(
                period=record,
                by=None,
                start=start,
                end=end,
                reason=reason,
                consent_given_on=start if reference else None,
                consent_reference=reference,
            )
    if spec.equivalence_proof:
        services.equivalence_proof_add(
            employee=employee,
            by=None,
            kind="equivalence_assessment",
            issued_on=spec.hire_date - timedelta(days=30),
            qualification=EquivalenceProof.DEGREE,
        )
    if spec.checked:
        services.background_check_record(
            employee=employee,
            by=None,
            checked_on=spec.hire_date - timedelta(days=14),
            method=BackgroundCheck.ENHANCED_CERTIFICATE,
            outcome="cleared",
            checked_by="Personalamt",
        )
    if spec.supplementary_topics:
        letters = list(spec.supplementary_topics)
        half = len(letters) // 2
        start = spec.hire_date + timedelta(days=30)
        for index, chunk in enumerate((letters[:half], letters[half:])):
            begin = start + timedelta(days=90 * index)
            services.supplementary_training_add(
                employee=employee,
                by=None,
                title=f"Nachqualifizierung Integrationsmanagement, Modul {index + 1}",
                provider="Liga der freien Wohlfahrtspflege",
                start=begin,
                end=begin + timedelta(days=2),
                days=Decimal(3),
                topics=[SupplementaryTopic(letter) for letter in chunk],
            )
    return employee


def _offers(today: date, created: list[Employee]) -> None:
    """One county training per year, offered to every integration manager employed that day,
    except Greta Fuchs, who is the demo's missing annual training (BW 4.1.3)."""
    county = Organisation.objects.get(name="Rems-Murr-Kreis")
    for day in (
        date(today.year - 1, 3, 15),
        max(date(today.year, 1, 2), today - timedelta(days=90)),
    ):
        offered = [
            e
            for e in created
            if e.function == IM
            and e.last_name != "Fuchs"
            and e.organisation.path.startswith(county.path)
            and any(
                p.start <= day and (p.end is None or day <= p.end)
                for p in e.employment_periods.all()
            )
        ]
        if offered:
            services.training_offer_create(
                organisation=county,
                by=None,
                topic="Psychosoziale Unterstützung von Geflüchteten",
                date=day,
                provider="Landratsamt Rems-Murr-Kreis, Koordinierende Stelle",
                offered_to=offered,
                attended=offered[::2],
            )


@transaction.atomic
def load_staff(today: date | None = None) -> int:
    """Create the demo staff once; returns how many people were created now."""
    today = today or clock.today()
    created: list[Employee] = []
    for spec in _people(today):
        organisation = Organisation.objects.get(name=spec.employer)
        if Employee.objects.filter(
            organisation=organisation, first_name=spec.first_name, last_name=spec.last_name
        ).exists():
            continue
        created.append(_create(spec, organisation))
    if created:
        _offers(today, created)
    return len(created)
