"""Single sign-on with OpenID Connect (optional; on when LOTSE_OIDC_CLIENT_ID is set).

Accounts and roles are kept in Lotse: the identity provider proves who someone
is, and the claim named by LOTSE_OIDC_USERNAME_CLAIM must match an existing,
active Lotse user name. Nobody is created on the fly.
"""

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from lotse.accounts.middleware import SSO_SESSION_KEY


class LotseOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        username = (claims.get(settings.LOTSE_OIDC_USERNAME_CLAIM) or "").strip().lower()
        if not username:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(username=username, is_active=True)

    def authenticate(self, request, **kwargs):
        user = super().authenticate(request, **kwargs)
        if user is not None and request is not None and settings.LOTSE_OIDC_COUNTS_AS_SECOND_FACTOR:
            request.session[SSO_SESSION_KEY] = True
        return user
