"""Case objects for the API rows of the role × URL matrix.

``world.case(own)`` (tests/test_access_matrix.py) has a pending extension, so
requesting another would be refused; the extension request needs a running
case without one, made here once per region as plain rows.
"""

from datetime import timedelta

from lotse.accounts.models import User
from lotse.accounts.permissions import Role
from lotse.cases.models import Client, Consent, ConsentPurpose, Consultation
from lotse.core import clock
from lotse.core.tenancy import Area
from lotse.kernel.dates import add_years

STARTED_DAYS_AGO = 200


def running_case_without_extension(world, own: bool) -> Client:
    cache = world.__dict__.setdefault("_api_cases", {})
    town = world.own_org if own else world.foreign_org(Area.CASES)
    if town.pk not in cache:
        manager = (
            world.users[Role.CASE_MANAGER]
            if own
            else User.objects.get(username=world.foreign_place(Area.CASES).case_manager)
        )
        started = clock.today() - timedelta(days=STARTED_DAYS_AGO)
        client = Client.objects.create(
            organisation=town,
            municipality=town,
            case_number="API-1",
            initials="MH",
            birth_year=1988,
            case_manager=manager,
        )
        consent = Consent.objects.create(
            organisation=town,
            client=client,
            given_on=started,
            explained_in="Dari",
            taken_by=manager,
        )
        consent.purposes.set(ConsentPurpose.objects.all())
        Consultation.objects.create(
            organisation=town,
            client=client,
            is_initial=True,
            held_on=started,
            duration_minutes=60,
            channel="in_person",
            recorded_by=manager,
        )
        cache[town.pk] = client
    return cache[town.pk]


def extension_data(world, own: bool) -> dict:
    started = clock.today() - timedelta(days=STARTED_DAYS_AGO)
    return {
        "reason": "illiteracy",
        "justification": "Alphabetisierungskurs läuft noch",
        "until": (add_years(started, 3) + timedelta(days=100)).isoformat(),
    }
