"""Pages for staff, qualification and compliance. Reads via selectors, writes via services."""

import mimetypes

from django.contrib import messages
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lotse.accounts.models import User
from lotse.accounts.scope import has_area, organisation_ids_for, organisations_for
from lotse.core import clock
from lotse.core.permissions import area_required
from lotse.core.tenancy import Area, get_for_user
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object, audit_record
from lotse.staff import selectors, services
from lotse.staff.export import compliance_workbook
from lotse.staff.forms import (
    BackgroundCheckForm,
    ComplianceFilterForm,
    EmployeeForm,
    EmploymentPeriodForm,
    EquivalenceProofForm,
    InterruptionForm,
    SupplementaryTrainingForm,
    TrainingOfferForm,
)
from lotse.staff.models import EquivalenceProof, SupplementaryTraining, TrainingParticipation
from lotse.staff.rules.common import StaffFunction, year_range


def _writable_organisations(user):
    return organisations_for(user, Area.STAFF, write=True).order_by("path")


def _report_and_filters(request: HttpRequest):
    today = clock.today()
    data = request.GET.copy()
    year = today.year
    if data.get("year", "").isdigit() and 2017 <= int(data["year"]) <= 2100:
        year = int(data["year"])
    report = selectors.compliance_report(request.user, year=year, as_of=today)
    form = ComplianceFilterForm(
        data or None,
        recipients=[r.organisation for r in report.recipients],
        rules=selectors.ALL_RULES,
        initial={"year": year},
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    people = selectors.filter_people(
        report,
        recipient=filters.get("recipient"),
        function=filters.get("function") or "",
        rule=filters.get("rule") or "",
        state=filters.get("state") or "",
        q=filters.get("q") or "",
    )
    return report, form, people


@area_required(Area.STAFF)
def compliance(request: HttpRequest) -> HttpResponse:
    """Issue 4 item 7: every rule's status per recipient and per person, with its source."""
    report, form, people = _report_and_filters(request)
    audit_record(
        actor=request.user,
        action=AuditAction.SEARCH,
        object_type="staff.employee",
        purpose=f"Personal-Nachweise {report.year} angesehen",
    )
    shown = {p.employee.organisation_id for p in people}
    return render(
        request,
        "staff/compliance.html",
        {
            "report": report,
            "form": form,
            "people": people,
            "recipients": [r for r in report.recipients if r.organisation.pk in shown],
            "rules": selectors.PERSON_RULES,
            "coverage_rule": selectors.COVERAGE,
            "query": request.GET.urlencode(),
            "can_write": has_area(request.user, Area.STAFF, write=True),
        },
    )


@area_required(Area.STAFF)
def compliance_export(request: HttpRequest) -> HttpResponse:
    report, _form, people = _report_and_filters(request)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="staff.employee",
        purpose=f"Personal-Nachweise {report.year} als xlsx exportiert",
    )
    response = HttpResponse(
        compliance_workbook(report, people),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="lotse-personal-nachweise-{report.year}.xlsx"'
    )
    return response


@area_required(Area.STAFF)
def employee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    employee = selectors.employee_with_facts(request.user, pk)
    today = clock.today()
    report_person = selectors.person_compliance(
        employee, span=year_range(today.year), as_of=today, conflicts=[]
    )
    audit_object(actor=request.user, action=AuditAction.READ, obj=employee)
    can_write = has_area(
        request.user, Area.STAFF, write=True
    ) and employee.organisation_id in organisation_ids_for(request.user, Area.STAFF, write=True)
    return render(
        request,
        "staff/employee_detail.html",
        {
            "employee": employee,
            "person": report_person,
            "timeline": selectors.timeline_for(employee, as_of=today),
            "periods": employee.employment_periods.all(),
            "can_write": can_write,
            "today": today,
        },
    )


def _employee_form(request, *, initial=None):
    organisations = _writable_organisations(request.user)
    users = (
        User.objects.filter(memberships__organisation__in=organisations, is_active=True)
        .distinct()
        .order_by("username")
    )
    return EmployeeForm(
        request.POST or None, organisations=organisations, users=users, initial=initial
    )


@area_required(Area.STAFF, write=True)
def employee_create(request: HttpRequest) -> HttpResponse:
    form = _employee_form(request)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = data.pop("organisation")
        try:
            employee = services.employee_create(organisation=organisation, by=request.user, **data)
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Die Person wurde angelegt."))
            return redirect("staff:employee_detail", pk=employee.pk)
    return render(
        request,
        "staff/form.html",
        {"form": form, "title": _("Person anlegen"), "back": "staff:compliance"},
    )


@area_required(Area.STAFF, write=True)
def employee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    employee = selectors.get_employee_for_user(request.user, pk, write=True)
    initial = {name: getattr(employee, name) for name in services.EMPLOYEE_FIELDS}
    initial["organisation"] = employee.organisation_id
    form = _employee_form(request, initial=initial)
    form.fields["organisation"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("organisation")
        try:
            services.employee_update(employee=employee, by=request.user, **data)
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Die Änderungen wurden gespeichert."))
            return redirect("staff:employee_detail", pk=employee.pk)
    return render(
        request,
        "staff/form.html",
        {"form": form, "title": _("Person bearbeiten"), "employee": employee},
    )


def _employee_subform(request, pk, form_class, service, success, title, **extra):
    employee = selectors.get_employee_for_user(request.user, pk, write=True)
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(employee=employee, by=request.user, **form.cleaned_data, **extra)
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, success)
            return redirect("staff:employee_detail", pk=employee.pk)
    return render(
        request,
        "staff/form.html",
        {"form": form, "title": title, "employee": employee, "multipart": True},
    )


