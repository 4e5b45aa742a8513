"""Accounts, roles, second factor and API tokens."""

import hashlib
import secrets
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.accounts.models import ApiToken, Membership, User
from lotse.accounts.permissions import ROLE_PLACES, Role
from lotse.core import clock
from lotse.kernel.errors import RuleViolation
from lotse.organisations.models import Organisation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_record, primary_organisation_id


def audit_user(*, actor, action: AuditAction, user: User, purpose: str = "") -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type="accounts.user",
        object_id=user.pk,
        organisation_id=primary_organisation_id(user),
        purpose=purpose,
    )


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    by,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    is_demo: bool = False,
) -> User:
    username = username.strip().lower()
    if User.objects.filter(username=username).exists():
        raise RuleViolation("Dieser Benutzername ist bereits vergeben.", field="username")
    user = User(
        username=username, first_name=first_name, last_name=last_name, email=email, is_demo=is_demo
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise RuleViolation(" ".join(exc.messages), field="password") from exc
    user.set_password(password)
    user.save()
    return user


def membership_error(
    role: str, organisation: Organisation, valid_from, valid_to
) -> tuple[str, str] | None:
    if role not in Role.values:
        return "role", "Unbekannte Rolle."
    if organisation.kind not in ROLE_PLACES[role]:
        return (
            "organisation",
            f"Die Rolle „{Role(role).label}“ kann bei dieser Art von Organisation nicht vergeben werden.",
        )
    if valid_from is None:
        return "valid_from", "Bitte ein Anfangsdatum angeben."
    if valid_to is not None and valid_to < valid_from:
        return "valid_to", "Das Enddatum liegt vor dem Anfangsdatum."
    if role == Role.AUDITOR and valid_to is None:
        # KIM §9 / SPEC §1: auditors get time-limited access only.
        return "valid_to", "Prüfrechte werden nur befristet vergeben: bitte ein Enddatum angeben."
    return None


@transaction.atomic
def membership_add(
    *,
    user: User,
    role: str,
    organisation: Organisation,
    valid_from: date,
    valid_to: date | None = None,
    by,
) -> Membership:
    error = membership_error(role, organisation, valid_from, valid_to)
    if error:
        raise RuleViolation(error[1], field=error[0])
    membership = Membership.objects.create(
        user=user, role=role, organisation=organisation, valid_from=valid_from, valid_to=valid_to
    )
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="accounts.membership",
        object_id=membership.pk,
        organisation_id=organisation.pk,
    )
    return membership


@transaction.atomic
def account_open(
    *,
    username: str,
    password: str,
    role: str,
    organisation: Organisation,
    valid_from: date,
    valid_to: date | None,
    by,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """A new account with its first role, all or nothing."""
    user = user_create(
        username=username,
        password=password,
        first_name=first_name,
        last_name=last_name,
        email=email,
        by=by,
    )
    membership_add(
        user=user,
        role=role,
        organisation=organisation,
        valid_from=valid_from,
        valid_to=valid_to,
        by=by,
    )
    audit_user(actor=by, action=AuditAction.CREATE, user=user)
    return user


@transaction.atomic
def membership_end(*, membership: Membership, on: date, by) -> Membership:
    """End a role on ``on`` (inclusive). Ending before it started removes nothing: it ends it."""
    if on < membership.valid_from:
        raise RuleViolation("Das Enddatum liegt vor dem Beginn der Rolle.", field="valid_to")
    membership.valid_to = on
    membership.save(update_fields=["valid_to"])
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="accounts.membership",
        object_id=membership.pk,
        organisation_id=membership.organisation_id,
        purpose="Rolle beendet",
    )
    return membership


def second_factor_required(user: User) -> bool:
    """Outside demo mode everyone needs a second factor; demo accounts only in demo mode."""
    return not (settings.LOTSE_DEMO and user.is_demo)


def totp_device_for_setup(*, user: User) -> TOTPDevice:
    """The unconfirmed device the enrolment page shows; reused until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    if not device.verify_token(token):
        return False
    # One active device per person: a new enrolment replaces the old one.
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_user(
        actor=device.user,
        action=AuditAction.UPDATE,
        user=device.user,
        purpose="Zweiter Faktor eingerichtet",
    )
    return True


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def api_token_issue(*, user: User) -> tuple[ApiToken, str]:
    raw = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        key_hash=_hash_token(raw),
        expires_at=clock.now() + timedelta(hours=settings.LOTSE_API_TOKEN_HOURS),
    )
    audit_user(actor=user, action=AuditAction.LOGIN, user=user, purpose="API-Token ausgestellt")
    return token, raw


def api_token_lookup(raw: str) -> ApiToken | None:
    """The live token for ``raw``, or None when unknown, expired, revoked or its user inactive."""
    if not raw:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash_token(raw)).first()
    now = clock.now()
    if token is None or token.revoked_at or token.expires_at <= now or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def api_token_revoke(*, token: ApiToken, by) -> None:
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        audit_user(
            actor=by, action=AuditAction.LOGOUT, user=token.user, purpose="API-Token widerrufen"
        )
