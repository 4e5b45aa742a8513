from django.contrib.auth import authenticate
from ninja import Router, Status

from lotse.accounts import services
from lotse.api.errors import ErrorOut
from lotse.api.schemas import Message, TokenRequest, TokenResponse

router = Router(tags=["Anmeldung"])

FAILED = {"detail": "Anmeldung fehlgeschlagen."}


@router.post(
    "/token", auth=None, response={200: TokenResponse, 401: Message, 403: Message, 422: ErrorOut}
)
def token_create(request, payload: TokenRequest):
    """Exchange user name, password (and the TOTP code, if set up) for a bearer token.

    Every failure answers the same 401, so nobody learns which part was wrong.
    Repeated failures lock the account like the web login (django-axes).
    """
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        return Status(401, FAILED)
    device = services.confirmed_totp_device(user)
    if device is not None:
        if (
            not payload.otp
            or not device.verify_is_allowed()[0]
            or not device.verify_token(payload.otp)
        ):
            return Status(401, FAILED)
    elif services.second_factor_required(user):
        return Status(
            403, {"detail": "Bitte zuerst im Web unter „Mein Konto“ den zweiten Faktor einrichten."}
        )
    token, raw = services.api_token_issue(user=user)
    return Status(200, {"token": raw, "expires_at": token.expires_at})


@router.delete("/token", response={204: None})
def token_revoke(request):
    """Revoke the token this request was made with."""
    services.api_token_revoke(token=request.api_token, by=request.user)
    return Status(204, None)
