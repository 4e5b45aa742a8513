from django.shortcuts import redirect
from django.urls import reverse

from lotse.accounts.services import confirmed_totp_device, second_factor_required

SSO_SESSION_KEY = "lotse_sso_second_factor"


class SecondFactorMiddleware:
    """Signed in with a password only? Then the next stop is the second factor.

    Outside demo mode every account needs a confirmed TOTP device; until it has
    one, it can only reach the enrolment page, logout and the language switch.
    """

    OPEN_PREFIXES = ("/static/", "/api/", "/i18n/", "/healthz", "/oidc/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(self.OPEN_PREFIXES)
            and not user.is_verified()
            and not request.session.get(SSO_SESSION_KEY)
            and second_factor_required(user)
        ):
            allowed = {
                reverse("accounts:otp_verify"),
                reverse("accounts:otp_setup"),
                reverse("accounts:logout"),
            }
            if request.path not in allowed:
                target = (
                    "accounts:otp_verify" if confirmed_totp_device(user) else "accounts:otp_setup"
                )
                return redirect(target)
        return self.get_response(request)
