from ninja import Router

from lotse.accounts.scope import active_memberships
from lotse.api.schemas import MeOut

router = Router(tags=["Konto"])


@router.get("", response=MeOut)
def me(request):
    return {
        "id": request.user.pk,
        "username": request.user.username,
        "memberships": [
            {
                "role": m.role,
                "role_label": str(m.get_role_display()),
                "organisation_id": m.organisation_id,
                "organisation_name": m.organisation.name,
                "valid_from": m.valid_from,
                "valid_to": m.valid_to,
            }
            for m in active_memberships(request.user)
        ],
    }
