"""Small helpers shared by the grant pages (no business logic)."""

from django.http import HttpRequest

from lotse.accounts.scope import organisation_ids_for
from lotse.core import clock
from lotse.core.tenancy import Area
from lotse.kernel.money import format_eur


def can_write(user, organisation_id: int) -> bool:
    return organisation_id in organisation_ids_for(user, Area.GRANTS, write=True)


def money_input(amount) -> str:
    """An amount as a German form value: 47500 → "47.500,00"."""
    return format_eur(amount).removesuffix(" EUR")


def year_from(request: HttpRequest) -> int:
    value = request.GET.get("year", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return clock.today().year
