from ninja import Router
from ninja.pagination import paginate

from lotse.api.auth import require_area
from lotse.api.errors import ErrorOut
from lotse.api.schemas import OrganisationDetailOut, OrganisationOut
from lotse.core.tenancy import Area, get_for_user
from lotse.organisations.models import Organisation

router = Router(tags=["Organisationen"])


@router.get("/organisations", response={200: list[OrganisationOut], 422: ErrorOut})
@paginate
def organisation_list(request, kind: str | None = None):
    require_area(request, Area.ORGANISATIONS)
    organisations = Organisation.objects.for_user(request.user).order_by("path")
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations


@router.get("/organisations/{int:organisation_id}", response=OrganisationDetailOut)
def organisation_detail(request, organisation_id: int):
    require_area(request, Area.ORGANISATIONS)
    organisation = get_for_user(Organisation, request.user, organisation_id)
    organisation.members = list(
        organisation.member_links.values("municipality_id", "valid_from", "valid_to")
    )
    return organisation
