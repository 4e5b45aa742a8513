from django.core.exceptions import PermissionDenied
from ninja.security import HttpBearer

from lotse.accounts.scope import has_area
from lotse.accounts.services import api_token_lookup
from lotse.core.tenancy import Area


class BearerToken(HttpBearer):
    """``Authorization: Bearer <token>`` from POST /api/v1/auth/token."""

    def authenticate(self, request, token):
        api_token = api_token_lookup(token)
        if api_token is None:
            return None
        request.user = api_token.user
        request.api_token = api_token
        return api_token.user


def require_area(request, area: Area, *, write: bool = False) -> None:
    if not has_area(request.user, area, write=write):
        raise PermissionDenied
