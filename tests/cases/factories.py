"""Case files for tests, made through the services (so the rules run) with explicit dates.

Named people as in conftest: cm.luenen keeps cases in Lünen, lead.luenen leads
that team, cm.backnang works in another state.
"""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from lotse.accounts.models import User
from lotse.cases import services
from lotse.cases.models import Client, ClosureReason, ConsentPurpose
from lotse.organisations.models import Organisation

PDF = b"%PDF-1.7\n% signed consent\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def person(username: str) -> User:
    return User.objects.get(username=username)


def town(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def make_client(
    *,
    where: str = "Lünen",
    by: str = "cm.luenen",
    birth_year: int = 1990,
    case_number: str = "",
    today: date | None = None,
) -> Client:
    organisation = town(where)
    return services.client_create(
        organisation=organisation,
        municipality=organisation,
        initials="AK",
        birth_year=birth_year,
        case_number=case_number,
        by=person(by),
        today=today,
    )


def purposes(*codes: str):
    codes = codes or ("beratung",)
    return list(ConsentPurpose.objects.filter(code__in=codes))


def give_consent(client: Client, *, on: date, by: str = "cm.luenen", codes=(), signed_form=None):
    return services.consent_record(
        client=client,
        purposes=purposes(*codes),
        given_on=on,
        explained_in="Arabisch",
        signed_form=signed_form,
        by=person(by),
        today=on,
    )


def pdf_upload(content: bytes = PDF, name: str = "formular.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def consult(client: Client, *, on: date, by: str = "cm.luenen", today: date | None = None, **extra):
    return services.consultation_record(
        client=client,
        held_on=on,
        duration_minutes=extra.pop("duration_minutes", 45),
        channel=extra.pop("channel", "in_person"),
        by=person(by),
        today=today or on,
        **extra,
    )


def running_case(*, start: date, where: str = "Lünen", by: str = "cm.luenen") -> Client:
    """A client with consent and an initial consultation on ``start``."""
    client = make_client(where=where, by=by, today=start)
    give_consent(client, on=start, by=by)
    consult(client, on=start, by=by)
    client.refresh_from_db()
    return client


def closure_reason(code: str = "ziele-erreicht") -> ClosureReason:
    return ClosureReason.objects.get(code=code)


def make_plan(
    client: Client, *, on: date, by: str = "cm.luenen", today: date | None = None, **data
):
    """An integration plan begun on ``on`` (BW 4.1.6), through the service."""
    return services.plan_save(
        client=client, data={"started_on": on, **data}, by=person(by), today=today or on
    )


def add_goal(plan, *, by: str = "cm.luenen", today: date | None = None, **data):
    plan.refresh_from_db()
    return services.goal_save(
        plan=plan,
        data={"life_area": "language", "goal": "Deutsch B1", "status": "open", **data},
        expected_version=plan.version,
        by=person(by),
        today=today or plan.started_on,
    )


def service(code: str = "mbe"):
    from lotse.cases.models import Service

    return Service.objects.get(code=code)


def refer(client: Client, *, on: date, code: str = "mbe", by: str = "cm.luenen", **extra):
    return services.referral_create(
        client=client,
        service=service(code),
        referred_on=on,
        reason=extra.pop("reason", "Beratung zum Aufenthalt"),
        by=person(by),
        today=extra.pop("today", None) or on,
        **extra,
    )
