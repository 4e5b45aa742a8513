from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProofsConfig(AppConfig):
    name = "lotse.proofs"
    label = "proofs"
    verbose_name = _("Verwendungsnachweise")
