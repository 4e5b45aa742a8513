from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from lotse.core.cards import register_start_cards


class CasesConfig(AppConfig):
    name = "lotse.cases"
    label = "cases"
    verbose_name = _("Fallmanagement")

    def ready(self):
        from lotse.cases import cards

        register_start_cards(cards.start_cards, order=10)
        register_start_cards(cards.catalogue_start_cards, order=30)
