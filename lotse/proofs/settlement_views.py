"""The settlement page (issue 5 item 7): the step after the proof of use.

A settlement compares the programme amount with the costs the newest submitted
or checked proof of use proved (KIM §8, BW 8.3) and turns an overpayment into a
recovery claim (KIM §11). It lives here, above the grant files it reads, so
that it can rest on the proof it was computed from.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lotse.core import clock
from lotse.core.permissions import area_required
from lotse.core.tenancy import Area
from lotse.funding import grant_selectors as gs
from lotse.funding import services
from lotse.funding.grant_forms import SettlementForm
from lotse.funding.page_helpers import money_input
from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import format_eur
from lotse.proofs.selectors import proven_costs


@area_required(Area.GRANTS, write=True)
def settlement_create(request: HttpRequest, pk: int) -> HttpResponse:
    decision = gs.get_decision_for_user(request.user, pk, write=True)
    parties = gs.settlement_parties(decision)
    initial = {"settled_on": clock.today()}
    if decision.period_start:
        initial["year"] = decision.period_start.year
    chosen = request.GET.get("stelle", "")
    party = parties.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    proven = None
    if party is not None:
        defaults = gs.settlement_defaults(decision, party)
        initial |= {
            "organisation": party,
            "programme_amount": money_input(defaults["programme_amount"]),
            "paid": money_input(defaults["paid"]),
        }
        if "year" in initial:
            # KIM §8, BW 8.3: settled on the costs the proof of use proved.
            proven = proven_costs(decision=decision, organisation=party, year=initial["year"])
            if proven is not None:
                initial["eligible_costs"] = money_input(proven[0])
    form = SettlementForm(request.POST or None, initial=initial, organisations=parties)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _settlement, claim = services.settlement_record(
                decision=decision,
                organisation=data["organisation"],
                year=data["year"],
                programme_amount=data["programme_amount"],
                eligible_costs=data["eligible_costs"],
                paid=data["paid"],
                settled_on=data["settled_on"],
                interest_from=data["interest_from"],
                by=request.user,
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            if claim:
                messages.warning(
                    request,
                    _("Überzahlung: Rückforderung über %(amount)s angelegt.")
                    % {"amount": format_eur(claim.amount)},
                )
                return redirect("funding:claim_detail", pk=claim.pk)
            messages.success(request, _("Abrechnung gespeichert."))
            return redirect("funding:decision_detail", pk=decision.pk)
    return render(
        request,
        "proofs/settlement_form.html",
        {
            "form": form,
            "decision": decision,
            "parties": parties,
            "proof": proven[1] if proven else None,
        },
    )
