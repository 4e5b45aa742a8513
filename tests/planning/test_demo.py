"""The demo planning frame 2026 (BW 5.2–5.3) and the Rems-Murr-Kreis' numbers (BW 3.2)."""

from decimal import Decimal as D

from lotse.demo.planning import BUDGET, load_planning
from lotse.planning.models import CountyFrame, FrameRound
from lotse.planning.selectors import county_result, round_result


def test_demo_round_is_announced_and_adds_up_to_the_budget(db):
    load_planning()
    load_planning()  # idempotent
    frame_round = FrameRound.objects.get(year=2026)
    result = round_result(frame_round)
    assert frame_round.announced_on is not None
    assert len(result.rows) == 44  # the Stadt- und Landkreise of Baden-Württemberg
    assert sum(row.amount for row in result.rows) == BUDGET
    assert all(row.amount >= D("180000.00") for row in result.rows)  # BW 5.3
    frame = CountyFrame.objects.get()
    assert frame.organisation.name == "Rems-Murr-Kreis"
    rems_murr = next(row for row in result.rows if row.county_name == "Rems-Murr-Kreis")
    assert frame.amount == rems_murr.amount
    shares = county_result(frame)
    assert not shares.problems
    assert sum(row.amount for row in shares.recipients) == frame.amount  # BW 3.2
