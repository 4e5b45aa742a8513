"""Schemas of the case API (lotse.api.routers.cases): what goes in and out, with the
bounds of the model fields, so over-long or absurd input is a 422, never a database error."""

from datetime import date, datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Field, Schema
from pydantic import field_validator

from lotse.cases.api_selectors import MAX_ID
from lotse.cases.models import Channel

Id = Field(ge=1, le=MAX_ID)


class FieldError(Schema):
    field: str
    msg: str


class ErrorOut(Schema):
    detail: list[FieldError]


class ChangeOut(Schema):
    field: str
    value: str


class ConflictOut(ErrorOut):
    version: int
    changes: list[ChangeOut]


class ClientOut(Schema):
    id: int
    case_number: str
    initials: str
    birth_year: int
    organisation_id: int
    municipality_id: int
    case_manager_id: int | None
    household_id: int | None
    status: str
    initial_consultation_on: date | None
    period_end: date | None
    plan_due: bool
    pending_extension_id: int | None
    closed_on: date | None
    restricted_on: date | None
    version: int


class WorkItemOut(Schema):
    kind: str
    level: str
    text: str
    due: date | None


class ExtensionOut(Schema):
    id: int
    reason: str
    justification: str
    until: date
    requested_by_id: int
    requested_on: date
    decision: str
    decided_by_id: int | None
    decided_on: date | None
    decision_note: str


class ClosureOut(Schema):
    id: int
    reason: str
    closed_on: date
    closed_by_id: int
    reopened_on: date | None


class ClientDetailOut(ClientOut):
    given_names: str
    family_name: str
    given_names_latin: str
    family_name_latin: str
    birth_date: str
    gender: str
    country_of_origin: str
    nationalities: str
    languages: str
    residence_status: str | None
    arrival_date: date | None
    follow_up_accommodation_date: date | None
    address: str
    phone: str
    email: str
    health: str
    disability: str
    changed_at: datetime | None
    worklist: list[WorkItemOut]
    extensions: list[ExtensionOut]
    closures: list[ClosureOut]


class ClientCreateIn(Schema):
    organisation_id: int = Id
    municipality_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    initials: str = Field(min_length=1, max_length=4)
    birth_year: int = Field(ge=1, le=9999)
    case_number: str = Field(default="", max_length=30)


class PersonalDataIn(Schema):
    """Only the fields sent are changed; ``version`` is the one the caller last read."""

    version: int = Field(ge=1, le=MAX_ID)
    given_names: str | None = Field(default=None, max_length=150)
    family_name: str | None = Field(default=None, max_length=150)
    given_names_latin: str | None = Field(default=None, max_length=150)
    family_name_latin: str | None = Field(default=None, max_length=150)
    # 1990, 1990-05, 1990-05-17 or German 05.1990, 17.05.1990 (PartialDate.parse).
    birth_date: str | None = Field(default=None, max_length=10)
    gender: str | None = Field(default=None, pattern="^(female|male|diverse|not_stated)?$")
    country_of_origin: str | None = Field(default=None, max_length=100)
    nationalities: str | None = Field(default=None, max_length=200)
    languages: str | None = Field(default=None, max_length=200)
    residence_status: str | None = Field(default=None, max_length=40)
    arrival_date: date | None = None
    follow_up_accommodation_date: date | None = None
    address: str | None = Field(default=None, max_length=2000)
    phone: str | None = Field(default=None, max_length=50)
    email: str | None = Field(default=None, max_length=254)
    health: str | None = Field(default=None, max_length=20_000)
    disability: str | None = Field(default=None, max_length=20_000)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value:
            try:
                validate_email(value)
            except DjangoValidationError as exc:
                raise ValueError("E-Mail: Bitte eine gültige E-Mail-Adresse angeben.") from exc
        return value


class ConsentOut(Schema):
    id: int
    given_on: date
    explained_in: str
    interpreter: str
    purposes: list[str]
    taken_by_id: int
    signed_form: bool
    withdrawn_on: date | None


class ConsentIn(Schema):
    purposes: list[str] = Field(min_length=1, max_length=50)
    given_on: date
    explained_in: str = Field(max_length=100)
    interpreter: str = Field(default="", max_length=150)


class ConsentWithdrawIn(Schema):
    withdrawn_on: date


class ConsultationOut(Schema):
    id: int
    is_initial: bool
    held_on: date
    duration_minutes: int
    place: str
    channel: str
    language: str
    interpreter: bool
    topics: list[str]
    notes: str
    next_steps: str
    next_appointment: date | None
    recorded_by_id: int


class ConsultationIn(Schema):
    held_on: date
    duration_minutes: int = Field(ge=-(2**31), le=2**31)
    channel: Channel
    place: str = Field(default="", max_length=150)
    language: str = Field(default="", max_length=100)
    interpreter: bool = False
    topics: list[str] = Field(default_factory=list, max_length=50)
    notes: str = Field(default="", max_length=20_000)
    next_steps: str = Field(default="", max_length=20_000)
    next_appointment: date | None = None


class ExtensionIn(Schema):
    reason: str = Field(max_length=24)
    justification: str = Field(max_length=20_000)
    until: date


class ExtensionDecisionIn(Schema):
    approve: bool
    note: str = Field(default="", max_length=500)


class ClosureIn(Schema):
    reason: str = Field(max_length=40)
    closed_on: date
