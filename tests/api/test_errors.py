"""One error path (issue 10 item 5): one ErrorOut in the OpenAPI schema, every rule error
in its shape, whether a router catches it or not, and no router with a copy of its own."""

import ast
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.test import Client as HttpClient
from django.test import RequestFactory

import lotse.api
from lotse.accounts import services as account_services
from lotse.accounts.models import User
from lotse.api.api import api
from lotse.api.errors import ErrorOut, invalid_request, problems, refused
from lotse.cases.services import EditConflict
from lotse.funding.rules.payment_request import Reason
from lotse.funding.services import PaymentRefused
from lotse.kernel.errors import RuleViolation
from lotse.organisations.models import Organisation
from lotse.proofs.rules.tables import Problem, TableError
from lotse.staff.rules.common import Finding, StaffRuleViolation

ERROR_OUT = "#/components/schemas/ErrorOut"
ERROR_ITEM = "#/components/schemas/ErrorItem"


def in_the_one_shape(items: list[dict]) -> list[dict]:
    """The items as the API sends them through ErrorOut: unchanged if they fit it."""
    return ErrorOut.model_validate({"detail": items}).model_dump()["detail"]


# --- (a) the OpenAPI schema ------------------------------------------------------------------


@pytest.fixture(scope="module")
def openapi():
    return json.loads(json.dumps(api.get_openapi_schema()))  # keys as a client reads them


