from importlib import import_module

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from lotse.core.cards import register_start_cards


def ensure_shipped_programmes(sender, using="default", **kwargs):
    """After ``migrate`` and after every ``flush``: the shipped programmes are there again.

    The data migration creates them once; a flush (TransactionTestCase, the
    browser tests) empties every table, so, like Django's content types, they
    are restored from the same data. Existing rows are never changed.
    """
    connection = connections[using]
    if "funding_programme" not in connection.introspection.table_names():
        return  # migrated backwards past 0001
    from django.apps import apps as live_apps

    migration = import_module("lotse.funding.migrations.0002_programmes")
    migration.load(live_apps, None)


class FundingConfig(AppConfig):
    name = "lotse.funding"
    label = "funding"
    verbose_name = _("Zuwendungen")

    def ready(self):
        from lotse.funding import cards

        register_start_cards(cards.start_cards, order=60)

        post_migrate.connect(ensure_shipped_programmes, sender=self)
