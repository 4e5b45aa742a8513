"""Indicator pages (SPEC §5, issue 6): the dashboard at /kennzahlen/ and the
coordinating office's networking events (BW 4.2 e)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.accounts.scope import has_area, organisations_for
from lotse.core import clock
from lotse.core.permissions import area_required
from lotse.core.tenancy import Area, get_for_user
from lotse.indicators import charts, export, selectors, services
from lotse.indicators.forms import NetworkEventForm, ReopenForm, ReportFilterForm
from lotse.indicators.models import NetworkEvent, YearClosure
from lotse.kernel.errors import RuleViolation
from lotse.organisations import rules as org_rules
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_record


def _columns(figure: selectors.Figure) -> list[dict]:
    """Vertical bars for a monthly list; suppressed months stay visibly suppressed."""
    values = [cell.value for cell in figure.cells if cell.value is not None]
    highest = max(values, default=0) or 1
    bars = []
    for index, ((_key, label), cell) in enumerate(zip(figure.rows, figure.cells, strict=True)):
        height = 0 if cell.value is None else round(120 * cell.value / highest)
        bars.append(
            {
                "label": label[:3],
                "cell": cell,
                "x": 10 + index * 44,
                "height": height,
                "y": 140 - height,
            }
        )
    return bars


def _charts(report: selectors.Report | None) -> dict | None:
    """The dashboard's charts (issue 6 item 6), drawn from the report's published cells."""
    if report is None:
        return None
    outcome = report.by_code("referrals.outcome")
    if outcome is None or not outcome.column_totals:
        return None
    return {
        "outcome": charts.bar_chart(
            key="outcome",
            title=_("Vermittlungen nach Ergebnis (KIM §3(2)d)"),
            note=_(
                "Vermittlungen im Berichtsjahr nach ihrem Stand am Stichtag. Dieselben Werte "
                "stehen in der folgenden Tabelle; unterdrückte Werte sind schraffiert mit ihrem "
                "Zeichen und nicht als 0 dargestellt."
            ),
            labels=[label for _key, label in outcome.columns],
            cells=outcome.column_totals,
        ),
        "funnel": charts.referral_funnel(outcome),
        "goals": charts.goal_attainment(report.by_code("goals.life_area")),
        "distributions": charts.distributions(report),
    }


def _report(request: HttpRequest, *, force_suppression: bool = False):
    """The filter form and, when it is valid, the report for the chosen unit and year."""
    units = selectors.units_for(request.user)
    default = selectors.default_unit(request.user, units)
    data = request.GET if request.GET else None
    form = ReportFilterForm(
        data, units=units, initial={"year": clock.today().year, "unit": default and default.pk}
    )
    report = None
    if data is None or form.is_valid():
        year = form.cleaned_data["year"] if data else clock.today().year
        unit_pk = form.cleaned_data.get("unit") if data else None
        unit = selectors.unit_for(request.user, units, unit_pk) if unit_pk else default
        if unit is not None:
            report = selectors.report_for(
                request.user, unit, year, units=units, force_suppression=force_suppression
            )
    return form, report, units


def _page(request: HttpRequest, form, report, units, *, status: int = 200) -> HttpResponse:
    closures = selectors.closure_status(request.user, report, units) if report else []
    extras = selectors.dashboard_extras(request.user, report) if report else None
    for row in closures:
        row.can_reopen = row.in_force is not None and services.may_reopen(request.user, row.unit)
    return render(
        request,
        "indicators/dashboard.html",
        {
            "form": form,
            "report": report,
            "charts": _charts(report),
            "query": request.GET.urlencode(),
            "can_record_events": has_area(request.user, Area.STAFF, write=True),
            "closures": closures,
            # BW 4.2 g: a unit reopened after the county closed on its figures.
            "basis_changes": selectors.basis_changes(closures, report.unit) if report else [],
            "extras": extras,
            "trend": _columns(extras.consultations_by_month) if extras else [],
            "can_close": bool(
                report
                and services.may_close(request.user, report.unit)
                and not any(row.in_force for row in closures if row.unit == report.unit)
            ),
        },
        status=status,
    )


@area_required(Area.AGGREGATES)
def dashboard(request: HttpRequest) -> HttpResponse:
    """Issue 6 item 6: the indicators of a unit and year, suppressed where they must be."""
    form, report, units = _report(request)
    return _page(request, form, report, units)


def _export(request: HttpRequest, *, suffix: str, content_type: str, build) -> HttpResponse:
    # Exports leave the municipality: always suppressed (SPEC §5).
    form, report, units = _report(request, force_suppression=True)
    if report is None:
        return _page(request, form, None, units, status=400)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="indicators.report",
        object_id=report.unit.pk,
        organisation_id=report.unit.pk,
        purpose=f"Kennzahlen {report.year} als {suffix} exportiert",
    )
    response = HttpResponse(build(report), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="lotse-kennzahlen-{report.unit.pk}-{report.year}.{suffix}"'
    )
    return response


@area_required(Area.AGGREGATES)
def export_xlsx(request: HttpRequest) -> HttpResponse:
    return _export(
        request,
        suffix="xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        build=export.workbook,
    )


@area_required(Area.AGGREGATES)
def export_pdf(request: HttpRequest) -> HttpResponse:
    return _export(request, suffix="pdf", content_type="application/pdf", build=export.pdf)


@area_required(Area.AGGREGATES)
def export_csv(request: HttpRequest) -> HttpResponse:
    return _export(
        request,
        suffix="csv",
        content_type="text/csv; charset=utf-8",
        build=lambda report: export.csv_text(report).encode("utf-8"),
    )


def _coordinating_offices(user):
    """Where the user may record events: the county, or a town with its own office (KIM §4(3))."""
    return organisations_for(user, Area.STAFF, write=True).filter(
        Q(kind=org_rules.COUNTY) | Q(kind=org_rules.MUNICIPALITY, runs_own_coordination=True)
    )


@area_required(Area.STAFF)
def network_event_list(request: HttpRequest) -> HttpResponse:
    """BW 4.2 e: at least four county-level networking events a year."""
    year = clock.today().year
    events = list(NetworkEvent.objects.for_user(request.user).select_related("organisation")[:500])
    this_year = sum(1 for event in events if event.held_on.year == year)
    return render(
        request,
        "indicators/network_events.html",
        {
            "events": events,
            "year": year,
            "this_year": this_year,
            "required": 4,
            "can_write": has_area(request.user, Area.STAFF, write=True),
        },
    )


@area_required(Area.STAFF, write=True)
def network_event_create(request: HttpRequest) -> HttpResponse:
    organisations = _coordinating_offices(request.user)
    form = NetworkEventForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            event = form.save(commit=False)
            event.recorded_by = request.user
            event.save()
        messages.success(request, _("Die Vernetzungsveranstaltung wurde gespeichert."))
        return redirect("indicators:network_event_list")
    return render(
        request,
        "indicators/form.html",
        {"form": form, "title": _("Vernetzungsveranstaltung erfassen")},
    )


def _back(unit_pk: int, year: int) -> HttpResponse:
    return redirect(f"{reverse('indicators:dashboard')}?year={year}&unit={unit_pk}")


@require_POST
@area_required(Area.AGGREGATES)
def year_close(request: HttpRequest) -> HttpResponse:
    """Issue 6 item 5: a unit's team lead closes the reporting year (BW 6.1, 9.1.9)."""
    units = selectors.units_for(request.user)
    # A unit outside the user's scope answers like a missing one.
    unit = selectors.unit_for(request.user, units, request.POST.get("unit"))
    if not services.may_close(request.user, unit):
        raise PermissionDenied
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        messages.error(request, _("Berichtsjahr: bitte ein Jahr als Zahl angeben."))
        return redirect("indicators:dashboard")
    try:
        services.year_close(user=request.user, unit=unit, year=year, units=units)
    except RuleViolation as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Das Berichtsjahr ist abgeschlossen."))
    return _back(unit.pk, year)


@area_required(Area.AGGREGATES)
def year_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Reopen a closed year with a reason; the closed version is kept (issue 6 item 5)."""
    closure = get_for_user(YearClosure.objects.select_related("organisation"), request.user, pk)
    if not services.may_reopen(request.user, closure.organisation):
        raise PermissionDenied
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.year_reopen(
                user=request.user, closure=closure, reason=form.cleaned_data["reason"]
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Der Abschluss ist wiedereröffnet."))
            return _back(closure.organisation_id, closure.year)
    return render(
        request,
        "indicators/reopen.html",
        {"form": form, "closure": closure},
    )
