from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lotse.accounts.scope import active_memberships
from lotse.core import clock
from lotse.core.cards import start_cards


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """The start page: the roles held today and what each app offers this person now."""
    today = clock.today()
    return render(
        request,
        "home/start.html",
        {
            "memberships": active_memberships(request.user, today),
            "cards": start_cards(request.user, on=today),
        },
    )
