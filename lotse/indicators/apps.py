from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from lotse.core.cards import register_start_cards


class IndicatorsConfig(AppConfig):
    name = "lotse.indicators"
    label = "indicators"
    verbose_name = _("Kennzahlen")

    def ready(self):
        from lotse.indicators import cards

        register_start_cards(cards.start_cards, order=80)
