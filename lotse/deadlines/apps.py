from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from lotse.core.cards import register_start_cards


class DeadlinesConfig(AppConfig):
    name = "lotse.deadlines"
    label = "deadlines"
    verbose_name = _("Fristen und Erinnerungen")

    def ready(self):
        from lotse.deadlines import cards

        register_start_cards(cards.start_cards, order=61)
