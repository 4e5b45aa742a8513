"""Planning frame pages (BW 3.2, 5.2–5.3; issue 5 item 8).

The granting authority sets up a round, reads in the counties' allocation
quotas, sees the distribution with the floors marked and announces it; each
county then sees its frame and passes it on along the allocation numbers.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.accounts.scope import organisation_ids_for, organisations_for
from lotse.core import clock
from lotse.core.permissions import area_required
from lotse.core.tenancy import Area, get_for_user
from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import format_eur
from lotse.organisations.models import OrganisationKind
from lotse.planning import services
from lotse.planning.forms import NumbersForm, QuotaImportForm, RoundForm
from lotse.planning.imports import QuotaImportError, parse_quotas, rows_from_text, rows_from_upload
from lotse.planning.models import CountyFrame, FrameRound
from lotse.planning.selectors import county_frames_for, county_result, round_result, rounds_for


def _writable_authorities(user):
    return organisations_for(
        user, Area.GRANTS, write=True, kinds=[OrganisationKind.AUTHORITY]
    ).order_by("name")


@area_required(Area.GRANTS)
def frame_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "planning/frame_list.html",
        {
            "rounds": list(rounds_for(request.user)),
            "county_frames": list(county_frames_for(request.user)),
            "can_create": _writable_authorities(request.user).exists(),
        },
    )


@area_required(Area.GRANTS, write=True)
def round_create(request: HttpRequest) -> HttpResponse:
    authorities = _writable_authorities(request.user)
    form = RoundForm(request.POST or None, authorities=authorities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            frame_round = services.round_create(
                by=request.user,
                authority=data["authority"],
                year=data["year"],
                budget=data["budget"],
                minimum=data["minimum"],
                first_quota_year=data["first_quota_year"],
            )
        except RuleViolation as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request, _("Der Planungsrahmen ist angelegt. Jetzt die Quoten einlesen.")
            )
            return redirect("planning:round_detail", pk=frame_round.pk)
    return render(
        request,
        "planning/round_form.html",
        {"form": form, "has_authority": form.fields["authority"].queryset.exists()},
    )


def _round_page(request, frame_round, *, form=None, import_errors=None, status=200):
    result = round_result(frame_round)
    can_write = frame_round.organisation_id in organisation_ids_for(
        request.user, Area.GRANTS, write=True
    )
    return render(
        request,
        "planning/round_detail.html",
        {
            "round": frame_round,
            "result": result,
            "total_display": format_eur(result.frame.total) if result.frame else "",
            "can_write": can_write and not frame_round.announced_on,
            "form": form or QuotaImportForm(),
            "import_errors": import_errors or [],
        },
        status=status,
    )


@area_required(Area.GRANTS)
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    frame_round = get_for_user(FrameRound.objects.select_related("organisation"), request.user, pk)
    return _round_page(request, frame_round)


@require_POST
@area_required(Area.GRANTS, write=True)
def round_quotas(request: HttpRequest, pk: int) -> HttpResponse:
    frame_round = get_for_user(
        FrameRound.objects.select_related("organisation"), request.user, pk, write=True
    )
    form = QuotaImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _round_page(request, frame_round, form=form, status=422)
    try:
        upload = form.cleaned_data.get("file")
        rows = rows_from_upload(upload) if upload else rows_from_text(form.cleaned_data["text"])
        quotas = parse_quotas(rows, frame_round.quota_years)
        count = services.quotas_replace(by=request.user, frame_round=frame_round, quotas=quotas)
    except QuotaImportError as error:
        return _round_page(request, frame_round, form=form, import_errors=error.errors, status=422)
    except RuleViolation as error:
        return _round_page(
            request, frame_round, form=form, import_errors=[error.message], status=422
        )
    messages.success(
        request,
        _("Quoten für %(count)s Kreise eingelesen (alle bisherigen ersetzt).") % {"count": count},
    )
    return redirect("planning:round_detail", pk=frame_round.pk)


@require_POST
@area_required(Area.GRANTS, write=True)
def round_announce(request: HttpRequest, pk: int) -> HttpResponse:
    frame_round = get_for_user(FrameRound.objects.all(), request.user, pk, write=True)
    try:
        frames = services.round_announce(by=request.user, frame_round=frame_round, on=clock.today())
    except RuleViolation as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Bekanntgegeben: %(count)s Kreise in Lotse sehen ihren Planungsrahmen.")
            % {"count": len(frames)},
        )
    return redirect("planning:round_detail", pk=frame_round.pk)


@area_required(Area.GRANTS)
def county_frame(request: HttpRequest, pk: int) -> HttpResponse:
    frame = get_for_user(
        CountyFrame.objects.select_related("organisation", "round"), request.user, pk
    )
    can_write = frame.organisation_id in organisation_ids_for(request.user, Area.GRANTS, write=True)
    result = county_result(frame)
    form = NumbersForm(
        request.POST if request.method == "POST" else None,
        municipalities=result.municipalities,
        numbers=result.numbers,
        association_of=result.association_of,
    )
    status = 200
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        if form.is_valid():
            services.allocation_numbers_save(
                by=request.user, county_frame=frame, entries=form.entries()
            )
            messages.success(request, _("Zuweisungszahlen gespeichert."))
            return redirect("planning:county_frame", pk=frame.pk)
        status = 422
    return render(
        request,
        "planning/county_frame.html",
        {
            "frame": frame,
            "result": result,
            "form": form,
            "can_write": can_write,
            "amount_display": format_eur(frame.amount),
        },
        status=status,
    )
