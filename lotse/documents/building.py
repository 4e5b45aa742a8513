"""The contents of each printable document, from case data and the applicable texts.

Views fetch (scoped to the user) and log; these functions only arrange what the
templates print. Text typed by administrators reaches the template as plain
strings in blocks (lotse.documents.rules.parse), which the template escapes.
"""

from dataclasses import dataclass, field
from datetime import date

from lotse.cases.models import GoalStatus, LifeArea
from lotse.cases.rules.dates import PartialDate
from lotse.documents import rules
from lotse.documents.kinds import SPECS
from lotse.documents.models import DocumentKind, DocumentText
from lotse.kernel.dates import format_date

DRAFT_NOTICE_DE = "Entwurf einer Übersetzung – von vereidigter Übersetzung zu prüfen"


@dataclass
class Part:
    """One text (German or the translation) split at its block placeholder."""

    text: DocumentText
    before: list = field(default_factory=list)
    after: list = field(default_factory=list)

    @property
    def lang(self) -> str:
        return self.text.language

    @property
    def dir(self) -> str:
        return self.text.direction


# Left-to-right isolate: a case number "2026-0042" or a date inside Arabic-script text
# keeps its order (Unicode bidi, UAX #9) instead of being shown as "0042-2026".
LRI, PDI = "\u2066", "\u2069"


def split_text(text: DocumentText, values: dict[str, str]) -> Part:
    spec = SPECS[text.kind]
    if text.rtl:
        values = {key: f"{LRI}{value}{PDI}" for key, value in values.items()}
    blocks = rules.filled_blocks(rules.parse(text.body, block_placeholders=spec.block), values)
    part = Part(text)
    target = part.before
    for block in blocks:
        if block.kind == "placeholder":
            target = part.after
            continue
        target.append(block)
    return part


@dataclass
class Label:
    german: str
    translated: str = ""
    lang: str = ""
    dir: str = "ltr"


def labels_for(german: DocumentText, translation: DocumentText | None, keys) -> dict[str, Label]:
    result = {}
    for key, fallback in keys:
        label = Label(german.label(key, str(fallback)))
        if translation is not None:
            label.translated = translation.label(key)
            label.lang, label.dir = translation.language, translation.direction
        result[key.replace(":", "_")] = label
    return result


def client_values(client, *, today: date) -> dict[str, str]:
    return {
        "organisation": client.organisation.name,
        "case_number": client.case_number,
        "date": format_date(today),
    }


def personal_lines(client) -> dict[str, str]:
    """Personal data already recorded (only ever with a consent, BW 4.1.4 f); else
    empty, so the form prints lines to fill in by hand."""
    original = " ".join(p for p in (client.given_names, client.family_name) if p)
    latin = " ".join(p for p in (client.given_names_latin, client.family_name_latin) if p)
    name = (
        f"{original} ({latin})" if original and latin and original != latin else original or latin
    )
    birth = ""
    if client.birth_date:
        try:
            birth = str(PartialDate.parse(client.birth_date))
        except ValueError:
            birth = client.birth_date
    return {"name": name, "birth_date": birth}


def consent_form_context(
    *,
    client,
    german: DocumentText,
    translation: DocumentText | None,
    purposes,
    today: date,
    personal: dict[str, str] | None = None,
) -> dict:
    values = client_values(client, today=today)
    spec = SPECS[DocumentKind.CONSENT_FORM]
    items = []
    for purpose in purposes:
        key = f"purpose:{purpose.code}"
        items.append(
            {
                "label": purpose.label,
                "german": german.label(key),
                "translated": translation.label(key) if translation else "",
                "recipients": [kind.label for kind in purpose.service_kinds.all()],
            }
        )
    return {
        "client": client,
        "values": values,
        "personal": personal if personal is not None else personal_lines(client),
        "german": split_text(german, values),
        "translation": split_text(translation, values) if translation else None,
        "labels": labels_for(german, translation, spec.labels),
        "purposes": items,
        "draft": bool(translation and translation.draft_translation),
        "draft_notice_de": DRAFT_NOTICE_DE,
        "title": german.title,
        "today": today,
    }


def goal_rows(goals, text: DocumentText | None):
    """Goals with their life area and status in the text's language (German fallback)."""
    rows = []
    for goal in goals:
        area = goal.get_life_area_display()
        status = goal.get_status_display()
        if text is not None:
            area = text.label(f"area:{goal.life_area}", area)
            status = text.label(f"status:{goal.status}", status)
        rows.append({"goal": goal, "area": area, "status": status})
    return rows


def plan_summary_context(*, client, plan, goals, text: DocumentText, today: date) -> dict:
    values = {
        **client_values(client, today=today),
        "version": str(plan.version),
        "date": format_date(plan.changed_at.date()) if plan.changed_at else format_date(today),
    }
    spec = SPECS[DocumentKind.PLAN_SUMMARY]
    labels = {key: text.label(key, str(fallback)) for key, fallback in spec.labels}
    return {
        "client": client,
        "plan": plan,
        "part": split_text(text, values),
        "text": text,
        "labels": labels,
        "rows": goal_rows(goals, text),
        "draft": text.draft_translation,
        "draft_notice_de": DRAFT_NOTICE_DE,
        "title": text.title,
        "today": today,
    }


def sample_goals():
    """Example goals for the preview of a plan summary (no case data)."""

    @dataclass
    class Sample:
        life_area: str
        status: str
        goal: str
        steps: str
        responsible: str
        due_on: date | None
        review_on: date | None

        def get_life_area_display(self):
            return LifeArea(self.life_area).label

        def get_status_display(self):
            return GoalStatus(self.status).label

    return [
        Sample(
            "language",
            "in_progress",
            "Deutsch auf Niveau B1",
            "Integrationskurs besuchen, Prüfung anmelden",
            "Klient:in, Integrationsmanagement",
            date(2026, 6, 30),
            date(2026, 3, 31),
        ),
        Sample("work", "open", "Praktikum finden", "Bewerbung schreiben", "Jobcenter", None, None),
    ]
