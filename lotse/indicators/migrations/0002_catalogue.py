"""The first catalogue of indicators for both programmes (SPEC §5, issue 6 item 1).

Data, not code: a later year or a changed state template is a new IndicatorSet
(or a new version), added by a further data migration or in the admin.
BW 9.1.9: reference date 31 December, due 31 January. KIM §3(2)d: continuous
monitoring of referral outcomes.
"""

from django.db import migrations

# (code, group, name, definition, breakdowns, computation, shape, suppress, BW source, KIM source)
CATALOGUE = [
    (
        "persons.counselled",
        "Beratene Personen",
        "Beratene Personen (neu und fortlaufend)",
        "Personen, deren Erstberatungsgespräch im Berichtszeitraum stattfand (neu), und Personen, "
        "deren Beratung vorher begann und im Berichtszeitraum noch lief (fortlaufend). "
        "Berichtszeitraum: 1. Januar bis Stichtag.",
        ["status"],
        "persons_counselled",
        "list",
        True,
        "BW 9.1.9",
        "KIM §3(2)",
    ),
    (
        "persons.closed",
        "Beratene Personen",
        "Abgeschlossene Beratungen nach Abschlussgrund",
        "Fälle, die im Berichtszeitraum abgeschlossen wurden und am Stichtag nicht "
        "wiedereröffnet waren, nach Abschlussgrund.",
        ["closure_reason"],
        "persons_closed",
        "list",
        True,
        "BW 9.1.9",
        "KIM §3(2)",
    ),
    (
        "persons.gender",
        "Beratene Personen",
        "Beratene Personen nach Geschlecht",
        "Beratene Personen (neu und fortlaufend) nach Geschlecht; fehlende Angaben und "
        "„keine Angabe“ erscheinen als „nicht angegeben“.",
        ["gender", "status"],
        "persons_gender",
        "table",
        True,
        "BW 9.1.9",
        "KIM §3(2)",
    ),
    (
        "persons.age",
        "Beratene Personen",
        "Beratene Personen nach Altersgruppe",
        "Alter am Stichtag aus dem Geburtsjahr (Stichtagsjahr minus Geburtsjahr).",
        ["age_group", "status"],
        "persons_age",
        "table",
        True,
        "BW 9.1.9",
        "KIM §3(2)",
    ),
    (
        "persons.country",
        "Beratene Personen",
        "Beratene Personen nach Herkunftsland",
        "Beratene Personen (neu und fortlaufend) nach dem erfassten Herkunftsland.",
        ["country_of_origin", "status"],
        "persons_country",
        "table",
        True,
        "BW 9.1.9",
        "KIM §3(2)",
    ),
    (
        "persons.residence",
        "Beratene Personen",
        "Beratene Personen nach Aufenthaltsstatus",
        "Beratene Personen (neu und fortlaufend) nach dem erfassten Aufenthaltsstatus.",
        ["residence_status", "status"],
        "persons_residence",
        "table",
        True,
        "BW 9.1.9",
        "KIM §3(2)",
    ),
    (
        "plans.count",
        "Integrationspläne",
        "Integrationspläne erstellt und fortgeschrieben",
        "Erstellt: Pläne mit Beginn im Berichtszeitraum. Fortgeschrieben: Pläne, von denen im "
        "Berichtszeitraum eine zweite oder spätere Fassung gespeichert wurde.",
        ["plan_event"],
        "plans",
        "measures",
        True,
        "BW 4.1.4 f–g",
        "KIM §3(2)c",
    ),
    (
        "consultations.channel",
        "Beratungsgespräche",
        "Beratungsgespräche nach Form und Dolmetscheinsatz",
        "Gespräche im Berichtszeitraum nach Form (persönlich, Telefon, Video) und danach, ob "
        "eine Dolmetscherin oder ein Dolmetscher beteiligt war.",
        ["channel", "interpreter"],
        "consultations",
        "table",
        True,
        "BW 4.1.4 a",
        "KIM §3(2)",
    ),
    (
        "referrals.outcome",
        "Vermittlungen",
        "Vermittlungen nach Ziel und Ergebnis",
        "Vermittlungen mit Datum im Berichtszeitraum nach Regeldienst oder Angebot und nach "
        "ihrem Stand am Stichtag (aus dem Verlauf).",
        ["service", "referral_status"],
        "referrals",
        "table",
        True,
        "BW 4.1.4 c–d",
        "KIM §3(2)d",
    ),
    (
        "goals.life_area",
        "Ziele",
        "Ziele nach Lebensbereich und Stand",
        "Ziele in den Integrationsplänen der beratenen Personen nach Lebensbereich und "
        "heutigem Stand (erreicht, teilweise, nicht erreicht, offen, verworfen).",
        ["life_area", "goal_status"],
        "goals",
        "table",
        True,
        "BW 4.1.6.2 f",
        "KIM §3(2)c",
    ),
    (
        "situation.language",
        "Lage zu Beginn und heute",
        "Sprache: Einschätzung zu Beginn und heute",
        "Aus dem jeweils letzten Re-Assessment bis zum Stichtag: Einschätzung des "
        "Lebensbereichs Sprache auf der Skala 1–5 zu Beginn und heute.",
        ["moment", "rating"],
        "situation_language",
        "table",
        True,
        "BW 4.1.6.2 b",
        "KIM §3(2)c",
    ),
    (
        "situation.language_level",
        "Lage zu Beginn und heute",
        "Sprachniveau Deutsch (GER) laut Integrationsplan",
        "Heutiges Sprachniveau nach dem Gemeinsamen Europäischen Referenzrahmen aus dem "
        "Integrationsplan der beratenen Personen.",
        ["language_level"],
        "language_levels",
        "list",
        True,
        "BW 4.1.6.2 b",
        "KIM §3(2)c",
    ),
    (
        "situation.work",
        "Lage zu Beginn und heute",
        "Arbeit: Einschätzung zu Beginn und heute",
        "Aus dem jeweils letzten Re-Assessment bis zum Stichtag: Einschätzung des "
        "Lebensbereichs Arbeit auf der Skala 1–5 zu Beginn und heute.",
        ["moment", "rating"],
        "situation_work",
        "table",
        True,
        "BW 4.1.6.2 d",
        "KIM §3(2)c",
    ),
    (
        "situation.housing",
        "Lage zu Beginn und heute",
        "Wohnen: Einschätzung zu Beginn und heute",
        "Aus dem jeweils letzten Re-Assessment bis zum Stichtag: Einschätzung des "
        "Lebensbereichs Wohnen auf der Skala 1–5 zu Beginn und heute.",
        ["moment", "rating"],
        "situation_housing",
        "table",
        True,
        "BW 4.1.6.2 e",
        "KIM §3(2)c",
    ),
    (
        "extensions.reason",
        "Beratungszeitraum",
        "Verlängerte Beratungszeiträume nach Grund",
        "Genehmigte Verlängerungen, über die im Berichtszeitraum entschieden wurde, nach Grund.",
        ["extension_reason"],
        "extensions",
        "list",
        True,
        "BW 4.1.5",
        "KIM §3(2)",
    ),
    (
        "caseload.per_fte",
        "Personal",
        "Fallzahl je Vollzeitäquivalent",
        "Am Stichtag laufende Fälle geteilt durch die VZÄ im Integrations- oder Fallmanagement "
        "am Stichtag (auf zwei Stellen gerundet).",
        ["caseload"],
        "caseload",
        "measures",
        True,
        "BW 5.5",
        "KIM §6",
    ),
    (
        "staff.fte",
        "Personal",
        "Stellenumfang (VZÄ) am Stichtag",
        "Summe der Stellenanteile der am Stichtag laufenden Beschäftigungszeiten, nach Funktion, "
        "und der Anteil aus Fördermitteln.",
        ["staff_function"],
        "staff_fte",
        "measures",
        False,
        "BW 5.5, 5.6",
        "KIM §6",
    ),
    (
        "staff.qualification",
        "Personal",
        "Beschäftigte nach Studienfach",
        "Am Stichtag beschäftigte Personen im Integrations- oder Fallmanagement nach Studienfach "
        "(ohne Studium: „kein Studienabschluss erfasst“).",
        ["degree_field"],
        "staff_qualification",
        "list",
        True,
        "BW 4.1.1",
        "KIM §6",
    ),
    (
        "staff.trainings",
        "Personal",
        "Fortbildungen",
        "Ergänzende Qualifizierungen mit Beginn im Berichtszeitraum (Anzahl, Tage) und "
        "Teilnahmen an Fortbildungen im Berichtszeitraum.",
        ["training"],
        "staff_trainings",
        "measures",
        False,
        "BW 4.1.3, 4.2 b",
        "KIM §3(2)",
    ),
    (
        "network.events",
        "Netzwerkarbeit",
        "Vernetzungsveranstaltungen auf Kreisebene",
        "Von der Koordinierenden Stelle im Berichtszeitraum durchgeführte "
        "Vernetzungsveranstaltungen; gefordert sind mindestens vier im Jahr.",
        ["network"],
        "network_events",
        "measures",
        False,
        "BW 4.2 e",
        "KIM §3(2)a",
    ),
    (
        "themes.barriers",
        "Strukturelle Themen",
        "Strukturelle Themen",
        "In Fällen festgestellte strukturelle Hürden mit Datum im Berichtszeitraum, nach Thema.",
        ["barrier_theme"],
        "themes",
        "list",
        True,
        "BW 4.2 c",
        "KIM §3(2)a",
    ),
]

