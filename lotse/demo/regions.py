"""The two demo regions: Kreis Unna (KIM NRW, from the pass-through contract) and
the Rems-Murr-Kreis in Baden-Württemberg (VwV Integrationsmanagement 2023).

Loading is idempotent: nodes are found by (kind, name, parent) and users by name.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction

from lotse.accounts.models import Membership, User
from lotse.accounts.permissions import Role
from lotse.organisations import rules
from lotse.organisations.models import AssociationMembership, Organisation
from lotse.organisations.services import association_membership_add, organisation_create

DEMO_START = date(2023, 1, 1)
# BW 7.3: the grant period is the calendar year; KIM decisions are per year too.
# Association memberships (BW 3.5) are therefore recorded year by year.
# BW 10: the VwV runs until 31 Dec 2029, so the demo covers 2023–2029.
GRANT_YEARS = range(2023, 2030)


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    organisation: str  # name of the node
    valid_to: date | None = None


NRW = {
    "state": "Land Nordrhein-Westfalen",
    "authority": "Bezirksregierung Arnsberg",
    "county": ("Kreis Unna", "05978"),
    # KIM §4(1): Nordkreis and Mittelkreis; KIM §4(3): Lünen coordinates itself.
    "associations": {
        "Nordkreis": ["Lünen", "Selm", "Werne"],
        "Mittelkreis": ["Bergkamen", "Kamen", "Bönen"],
    },
    "municipalities": [
        "Lünen",
        "Selm",
        "Werne",
        "Bergkamen",
        "Kamen",
        "Bönen",
        "Fröndenberg/Ruhr",
        "Holzwickede",
        "Schwerte",
        "Unna",
    ],
    "own_coordination": {"Lünen"},
    "welfare": {"Caritasverband für den Kreis Unna": None},
}

BW = {
    "state": "Land Baden-Württemberg",
    "authority": "Regierungspräsidium Stuttgart",
    "county": ("Rems-Murr-Kreis", "08119"),
    "associations": {"Verbund Schwäbischer Wald": ["Welzheim", "Kaisersbach"]},
    "municipalities": [
        "Backnang",
        "Fellbach",
        "Schorndorf",
        "Waiblingen",
        "Welzheim",
        "Kaisersbach",
    ],
    "own_coordination": set(),
    # BW 3.2: a welfare organisation as final recipient of the county.
    "welfare": {"Kreisdiakonieverband Rems-Murr-Kreis": None},
}

USERS = [
    DemoUser("admin", "Ada", "Admin", Role.ADMIN, "Land Nordrhein-Westfalen"),
    DemoUser("cm.luenen", "Leyla", "Demir", Role.CASE_MANAGER, "Lünen"),
    DemoUser("cm.bergkamen", "Jonas", "Becker", Role.CASE_MANAGER, "Bergkamen"),
    DemoUser("lead.luenen", "Petra", "Lange", Role.TEAM_LEAD, "Lünen"),
    DemoUser("coord.unna", "Markus", "Kühn", Role.COORDINATION, "Kreis Unna"),
    DemoUser("coord.luenen", "Sabine", "Otte", Role.COORDINATION, "Lünen"),
    DemoUser("grants.unna", "Ingrid", "Wolff", Role.GRANTS_OFFICER, "Kreis Unna"),
    DemoUser("authority.arnsberg", "Thomas", "Brandt", Role.AUTHORITY, "Bezirksregierung Arnsberg"),
    DemoUser(
        "auditor", "Karin", "Vogt", Role.AUDITOR, "Bezirksregierung Arnsberg", date(2029, 12, 31)
    ),
    DemoUser("dpo", "Dieter", "Scholz", Role.DPO, "Kreis Unna"),
    DemoUser("cm.backnang", "Elena", "Schäfer", Role.CASE_MANAGER, "Backnang"),
    DemoUser("cm.welzheim", "Murat", "Aydın", Role.CASE_MANAGER, "Verbund Schwäbischer Wald"),
    DemoUser("lead.backnang", "Ulrike", "Maier", Role.TEAM_LEAD, "Backnang"),
    DemoUser("coord.remsmurr", "Stefan", "Hofmann", Role.COORDINATION, "Rems-Murr-Kreis"),
    DemoUser("grants.remsmurr", "Claudia", "Weber", Role.GRANTS_OFFICER, "Rems-Murr-Kreis"),
    DemoUser(
        "authority.stuttgart", "Andreas", "Fischer", Role.AUTHORITY, "Regierungspräsidium Stuttgart"
    ),
    DemoUser("dpo.remsmurr", "Monika", "Keller", Role.DPO, "Rems-Murr-Kreis"),
]
# The demo administrator looks after both regions.
EXTRA_MEMBERSHIPS = [("admin", Role.ADMIN, "Land Baden-Württemberg")]


def _node(kind: str, name: str, parent: Organisation | None, **extra) -> Organisation:
    existing = Organisation.objects.filter(kind=kind, name=name, parent=parent).first()
    if existing:
        return existing
    return organisation_create(
        kind=kind, name=name, parent=parent, by=None, valid_from=DEMO_START, **extra
    )


def _region(spec: dict) -> None:
    state = _node(rules.STATE, spec["state"], None)
    authority = _node(rules.AUTHORITY, spec["authority"], state)
    county_name, county_key = spec["county"]
    county = _node(rules.COUNTY, county_name, authority, official_key=county_key)
    towns = {
        name: _node(
            rules.MUNICIPALITY, name, county, runs_own_coordination=name in spec["own_coordination"]
        )
        for name in spec["municipalities"]
    }
    for name in spec["welfare"]:
        _node(rules.WELFARE, name, county)
    for association_name, members in spec["associations"].items():
        association = _node(rules.ASSOCIATION, association_name, county)
        for member in members:
            for year in GRANT_YEARS:
                start = date(year, 1, 1)
                if not AssociationMembership.objects.filter(
                    association=association, municipality=towns[member], valid_from=start
                ).exists():
                    association_membership_add(
                        association=association,
                        municipality=towns[member],
                        valid_from=start,
                        valid_to=date(year, 12, 31),
                        by=None,
                    )


def _user(spec: DemoUser) -> User:
    user = User.objects.filter(username=spec.username).first()
    if user is None:
        user = User(
            username=spec.username,
            first_name=spec.first_name,
            last_name=spec.last_name,
            is_demo=True,
        )
        user.email = f"{spec.username}@demo.lotse.invalid"
    user.is_demo = True
    user.set_password(settings.LOTSE_DEMO_PASSWORD)
    user.save()
    return user


def _membership(user: User, role: str, organisation_name: str, valid_to: date | None) -> None:
    organisation = Organisation.objects.get(name=organisation_name)
    Membership.objects.get_or_create(
        user=user,
        role=role,
        organisation=organisation,
        defaults={"valid_from": DEMO_START, "valid_to": valid_to},
    )


@transaction.atomic
def load_regions() -> list[DemoUser]:
    _region(NRW)
    _region(BW)
    for spec in USERS:
        _membership(_user(spec), spec.role, spec.organisation, spec.valid_to)
    for username, role, organisation_name in EXTRA_MEMBERSHIPS:
        _membership(User.objects.get(username=username), role, organisation_name, None)
    return USERS
