from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from lotse.core.cards import register_start_cards


class StaffConfig(AppConfig):
    name = "lotse.staff"
    label = "staff"
    verbose_name = _("Personal und Qualifikation")

    def ready(self):
        from lotse.staff import cards

        register_start_cards(cards.start_cards, order=70)
