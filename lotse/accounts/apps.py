from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from lotse.core.cards import register_start_cards


class AccountsConfig(AppConfig):
    name = "lotse.accounts"
    label = "accounts"
    verbose_name = _("Konten und Rollen")

    def ready(self):
        from lotse.accounts import cards, signals  # noqa: F401 - signals registers receivers

        register_start_cards(cards.start_cards, order=40)
        register_start_cards(cards.own_account_cards, order=1000)
