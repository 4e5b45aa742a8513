"""Demo case files (issue 3 item 17): 26 clients in every demo municipality, in every
state a case can be in today.

Each town's cases come from ``random.Random`` seeded with the town's name, so a
town always gets the same people; every date is counted back from the day of
loading, in days (never "the same day last month"), so the states hold on any
day of the year, 29 February and 2 January included. Everything is written
through lotse.cases.services, so the demo obeys the rules the pages obey
(BW 4.1.4 f consent before personal data, BW 4.1.5 period).

Loading is idempotent: a town whose demo case numbers (``D-<code>-001`` …) exist
is left alone. Every case with a plan (running, ending, extension pending, period
ended) gets an integration plan with goals per life area (BW 4.1.6.2 a–g; the older
ones deliberately incomplete, BW 4.1.6.3), referrals with a status history (KIM
§3(2)d), re-assessments (KIM §3(2)c), structural themes, and a few case conferences
(KIM §3(2)b); the "plan due" batch keeps no plan, so it shows "Integrationsplan fehlt".
The extras draw from a second generator per case, so the people stay the same.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction

from lotse.accounts.models import Membership, User
from lotse.accounts.permissions import Role
from lotse.cases import services
from lotse.cases.models import (
    BarrierTheme,
    Client,
    ClosureReason,
    ConsentPurpose,
    ConsultationTopic,
    GoalStatus,
    LanguageLevel,
    LegalDomain,
    LifeArea,
    ResidenceStatus,
    Service,
    ServiceKind,
)
from lotse.cases.rules.period import latest_extension_end
from lotse.cases.rules.referrals import ReferralStatus
from lotse.cases.services.conferences import Agreement, Participant
from lotse.core import clock
from lotse.demo.regions import DEMO_START, DemoUser
from lotse.kernel.dates import add_years
from lotse.organisations.models import Organisation

# The state of each demo case, in the order of its case number (26 per town).
NEW = "new"  # stub without consent (BW 4.1.4 f)
CONSENTED = "consented"  # consent, no initial consultation yet
RUNNING = "running"  # initial consultation only
PLAN_DUE = "plan_due"  # second consultation without a plan (BW 4.1.4 f): red
PLANNED = "planned"  # running with an integration plan, goals, referrals (BW 4.1.4 f–g)
ENDING = "ending"  # period ends within 90 days (BW 4.1.5, SPEC §2.4)
EXTENSION_PENDING = "extension_pending"  # the team lead decides (BW 4.1.5)
PERIOD_ENDED = "period_ended"  # due for closure (SPEC §2.3)
CLOSED = "closed"
WITHDRAWN = "withdrawn"  # consent withdrawn: restricted, erasure due
STATES = (
    [NEW] * 3
    + [CONSENTED] * 2
    + [RUNNING] * 4
    + [PLAN_DUE] * 3
    + [PLANNED] * 4
    + [ENDING] * 3
    + [EXTENSION_PENDING] * 2
    + [PERIOD_ENDED]
    + [CLOSED] * 3
    + [WITHDRAWN]
)
CLOSURE_REASONS = ("ziele-erreicht", "weggezogen", "kontakt-abgebrochen")


@dataclass(frozen=True)
class Town:
    name: str
    code: str  # in the case numbers: D-<code>-001
    keeper: str  # the organisation that keeps the cases (a town or its association)
    case_manager: str


# Every demo municipality. Welzheim and Kaisersbach are counselled by their
# association (BW 3.5), the others by the town itself.
TOWNS = [
    Town("Lünen", "LUE", "Lünen", "cm.luenen"),
    Town("Selm", "SEL", "Selm", "cm.selm"),
    Town("Werne", "WER", "Werne", "cm.werne"),
    Town("Bergkamen", "BEK", "Bergkamen", "cm.bergkamen"),
    Town("Kamen", "KAM", "Kamen", "cm.kamen"),
    Town("Bönen", "BOE", "Bönen", "cm.boenen"),
    Town("Fröndenberg/Ruhr", "FRH", "Fröndenberg/Ruhr", "cm.froendenberg"),
    Town("Holzwickede", "HOL", "Holzwickede", "cm.holzwickede"),
    Town("Schwerte", "SWT", "Schwerte", "cm.schwerte"),
    Town("Unna", "UNA", "Unna", "cm.unna"),
    Town("Backnang", "BAK", "Backnang", "cm.backnang"),
    Town("Fellbach", "FEL", "Fellbach", "cm.fellbach"),
    Town("Schorndorf", "SDF", "Schorndorf", "cm.schorndorf"),
    Town("Waiblingen", "WN", "Waiblingen", "cm.waiblingen"),
    Town("Welzheim", "WEL", "Verbund Schwäbischer Wald", "cm.welzheim"),
    Town("Kaisersbach", "KAI", "Verbund Schwäbischer Wald", "cm.welzheim"),
]

# Case managers for the towns the region demo leaves without one (names as in the
# staff demo where it employs someone there).
CASE_MANAGERS = [
    DemoUser("cm.selm", "Tobias", "Brenner", Role.CASE_MANAGER, "Selm"),
    DemoUser("cm.werne", "Miriam", "Ahrens", Role.CASE_MANAGER, "Werne"),
    DemoUser("cm.kamen", "Deniz", "Yıldız", Role.CASE_MANAGER, "Kamen"),
    DemoUser("cm.boenen", "Frank", "Wiese", Role.CASE_MANAGER, "Bönen"),
    DemoUser("cm.froendenberg", "Anke", "Korte", Role.CASE_MANAGER, "Fröndenberg/Ruhr"),
    DemoUser("cm.holzwickede", "Rami", "Haddad", Role.CASE_MANAGER, "Holzwickede"),
    DemoUser("cm.schwerte", "Julia", "Brinkmann", Role.CASE_MANAGER, "Schwerte"),
    DemoUser("cm.unna", "Sven", "Pohl", Role.CASE_MANAGER, "Unna"),
    DemoUser("cm.fellbach", "Lina", "Schulz", Role.CASE_MANAGER, "Fellbach"),
    DemoUser("cm.schorndorf", "Mara", "Klein", Role.CASE_MANAGER, "Schorndorf"),
    DemoUser("cm.waiblingen", "Yusuf", "Demir", Role.CASE_MANAGER, "Waiblingen"),
]


# --- People ------------------------------------------------------------------------------------
# (original script, Latin transliteration as in the passport or residence permit)

ARABIC_MALE = [
    ("محمد", "Mohammed"),
    ("أحمد", "Ahmad"),
    ("خالد", "Khaled"),
    ("عمر", "Omar"),
    ("يوسف", "Yousef"),
    ("حسن", "Hassan"),
    ("علي", "Ali"),
    ("إبراهيم", "Ibrahim"),
]
ARABIC_FEMALE = [
    ("فاطمة", "Fatima"),
    ("عائشة", "Aisha"),
    ("مريم", "Maryam"),
    ("نور", "Nour"),
    ("ريم", "Reem"),
    ("هبة", "Hiba"),
    ("زينب", "Zainab"),
    ("سارة", "Sara"),
]
PERSIAN_MALE = [
    ("احمد", "Ahmad"),
    ("محمود", "Mahmood"),
    ("نجیب", "Najib"),
    ("فرید", "Farid"),
    ("جاوید", "Jawid"),
    ("رحیم", "Rahim"),
    ("رضا", "Reza"),
    ("مهدی", "Mehdi"),
]
PERSIAN_FEMALE = [
    ("فرشته", "Fereshta"),
    ("مریم", "Maryam"),
    ("زهرا", "Zahra"),
    ("شبنم", "Shabnam"),
    ("نرگس", "Nargis"),
    ("لیلا", "Laila"),
    ("نازنین", "Nazanin"),
    ("پریسا", "Parisa"),
]


@dataclass(frozen=True)
class Origin:
    country: str
    nationality: str
    languages: str
    male: list
    female: list
    family: list
    statuses: tuple[str, ...]
    weight: int
    interpreter_language: str


ORIGINS = [
    Origin(
        "Syrien",
        "syrisch",
        "Arabisch",
        ARABIC_MALE,
        ARABIC_FEMALE,
        [
            ("الأحمد", "Al-Ahmad"),
            ("الخطيب", "Al-Khatib"),
            ("حداد", "Haddad"),
            ("الحلبي", "Al-Halabi"),
            ("المصري", "Al-Masri"),
            ("شامي", "Shami"),
            ("درويش", "Darwish"),
        ],
        ("aufenthg-25-2", "aufenthg-25-1", "niederlassung", "eingebuergert"),
        25,
        "Arabisch",
    ),
    Origin(
        "Ukraine",
        "ukrainisch",
        "Ukrainisch, Russisch",
        [
            ("Олександр", "Oleksandr"),
            ("Андрій", "Andrii"),
            ("Дмитро", "Dmytro"),
            ("Сергій", "Serhii"),
            ("Максим", "Maksym"),
            ("Богдан", "Bohdan"),
        ],
        [
            ("Олена", "Olena"),
            ("Наталія", "Nataliia"),
            ("Ірина", "Iryna"),
            ("Оксана", "Oksana"),
            ("Юлія", "Yuliia"),
            ("Тетяна", "Tetiana"),
            ("Світлана", "Svitlana"),
        ],
        [
            ("Шевченко", "Shevchenko"),
            ("Бондаренко", "Bondarenko"),
            ("Ткаченко", "Tkachenko"),
            ("Кравченко", "Kravchenko"),
            ("Мельник", "Melnyk"),
            ("Бойко", "Boiko"),
            ("Коваль", "Koval"),
        ],
        ("aufenthg-24",),
        25,
        "Ukrainisch",
    ),
    Origin(
        "Afghanistan",
        "afghanisch",
        "Dari, Paschtu",
        PERSIAN_MALE[:6],
        PERSIAN_FEMALE[:6],
        [
            ("احمدی", "Ahmadi"),
            ("رحیمی", "Rahimi"),
            ("حسینی", "Hosseini"),
            ("کریمی", "Karimi"),
            ("نوری", "Noori"),
            ("صدیقی", "Sediqi"),
            ("هاشمی", "Hashimi"),
        ],
        ("aufenthg-23", "aufenthg-25-3", "gestattung", "aufenthg-25-2"),
        15,
        "Dari",
    ),
    Origin(
        "Irak",
        "irakisch",
        "Arabisch, Kurdisch (Kurmandschi)",
        ARABIC_MALE,
        ARABIC_FEMALE,
        [
            ("الجبوري", "Al-Jubouri"),
            ("العبيدي", "Al-Obaidi"),
            ("التميمي", "Al-Tamimi"),
            ("الدليمي", "Al-Dulaimi"),
            ("حسين", "Hussein"),
            ("كريم", "Karim"),
        ],
        ("aufenthg-25-2", "duldung", "aufenthg-25a-25b"),
        10,
        "Arabisch",
    ),
    Origin(
        "Türkei",
        "türkisch",
        "Türkisch, Kurdisch (Kurmandschi)",
        [(n, n) for n in ("Mehmet", "Mustafa", "Emre", "Hüseyin", "Yusuf", "Serdar")],
        [(n, n) for n in ("Ayşe", "Elif", "Zeynep", "Fatma", "Emine", "Gülsüm")],
        [(n, n) for n in ("Yılmaz", "Kaya", "Demir", "Çelik", "Şahin", "Aydın", "Doğan")],
        ("gestattung", "aufenthg-25-1", "aufenthg-25-2"),
        10,
        "Türkisch",
    ),
    Origin(
        "Eritrea",
        "eritreisch",
        "Tigrinya",
        [
            ("ተስፋይ", "Tesfay"),
            ("ኣማኑኤል", "Amanuel"),
            ("ዳዊት", "Dawit"),
            ("ሰለሙን", "Selemun"),
            ("ሙሴ", "Mussie"),
            ("ዮናስ", "Yonas"),
        ],
        [
            ("ሳባ", "Saba"),
            ("ሄለን", "Helen"),
            ("ሰላም", "Selam"),
            ("ሉዋም", "Luwam"),
            ("ፍረወይኒ", "Freweyni"),
            ("ኤልሳ", "Elsa"),
        ],
        # Eritrean names: the father's given name follows as the second name.
        [
            ("ገብረሂወት", "Gebrehiwet"),
            ("ተኽለ", "Tekle"),
            ("ሃይለ", "Haile"),
            ("ኪዳነ", "Kidane"),
            ("ብርሃነ", "Berhane"),
            ("ተወልደ", "Tewelde"),
        ],
        ("aufenthg-25-2", "aufenthg-25-1"),
        7,
        "Tigrinya",
    ),
    Origin(
        "Iran",
        "iranisch",
        "Farsi",
        PERSIAN_MALE[5:],
        PERSIAN_FEMALE[5:],
        [
            ("محمدی", "Mohammadi"),
            ("رضایی", "Rezaei"),
            ("جعفری", "Jafari"),
            ("موسوی", "Mousavi"),
            ("کاظمی", "Kazemi"),
            ("صادقی", "Sadeghi"),
        ],
        ("aufenthg-25-2", "gestattung", "aufenthg-25-1"),
        8,
        "Farsi",
    ),
]

STREETS = [
    "Bahnhofstraße",
    "Lindenweg",
    "Gartenstraße",
    "Schulstraße",
    "Am Markt",
    "Mühlenweg",
    "Kirchplatz",
    "Birkenallee",
]

NOTES = {
    "alltag": "Termin beim Bürgeramt zur Ummeldung vorbereitet; Formulare gemeinsam ausgefüllt.",
    "sprache": "Sucht einen Integrationskurs mit Kinderbetreuung; Anmeldung bei der VHS besprochen.",
    "bildung": "Zeugnisse aus dem Herkunftsland liegen vor; Anerkennungsberatung empfohlen.",
    "arbeit": "Lebenslauf überarbeitet; Interesse an Lagerlogistik und Pflegehilfe.",
    "wohnen": "Wohnung zu klein für die Familie; WBS-Antrag besprochen.",
    "gesundheit": "Hausarzt gefunden; Termin zur Vorsorgeuntersuchung vereinbart.",
    "aufenthaltsrecht": "Verlängerung der Aufenthaltserlaubnis steht an; Unterlagen zusammengestellt.",
    "familie": "Kita-Platz für das jüngste Kind beantragt; Familiennachzug erfragt.",
    "finanzen": "Bescheid des Jobcenters erklärt; Kontoauszüge sortiert.",
    "teilhabe": "Kontakt zum Sportverein und zum Begegnungscafé hergestellt.",
}
NEXT_STEPS = [
    "Unterlagen bis zum nächsten Termin mitbringen.",
    "Anmeldung zum Sprachkurs abschicken.",
    "Termin beim Jobcenter wahrnehmen und berichten.",
    "Rückruf der Wohnungsbaugesellschaft abwarten.",
]
EXTENSIONS = {
    "illiteracy": "Alphabetisierungskurs läuft noch bis zum Sommer; ohne Begleitung keine "
    "Behördengänge möglich.",
    "multiple_problems": "Drohender Wohnungsverlust, Schulden und eine Erkrankung in der Familie "
    "zugleich; mehrere Hilfen müssen noch verbunden werden.",
    "chronic_illness": "Chronische Erkrankung mit regelmäßigen Klinikterminen; "
    "Arbeitsaufnahme nur schrittweise möglich.",
}


@dataclass
class _Catalogues:
    purposes: dict[str, ConsentPurpose]
    topics: list[ConsultationTopic]
    statuses: dict[str, ResidenceStatus]
    reasons: dict[str, ClosureReason]
    services: dict[str, Service]
    themes: dict[str, BarrierTheme]


def _catalogues() -> _Catalogues:
    return _Catalogues(
        purposes={p.code: p for p in ConsentPurpose.objects.filter(active=True)},
        topics=list(ConsultationTopic.objects.filter(active=True).order_by("sort", "code")),
        statuses={s.code: s for s in ResidenceStatus.objects.all()},
        reasons={r.code: r for r in ClosureReason.objects.all()},
        services={s.code: s for s in Service.objects.filter(active=True)},
        themes={t.code: t for t in BarrierTheme.objects.all()},
    )


def _case_manager(spec: DemoUser) -> User:
    user = User.objects.filter(username=spec.username).first()
    if user is None:
        user = User(
            username=spec.username,
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=f"{spec.username}@demo.lotse.invalid",
            is_demo=True,
        )
        user.set_password(settings.LOTSE_DEMO_PASSWORD)
        user.save()
    Membership.objects.get_or_create(
        user=user,
        role=spec.role,
        organisation=Organisation.objects.get(name=spec.organisation),
        defaults={"valid_from": DEMO_START},
    )
    return user


def _person(rng: random.Random, today: date) -> dict:
    origin = rng.choices(ORIGINS, weights=[o.weight for o in ORIGINS])[0]
    gender = rng.choices(["female", "male", "diverse", "not_stated"], weights=[48, 48, 1, 3])[0]
    given, given_latin = rng.choice(origin.female if gender == "female" else origin.male)
    family, family_latin = rng.choice(origin.family)
    birth_year = today.year - rng.randint(19, 62)
    precision = rng.random()
    if precision < 0.2:
        birth_date = f"{birth_year:04d}"  # only the year is known
    elif precision < 0.35:
        birth_date = f"{birth_year:04d}-{rng.randint(1, 12):02d}"
    elif precision < 0.45:
        birth_date = f"{birth_year:04d}-01-01"  # the placeholder many documents carry
    else:
        birth_date = f"{birth_year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    surname = family_latin.removeprefix("Al-")
    return {
        "origin": origin,
        "initials": f"{given_latin[0]}{surname[0]}".upper(),
        "birth_year": birth_year,
        "data": {
            "given_names": given,
            "family_name": family,
            "given_names_latin": given_latin,
            "family_name_latin": family_latin,
            "birth_date": birth_date,
            "gender": gender,
            "country_of_origin": origin.country,
            "nationalities": origin.nationality,
            "languages": origin.languages,
            "phone": f"0157 {rng.randint(1000000, 9999999)}",
        },
    }


def _start_for(state: str, rng: random.Random, today: date) -> date:
    """The day of the initial consultation, counted back in days from ``today``."""
    three_years_ago = add_years(today, -3)
    if state == RUNNING:
        return today - timedelta(days=rng.randint(3, 50))
    if state == PLAN_DUE:
        return today - timedelta(days=rng.randint(60, 900))
    if state == PLANNED:
        return today - timedelta(days=rng.randint(220, 900))
    if state in (ENDING, EXTENSION_PENDING):
        # BW 4.1.5: the regular end falls 10 to 80 days from today.
        return three_years_ago + timedelta(days=rng.randint(10, 80))
    if state == PERIOD_ENDED:
        return three_years_ago - timedelta(days=rng.randint(5, 60))
    return today - timedelta(days=rng.randint(120, 700))  # closed, withdrawn


def _consultation_days(start: date, last: date, count: int, rng: random.Random) -> list[date]:
    span = max((last - start).days, 0)
    offsets = sorted(rng.sample(range(1, span + 1), min(count, span))) if span else []
    return [start] + [start + timedelta(days=offset) for offset in offsets]


# --- Case work: plan, goals, referrals, re-assessments, conferences, themes -------------------

WITH_PLAN = (PLANNED, ENDING, EXTENSION_PENDING, PERIOD_ENDED)
# Noted in every planned and ending case in the month of loading, so the coordination's
# report shows these counts (≥ 5 per town); the rare one stays "<5".
COMMON_THEMES = ("wohnungsmangel", "keine-kursplaetze")
RARE_THEME = "wartezeit-auslaenderbehoerde"
OTHER_THEMES = ("kita-plaetze", "anerkennung-dauer", "dolmetschen", "therapieplaetze")

PLAN_TEXTS = {
    "personal": "Lebt mit Partner/in und zwei Kindern in der Anschlussunterbringung; "
    "möchte in der Stadt bleiben.",
    "language": "Integrationskurs bis Modul 4 besucht; versteht Alltagsgespräche, "
    "Behördenbriefe nur mit Hilfe.",
    "education": "Zwölf Jahre Schule im Herkunftsland, Abschluss liegt als Kopie vor; "
    "Anerkennung noch nicht beantragt.",
    "work": "Bezieht Bürgergeld; Erfahrung in Lager und Verkauf, möchte in die Pflegehilfe.",
    "housing": "Zweizimmerwohnung, für die Familie zu klein; WBS liegt vor.",
    "progress": "Sprachkurs läuft, Anerkennung in Vorbereitung, Wohnungssuche offen.",
}
# (life area, goal, steps, responsible, service for the referral)
GOALS = [
    (
        LifeArea.LANGUAGE,
        "Deutsch auf B1 bis zum Ende des Kurses",
        "Anmeldung zum Integrationskurs, regelmäßige Teilnahme, Prüfung DTZ.",
        "Klient/in, Kursträger",
        "integrationskurs",
    ),
    (
        LifeArea.WORK,
        "Ausbildung zur Pflegehilfskraft beginnen",
        "Praktikum suchen, Bewerbung mit dem Jobcenter abstimmen.",
        "Klient/in, Jobcenter",
        "jobcenter",
    ),
    (
        LifeArea.EDUCATION,
        "Berufsabschluss anerkennen lassen",
        "Zeugnisse übersetzen lassen, Termin bei der Anerkennungsberatung.",
        "Integrationsmanagement",
        "anerkennungsberatung",
    ),
    (
        LifeArea.HOUSING,
        "Größere Wohnung finden",
        "WBS verlängern, bei zwei Wohnungsbaugesellschaften vormerken lassen.",
        "Klient/in",
        "mbe",
    ),
    (
        LifeArea.FAMILY,
        "Kita-Platz für das jüngste Kind",
        "Anmeldung im Kita-Portal, Rückfrage beim Jugendamt.",
        "Klient/in, Integrationsmanagement",
        "kita",
    ),
    (
        LifeArea.HEALTH,
        "Regelmäßige ärztliche Versorgung sichern",
        "Hausarztpraxis finden, Vorsorgetermin wahrnehmen.",
        "Klient/in",
        "gesundheitsdienst",
    ),
    (
        LifeArea.PARTICIPATION,
        "Kontakte im Stadtteil knüpfen",
        "Begegnungscafé besuchen, Patenschaft vermitteln.",
        "Ehrenamt",
        "ehrenamt",
    ),
]
GOAL_STATUSES = [
    GoalStatus.IN_PROGRESS,
    GoalStatus.OPEN,
    GoalStatus.REACHED,
    GoalStatus.PARTLY_REACHED,
    GoalStatus.NOT_REACHED,
    GoalStatus.DROPPED,
]
# How a referral went, as its status history after "vermittelt" (KIM §3(2)d).
HISTORIES = [
    [ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED],
    [ReferralStatus.ACCEPTED],
    [ReferralStatus.WAITING, ReferralStatus.ACCEPTED],
    [ReferralStatus.DECLINED],
    [ReferralStatus.NO_SHOW],
    [ReferralStatus.COMPLETED],
]
OUTCOMES = {
    ReferralStatus.COMPLETED: "Angebot abgeschlossen; Bescheinigung liegt vor.",
    ReferralStatus.DECLINED: "Kein Platz frei; an ein anderes Angebot verwiesen.",
    ReferralStatus.NO_SHOW: "Termin nicht wahrgenommen; Kind war krank, neuer Versuch geplant.",
}


def _plan(client, *, state, slot, started_on, rng, by, today):
    """The plan: complete for running cases; three older ones lack sections (BW 4.1.6.3)."""
    data = dict(PLAN_TEXTS)
    data.update(
        language_level=rng.choice([LanguageLevel.A1, LanguageLevel.A2, LanguageLevel.B1]),
        started_on=started_on,
    )
    if state in (ENDING, PERIOD_ENDED) and slot <= 2:
        # An older plan never completed: the case page shows what is missing.
        for name in ("education", "housing") if slot == 1 else ("work", "progress"):
            data[name] = ""
    if state == PLANNED and slot <= 2:
        data["review_on"] = today - timedelta(days=rng.randint(3, 30))  # review overdue
    elif state == PLANNED:
        data["review_on"] = today + timedelta(days=rng.randint(14, 90))
    return services.plan_save(client=client, data=data, by=by, today=today)


def _case_work(client, *, state, slot, days, origin, rng, cat, by, today) -> None:
    started_on = days[1]
    plan = _plan(client, state=state, slot=slot, started_on=started_on, rng=rng, by=by, today=today)
    goals = rng.sample(GOALS, rng.randint(2, 4))
    saved = []
    for index, (area, text, steps, responsible, _service) in enumerate(goals):
        status = GOAL_STATUSES[0] if index == 0 else rng.choice(GOAL_STATUSES)
        saved.append(
            services.goal_save(
                plan=plan,
                data={
                    "life_area": area,
                    "goal": text,
                    "steps": steps,
                    "responsible": responsible,
                    "due_on": started_on + timedelta(days=rng.randint(90, 360)),
                    "status": status,
                },
                expected_version=plan.version,
                by=by,
                today=today,
            )
        )
        plan.refresh_from_db()
    # Referrals to the seeded services, dated between the plan and today.
    span = max((today - started_on).days, 1)
    for index, (goal, spec) in enumerate(zip(saved, goals, strict=True)):
        service = cat.services.get(spec[4])
        if service is None:
            continue
        if index == 0 and state == PLANNED and slot in (1, 3):
            # Still without a result after more than six weeks: on the worklist.
            referred_on = today - timedelta(days=rng.randint(50, 90))
            history = []
        elif index == 0 and state == PLANNED and slot == 2:
            referred_on = today - timedelta(days=rng.randint(5, 20))  # waiting, recent
            history = [ReferralStatus.WAITING]
        else:
            referred_on = started_on + timedelta(days=rng.randint(0, span // 3))
            history = rng.choice(HISTORIES)
        referral = services.referral_create(
            client=client,
            service=service,
            referred_on=referred_on,
            reason=f"{spec[1]}: {spec[2]}",
            goal=goal,
            by=by,
            today=today,
        )
        on = referred_on
        for status in history:
            on = min(today, on + timedelta(days=rng.randint(3, 40)))
            referral = services.referral_status_update(
                referral=referral,
                status=status,
                on=on,
                note=OUTCOMES.get(status, ""),
                by=by,
                today=today,
            )
    # KIM §3(2)c: re-assessed within the last months, except one planned case per town.
    if not (state == PLANNED and slot == 4):
        held_on = max(started_on, today - timedelta(days=rng.randint(10, 150)))
        services.reassessment_record(
            client=client,
            held_on=held_on,
            ratings={
                area: (start, min(5, start + rng.randint(0, 2)))
                for area, start in (
                    (LifeArea.LANGUAGE, rng.randint(1, 3)),
                    (LifeArea.WORK, rng.randint(1, 2)),
                    (LifeArea.HOUSING, rng.randint(1, 4)),
                )
            },
            note="Fortschritte in Sprache und Arbeit besprochen.",
            by=by,
            today=today,
        )
    # KIM §3(2)b: a case conference in the first planned and the pending-extension cases.
    if (state == PLANNED and slot == 1) or (state == EXTENSION_PENDING and slot == 1):
        services.conference_record(
            client=client,
            held_on=max(started_on, today - timedelta(days=rng.randint(7, 60))),
            agenda="Abstimmung zwischen Jobcenter, Jugendamt und Integrationsmanagement: "
            "Kinderbetreuung und Sprachkurs",
            participants=[
                Participant("Frau Becker", "Jobcenter", LegalDomain.SGB_II),
                Participant("Herr Yılmaz", "Jugendamt", LegalDomain.SGB_VIII),
                Participant(
                    by.get_full_name() or by.username, "Integrationsmanagement", external=False
                ),
            ],
            agreements=[
                Agreement(
                    LifeArea.FAMILY,
                    "Jugendamt prüft einen Kita-Platz zum Kursbeginn",
                    "Jugendamt",
                    today + timedelta(days=30),
                ),
                Agreement(
                    LifeArea.LANGUAGE,
                    "Jobcenter bewilligt den Kurs mit Kinderbetreuung",
                    "Jobcenter",
                    today + timedelta(days=45),
                ),
            ],
            by=by,
            today=today,
        )
    # Structural themes: the common ones this month, another one when it was noticed.
    month = date(today.year, today.month, 1)
    for code in COMMON_THEMES:
        services.barrier_note(
            client=client, theme=cat.themes[code], noted_on=month, by=by, today=today
        )
    services.barrier_note(
        client=client,
        theme=cat.themes[rng.choice(OTHER_THEMES)],
        noted_on=days[-1],
        by=by,
        today=today,
    )


def _load_town(town: Town, today: date, cat: _Catalogues) -> int:
    keeper = Organisation.objects.get(name=town.keeper)
    municipality = Organisation.objects.get(name=town.name)
    prefix = f"D-{town.code}-"
    if Client.objects.filter(organisation=keeper, case_number__startswith=prefix).exists():
        return 0
    manager = User.objects.get(username=town.case_manager)
    rng = random.Random(f"lotse-demo-cases-{town.name}")
    household_head = None
    for number, state in enumerate(STATES, start=1):
        person = _person(rng, today)
        client = services.client_create(
            organisation=keeper,
            municipality=municipality,
            initials=person["initials"],
            birth_year=person["birth_year"],
            case_number=f"{prefix}{number:03d}",
            # Cases 10 and 11 are one household (a couple counselled together).
            household_of=household_head if number == 11 else None,
            by=manager,
            today=today,
        )
        if number == 10:
            household_head = client
        if state == NEW:
            continue
        start = (
            _start_for(state, rng, today)
            if state != CONSENTED
            else today - timedelta(days=rng.randint(1, 20))
        )
        codes = ["beratung", "integrationsplan", "kontakt", "weiterleitung"]
        codes.append("weiterleitung-behoerden")
        health = state in (EXTENSION_PENDING,) or rng.random() < 0.2
        if health:
            codes.append("gesundheit")
        origin = person["origin"]
        consent = services.consent_record(
            client=client,
            purposes=[cat.purposes[c] for c in codes if c in cat.purposes],
            given_on=start,
            explained_in=origin.interpreter_language,
            interpreter="" if origin.country == "Türkei" else "Sprachmittlerpool des Kreises",
            by=manager,
            today=today,
        )
        arrival = start - timedelta(days=rng.randint(90, 900))
        if origin.country == "Ukraine":
            # § 24 AufenthG protection applies to arrivals since the war began (2022).
            arrival = max(arrival, min(date(2022, 3, 1), start))
        data = dict(person["data"])
        data.update(
            residence_status=cat.statuses.get(rng.choice(origin.statuses)),
            arrival_date=arrival,
            follow_up_accommodation_date=min(arrival + timedelta(days=rng.randint(60, 400)), start),
            address=f"{rng.choice(STREETS)} {rng.randint(1, 80)}, {municipality.name}",
        )
        if health:
            data["health"] = "Diabetes Typ 2, regelmäßige Kontrolle beim Hausarzt."
        client = services.client_personal_data_update(
            client=client, data=data, expected_version=client.version, by=manager, today=today
        )
        if state == CONSENTED:
            continue
        period_last = add_years(start, 3)  # BW 4.1.5
        last = min(today, period_last)
        count = {RUNNING: 0, PLAN_DUE: rng.randint(1, 5)}.get(state, rng.randint(2, 7))
        gap = rng.randint(0, 20) + (40 if state == PLANNED else 0)
        days = _consultation_days(start, last - timedelta(days=gap), count, rng)
        for day in days:
            topics = rng.sample(cat.topics, rng.randint(1, 3))
            services.consultation_record(
                client=client,
                held_on=day,
                duration_minutes=rng.choice([30, 45, 60, 60, 90]),
                channel=rng.choices(["in_person", "phone", "video"], weights=[7, 2, 1])[0],
                place="Rathaus, Büro Integrationsmanagement",
                language=origin.interpreter_language,
                interpreter=origin.country != "Türkei" and rng.random() < 0.6,
                topics=topics,
                notes=" ".join(NOTES.get(t.code, "") for t in topics).strip(),
                next_steps=rng.choice(NEXT_STEPS),
                by=manager,
                today=today,
            )
        if state in WITH_PLAN:
            _case_work(
                client,
                state=state,
                slot=STATES[:number].count(state),
                days=days,
                origin=person["origin"],
                rng=random.Random(f"lotse-demo-work-{town.name}-{number}"),
                cat=cat,
                by=manager,
                today=today,
            )
        elif state == PLAN_DUE:
            # A structural theme noted in the first consultations (shown as "<5").
            services.barrier_note(
                client=client,
                theme=cat.themes[RARE_THEME],
                noted_on=date(today.year, today.month, 1),
                by=manager,
                today=today,
            )
        if state == EXTENSION_PENDING:
            reason = rng.choice(sorted(EXTENSIONS))
            services.extension_request(
                client=client,
                reason=reason,
                justification=EXTENSIONS[reason],
                until=latest_extension_end(initial=start),
                by=manager,
                today=today,
            )
        elif state == CLOSED:
            closed_on = min(today, days[-1] + timedelta(days=rng.randint(1, 30)))
            services.case_close(
                client=client,
                reason=cat.reasons[CLOSURE_REASONS[number % len(CLOSURE_REASONS)]],
                closed_on=closed_on,
                by=manager,
                today=today,
            )
        elif state == WITHDRAWN:
            services.consent_withdraw(
                consent=consent,
                withdrawn_on=min(today, days[-1] + timedelta(days=rng.randint(1, 30))),
                by=manager,
                today=today,
            )
    return len(STATES)


# Local providers (issue 3 item 5): offered only in their region. Fictitious, with
# example.org addresses, so nobody mistakes them for a real service.
LOCAL_PROVIDERS = [
    (
        "demo-sprachcafe-kreis-unna",
        "Sprachcafé im Kreis Unna (Demo)",
        "zivilgesellschaft",
        "Kreis Unna",
        "https://sprachcafe-unna.example.org",
    ),
    (
        "demo-stadtteilbuero-luenen",
        "Stadtteilbüro Lünen-Süd (Demo)",
        "beratung",
        "Lünen",
        "https://stadtteilbuero-luenen.example.org",
    ),
    (
        "demo-tafel-rems-murr",
        "Tafelladen im Rems-Murr-Kreis (Demo)",
        "zivilgesellschaft",
        "Rems-Murr-Kreis",
        "https://tafel-remsmurr.example.org",
    ),
]


def _local_providers() -> None:
    for code, label, kind, region, website in LOCAL_PROVIDERS:
        organisation = Organisation.objects.filter(name=region).first()
        kind_row = ServiceKind.objects.filter(code=kind).first()
        if organisation is None or kind_row is None:
            continue
        Service.objects.get_or_create(
            code=code,
            defaults={
                "label": label,
                "kind": kind_row,
                "organisation": organisation,
                "website": website,
                "contact": "Ansprechstelle der Einrichtung (Demo)",
                "sort": 900,
            },
        )


@transaction.atomic
def load_cases(today: date | None = None, *, towns: list[str] | None = None) -> int:
    """Create the demo cases once per town; returns how many clients were created now."""
    today = today or clock.today()
    for spec in CASE_MANAGERS:
        _case_manager(spec)
    _local_providers()
    cat = _catalogues()
    return sum(
        _load_town(town, today, cat) for town in TOWNS if towns is None or town.name in towns
    )
