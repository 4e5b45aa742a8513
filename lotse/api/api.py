"""The JSON API at /api/v1/: thin routers over the same services and scoping as the pages."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from lotse.api.auth import BearerToken
from lotse.api.errors import invalid_request, problems
from lotse.api.parser import DecimalJSONParser
from lotse.api.routers import (
    audit,
    auth,
    case_plans,
    cases,
    funding,
    indicators,
    me,
    organisations,
    proofs,
    staff,
)
from lotse.kernel.errors import RuleViolation

api = NinjaAPI(
    title="Lotse API",
    version="1",
    description=(
        "Programmierschnittstelle von Lotse. Anmeldung: POST /api/v1/auth/token, dann "
        "`Authorization: Bearer <token>`. Es gelten dieselben Rollen und Zuständigkeiten wie im Web."
    ),
    auth=BearerToken(),
    # JSON numbers as Decimal: money never passes through float (SPEC §4.1).
    parser=DecimalJSONParser(),
    urls_namespace="api",
)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return api.create_response(
        request,
        {"detail": "Nicht angemeldet: Token fehlt, ist abgelaufen oder widerrufen."},
        status=401,
    )


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": "Für diese Rolle nicht erlaubt."}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Nicht gefunden."}, status=404)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    """422 with every field named: {"detail": [{"field": "fte", "loc": [...], "msg": "…"}]}."""
    return api.create_response(request, {"detail": invalid_request(exc.errors)}, status=422)


@api.exception_handler(RuleViolation)
def _rule_violation(request, exc):
    """422 naming the field, for every rule error a router does not catch (lotse/api/errors.py)."""
    return api.create_response(request, {"detail": problems(exc)}, status=422)


api.add_router("/auth", auth.router)
api.add_router("/me", me.router)
api.add_router("/", organisations.router)
api.add_router("/audit", audit.router)
api.add_router("/funding", funding.router)
api.add_router("/funding", proofs.router)
api.add_router("/staff", staff.router)
api.add_router("/", cases.router)
api.add_router("/", case_plans.router)
api.add_router("/indicators", indicators.router)
