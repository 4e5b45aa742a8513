"""Staff API (issue 4 item 10): employees, employment periods, trainings, compliance.

Scoped like the pages (Area.STAFF): a county sees its own and its
sub-recipients' staff, a municipality its own. Writes go through the same
services; a refused change (``StaffRuleViolation``) answers 422 with every finding, in
German, naming the rule: ``{"detail": [{"field": "fte", "code": "…", "source": "BW 5.6",
"msg": "…"}]}`` (the API's handler, lotse/api/errors.py).
"""

from datetime import date
from decimal import Decimal

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from lotse.accounts.scope import organisations_for
from lotse.api.auth import require_area
from lotse.api.errors import ErrorOut
from lotse.core import clock
from lotse.core.tenancy import Area, get_for_user
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object, audit_record
from lotse.staff import selectors, services
from lotse.staff.models import EmploymentPeriod
from lotse.staff.rules.common import StaffFunction

router = Router(tags=["Personal"])


class EmployeeOut(Schema):
    id: int
    organisation_id: int
    first_name: str
    last_name: str
    function: str
    hire_date: date


class EmployeeIn(Schema):
    organisation_id: int
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    function: StaffFunction
    hire_date: date
    degree_field: str = Field(default="", max_length=40)
    degree_field_name: str = Field(default="", max_length=200)
    degree_foreign: bool = False
    school_level: int | None = Field(default=None, ge=1, le=3)
    school_foreign: bool = False
    relevant_experience_documented: bool = False
    category_2017: str = Field(default="", pattern="^[bc]?$")


class EmploymentOut(Schema):
    id: int
    organisation_id: int
    employee_id: int
    position: str
    start: date
    end: date | None
    fte: Decimal
    funded_fte: Decimal
    own_funded_fte: Decimal
    mini_job: bool


class EmploymentIn(Schema):
    employee_id: int | None = None
    position: str = Field(max_length=100)
    start: date
    end: date | None = None
    fte: Decimal = Field(max_digits=4, decimal_places=3)
    funded_fte: Decimal | None = Field(default=None, max_digits=4, decimal_places=3)
    mini_job: bool = False


class TrainingOut(Schema):
    id: int
    organisation_id: int
    topic: str
    date: date
    provider: str
    offered_to: list[int]
    attended: list[int]


class RuleStatusOut(Schema):
    rule: str
    title: str
    source: str
    state: str
    summary: str
    findings: list[str]


class PersonComplianceOut(Schema):
    employee_id: int
    organisation_id: int
    function: str
    qualification_level: int | None
    statuses: list[RuleStatusOut]


class RecipientComplianceOut(Schema):
    organisation_id: int
    coverage: RuleStatusOut
    gap_days: int
    approved_days: int


class ComplianceOut(Schema):
    year: int
    as_of: date
    recipients: list[RecipientComplianceOut]
    people: list[PersonComplianceOut]


def _status(status: selectors.RuleStatus) -> dict:
    return {
        "rule": status.rule.key,
        "title": status.rule.title,
        "source": status.rule.source,
        "state": status.state.value,
        "summary": status.summary,
        "findings": [f.message for f in status.findings],
    }


@router.get(
    "/employees", response={200: list[EmployeeOut], 422: ErrorOut}, url_name="staff_employee_list"
)
@paginate
def employee_list(request, organisation_id: int | None = None):
    require_area(request, Area.STAFF)
    audit_record(
        actor=request.user,
        action=AuditAction.SEARCH,
        object_type="staff.employee",
        purpose="Beschäftigte über die API gelistet",
    )
    employees = selectors.employees_for(request.user).order_by("id")
    if organisation_id:
        employees = employees.filter(organisation_id=organisation_id)
    return employees


@router.get("/employees/{int:employee_id}", response=EmployeeOut, url_name="staff_employee_detail")
def employee_detail(request, employee_id: int):
    require_area(request, Area.STAFF)
    employee = selectors.get_employee_for_user(request.user, employee_id)
    audit_object(actor=request.user, action=AuditAction.READ, obj=employee)
    return employee


