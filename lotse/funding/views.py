"""The calculator pages: the same selectors as the API, the arithmetic shown step by step.

Every signed-in role may use them: the programmes are public rules and no
tenant's records are read (the navigation lists them for the grant roles).
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from lotse.funding import selectors
from lotse.funding.forms import FareLossForm, PlanningFrameForm, PositionCalculatorForm
from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import format_eur, format_number


def _apply(form, call):
    """Run a calculation; a refused rule lands on the field it names, the input stays."""
    try:
        return call()
    except RuleViolation as violation:
        form.add_rule_violation(violation)
        return None


@login_required
def calculator(request: HttpRequest) -> HttpResponse:
    form = PositionCalculatorForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = _apply(
            form,
            lambda: selectors.programme_calculate(
                programme=data["programme"],
                fte=data["fte"],
                start=data["start"],
                end=data["end"],
                qualification_level=data["qualification_level"] or None,
                costs=data["costs"],
                minijob=data["minijob"],
            ),
        )
    context = {"form": form, "programmes": selectors.programme_list(), "tab": "calculator"}
    if result:
        context |= {
            "result_title": _("Zuwendung: %(amount)s")
            % {"amount": format_eur(result.calculation.amount)},
            "explanation": result.explanation,
        }
    return render(request, "funding/calculator.html", context)


@login_required
def fare_loss(request: HttpRequest) -> HttpResponse:
    form = FareLossForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = _apply(
            form,
            lambda: selectors.fare_loss_calculate(year=data["year"], revenue=data["revenue"]),
        )
    context = {"form": form, "tab": "fare_loss"}
    if result:
        context |= {
            "result_title": _("Erstattung: %(amount)s") % {"amount": format_eur(result.amount)},
            "explanation": result.explanation,
        }
    return render(request, "funding/fare_loss.html", context)


@login_required
def planning_frame(request: HttpRequest) -> HttpResponse:
    form = PlanningFrameForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = _apply(
            form,
            lambda: selectors.planning_frame_calculate(
                budget=data["budget"], quotas=data["quotas"], minimum=data["minimum"]
            ),
        )
    context = {"form": form, "tab": "planning_frame", "result": result}
    if result:
        context |= {
            "rows": [
                {
                    "county": county,
                    "quota": format_number(result.average_quotas[county]),
                    "amount": format_eur(amount),
                    "raised": county in result.raised,
                }
                for county, amount in result.allocations.items()
            ],
            "total_display": format_eur(result.total),
        }
    return render(request, "funding/planning_frame.html", context)
