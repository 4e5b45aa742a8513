"""The issue's "Bad input" list, walked on the pages (issue 3, Bad input):

impossible dates (a consultation before the initial one, a plan review before its
start, a birth date in the future), missing mandatory fields, a consultation after
the period's end, a referral without covering consent, an upload of the wrong type
or size. Each gets a German message naming the field and the rule, the form comes
back with everything typed, and nothing is saved, not even in part.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lotse.cases.models import (
    CaseConference,
    Client,
    Consent,
    Consultation,
    IntegrationPlan,
    PlanGoal,
    Referral,
)
from tests.cases.factories import PDF, give_consent, make_client, make_plan, purposes, running_case

START = date(2026, 3, 2)
TODAY = date(2026, 3, 20)


@dataclass
class Bad:
    name: str
    url_name: str
    # The case to post to (None: a page without a case).
    case: Callable[[], Client | None]
    data: Callable[[], dict]
    # The field's label and the rule, as the error summary shows them ("Label: …").
    says: tuple[str, ...]
    # Text typed into the form that must come back.
    kept: tuple[str, ...]
    # Rows that must not appear.
    models: tuple = ()
    settings: dict = field(default_factory=dict)


def _consented():
    client = make_client(today=START)
    give_consent(client, on=START)
    return client


def _with_plan():
    client = running_case(start=START)
    make_plan(client, on=START, today=TODAY)
    return client


def _three_years_ago():
    # BW 4.1.5: the period ends three years after the initial consultation.
    return running_case(start=date(2023, 3, 1))


CASES = [
    Bad(
        # BW 4.1.4 a: the initial consultation comes first.
        "consultation before the initial one",
        "cases:consultation_create",
        lambda: running_case(start=START),
        lambda: {
            "held_on": "2026-03-01",
            "duration_minutes": "30",
            "channel": "phone",
            "notes": "Notiz, die bleiben muss",
        },
        ("Datum:", "vor dem Erstberatungsgespräch"),
        ("Notiz, die bleiben muss",),
        (Consultation,),
    ),
    Bad(
        # BW 4.1.5: no consultation after the period's end.
        "consultation after the period's end",
        "cases:consultation_create",
        _three_years_ago,
        lambda: {
            "held_on": "2026-03-19",
            "duration_minutes": "45",
            "channel": "in_person",
            "next_steps": "Schritt, der bleiben muss",
        },
        ("Datum:", "Beratungszeitraum endete am 01.03.2026", "BW 4.1.5"),
        ("Schritt, der bleiben muss",),
        (Consultation,),
    ),
    Bad(
        "consultation without its mandatory fields",
        "cases:consultation_create",
        lambda: running_case(start=START),
        lambda: {"held_on": "2026-03-19", "notes": "Notiz ohne Dauer"},
        ("Dauer in Minuten: Dieses Feld ist zwingend erforderlich.",),
        ("Notiz ohne Dauer",),
        (Consultation,),
    ),
    Bad(
        # BW 4.1.6.2 g: the review follows the start of the plan.
        "plan review before its start",
        "cases:plan",
        lambda: running_case(start=START),
        lambda: {"started_on": "2026-03-20", "review_on": "2026-03-01", "housing": "Wohnung X"},
        ("Überprüfung am 01.03.2026 liegt vor dem Beginn",),
        ("Wohnung X",),
        (IntegrationPlan,),
    ),
    Bad(
        "plan without its start",
        "cases:plan",
        lambda: running_case(start=START),
        lambda: {"started_on": "", "education": "Schulabschluss in Kabul"},
        ("Beginn des Plans: Dieses Feld ist zwingend erforderlich.",),
        ("Schulabschluss in Kabul",),
        (IntegrationPlan,),
    ),
    Bad(
        "goal without its text",
        "cases:plan_goal_create",
        _with_plan,
        lambda: {
            "version": str(IntegrationPlan.objects.get().version),
            "life_area": "work",
            "goal": "",
            "steps": "Bewerbungen schreiben",
            "status": "open",
        },
        ("Ziel:",),
        ("Bewerbungen schreiben",),
        (PlanGoal,),
    ),
    Bad(
        "birth date in the future",
        "cases:client_personal",
        _consented,
        lambda: {
            "version": str(Client.objects.get().version),
            "given_names_latin": "Amina",
            "family_name_latin": "Karimi",
            "birth_date": "17.05.2027",
            "gender": "female",
        },
        ("Geburtsdatum:", "Zukunft"),
        ('value="Amina"', 'value="Karimi"', 'value="17.05.2027"'),
    ),
    Bad(
        "new case without initials",
        "cases:client_create",
        lambda: None,
        lambda: {
            "organisation": _town("Lünen"),
            "municipality": _town("Lünen"),
            "initials": "",
            "birth_year": "1987",
            "case_number": "L-2026-77",
        },
        ("Initialen: Dieses Feld ist zwingend erforderlich.",),
        ('value="1987"', 'value="L-2026-77"'),
        (Client,),
    ),
    Bad(
        # BW 4.1.6.2, KIM §3(2)d: passing data on needs a purpose covering that kind.
        "referral without covering consent",
        "cases:referral_create",
        lambda: running_case(start=START),
        lambda: {
            "service": _service("jobcenter"),
            "referred_on": "2026-03-19",
            "reason": "Antrag begleiten",
        },
        ("Ziel:", "deckt keine Weitergabe", "BW 4.1.6.2"),
        ("Antrag begleiten",),
        (Referral,),
    ),
    Bad(
        "referral without its reason",
        "cases:referral_create",
        lambda: running_case(start=START),
        lambda: {"service": _service("mbe"), "referred_on": "2026-03-19", "reason": ""},
        ("Anlass: Dieses Feld ist zwingend erforderlich.",),
        ('value="2026-03-19"',),
        (Referral,),
    ),
    Bad(
        # SPEC §2.1: the signed form is a PDF or an image, checked by its content.
        "upload of the wrong type",
        "cases:consent_create",
        lambda: make_client(today=START),
        lambda: {
            "purposes": [p.pk for p in purposes()],
            "given_on": "2026-03-02",
            "explained_in": "Tigrinya",
            "interpreter": "Dolmetschdienst Nord",
            "signed_form": SimpleUploadedFile("formular.pdf", b"MZ\x90\x00", "application/pdf"),
        },
        ("Unterschriebenes Formular:", "PDF, PNG und JPEG"),
        ('value="Tigrinya"', 'value="Dolmetschdienst Nord"'),
        (Consent,),
    ),
    Bad(
        "upload over the size limit",
        "cases:consent_create",
        lambda: make_client(today=START),
        lambda: {
            "purposes": [p.pk for p in purposes()],
            "given_on": "2026-03-02",
            "explained_in": "Dari",
            "signed_form": SimpleUploadedFile("formular.pdf", PDF + b"x" * 4096, "application/pdf"),
        },
        ("Unterschriebenes Formular:", "höchstens"),
        ('value="Dari"',),
        (Consent,),
        settings={"LOTSE_UPLOAD_MAX_BYTES": 2048},
    ),
    Bad(
        # BW 4.1.4 f: the consent is explained in a language the client understands.
        "consent without the language it was explained in",
        "cases:consent_create",
        lambda: make_client(today=START),
        lambda: {
            "purposes": [p.pk for p in purposes()],
            "given_on": "2026-03-02",
            "explained_in": "",
            "interpreter": "Herr Haddad",
        },
        ("Erklärt in der Sprache: Dieses Feld ist zwingend erforderlich.",),
        ('value="Herr Haddad"',),
        (Consent,),
    ),
    Bad(
        # KIM §3(2)b: a conference with an agreement that cannot become a goal saves nothing.
        "conference with an agreement without text",
        "cases:conference_create",
        lambda: running_case(start=START),
        lambda: {
            "held_on": "2026-03-19",
            "agenda": "Tagesordnung, die bleiben muss",
            "participants-TOTAL_FORMS": "1",
            "participants-INITIAL_FORMS": "0",
            "participants-0-name": "Frau Jansen",
            "participants-0-body": "Jobcenter",
            "participants-0-legal_domain": "sgb2",
            "participants-0-external": "on",
            "agreements-TOTAL_FORMS": "1",
            "agreements-INITIAL_FORMS": "0",
            "agreements-0-life_area": "work",
            "agreements-0-text": "",
            "agreements-0-responsible": "Frau Jansen",
        },
        ("Vereinbarung",),
        ("Tagesordnung, die bleiben muss", 'value="Frau Jansen"'),
        (CaseConference, PlanGoal),
    ),
]


def _town(name):
    from lotse.organisations.models import Organisation

    return Organisation.objects.get(name=name).pk


def _service(code):
    from lotse.cases.models import Service

    return Service.objects.get(code=code).pk


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("bad", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_named_kept_and_nothing_saved(bad: Bad, login, media, settings):
    for name, value in bad.settings.items():
        setattr(settings, name, value)
    client = bad.case()
    before = {model: model.objects.count() for model in bad.models}
    url = reverse(bad.url_name, kwargs={"pk": client.pk} if client else None)
    response = login("cm.luenen").post(url, bad.data())
    assert response.status_code == 200, f"{bad.name}: expected the form again"
    page = response.content.decode()
    assert "Bitte prüfen Sie Ihre Eingaben" in page
    for text in bad.says:
        assert text in page, f"{bad.name}: {text!r} missing from the message"
    # The summary names the field once: "Datum: Das Gespräch …", not "Datum: Datum: …".
    doubled = re.search(r">([^<>:]{2,60}): \1: ", page)
    assert doubled is None, f"{bad.name}: label doubled: {doubled.group(0)!r}"
    for text in bad.kept:
        assert text in page, f"{bad.name}: typed {text!r} was lost"
    for model, count in before.items():
        assert model.objects.count() == count, f"{bad.name}: {model.__name__} half-saved"
    assert not any(media.rglob("*.pdf")), f"{bad.name}: an upload was kept"
