"""The catalogue is data (issue 6 item 1): versioned per programme and year."""

import pytest

from lotse.indicators import selectors
from lotse.indicators.catalogue import ensure_catalogue
from lotse.indicators.models import Indicator, IndicatorSet
from lotse.indicators.queries import QUERIES

pytestmark = pytest.mark.django_db

REQUIRED = {
    "persons.counselled",
    "persons.closed",
    "persons.gender",
    "persons.age",
    "persons.country",
    "persons.residence",
    "plans.count",
    "consultations.channel",
    "referrals.outcome",
    "goals.life_area",
    "situation.language",
    "situation.language_level",
    "situation.work",
    "situation.housing",
    "extensions.reason",
    "caseload.per_fte",
    "staff.fte",
    "staff.qualification",
    "staff.trainings",
    "network.events",
    "themes.barriers",
}


def test_both_programmes_carry_the_list_of_issue_6():
    # SPEC §5; BW 9.1.9; KIM §3(2)d.
    for programme in ("bw-im", "kim-nrw"):
        codes = set(
            Indicator.objects.filter(indicator_set__programme=programme).values_list(
                "code", flat=True
            )
        )
        assert codes == REQUIRED
    assert set(Indicator.objects.values_list("computation", flat=True)) <= set(QUERIES)


def test_the_set_follows_the_land_and_the_latest_version_wins(org):
    bw = selectors.indicator_set_for(org("Backnang"), 2025)
    nrw = selectors.indicator_set_for(org("Bergkamen"), 2025)
    assert (bw.programme, nrw.programme) == ("bw-im", "kim-nrw")
    newer = IndicatorSet.objects.create(
        programme="bw-im", land_key="08", first_year=2025, version=2, title="BW 2025 v2"
    )
    assert selectors.indicator_set_for(org("Backnang"), 2025) == newer
    assert selectors.indicator_set_for(org("Backnang"), 2024) == bw


def test_the_catalogue_comes_back_after_a_flush():
    IndicatorSet.objects.all().delete()
    assert ensure_catalogue() is True
    assert ensure_catalogue() is False
    assert IndicatorSet.objects.count() == 2
