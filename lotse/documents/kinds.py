"""What each kind of document allows: its placeholders and the labels a text carries.

Label keys are fixed per kind plus one per catalogue entry that the document
shows (each consent purpose's explanation; each life area and goal status of the
plan), so a purpose added to the catalogue gets a field on the text form at once.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from lotse.documents.models import DocumentKind


@dataclass(frozen=True)
class KindSpec:
    inline: tuple[str, ...]
    block: tuple[str, ...]
    required: tuple[str, ...]
    # key → what the label is for (shown on the form)
    labels: tuple[tuple[str, str], ...]


SPECS: dict[str, KindSpec] = {
    DocumentKind.CONSENT_FORM: KindSpec(
        inline=("organisation", "case_number", "date"),
        block=("purposes",),
        required=("purposes",),
        labels=(
            ("draft_notice", _("Hinweis „Entwurf einer Übersetzung“")),
            ("person", _("Überschrift „Angaben zur Person“")),
            ("case_number", _("Fallnummer")),
            ("name", _("Name")),
            ("birth_date", _("Geburtsdatum")),
            ("recipients", _("Weitergabe an")),
            ("signatures", _("Überschrift „Unterschriften“")),
            ("place_date", _("Ort, Datum")),
            ("signature_client", _("Unterschrift der betroffenen Person")),
            ("interpreter", _("Gedolmetscht von (Name, Sprache)")),
            ("signature_interpreter", _("Unterschrift Dolmetscher:in")),
            ("signature_staff", _("Unterschrift Mitarbeiter:in")),
        ),
    ),
    DocumentKind.PLAN_SUMMARY: KindSpec(
        inline=("organisation", "case_number", "date", "version"),
        block=("goals",),
        required=("goals",),
        labels=(
            ("draft_notice", _("Hinweis „Entwurf einer Übersetzung“")),
            ("case_number", _("Fallnummer")),
            ("life_area", _("Lebensbereich")),
            ("goal", _("Ziel")),
            ("steps", _("Schritte")),
            ("responsible", _("Wer ist verantwortlich?")),
            ("due", _("Bis wann?")),
            ("status", _("Stand")),
            ("review", _("Nächste Überprüfung")),
            ("no_goals", _("Noch keine Ziele")),
        ),
    ),
}


def catalogue_labels(kind: str) -> list[tuple[str, str]]:
    """Label keys taken from catalogues, with the German name of the entry."""
    if kind == DocumentKind.CONSENT_FORM:
        from lotse.cases.models import ConsentPurpose

        return [
            (f"purpose:{code}", label)
            for code, label in ConsentPurpose.objects.filter(active=True).values_list(
                "code", "label"
            )
        ]
    from lotse.cases.models import GoalStatus, LifeArea

    return [(f"area:{value}", label) for value, label in LifeArea.choices] + [
        (f"status:{value}", label) for value, label in GoalStatus.choices
    ]


def label_keys(kind: str) -> list[tuple[str, str]]:
    return list(SPECS[kind].labels) + catalogue_labels(kind)
