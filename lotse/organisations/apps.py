from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from lotse.core.cards import register_start_cards


class OrganisationsConfig(AppConfig):
    name = "lotse.organisations"
    label = "organisations"
    verbose_name = _("Organisationen")

    def ready(self):
        from lotse.organisations import cards

        register_start_cards(cards.start_cards, order=20)