@router.post(
    "/employees",
    response={201: EmployeeOut, 422: ErrorOut},
    url_name="staff_employee_create",
)
def employee_create(request, payload: EmployeeIn):
    require_area(request, Area.STAFF, write=True)
    organisation = get_for_user(
        organisations_for(request.user, Area.STAFF, write=True),
        request.user,
        payload.organisation_id,
    )
    data = payload.dict()
    data.pop("organisation_id")
    data["function"] = payload.function.value
    employee = services.employee_create(organisation=organisation, by=request.user, **data)
    return Status(201, employee)


@router.get(
    "/employments",
    response={200: list[EmploymentOut], 422: ErrorOut},
    url_name="staff_employment_list",
)
@paginate
def employment_list(request, employee_id: int | None = None):
    require_area(request, Area.STAFF)
    audit_record(
        actor=request.user,
        action=AuditAction.SEARCH,
        object_type="staff.employmentperiod",
        purpose="Beschäftigungszeiten über die API gelistet",
    )
    periods = EmploymentPeriod.objects.for_user(request.user).order_by("id")
    if employee_id:
        periods = periods.filter(employee_id=employee_id)
    return periods


@router.post(
    "/employments",
    response={201: EmploymentOut, 422: ErrorOut},
    url_name="staff_employment_create",
)
def employment_create(request, payload: EmploymentIn):
    require_area(request, Area.STAFF, write=True)
    employee = (
        selectors.get_employee_for_user(request.user, payload.employee_id, write=True)
        if payload.employee_id is not None
        else None
    )
    period = services.employment_period_create(
        employee=employee,
        by=request.user,
        position=payload.position,
        start=payload.start,
        end=payload.end,
        fte=payload.fte,
        funded_fte=payload.funded_fte,
        mini_job=payload.mini_job,
    )
    return Status(201, period)


@router.get(
    "/trainings", response={200: list[TrainingOut], 422: ErrorOut}, url_name="staff_training_list"
)
@paginate
def training_list(request):
    require_area(request, Area.STAFF)
    audit_record(
        actor=request.user,
        action=AuditAction.SEARCH,
        object_type="staff.trainingoffer",
        purpose="Fortbildungen über die API gelistet",
    )
    visible = set(selectors.employees_for(request.user).values_list("id", flat=True))
    offers = (
        selectors.training_offers_for(request.user).prefetch_related("participants").order_by("id")
    )
    return [
        {
            "id": o.pk,
            "organisation_id": o.organisation_id,
            "topic": o.topic,
            "date": o.date,
            "provider": o.provider,
            "offered_to": [p.employee_id for p in o.participants.all() if p.employee_id in visible],
            "attended": [
                p.employee_id
                for p in o.participants.all()
                if p.attended and p.employee_id in visible
            ],
        }
        for o in offers
    ]


@router.get(
    "/compliance", response={200: ComplianceOut, 422: ErrorOut}, url_name="staff_compliance"
)
def compliance(request, year: int | None = None):
    """Every rule's status per recipient and per person, with its source (issue 4 item 7)."""
    require_area(request, Area.STAFF)
    today = clock.today()
    year = year if year is not None and 2017 <= year <= 2100 else today.year
    report = selectors.compliance_report(request.user, year=year, as_of=today)
    audit_record(
        actor=request.user,
        action=AuditAction.SEARCH,
        object_type="staff.employee",
        purpose=f"Personal-Nachweise {year} über die API abgerufen",
    )
    return {
        "year": report.year,
        "as_of": report.as_of,
        "recipients": [
            {
                "organisation_id": r.organisation.pk,
                "coverage": _status(r.status),
                "gap_days": r.coverage.gap_days if r.coverage else 0,
                "approved_days": r.coverage.approved_days if r.coverage else 0,
            }
            for r in report.recipients
        ],
        "people": [
            {
                "employee_id": p.employee.pk,
                "organisation_id": p.employee.organisation_id,
                "function": p.employee.function,
                "qualification_level": p.level,
                "statuses": [_status(s) for s in p.statuses],
            }
            for p in report.people
        ],
    }