SETS = [
    ("bw-im", "08", "Kennzahlen Integrationsmanagement Baden-Württemberg", "BW 6.1, 9.1.9"),
    ("kim-nrw", "05", "Kennzahlen Kommunales Integrationsmanagement NRW", "KIM §3(2)d"),
]


def seed(apps, schema_editor):
    IndicatorSet = apps.get_model("indicators", "IndicatorSet")
    Indicator = apps.get_model("indicators", "Indicator")
    for programme, land_key, title, source in SETS:
        indicator_set, _ = IndicatorSet.objects.get_or_create(
            programme=programme,
            first_year=2023,
            version=1,
            defaults={"land_key": land_key, "title": title, "source": source},
        )
        for sort, row in enumerate(CATALOGUE, start=1):
            code, group, name, definition, breakdowns, computation, shape, suppress, bw, kim = row
            Indicator.objects.update_or_create(
                indicator_set=indicator_set,
                code=code,
                defaults={
                    "group": group,
                    "name": name,
                    "definition": definition,
                    "breakdowns": breakdowns,
                    "computation": computation,
                    "shape": shape,
                    "suppress": suppress,
                    "source": bw if programme == "bw-im" else kim,
                    "sort": sort * 10,
                },
            )


def unseed(apps, schema_editor):
    apps.get_model("indicators", "IndicatorSet").objects.filter(first_year=2023, version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