@area_required(Area.STAFF, write=True)
def proof_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _employee_subform(
        request,
        pk,
        EquivalenceProofForm,
        services.equivalence_proof_add,
        _("Der Gleichwertigkeitsnachweis wurde gespeichert."),
        _("Gleichwertigkeitsnachweis erfassen"),
    )


@area_required(Area.STAFF, write=True)
def supplementary_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _employee_subform(
        request,
        pk,
        SupplementaryTrainingForm,
        services.supplementary_training_add,
        _("Die Schulung wurde gespeichert."),
        _("Schulung der Nachqualifizierung erfassen"),
    )


@area_required(Area.STAFF, write=True)
def check_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _employee_subform(
        request,
        pk,
        BackgroundCheckForm,
        services.background_check_record,
        _("Die Prüfung wurde gespeichert."),
        _("Prüfung nach BW 4.3 erfassen"),
    )


@area_required(Area.STAFF, write=True)
def period_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A new employment period; ``pk`` is the employer whose staff may fill it."""
    employee = selectors.get_employee_for_user(request.user, pk, write=True)
    colleagues = selectors.employees_for(request.user, write=True).filter(
        organisation_id=employee.organisation_id
    )
    form = EmploymentPeriodForm(
        request.POST or None, employees=colleagues, initial={"employee": employee.pk}
    )
    if request.method == "POST" and form.is_valid():
        try:
            period = services.employment_period_create(by=request.user, **form.cleaned_data)
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Die Beschäftigungszeit wurde gespeichert."))
            return redirect("staff:employee_detail", pk=period.employee_id)
    return render(
        request,
        "staff/form.html",
        {"form": form, "title": _("Beschäftigungszeit erfassen"), "employee": employee},
    )


@area_required(Area.STAFF, write=True)
def period_edit(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk, write=True)
    initial = {
        name: getattr(period, name)
        for name in ("position", "start", "end", "fte", "funded_fte", "mini_job")
    }
    form = EmploymentPeriodForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.employment_period_update(period=period, by=request.user, **form.cleaned_data)
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Die Beschäftigungszeit wurde gespeichert."))
            return redirect("staff:employee_detail", pk=period.employee_id)
    return render(
        request,
        "staff/form.html",
        {"form": form, "title": _("Beschäftigungszeit bearbeiten"), "employee": period.employee},
    )


@area_required(Area.STAFF, write=True)
def interruption_add(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period_for_user(request.user, pk, write=True)
    form = InterruptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.interruption_add(period=period, by=request.user, **form.cleaned_data)
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Die Unterbrechung wurde gespeichert."))
            return redirect("staff:employee_detail", pk=period.employee_id)
    return render(
        request,
        "staff/form.html",
        {"form": form, "title": _("Unterbrechung erfassen (BW 3.4)"), "employee": period.employee},
    )


@area_required(Area.STAFF)
def training_list(request: HttpRequest) -> HttpResponse:
    offers = selectors.training_offers_for(request.user).prefetch_related(
        Prefetch(
            "participants",
            queryset=TrainingParticipation.objects.for_user(request.user).select_related(
                "employee"
            ),
        )
    )
    audit_record(
        actor=request.user,
        action=AuditAction.SEARCH,
        object_type="staff.trainingoffer",
        purpose="Fortbildungen angesehen",
    )
    return render(
        request,
        "staff/training_list.html",
        {"offers": offers[:200], "can_write": has_area(request.user, Area.STAFF, write=True)},
    )


@area_required(Area.STAFF, write=True)
def training_create(request: HttpRequest) -> HttpResponse:
    organisations = _writable_organisations(request.user)
    managers = (
        selectors.employees_for(request.user, write=True)
        .filter(function=StaffFunction.INTEGRATION_MANAGER)
        .prefetch_related("employment_periods")
    )
    form = TrainingOfferForm(request.POST or None, organisations=organisations, employees=managers)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.training_offer_create(
                by=request.user,
                organisation=data["organisation"],
                topic=data["topic"],
                date=data["date"],
                provider=data["provider"],
                offered_to=list(data["offered_to"]),
                attended=list(data["attended"]),
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Die Fortbildung wurde gespeichert."))
            return redirect("staff:training_list")
    return render(
        request,
        "staff/form.html",
        {
            "form": form,
            "title": _("Fortbildung erfassen (BW 4.1.3)"),
            "back": "staff:training_list",
        },
    )


DOCUMENT_MODELS = {
    "gleichwertigkeit": EquivalenceProof,
    "nachqualifizierung": SupplementaryTraining,
}


@area_required(Area.STAFF)
def document(request: HttpRequest, kind: str, pk: int) -> FileResponse:
    """A stored proof, to readers of the person's staff record only."""
    model = DOCUMENT_MODELS.get(kind)
    if model is None:
        raise Http404
    record = get_for_user(model.objects.filter(~Q(document="")), request.user, pk)
    audit_object(actor=request.user, action=AuditAction.DOWNLOAD, obj=record)
    content_type = mimetypes.guess_type(record.document.name)[0] or "application/octet-stream"
    return FileResponse(
        record.document.open("rb"),
        as_attachment=True,
        filename=record.document.name.rsplit("/", 1)[-1],
        content_type=content_type,
    )
