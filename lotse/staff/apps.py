from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "lotse.staff"
    label = "staff"
    verbose_name = _("Personal und Qualifikation")
