from datetime import date, datetime

from ninja import Field, Schema


class TokenRequest(Schema):
    # Bounded like the web form, so over-long input is a 422, not a database error.
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=4096)
    otp: str | None = Field(default=None, max_length=10)


class TokenResponse(Schema):
    token: str
    expires_at: datetime


class Message(Schema):
    detail: str


class MembershipOut(Schema):
    role: str
    role_label: str
    organisation_id: int
    organisation_name: str
    valid_from: date
    valid_to: date | None


class MeOut(Schema):
    id: int
    username: str
    memberships: list[MembershipOut]


class OrganisationOut(Schema):
    id: int
    kind: str
    name: str
    parent_id: int | None
    official_key: str
    valid_from: date | None
    valid_to: date | None
    runs_own_coordination: bool


class AssociationMemberOut(Schema):
    municipality_id: int
    valid_from: date
    valid_to: date | None


class OrganisationDetailOut(OrganisationOut):
    members: list[AssociationMemberOut]


class AuditEntryOut(Schema):
    id: int
    at: datetime
    actor_id: int | None
    action: str
    object_type: str
    object_id: str
    organisation_id: int | None
    purpose: str
    request_id: str
