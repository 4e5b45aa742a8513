"""Qualification level 1–4, derived from facts (BW 4.1.1, 4.2; SPEC §3)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotse.staff.rules.common import StaffFunction
from lotse.staff.rules.qualification import (
    Category2017,
    Degree,
    EquivalenceProof,
    EquivalenceProofKind,
    FieldOfStudy,
    QualificationLevel,
    SchoolCertificate,
    SchoolLevel,
    qualification_assess,
    supplementary_required,
)

IM = StaffFunction.INTEGRATION_MANAGER
COORDINATION = StaffFunction.COORDINATING_OFFICE
PROOF = EquivalenceProof(EquivalenceProofKind.CERTIFICATE_EVALUATION, date(2023, 5, 2))
INTERMEDIATE = SchoolCertificate(SchoolLevel.INTERMEDIATE)


def codes(assessment):
    return [f.code for f in assessment.findings]


# BW 4.1.1.1 sentence 3: the listed social fields, and others assigned to social work.
@pytest.mark.parametrize("field", [f for f in FieldOfStudy if f is not FieldOfStudy.OTHER])
def test_a_degree_in_a_social_field_is_level_1_without_supplementary(field):
    result = qualification_assess(function=IM, degrees=[Degree(field)])
    assert result.level is QualificationLevel.SOCIAL_DEGREE
    assert not result.supplementary_required
    assert result.findings == ()


def test_the_listed_social_fields_carry_the_words_of_the_text():
    # BW 4.1.1.1: Soziale Arbeit, Internationale Soziale Arbeit, (Angewandte) Psychologie,
    # Sozialpädagogik, Migrationspädagogik, Pädagogik.
    assert [f.label for f in FieldOfStudy][:6] == [
        "Soziale Arbeit",
        "Internationale Soziale Arbeit",
        "(Angewandte) Psychologie",
        "Sozialpädagogik",
        "Migrationspädagogik",
        "Pädagogik",
    ]


def test_another_degree_is_level_2_and_needs_supplementary():
    # BW 4.1.1.1 sentence 2: degree in another field → Nachqualifizierung (4.1.2).
    result = qualification_assess(function=IM, degrees=[Degree(FieldOfStudy.OTHER)])
    assert result.level is QualificationLevel.OTHER_DEGREE
    assert result.supplementary_required
    assert result.findings == ()


@pytest.mark.parametrize("school", [SchoolLevel.INTERMEDIATE, SchoolLevel.UPPER])
def test_intermediate_certificate_with_documented_experience_is_level_3(school):
    # BW 4.1.1.2: at least mittlerer Bildungsabschluss + einschlägiges Erfahrungswissen.
    result = qualification_assess(
        function=IM,
        school_certificate=SchoolCertificate(school),
        relevant_experience_documented=True,
    )
    assert result.level is QualificationLevel.SCHOOL_AND_EXPERIENCE
    assert result.supplementary_required


def test_intermediate_certificate_without_documented_experience_is_no_qualification():
    # BW 4.1.1.2: the experience must be shown ("nachgewiesen").
    result = qualification_assess(function=IM, school_certificate=INTERMEDIATE)
    assert result.level is None
    assert codes(result) == ["no_qualification"]
    assert "Erfahrungswissen" in result.findings[0].message
    assert "BW 4.1.1.2" in result.findings[0].message
    assert result.findings[0].field == "relevant_experience_documented"


def test_lower_school_certificate_is_not_enough_even_with_experience():
    # BW 4.1.1.2: "mindestens mittlerer Bildungsabschluss".
    result = qualification_assess(
        function=IM,
        school_certificate=SchoolCertificate(SchoolLevel.LOWER),
        relevant_experience_documented=True,
    )
    assert result.level is None
    assert "mittlerer Bildungsabschluss" in result.findings[0].message


def test_nothing_recorded_is_no_qualification_and_no_supplementary_deadline():
    # BW 4.1.1: without any qualification the person is not eligible at all; that is
    # its own finding, not a supplementary-qualification deadline.
    result = qualification_assess(function=IM)
    assert result.level is None
    assert not result.supplementary_required
    assert codes(result) == ["no_qualification"]
    assert "BW 4.1.1.1" in result.findings[0].message


@pytest.mark.parametrize("category", list(Category2017))
def test_hired_under_2017_rules_is_level_4_without_supplementary(category):
    # BW 4.1.1.3: VwV 2017 no. 4.2.2 sentence 1 b or c → weiterbeschäftigt ohne Nachqualifizierung.
    result = qualification_assess(
        function=IM, category_2017=category, school_certificate=INTERMEDIATE
    )
    assert result.level is QualificationLevel.HIRED_UNDER_2017_RULES
    assert not result.supplementary_required
    assert result.findings == ()


def test_level_4_beats_other_degree_and_level_1_beats_level_4():
    # BW 4.1.1.3 exempts from supplementary; a social degree needs nothing at all.
    other = qualification_assess(
        function=IM, degrees=[Degree(FieldOfStudy.OTHER)], category_2017=Category2017.C
    )
    assert other.level is QualificationLevel.HIRED_UNDER_2017_RULES
    social = qualification_assess(
        function=IM, degrees=[Degree(FieldOfStudy.SOCIAL_WORK)], category_2017=Category2017.B
    )
    assert social.level is QualificationLevel.SOCIAL_DEGREE


def test_a_degree_beats_school_and_experience():
    result = qualification_assess(
        function=IM,
        degrees=[Degree(FieldOfStudy.OTHER)],
        school_certificate=INTERMEDIATE,
        relevant_experience_documented=True,
    )
    assert result.level is QualificationLevel.OTHER_DEGREE


# BW 4.1.1.4: foreign qualifications need an equivalence proof of a listed kind.
@pytest.mark.parametrize("kind", list(EquivalenceProofKind))
def test_foreign_degree_with_any_listed_proof_counts_in_full(kind):
    proof = EquivalenceProof(kind, date(2022, 9, 1))
    result = qualification_assess(
        function=IM,
        degrees=[Degree(FieldOfStudy.SOCIAL_WORK, foreign=True, equivalence_proof=proof)],
    )
    assert result.level is QualificationLevel.SOCIAL_DEGREE
    assert not result.provisional
    assert result.findings == ()


def test_the_three_proof_kinds_are_the_ones_the_text_names():
    # BW 4.1.1.4: Gleichwertigkeitsprüfung, Zeugnisbewertung, Feststellung der Berechtigung
    # zur Führung der Berufsbezeichnung.
    assert {k.label for k in EquivalenceProofKind} == {
        "Gleichwertigkeitsprüfung",
        "Zeugnisbewertung",
        "Feststellung der Berechtigung zur Führung der Berufsbezeichnung",
    }


def test_foreign_degree_without_proof_counts_provisionally_and_is_a_finding():
    # BW 4.1.1.4
    result = qualification_assess(
        function=IM, degrees=[Degree(FieldOfStudy.PSYCHOLOGY, foreign=True)]
    )
    assert result.level is QualificationLevel.SOCIAL_DEGREE
    assert result.provisional
    assert codes(result) == ["equivalence_proof_missing"]
    message = result.findings[0].message
    assert "BW 4.1.1.4" in message and "Zeugnisbewertung" in message and "vorläufig" in message
    assert result.findings[0].source == "BW 4.1.1.4"


def test_a_proven_degree_is_preferred_over_an_unproven_one_of_the_same_level():
    # BW 4.1.1.4
    result = qualification_assess(
        function=IM,
        degrees=[
            Degree(FieldOfStudy.PEDAGOGY, foreign=True),
            Degree(FieldOfStudy.SOCIAL_WORK, foreign=True, equivalence_proof=PROOF),
        ],
    )
    assert result.level is QualificationLevel.SOCIAL_DEGREE
    assert not result.provisional
    assert result.findings == ()


def test_foreign_school_certificate_also_needs_proof():
    # BW 4.1.1.4 says "ausländische Qualifikationen", not only degrees.
    result = qualification_assess(
        function=IM,
        school_certificate=SchoolCertificate(SchoolLevel.INTERMEDIATE, foreign=True),
        relevant_experience_documented=True,
    )
    assert result.level is QualificationLevel.SCHOOL_AND_EXPERIENCE
    assert codes(result) == ["equivalence_proof_missing"]
    assert "Schulabschluss" in result.findings[0].message


def test_the_2017_exemption_needs_no_foreign_proof():
    # BW 4.1.1.3: level 4 rests on the hiring under the 2017 rules, not on a degree.
    result = qualification_assess(
        function=IM,
        degrees=[Degree(FieldOfStudy.OTHER, foreign=True)],
        category_2017=Category2017.B,
    )
    assert result.level is QualificationLevel.HIRED_UNDER_2017_RULES
    assert result.findings == ()


def test_an_unproven_social_degree_yields_to_the_2017_exemption():
    # BW 4.1.1.3 needs no proof, so the missing proof (BW 4.1.1.4) does not matter here.
    result = qualification_assess(
        function=IM,
        degrees=[Degree(FieldOfStudy.SOCIAL_WORK, foreign=True)],
        category_2017=Category2017.C,
    )
    assert result.level is QualificationLevel.HIRED_UNDER_2017_RULES
    assert result.findings == ()


def test_a_proven_level_3_beats_an_unproven_level_2():
    # Both need the supplementary qualification (BW 4.1.2); the proven one raises no finding.
    result = qualification_assess(
        function=IM,
        degrees=[Degree(FieldOfStudy.OTHER, foreign=True)],
        school_certificate=INTERMEDIATE,
        relevant_experience_documented=True,
    )
    assert result.level is QualificationLevel.SCHOOL_AND_EXPERIENCE
    assert result.findings == ()


# BW 4.2: the coordinating office needs a degree (any field), foreign ones proven.
def test_coordinating_office_with_any_degree_is_fine():
    result = qualification_assess(function=COORDINATION, degrees=[Degree(FieldOfStudy.OTHER)])
    assert result.findings == ()
    assert not result.supplementary_required  # BW 4.1.2 concerns integration managers


def test_coordinating_office_without_degree_is_a_finding():
    # BW 4.2; neither school and experience nor the 2017 rules replace the degree.
    result = qualification_assess(
        function=COORDINATION,
        school_certificate=INTERMEDIATE,
        relevant_experience_documented=True,
        category_2017=Category2017.B,
    )
    assert codes(result) == ["coordinating_office_degree_missing"]
    assert "BW 4.2" in result.findings[0].message
    assert result.level is QualificationLevel.SCHOOL_AND_EXPERIENCE


def test_coordinating_office_foreign_degree_without_proof_is_a_finding():
    # BW 4.2 sentence 3
    result = qualification_assess(
        function=COORDINATION, degrees=[Degree(FieldOfStudy.OTHER, foreign=True)]
    )
    assert codes(result) == ["equivalence_proof_missing"]
    assert result.findings[0].source == "BW 4.2"


@pytest.mark.parametrize("function", [StaffFunction.CASE_MANAGER, StaffFunction.AUTHORITY_POSITION])
def test_kim_functions_get_no_bw_findings(function):
    result = qualification_assess(function=function)
    assert result.findings == ()
    assert not result.supplementary_required


# --- properties ---------------------------------------------------------------

proofs = st.one_of(st.none(), st.just(PROOF))
degrees = st.builds(Degree, st.sampled_from(list(FieldOfStudy)), st.booleans(), proofs)
schools = st.one_of(
    st.none(),
    st.builds(SchoolCertificate, st.sampled_from(list(SchoolLevel)), st.booleans(), proofs),
)
facts = st.fixed_dictionaries(
    {
        "degrees": st.lists(degrees, max_size=3),
        "school_certificate": schools,
        "relevant_experience_documented": st.booleans(),
        "category_2017": st.one_of(st.none(), st.sampled_from(list(Category2017))),
    }
)


@given(facts)
def test_supplementary_is_required_exactly_at_levels_2_and_3(fact):
    # BW 4.1.1.1 sentence 2, 4.1.1.2, 4.1.1.3
    result = qualification_assess(function=IM, **fact)
    assert result.supplementary_required == (result.level in (2, 3))
    assert result.supplementary_required == supplementary_required(function=IM, level=result.level)


@given(facts)
def test_a_proven_social_degree_always_gives_level_1(fact):
    # BW 4.1.1.1
    fact["degrees"] = [*fact["degrees"], Degree(FieldOfStudy.SOCIAL_WORK)]
    result = qualification_assess(function=IM, **fact)
    assert result.level is QualificationLevel.SOCIAL_DEGREE
    assert result.findings == ()


@given(facts, degrees)
def test_another_degree_never_adds_a_supplementary_duty(fact, extra):
    # More qualifications can only lower what the person has to do (BW 4.1.1).
    before = qualification_assess(function=IM, **fact)
    fact["degrees"] = [*fact["degrees"], extra]
    after = qualification_assess(function=IM, **fact)
    if before.level is not None and not before.supplementary_required:
        assert not after.supplementary_required


@given(facts)
def test_there_is_a_level_or_a_finding_saying_why_not(fact):
    result = qualification_assess(function=IM, **fact)
    assert result.level is not None or codes(result) == ["no_qualification"]
    assert result.provisional == ("equivalence_proof_missing" in codes(result))
