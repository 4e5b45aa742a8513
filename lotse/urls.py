from django.conf import settings
from django.urls import include, path

from lotse.api.api import api

urlpatterns = [
    path("", include("lotse.home.urls")),
    path("", include("lotse.core.urls")),
    path("", include("lotse.accounts.urls")),
    path("organisationen/", include("lotse.organisations.urls")),
    path("datenschutz/", include("lotse.privacy.urls")),
    path("personal/", include("lotse.staff.urls")),
    path("zuwendungen/fristen/", include("lotse.deadlines.urls")),
    path("zuwendungen/planungsrahmen/", include("lotse.planning.urls")),
    path("zuwendungen/nachweise/", include("lotse.proofs.urls")),
    path("zuwendungen/", include("lotse.funding.urls")),
    path("faelle/", include("lotse.cases.urls")),
    path("kennzahlen/", include("lotse.indicators.urls")),
    path("dokumente/", include("lotse.documents.urls")),
    path("kataloge/", include("lotse.cases.catalogue_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]

# Single sign-on routes exist only when OIDC is switched on (LOTSE_OIDC_CLIENT_ID).
if settings.LOTSE_OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

handler400 = "lotse.core.views.error_400"
handler403 = "lotse.core.views.error_403"
handler404 = "lotse.core.views.error_404"
handler500 = "lotse.core.views.error_500"
