"""The seeded catalogue, on demand.

The data migration 0002_catalogue seeds it; a database that lost it (tests that
flush the database, a restore of the case tables only) gets it back with
``ensure_catalogue()`` or ``lotse shell -c "…ensure_catalogue()"``.
"""

import importlib

from django.apps import apps
from django.db import transaction

from lotse.indicators.models import IndicatorSet


@transaction.atomic
def ensure_catalogue() -> bool:
    """Seed the first catalogue if there is none; True if it was seeded now."""
    if IndicatorSet.objects.exists():
        return False
    importlib.import_module("lotse.indicators.migrations.0002_catalogue").seed(apps, None)
    return True
