"""The functional core's messages are German strings that carry their template, so the
services translate them into the request's language without the rules importing
Django (issue 3; SPEC: German UI strings as msgids)."""

import ast
import pickle
from datetime import date
from pathlib import Path

import pytest

from lotse.cases import translation
from lotse.cases.rules.period import consultation_date_error, extension_errors
from lotse.cases.rules.referrals import ReferralStatus, status_change_error
from lotse.kernel.errors import RuleViolation
from lotse.kernel.messages import Message, gettext_noop, label
from tests.cases.factories import consult, running_case

RULES = Path(__file__).resolve().parents[2] / "lotse" / "cases" / "rules"

# A stand-in English catalogue: what the lead's makemessages/compilemessages provides.
ENGLISH = {
    "Datum: {reason}": "Date: {reason}",
    "Der Beratungszeitraum endete am {end}; es kann kein Gespräch mehr erfasst werden "
    "(BW 4.1.5).": "The counselling period ended on {end}; no consultation can be recorded "
    "any more (BW 4.1.5).",
    "Status: Von „{current}“ geht es nicht zu „{new}“.": "Status: “{current}” cannot move "
    "to “{new}”.",
    "angenommen": "accepted",
    "Grund: Verlängert werden kann nur aus einem dieser Gründe: {listed} (BW 4.1.5).": (
        "Reason: an extension is only possible for one of these reasons: {listed} (BW 4.1.5)."
    ),
    "Analphabetismus": "illiteracy",
    "Datum: Das Gespräch am {day} liegt vor dem Erstberatungsgespräch am {initial}, mit dem "
    "die Beratung beginnt (BW 4.1.4 a, 4.1.5).": "Date: the consultation on {day} is before "
    "the initial consultation on {initial}, with which counselling begins (BW 4.1.4 a, 4.1.5).",
}


@pytest.fixture
def english(monkeypatch):
    monkeypatch.setattr(translation, "gettext", lambda text: ENGLISH.get(str(text), str(text)))


def test_a_message_reads_as_its_german_text_and_keeps_its_template():
    message = Message(gettext_noop("Datum: Der {day} liegt in der Zukunft."), day="05.03.2027")
    assert message == "Datum: Der 05.03.2027 liegt in der Zukunft."
    assert message.template == "Datum: Der {day} liegt in der Zukunft."
    assert message.params == {"day": "05.03.2027"}
    again = pickle.loads(pickle.dumps(message))  # noqa: S301 - our own bytes
    assert again == message and again.template == message.template


def test_nested_messages_and_lists_are_translated(english):
    # BW 4.1.5: a consultation after the period's end; the reason is itself a message.
    error = consultation_date_error(
        day=date(2027, 3, 16), initial=date(2024, 3, 15), today=date(2027, 3, 20)
    )
    assert error == (
        "Datum: Der Beratungszeitraum endete am 15.03.2027; es kann kein Gespräch mehr "
        "erfasst werden (BW 4.1.5)."
    )
    assert translation.translated(error) == (
        "Date: The counselling period ended on 15.03.2027; no consultation can be recorded "
        "any more (BW 4.1.5)."
    )
    # KIM §3(2)d: status labels inside a message are translated too.
    field, message = status_change_error(
        current=ReferralStatus.ACCEPTED,
        new=ReferralStatus.WAITING,
        on=date(2026, 3, 2),
        since=date(2026, 3, 1),
        today=date(2026, 3, 2),
    )
    assert field == "status"
    assert translation.translated(message) == "Status: “accepted” cannot move to “Warteliste”."
    assert translation.translated(label("Analphabetismus")) == "illiteracy"


def test_a_list_of_labels_is_translated_item_by_item(english):
    from lotse.cases.rules.period import Extension, ExtensionReason

    errors = extension_errors(
        initial=date(2024, 3, 15),
        extension=Extension(
            until=date(2027, 6, 1), reason=ExtensionReason.OTHER, justification="x"
        ),
        other_reason_allowed=False,
    )
    assert "Analphabetismus, Nachgewiesene psychische Erkrankung" in errors["reason"]
    shown = translation.translated(errors["reason"])
    assert shown.startswith("Reason: an extension is only possible for one of these reasons: ")
    assert "illiteracy, Nachgewiesene psychische Erkrankung" in shown


def test_plain_strings_pass_unchanged():
    assert translation.translated("Schon übersetzt") == "Schon übersetzt"
    assert translation.translated(None) == ""


@pytest.mark.django_db
def test_the_service_raises_the_message_in_the_request_language(english):
    # BW 4.1.4 a: nothing before the initial consultation; the service translates.
    client = running_case(start=date(2024, 3, 15))
    with pytest.raises(RuleViolation) as refused:
        consult(client, on=date(2024, 3, 1), today=date(2024, 4, 1))
    assert refused.value.field == "held_on"
    assert refused.value.message == (
        "Date: the consultation on 01.03.2024 is before the initial consultation on "
        "15.03.2024, with which counselling begins (BW 4.1.4 a, 4.1.5)."
    )


def _calls(tree: ast.AST, name: str):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == name:
            yield node


def _literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


@pytest.mark.parametrize(
    "module", sorted(p.name for p in RULES.glob("*.py") if p.name != "messages.py")
)
def test_every_rule_message_is_a_marked_literal(module):
    """makemessages only finds literals inside gettext_noop(...): every Message's template
    is one, and no rule builds German text with an f-string any more."""
    tree = ast.parse((RULES / module).read_text(encoding="utf-8"))
    for call in _calls(tree, "Message"):
        template = call.args[0]
        assert isinstance(template, ast.Call) and getattr(template.func, "id", "") in (
            "gettext_noop",
        ), f"{module}:{call.lineno}: Message template not marked with gettext_noop"
        assert _literal(template.args[0]), f"{module}:{call.lineno}: template is not a literal"
    for call in _calls(tree, "gettext_noop"):
        assert _literal(call.args[0]), f"{module}:{call.lineno}: gettext_noop of a non-literal"
    german_fstrings = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        and any(
            isinstance(part, ast.Constant)
            and any(ch in str(part.value) for ch in "äöüÄÖÜß:")
            and " " in str(part.value)
            for part in node.values
        )
    ]
    assert not german_fstrings, f"{module}: German f-strings on lines {german_fstrings}"


@pytest.mark.django_db
def test_service_messages_pass_through_gettext(monkeypatch):
    # BW 4.1.6.2: the refused referral's message is a msgid, translated when raised.
    from lotse.cases.services import referrals
    from tests.cases.factories import refer

    monkeypatch.setattr(referrals, "gettext", lambda text: "[en] " + text)
    client = running_case(start=date(2024, 3, 15))
    with pytest.raises(RuleViolation) as refused:
        refer(client, on=date(2024, 4, 1), code="jobcenter", today=date(2024, 4, 2))
    assert refused.value.field == "service"
    assert refused.value.message.startswith("[en] Ziel: Die Einwilligung vom 15.03.2024")
