from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from lotse.core.cards import register_start_cards


class DocumentsConfig(AppConfig):
    name = "lotse.documents"
    label = "documents"
    verbose_name = _("Dokumente zum Drucken")

    def ready(self):
        from lotse.documents import cards

        register_start_cards(cards.start_cards, order=35)
