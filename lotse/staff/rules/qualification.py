"""Qualification level 1–4, derived from facts, never typed in (BW 4.1.1, 4.2; SPEC §3).

Levels (SPEC §3):

1. university degree (bachelor or higher) in a social field (BW 4.1.1.1 sentence 1, 3)
2. other degree → supplementary qualification required (BW 4.1.1.1 sentence 2)
3. at least intermediate school certificate plus documented relevant experience
   → supplementary qualification required (BW 4.1.1.2)
4. hired under VwV Integrationsmanagement 2017 no. 4.2.2 sentence 1 b or c
   → may continue without supplementary qualification (BW 4.1.1.3)

When several facts apply, the one that asks least of the person wins (levels 1
and 4 need no supplementary qualification, 2 and 3 do); among those, a proven
one beats one resting on a foreign qualification without equivalence proof; then
the lower level number wins (1 before 4, 2 before 3). An unproven foreign
qualification still counts, provisionally, and raises a finding (BW 4.1.1.4):
the recipient's job is then to get the proof.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum

from lotse.staff.rules.common import Finding, StaffFunction


class QualificationLevel(IntEnum):
    SOCIAL_DEGREE = 1
    OTHER_DEGREE = 2
    SCHOOL_AND_EXPERIENCE = 3
    HIRED_UNDER_2017_RULES = 4

    @property
    def label(self) -> str:
        return _LEVEL_LABELS[self]


_LEVEL_LABELS = {
    QualificationLevel.SOCIAL_DEGREE: "Stufe 1: Studium in einem Fach des Sozialwesens (BW 4.1.1.1)",
    QualificationLevel.OTHER_DEGREE: "Stufe 2: Studium in einem anderen Fach (BW 4.1.1.1 Satz 2)",
    QualificationLevel.SCHOOL_AND_EXPERIENCE: "Stufe 3: mittlerer Bildungsabschluss und Erfahrungswissen (BW 4.1.1.2)",
    QualificationLevel.HIRED_UNDER_2017_RULES: "Stufe 4: eingestellt nach VwV Integrationsmanagement 2017 (BW 4.1.1.3)",
}

# Levels that need no supplementary qualification (BW 4.1.1.1, 4.1.1.3).
_NO_SUPPLEMENTARY = frozenset(
    {QualificationLevel.SOCIAL_DEGREE, QualificationLevel.HIRED_UNDER_2017_RULES}
)


class FieldOfStudy(StrEnum):
    """BW 4.1.1.1 sentence 3 lists six social fields "insbesondere" (in particular),
    so the list is open: ``OTHER_SOCIAL_FIELD`` is a field the recipient assigns to
    social work (its name is recorded beside it)."""

    SOCIAL_WORK = "social_work"
    INTERNATIONAL_SOCIAL_WORK = "international_social_work"
    PSYCHOLOGY = "psychology"
    SOCIAL_PEDAGOGY = "social_pedagogy"
    MIGRATION_PEDAGOGY = "migration_pedagogy"
    PEDAGOGY = "pedagogy"
    OTHER_SOCIAL_FIELD = "other_social_field"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _FIELD_LABELS[self]

    @property
    def is_social(self) -> bool:
        return self is not FieldOfStudy.OTHER


_FIELD_LABELS = {
    FieldOfStudy.SOCIAL_WORK: "Soziale Arbeit",
    FieldOfStudy.INTERNATIONAL_SOCIAL_WORK: "Internationale Soziale Arbeit",
    FieldOfStudy.PSYCHOLOGY: "(Angewandte) Psychologie",
    FieldOfStudy.SOCIAL_PEDAGOGY: "Sozialpädagogik",
    FieldOfStudy.MIGRATION_PEDAGOGY: "Migrationspädagogik",
    FieldOfStudy.PEDAGOGY: "Pädagogik",
    FieldOfStudy.OTHER_SOCIAL_FIELD: "anderes dem Sozialwesen zuzuordnendes Fach",
    FieldOfStudy.OTHER: "anderes Fach",
}


class EquivalenceProofKind(StrEnum):
    """The procedures BW 4.1.1.4 (and BW 4.2 for the coordinating office) accept."""

    EQUIVALENCE_ASSESSMENT = "equivalence_assessment"
    CERTIFICATE_EVALUATION = "certificate_evaluation"
    PROFESSIONAL_TITLE = "professional_title"

    @property
    def label(self) -> str:
        return _PROOF_LABELS[self]


_PROOF_LABELS = {
    EquivalenceProofKind.EQUIVALENCE_ASSESSMENT: "Gleichwertigkeitsprüfung",
    EquivalenceProofKind.CERTIFICATE_EVALUATION: "Zeugnisbewertung",
    EquivalenceProofKind.PROFESSIONAL_TITLE: "Feststellung der Berechtigung zur Führung der Berufsbezeichnung",
}


class SchoolLevel(IntEnum):
    LOWER = 1  # Hauptschulabschluss
    INTERMEDIATE = 2  # mittlerer Bildungsabschluss (BW 4.1.1.2: "mindestens")
    UPPER = 3  # Fachhochschulreife, Abitur


class Category2017(StrEnum):
    """VwV Integrationsmanagement 2017 no. 4.2.2 sentence 1, the letters BW 4.1.1.3 names."""

    B = "b"
    C = "c"


@dataclass(frozen=True)
class EquivalenceProof:
    kind: EquivalenceProofKind
    issued_on: date


@dataclass(frozen=True)
class Degree:
    """A completed university degree at bachelor level or higher (BW 4.1.1.1)."""

    field: FieldOfStudy
    foreign: bool = False
    equivalence_proof: EquivalenceProof | None = None

    @property
    def proven(self) -> bool:
        return not self.foreign or self.equivalence_proof is not None


@dataclass(frozen=True)
class SchoolCertificate:
    level: SchoolLevel
    foreign: bool = False
    equivalence_proof: EquivalenceProof | None = None

    @property
    def proven(self) -> bool:
        return not self.foreign or self.equivalence_proof is not None


@dataclass(frozen=True)
class QualificationAssessment:
    level: QualificationLevel | None
    # True while the level rests on a foreign qualification without equivalence proof.
    provisional: bool
    supplementary_required: bool
    findings: tuple[Finding, ...]


def supplementary_required(*, function: StaffFunction, level: QualificationLevel | None) -> bool:
    """BW 4.1.1.1 sentence 2, 4.1.1.2, 4.1.1.3: integration managers at levels 2 and 3.

    Without any level the person is not qualified at all; that is a finding of its
    own, not a supplementary-qualification deadline.
    """
    return function is StaffFunction.INTEGRATION_MANAGER and level in (
        QualificationLevel.OTHER_DEGREE,
        QualificationLevel.SCHOOL_AND_EXPERIENCE,
    )


@dataclass(frozen=True)
class _Candidate:
    level: QualificationLevel
    proven: bool
    basis: str  # for the message if the proof is missing


def qualification_assess(
    *,
    function: StaffFunction,
    degrees: Sequence[Degree] = (),
    school_certificate: SchoolCertificate | None = None,
    relevant_experience_documented: bool = False,
    category_2017: Category2017 | None = None,
) -> QualificationAssessment:
    """Derive the level and what is missing (BW 4.1.1.1–4.1.1.4, 4.2).

    ``relevant_experience_documented``: BW 4.1.1.2 "einschlägiges Erfahrungswissen
    (nachgewiesen etwa durch langwährendes Engagement für Geflüchtete oder
    mehrjährige einschlägige Berufserfahrung)" is on file.
    """
    candidates: list[_Candidate] = []
    for degree in degrees:
        degree_level = (
            QualificationLevel.SOCIAL_DEGREE
            if degree.field.is_social
            else QualificationLevel.OTHER_DEGREE
        )
        candidates.append(
            _Candidate(degree_level, degree.proven, f"Studienabschluss ({degree.field.label})")
        )
    # BW 4.1.1.3 exempts integration managers only; the 2017 rules never covered the
    # coordinating office.
    if category_2017 is not None and function is StaffFunction.INTEGRATION_MANAGER:
        candidates.append(_Candidate(QualificationLevel.HIRED_UNDER_2017_RULES, True, ""))
    if (
        school_certificate is not None
        and school_certificate.level >= SchoolLevel.INTERMEDIATE
        and relevant_experience_documented
    ):
        candidates.append(
            _Candidate(
                QualificationLevel.SCHOOL_AND_EXPERIENCE,
                school_certificate.proven,
                "Schulabschluss",
            )
        )

    best = min(
        candidates,
        key=lambda c: (c.level not in _NO_SUPPLEMENTARY, not c.proven, c.level),
        default=None,
    )
    level = best.level if best else None
    provisional = best is not None and not best.proven

    if function is StaffFunction.INTEGRATION_MANAGER:
        findings = _integration_manager_findings(best, school_certificate)
    elif function is StaffFunction.COORDINATING_OFFICE:
        findings = _coordinating_office_findings(degrees)
    else:
        findings = []  # KIM functions: the seeds set no qualification rule

    return QualificationAssessment(
        level=level,
        provisional=provisional,
        supplementary_required=supplementary_required(function=function, level=level),
        findings=tuple(findings),
    )


def _integration_manager_findings(
    best: _Candidate | None, school_certificate: SchoolCertificate | None
) -> list[Finding]:
    if best is None:
        return [_no_qualification(school_certificate)]
    if not best.proven:
        return [
            Finding(
                code="equivalence_proof_missing",
                source="BW 4.1.1.4",
                message=(
                    f"Für den ausländischen {best.basis} fehlt der Nachweis der Gleichwertigkeit "
                    "(Gleichwertigkeitsprüfung, Zeugnisbewertung oder Feststellung der Berechtigung "
                    "zur Führung der Berufsbezeichnung, BW 4.1.1.4). Bis dahin gilt die "
                    f"Qualifikationsstufe {best.level.value} nur vorläufig."
                ),
                field="equivalence_proof",
            )
        ]
    return []


def _no_qualification(school_certificate: SchoolCertificate | None) -> Finding:
    if school_certificate is None or school_certificate.level < SchoolLevel.INTERMEDIATE:
        detail = (
            "Erforderlich ist ein abgeschlossenes Studium (BW 4.1.1.1) oder mindestens ein "
            "mittlerer Bildungsabschluss mit nachgewiesenem einschlägigem Erfahrungswissen "
            "(BW 4.1.1.2)."
        )
        field = "degree"
    else:  # intermediate certificate without experience (with it, level 3 applies)
        detail = (
            "Zum mittleren Bildungsabschluss fehlt der Nachweis einschlägigen Erfahrungswissens, "
            "etwa langwährendes Engagement für Geflüchtete oder mehrjährige einschlägige "
            "Berufserfahrung (BW 4.1.1.2)."
        )
        field = "relevant_experience_documented"
    return Finding(
        code="no_qualification",
        source="BW 4.1.1",
        message=f"Keine Qualifikation für das Integrationsmanagement erfasst. {detail}",
        field=field,
    )


def _coordinating_office_findings(degrees: Sequence[Degree]) -> list[Finding]:
    if not degrees:
        return [
            Finding(
                code="coordinating_office_degree_missing",
                source="BW 4.2",
                message=(
                    "Das Personal der koordinierenden Stelle muss über ein abgeschlossenes Studium "
                    "(ab Bachelor) oder einen vergleichbaren ausländischen Abschluss verfügen (BW 4.2)."
                ),
                field="degree",
            )
        ]
    if not any(degree.proven for degree in degrees):
        return [
            Finding(
                code="equivalence_proof_missing",
                source="BW 4.2",
                message=(
                    "Für den ausländischen Studienabschluss fehlt der Nachweis der Gleichwertigkeit "
                    "(Gleichwertigkeitsprüfung, Zeugnisbewertung oder Feststellung der Berechtigung "
                    "zur Führung der Berufsbezeichnung); für die koordinierende Stelle ist er der "
                    "Bewilligungsstelle zu bestätigen (BW 4.2)."
                ),
                field="equivalence_proof",
            )
        ]
    return []
