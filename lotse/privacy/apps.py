from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from lotse.core.cards import register_start_cards


class PrivacyConfig(AppConfig):
    name = "lotse.privacy"
    label = "privacy"
    verbose_name = _("Datenschutz")

    def ready(self):
        from lotse.privacy import cards

        register_start_cards(cards.start_cards, order=50)
