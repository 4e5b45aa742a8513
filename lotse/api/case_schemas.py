"""Schemas of the case API (lotse.api.routers.cases): what goes in and out, with the
bounds of the model fields, so over-long or absurd input is a 422, never a database error."""

from datetime import date, datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Field, Schema
from pydantic import field_validator

from lotse.api.errors import ErrorOut
from lotse.cases.api_selectors import MAX_ID
from lotse.cases.models import Channel

Id = Field(ge=1, le=MAX_ID)


class ChangeOut(Schema):
    field: str
    value: str


class ConflictOut(ErrorOut):
    version: int
    changes: list[ChangeOut]


class DuplicateOut(Schema):
    id: int
    case_number: str


class DuplicatesOut(ErrorOut):
    """Issue 3 item 11: likely the same person; nothing saved until confirmed."""

    duplicates: list[DuplicateOut]


class CatalogueEntryOut(Schema):
    """One selectable entry of a catalogue; the code is what requests send."""

    code: str
    label: str
    sort: int
    # Services: their kind and, for a local provider, the region and contact.
    kind: str | None = None
    organisation_id: int | None = None
    address: str | None = None
    contact: str | None = None
    website: str | None = None
    # Consent purposes: the rules they carry.
    required: bool | None = None
    covers_special_categories: bool | None = None
    service_kinds: list[str] | None = None


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
    # Issue 3 item 11: send true after checking the likely duplicates of a 409.
    confirm_duplicate: bool = False
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


# --- Integration plan, referrals, conferences, re-assessments (lotse.api.routers.case_plans) --


LifeAreaCode = Field(
    pattern="^(language|education|work|housing|health|family|participation|residence)$"
)
GoalStatusCode = Field(
    default="open", pattern="^(open|in_progress|reached|partly_reached|not_reached|dropped)$"
)


class GoalOut(Schema):
    id: int
    life_area: str
    goal: str
    steps: str
    responsible: str
    due_on: date | None
    status: str
    review_on: date | None


class PlanOut(Schema):
    id: int
    client_id: int
    personal: str
    language_level: str
    language: str
    education: str
    work: str
    housing: str
    started_on: date
    progress: str
    ended_on: date | None
    review_on: date | None
    notes: str
    predates_regulation: bool
    version: int
    changed_at: datetime
    changed_by_id: int | None
    missing_sections: list[str]
    goals: list[GoalOut]


class PlanIn(Schema):
    """The whole plan (sections a–g); ``version`` is required once the plan exists."""

    version: int | None = Field(default=None, ge=1, le=MAX_ID)
    started_on: date
    personal: str = Field(default="", max_length=20_000)
    language_level: str = Field(default="", pattern="^(none|A1|A2|B1|B2|C1|C2)?$")
    language: str = Field(default="", max_length=20_000)
    education: str = Field(default="", max_length=20_000)
    work: str = Field(default="", max_length=20_000)
    housing: str = Field(default="", max_length=20_000)
    progress: str = Field(default="", max_length=20_000)
    ended_on: date | None = None
    review_on: date | None = None
    notes: str = Field(default="", max_length=20_000)
    predates_regulation: bool = False


class GoalIn(Schema):
    version: int = Field(ge=1, le=MAX_ID)
    life_area: str = LifeAreaCode
    goal: str = Field(max_length=20_000)
    steps: str = Field(default="", max_length=20_000)
    responsible: str = Field(default="", max_length=150)
    due_on: date | None = None
    status: str = GoalStatusCode
    review_on: date | None = None


class GoalUpdateIn(Schema):
    """Only the fields sent change; ``version`` is the plan's version last read."""

    version: int = Field(ge=1, le=MAX_ID)
    life_area: str | None = Field(
        default=None,
        pattern="^(language|education|work|housing|health|family|participation|residence)$",
    )
    goal: str | None = Field(default=None, max_length=20_000)
    steps: str | None = Field(default=None, max_length=20_000)
    responsible: str | None = Field(default=None, max_length=150)
    due_on: date | None = None
    status: str | None = Field(
        default=None, pattern="^(open|in_progress|reached|partly_reached|not_reached|dropped)$"
    )
    review_on: date | None = None


class PlanVersionOut(Schema):
    number: int
    created_at: datetime
    created_by_id: int | None
    summary: str


class ReferralEventOut(Schema):
    status: str
    on: date
    reopened: bool
    note: str
    by_id: int


class ReferralOut(Schema):
    id: int
    service: str
    service_kind: str
    referred_on: date
    reason: str
    goal_id: int | None
    status: str
    status_on: date
    open_since: date
    outcome: str
    recorded_by_id: int


class ReferralDetailOut(ReferralOut):
    events: list[ReferralEventOut]


class ReferralIn(Schema):
    service: str = Field(max_length=40)
    referred_on: date
    reason: str = Field(max_length=20_000)
    goal_id: int | None = Field(default=None, ge=1, le=MAX_ID)


class ReferralStatusIn(Schema):
    status: str = Field(pattern="^(sent|accepted|waiting|declined|no_show|completed)$")
    on: date
    note: str = Field(default="", max_length=20_000)


class ReferralReopenIn(Schema):
    on: date
    note: str = Field(max_length=20_000)


class ParticipantSchema(Schema):
    name: str = Field(max_length=150)
    body: str = Field(max_length=200)
    legal_domain: str = Field(default="", max_length=16)
    external: bool = True


class AgreementIn(Schema):
    life_area: str = LifeAreaCode
    text: str = Field(max_length=20_000)
    responsible: str = Field(default="", max_length=150)
    due_on: date | None = None


class AgreementOut(Schema):
    life_area: str
    text: str
    responsible: str
    due_on: date | None
    goal_id: int | None


class ConferenceOut(Schema):
    id: int
    held_on: date
    agenda: str
    recorded_by_id: int
    participants: list[ParticipantSchema]
    agreements: list[AgreementOut]


class ConferenceIn(Schema):
    held_on: date
    agenda: str = Field(max_length=20_000)
    participants: list[ParticipantSchema] = Field(max_length=50)
    agreements: list[AgreementIn] = Field(default_factory=list, max_length=50)


class RatingSchema(Schema):
    life_area: str = LifeAreaCode
    at_start: int = Field(ge=1, le=5)
    now: int = Field(ge=1, le=5)


class ReassessmentOut(Schema):
    id: int
    held_on: date
    note: str
    recorded_by_id: int
    ratings: list[RatingSchema]


class ReassessmentIn(Schema):
    held_on: date
    note: str = Field(default="", max_length=20_000)
    ratings: list[RatingSchema] = Field(max_length=8)
