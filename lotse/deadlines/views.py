"""The grants officer's deadline list (issue 5 item 9): every programme deadline with days left."""

from datetime import timedelta

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.accounts.scope import organisation_ids_for
from lotse.core import clock
from lotse.core.permissions import area_required
from lotse.core.tenancy import Area
from lotse.deadlines import services
from lotse.deadlines.selectors import Level, counts, deadlines_for
from lotse.kernel.errors import RuleViolation

# How far ahead the list looks: the choices offered on the page.
HORIZONS = (30, 90, 365)


def _horizon(request: HttpRequest) -> int:
    value = request.GET.get("tage", "")
    return int(value) if value.isdigit() and int(value) in HORIZONS else 90


@area_required(Area.GRANTS)
def worklist(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    horizon = _horizon(request)
    show_done = request.GET.get("erledigte") == "1"
    items = deadlines_for(
        organisation_ids_for(request.user, Area.GRANTS),
        today=today,
        include_done=show_done,
        until=today + timedelta(days=horizon),
    )
    writable = organisation_ids_for(request.user, Area.GRANTS, write=True)
    return render(
        request,
        "deadlines/worklist.html",
        {
            "items": items,
            "counts": counts(items),
            "levels": Level,
            "today": today,
            "horizon": horizon,
            "horizons": HORIZONS,
            "show_done": show_done,
            "writable": writable,
        },
    )


@require_POST
@area_required(Area.GRANTS, write=True)
def mark_done(request: HttpRequest) -> HttpResponse:
    try:
        services.deadline_mark_done(
            by=request.user, key=request.POST.get("key", ""), note=request.POST.get("note", "")
        )
    except RuleViolation as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Die Frist ist als erledigt markiert."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    return redirect(back or "deadlines:worklist")