def operations(openapi):
    for path, methods in openapi["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def refs(schema) -> set[str]:
    found = set()
    if isinstance(schema, dict):
        if "$ref" in schema:
            found.add(schema["$ref"])
        for value in schema.values():
            found |= refs(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= refs(value)
    return found


def answer_schema(response: dict) -> dict:
    return response["content"]["application/json"]["schema"]


def test_there_is_one_error_schema_with_one_item_schema(openapi):
    schemas = openapi["components"]["schemas"]
    error_like = {name for name in schemas if re.search(r"Error|Finding", name)}
    assert error_like == {"ErrorOut", "ErrorItem"}
    assert refs(schemas["ErrorOut"]["properties"]["detail"]) == {ERROR_ITEM}
    item = schemas["ErrorItem"]
    assert item["required"] == ["field", "msg"]
    assert {"field", "msg", "code", "source", "loc", "type"} == set(item["properties"])


def test_every_detail_list_is_a_list_of_error_items(openapi):
    """ConflictOut and DuplicatesOut add keys beside detail; detail itself is the same."""
    schemas = openapi["components"]["schemas"]
    with_detail = {
        name: schema["properties"]["detail"]
        for name, schema in schemas.items()
        if "detail" in schema.get("properties", {})
    }
    assert {"ErrorOut", "ConflictOut", "DuplicatesOut", "Message"} <= set(with_detail)
    for name, detail in with_detail.items():
        if name == "Message":  # 401/403/404: {"detail": "…"}
            assert detail["type"] == "string"
        else:
            assert refs(detail) == {ERROR_ITEM}, name


def test_every_422_refers_to_error_out(openapi):
    declared = 0
    for name, operation in operations(openapi):
        if "422" in operation["responses"]:
            declared += 1
            assert answer_schema(operation["responses"]["422"]) == {"$ref": ERROR_OUT}, name
    assert declared > 30


def test_every_operation_that_takes_input_declares_its_422(openapi):
    """A body or a query parameter that does not fit answers 422 (request validation),
    and so may a rule; the schema says so."""
    for name, operation in operations(openapi):
        takes_input = "requestBody" in operation or any(
            parameter["in"] == "query" for parameter in operation.get("parameters", [])
        )
        if takes_input:
            assert "422" in operation["responses"], name


def test_every_409_is_an_error_out_with_more(openapi):
    schemas = openapi["components"]["schemas"]
    conflicts = [
        (name, operation["responses"]["409"])
        for name, operation in operations(openapi)
        if "409" in operation["responses"]
    ]
    assert len(conflicts) == 4  # personal data, plan, goal created, goal changed
    for name, response in conflicts:
        for ref in refs(answer_schema(response)):
            schema = schemas[ref.rsplit("/", 1)[1]]
            assert refs(schema["properties"]["detail"]) == {ERROR_ITEM}, name


# --- (b) every kind of rule error in the one shape ----------------------------------------


def test_a_plain_rule_violation_names_its_field():
    items = problems(RuleViolation("Datum: Der Beratungszeitraum endete am 14.03.2027.", "held_on"))
    assert items == [
        {"field": "held_on", "msg": "Datum: Der Beratungszeitraum endete am 14.03.2027."}
    ]
    assert in_the_one_shape(items) == items


def test_a_refusal_of_the_whole_object_has_an_empty_field():
    assert problems(RuleViolation("Keine gültige Einwilligung.")) == [
        {"field": "", "msg": "Keine gültige Einwilligung."}
    ]


def test_a_staff_rule_violation_lists_every_finding_with_code_and_source():
    violation = StaffRuleViolation(
        [
            Finding("position_overlap", "Die Stelle ist schon besetzt.", None, "start"),
            Finding("fte_too_low", "Mindestens 0,5 VZÄ (BW 5.6).", "BW 5.6", "fte"),
        ]
    )
    items = problems(violation)
    assert items == [
        {"field": "start", "msg": "Die Stelle ist schon besetzt.", "code": "position_overlap", "source": None},
        {"field": "fte", "msg": "Mindestens 0,5 VZÄ (BW 5.6).", "code": "fte_too_low", "source": "BW 5.6"},
    ]  # fmt: skip
    # The staff API always said "source", null for a plausibility check: it still does.
    assert in_the_one_shape(items) == items


def test_a_refused_payment_lists_every_reason_on_its_field():
    violation = PaymentRefused(
        [
            Reason("two_month_rule", "Nur 15.000,00 EUR werden binnen zwei Monaten benötigt."),
            Reason("earlier_use_missing", "Die Verwendung des letzten Abrufs fehlt."),
        ],
        [],
    )
    items = problems(violation, code="rule")
    assert items == [
        {"field": "amount", "msg": "Nur 15.000,00 EUR werden binnen zwei Monaten benötigt.", "code": "two_month_rule"},
        {"field": "earlier_use", "msg": "Die Verwendung des letzten Abrufs fehlt.", "code": "earlier_use_missing"},
    ]  # fmt: skip
    assert in_the_one_shape(items) == items


def test_the_default_code_goes_only_to_problems_without_one():
    assert problems(RuleViolation("Unbekanntes Förderprogramm.", "programme"), code="rule") == [
        {"field": "programme", "msg": "Unbekanntes Förderprogramm.", "code": "rule"}
    ]


def test_a_table_error_lists_every_line_with_its_place():
    violation = TableError([Problem(line, "Betrag", "keine Zahl") for line in range(2, 7)])
    items = problems(violation)
    assert len(items) == 5  # the message names only the first three
    assert items[0] == {
        "field": "file",
        "msg": "Zeile 2, Spalte „Betrag“: keine Zahl",
        "loc": ["file", "2", "Betrag"],
    }
    assert in_the_one_shape(items) == items


def test_fields_rename_service_names_to_api_names():
    answer = refused(
        RuleViolation("Wohnort: bitte angeben.", "municipality"),
        fields={"municipality": "municipality_id"},
    )
    assert answer.status_code == 422
    assert answer.value == {
        "detail": [{"field": "municipality_id", "msg": "Wohnort: bitte angeben."}]
    }


def test_an_edit_conflict_is_a_409_with_version_and_changes():
    conflict = EditConflict(
        changes=[("Telefon", "0231 1234")],
        changed_by="Frau Kaya",
        changed_at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
    )
    answer = refused(
        conflict,
        status=409,
        fields={"": "version"},
        version=4,
        changes=[{"field": "Telefon", "value": "0231 1234"}],
    )
    assert answer.status_code == 409
    assert answer.value["detail"] == [{"field": "version", "msg": conflict.message}]
    assert answer.value["version"] == 4


def test_a_request_that_does_not_fit_the_schema_comes_in_the_same_shape():
    items = invalid_request(
        [{"loc": ("body", "payload", "fte"), "msg": "Input should be a valid decimal", "type": "decimal_parsing"}]
    )  # fmt: skip
    assert items == [
        {
            "field": "fte",
            "loc": ["body", "payload", "fte"],
            "msg": "Input should be a valid decimal",
            "type": "decimal_parsing",
        }
    ]
    assert in_the_one_shape(items) == items


@pytest.mark.parametrize(
    "violation",
    [
        RuleViolation("Berichtsjahr: bitte ein Jahr ab 2000 angeben.", "year"),
        StaffRuleViolation([Finding("position_overlap", "Die Stelle ist schon besetzt.")]),
    ],
    ids=["plain", "staff"],
)
def test_the_api_answers_an_uncaught_rule_violation_with_422(violation):
    response = api.on_exception(RequestFactory().get("/api/v1/"), violation)
    assert response.status_code == 422
    assert json.loads(response.content) == {"detail": problems(violation)}


# --- (c) a router that does not catch --------------------------------------------------------


@pytest.fixture
def api_client(db, demo_mode):
    def client_for(username: str) -> HttpClient:
        token = account_services.api_token_issue(user=User.objects.get(username=username))[1]
        return HttpClient(headers={"Authorization": f"Bearer {token}"})

    return client_for


def test_a_service_refusal_nobody_catches_answers_422_naming_the_field(api_client):
    response = api_client("grants.unna").post(
        "/api/v1/funding/calculate",
        {"programme": "gibt-es-nicht", "fte": "0.5", "start": "2024-01-01", "end": "2024-12-31"},
        content_type="application/json",
    )
    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert item["field"] == "programme" and item["msg"]
    assert set(item) == {"field", "msg"}


def test_a_refusal_raised_in_the_router_answers_422_naming_the_field(api_client):
    response = api_client("coord.unna").get("/api/v1/indicators?year=1850")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "year"


def test_a_grant_file_refusal_carries_the_code_rule(api_client):
    """docs/api.md: the grant API's refusals all have a code, ``rule`` unless the rule has its own."""
    foreign = Organisation.objects.get(name="Rems-Murr-Kreis").pk
    response = api_client("grants.unna").post(
        "/api/v1/funding/grants", {"organisation_id": foreign}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "field": "organisation_id",
            "msg": "Für diese Organisation dürfen Sie keine Bescheide erfassen.",
            "code": "rule",
        }
    ]


def test_a_query_that_does_not_fit_answers_422_in_the_same_shape(api_client):
    response = api_client("cm.luenen").get("/api/v1/clients?limit=nichts")
    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert item["field"] == "limit"
    assert in_the_one_shape([item]) == [item]


# --- no router with an error path of its own ---------------------------------------------

API = Path(lotse.api.__file__).resolve().parent
MODULES = sorted(path for path in API.rglob("*.py") if path.name != "errors.py")
# What a router may catch: rule errors, and the one subclass with more to say.
CATCHABLE = {"RuleViolation", "services.EditConflict"}
# Parsing a partial birth date raises a plain ValueError; the router turns it into a rule error.
PARSING = {("cases.py", "ValueError")}


def own_error_path(source: str) -> list[str]:
    """What only lotse/api/errors.py may have: an error schema, a refusal helper, a
    ``detail`` list or a 422 built by hand."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and re.search(r"Error|Finding", node.name):
            found.append(f"class {node.name}")
        elif isinstance(node, ast.FunctionDef) and re.fullmatch(r"_?(refused|unknown)", node.name):
            found.append(f"def {node.name}")
        elif isinstance(node, ast.Dict) and any(
            isinstance(key, ast.Constant) and key.value == "detail" and isinstance(value, ast.List)
            for key, value in zip(node.keys, node.values, strict=True)
        ):
            found.append(f"a detail list in line {node.lineno}")
        elif (
            isinstance(node, ast.Call)
            and ast.unparse(node.func) == "Status"
            and node.args
            and ast.unparse(node.args[0]) == "422"
        ):
            found.append(f"Status(422, …) in line {node.lineno}")
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(API)))
def test_no_module_of_the_api_has_its_own_error_schema_or_refusal_helper(path):
    found = own_error_path(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name}: {found}; use lotse.api.errors (ErrorOut, refused)"


@pytest.mark.parametrize(
    "path",
    [path for path in MODULES if path.parent.name == "routers"],
    ids=lambda path: path.name,
)
def test_routers_catch_only_rule_errors(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ExceptHandler):
            caught = ast.unparse(node.type) if node.type else "everything"
            assert caught in CATCHABLE or (path.name, caught) in PARSING, (path.name, caught)


def test_the_guard_notices_a_copy():
    assert own_error_path("class FieldError(Schema):\n    field: str\n")
    assert own_error_path("def _refused(violation):\n    pass\n")
    assert own_error_path('x = Status(409, {"detail": [{"field": "x", "msg": "…"}]})\n')
    assert own_error_path("x = Status(422, answer)\n")
    assert not own_error_path('"""{"detail": [{"field": "x"}]} in a docstring"""\n')
    assert not own_error_path('x = Status(403, {"detail": "Für diese Rolle nicht erlaubt."})\n')
