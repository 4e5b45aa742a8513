"""The shipped programmes, their rates and deadlines, and the § 247 BGB base rates.

Stable ids (slugs) are an interface: the API, spreadsheets and later grant
records refer to them. Values are copied here as they stand in the sources
(seeds in /work/shared/seeds, cited KIM §n, BW n.n, FGA n); docs/funding.md
explains every choice where the sources are silent.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

KIM_NOTE_RATE = (
    "KIM §6: je 1,0 VzÄ 57.000,00 EUR pro Kalenderjahr, unterjährige Stellenbesetzungen "
    "anteilig – Lotse rechnet nach Kalendertagen (SPEC §4.1). Der Satz steht in der "
    "2. Änderung des Weiterleitungsvertrags Kreis Unna, in Kraft ab 01.01.2023 (KIM §18), "
    "Laufzeit verlängert sich mit dem Anschlussbescheid (KIM §15 Abs. 1). Abrechnung nach "
    "tatsächlichen Ausgaben (KIM §8)."
)
KIM_MINIMUM = "Lotse-Voreinstellung nach BW 5.5; der KIM-Vertrag nennt keine Untergrenze"
KIM_CONFIRMATIONS = "\n".join(
    [
        "Stellenbesetzung nachgewiesen (KIM §7 Abs. 2)",
        "Sachgerechte Mittelverwendung nachgewiesen (KIM §7 Abs. 2)",
        "Sachbericht und zahlenmäßiger Nachweis nach tatsächlichen Ausgaben (KIM §8)",
    ]
)
KIM_DEADLINES = [
    ("Verwendungsnachweis mit Sachbericht und zahlenmäßigem Nachweis", "year_end", 0, 15, "KIM §8"),
    ("Verwendungsnachweis über das abgelaufene Quartal", "quarter_end", 0, 28, "KIM §15 Abs. 2"),
    (
        "Kündigung zum Jahresende mit 6 Monaten Vorlauf (Lotse-Lesart von „jährlich“)",
        "year_end",
        -6,
        0,
        "KIM §15 Abs. 2",
    ),
]

BW_CONFIRMATIONS = "\n".join(
    [
        "Beschäftigung der Integrationsmanager:innen nachgewiesen (BW 8.2)",
        "Qualifikation und bei ausländischen Abschlüssen die Gleichwertigkeit nachgewiesen (BW 4.1.1.4)",
        "Nachqualifizierung abgeschlossen, sonst im nächsten Verwendungsnachweis (BW 4.1.2.2)",
        "Mindestens eine Fortbildung je Jahr angeboten (BW 4.1.3)",
        "Prüfung auf einschlägig vorbelastete Personen erfolgt (BW 4.3)",
        "Kennzahlen erhoben und übermittelt (BW 6.1, 9.1.9)",
    ]
)

# rates: (qualification, amount, unit, valid_from, valid_to, citation); "" = every level.
# deadlines: (name, anchor, months, days, citation) or (name, "fixed", date, citation).
PROGRAMMES = [
    {
        "slug": "kim-nrw-bs1",
        "name": "KIM NRW, Baustein I – Koordinierende Stelle (strategischer Overhead)",
        "description": (
            "Personal- und Sachausgaben für eine koordinierende Stelle (KIM §2 Abs. 1 a, "
            "§4 Abs. 1 a); im Kreis Unna bei der Stadt Lünen (KIM §4 Abs. 3)."
        ),
        "citations": ["KIM §2 Abs. 1 a", "KIM §3 Abs. 1 a", "KIM §4 Abs. 1 a", "KIM §6"],
        "calculation": "per_fte",
        "min_fte": Decimal("0.25"),
        "max_fte": Decimal("1"),
        "minimum_citation": KIM_MINIMUM,
        "required_confirmations": KIM_CONFIRMATIONS,
        "note": KIM_NOTE_RATE,
        "rates": [("", Decimal("57000"), "eur_per_fte_year", None, None, "KIM §6")],
        "deadlines": KIM_DEADLINES,
    },
    {
        "slug": "kim-nrw-bs2",
        "name": "KIM NRW, Baustein II – Rechtskreisübergreifendes Fallmanagement",
        "description": (
            "Fachbezogene Pauschale für Personalstellen im Fallmanagement (KIM §3 Abs. 1 b, "
            "§2 Abs. 1 b); in Unna 5,0 VzÄ Nordkreis und 4,0 VzÄ Mittelkreis (KIM §4 Abs. 1 b–c)."
        ),
        "citations": ["KIM §2 Abs. 1 b", "KIM §3 Abs. 1 b", "KIM §4 Abs. 1 b–c", "KIM §6"],
        "calculation": "per_fte",
        "min_fte": Decimal("0.25"),
        "max_fte": Decimal("1"),
        "minimum_citation": KIM_MINIMUM,
        "required_confirmations": KIM_CONFIRMATIONS,
        "note": KIM_NOTE_RATE,
        "rates": [("", Decimal("57000"), "eur_per_fte_year", None, None, "KIM §6")],
        "deadlines": KIM_DEADLINES,
    },
    {
        "slug": "kim-nrw-bs3",
        "name": "KIM NRW, Baustein III – Ausländer- und Einbürgerungsbehörden",
        "description": (
            "Fachbezogene Pauschale für zusätzliche Personalstellen in den Ausländer- und "
            "Einbürgerungsbehörden (KIM §3 Abs. 1 c). Im Unna-Vertrag nur beschrieben, nicht "
            "weitergeleitet."
        ),
        "citations": ["KIM §3 Abs. 1 c"],
        "calculation": "per_fte",
        "min_fte": Decimal("0.25"),
        "max_fte": Decimal("1"),
        "minimum_citation": KIM_MINIMUM,
        "required_confirmations": KIM_CONFIRMATIONS,
        "note": (
            "Die Höhe der Pauschale für Baustein III nennen die Quellen nicht; bevor sie "
            "hinterlegt ist, rechnet Lotse hier nicht."
        ),
        "rates": [],
        "deadlines": [],
    },
    {
        "slug": "bw-im-2023-transition",
        "name": "BW Integrationsmanagement 2023 – Übergangsförderung (bis 31.12.2024)",
        "description": (
            "Weitere Förderung in gleichbleibendem Stellenumfang für Empfänger nach Nr. 9 der "
            "VwV Integrationsmanagement 2017 (BW 9.1.1); je Stelle (VZÄ) und Jahr höchstens "
            "60.000 EUR bzw. 47.000 EUR (BW 9.1.4)."
        ),
        "citations": ["BW 9.1.1", "BW 9.1.4", "BW 9.1.5", "BW 9.1.8 Satz 2", "BW 5.5"],
        "valid_from": date(2023, 1, 1),
        "valid_to": date(2024, 12, 31),
        "calculation": "per_fte",
        "min_fte": Decimal("0.25"),
        "max_fte": Decimal("1"),
        "minimum_citation": "BW 5.5",
        "required_confirmations": BW_CONFIRMATIONS,
        "note": (
            "BW 9.1.4: „Soweit an einem Tag keine Personalkosten anfallen, verringert sich die "
            "Zuwendung anteilig“ – nach Kalendertagen. 60.000 EUR bei Qualifikation nach BW "
            "4.1.1.1 (Stufen 1 und 2) oder VwV 2017 Nr. 4.2.2 a/b (4b); 47.000 EUR nach BW "
            "4.1.1.2 (Stufe 3) oder VwV 2017 Nr. 4.2.2 c (4c). Nachbesetzung einer "
            "47.000-EUR-Stelle mit Qualifikation nach 4.1.1.1: bis zu 60.000 EUR nur auf "
            "schriftlichen Antrag (BW 9.1.5). Anteilig geförderte Stellen nach VwV 2017: "
            "bisherige Fördersumme (BW 9.1.1 Satz 3) – nicht berechnet."
        ),
        "rates": [
            (
                level,
                Decimal(amount),
                "eur_per_fte_year",
                date(2023, 1, 1),
                date(2024, 12, 31),
                citation,
            )
            for level, amount, citation in [
                ("1", "60000", "BW 9.1.4 a"),
                ("2", "60000", "BW 9.1.4 a"),
                ("4b", "60000", "BW 9.1.4 a"),
                ("3", "47000", "BW 9.1.4 b"),
                ("4c", "47000", "BW 9.1.4 b"),
            ]
        ],
        "deadlines": [
            (
                "Antrag auf Übergangsförderung (später eingehende werden nicht berücksichtigt)",
                "fixed",
                date(2023, 8, 14),
                "BW 9.3.1",
            ),
            ("Zwischenverwendungsnachweis für 2023 und 2024", "year_end", 3, 0, "BW 9.1.6"),
            (
                "Kennzahlen an die Bewilligungsstelle (Stichtag 31.12.)",
                "year_end",
                0,
                31,
                "BW 9.1.9",
            ),
        ],
    },
    {
        "slug": "bw-im-2017-original",
        "name": "BW Integrationsmanagement – Fördersätze bis zum Ende des 60-monatigen Bewilligungszeitraums (VwV 2017)",
        "description": (
            "Bis zum Ablauf des 60-monatigen Bewilligungszeitraums nach Nr. 8 der VwV "
            "Integrationsmanagement 2017: 64.000 EUR (Qualifikation nach BW 4.1.1.1) bzw. "
            "51.000 EUR (nach BW 4.1.1.2) je Stelle und Jahr (BW 9.1.8 Satz 1)."
        ),
        "citations": ["BW 9.1.8 Satz 1", "BW 4.1.1.1", "BW 4.1.1.2", "BW 5.5"],
        "valid_to": date(2024, 12, 31),
        "calculation": "per_fte",
        "min_fte": Decimal("0.25"),
        "max_fte": Decimal("1"),
        "minimum_citation": "BW 5.5",
        "required_confirmations": BW_CONFIRMATIONS,
        "note": (
            "Gilt nur bis zum Ende des jeweiligen 60-monatigen Bewilligungszeitraums nach der VwV "
            "2017; das Ende ist je Empfänger verschieden und wird hier nicht geprüft. Danach "
            "gelten 60.000/47.000 EUR (BW 9.1.8 Satz 2, Programm bw-im-2023-transition). "
            "Stufen 4b/4c (eingestellt nach VwV 2017 Nr. 4.2.2 b/c) wie 4.1.1.1/4.1.1.2 – "
            "Lotse-Lesart nach BW 9.1.4."
        ),
        "rates": [
            (
                level,
                Decimal(amount),
                "eur_per_fte_year",
                None,
                date(2024, 12, 31),
                "BW 9.1.8 Satz 1",
            )
            for level, amount in [
                ("1", "64000"),
                ("2", "64000"),
                ("4b", "64000"),
                ("3", "51000"),
                ("4c", "51000"),
            ]
        ],
        "deadlines": [
            ("Zwischenverwendungsnachweis für 2023 und 2024", "year_end", 3, 0, "BW 9.1.6"),
            (
                "Kennzahlen an die Bewilligungsstelle (Stichtag 31.12.)",
                "year_end",
                0,
                31,
                "BW 9.1.9",
            ),
        ],
    },
    {
        "slug": "bw-im-2023-coordination",
        "name": "BW Integrationsmanagement 2023 – Koordinierende Stelle",
        "description": (
            "Ausschließlich Personalkosten, höchstens 40.000 EUR je Kreis für je zwölf Monate; "
            "mindestens 0,5 VZÄ, die Stelle ist nicht teilbar; anteilig nach Tagen (BW 5.6)."
        ),
        "citations": ["BW 4.2", "BW 5.6", "BW 9.2"],
        "valid_from": date(2023, 1, 1),
        "valid_to": date(2029, 12, 31),
        "calculation": "capped_position",
        "min_fte": Decimal("0.5"),
        "max_fte": Decimal("1"),
        "minimum_citation": "BW 5.6",
        "required_confirmations": "\n".join(
            [
                "Abgeschlossenes Hochschulstudium des Personals, bei ausländischen Abschlüssen die Gleichwertigkeit (BW 4.2)",
                "Prüfung auf einschlägig vorbelastete Personen erfolgt (BW 4.3)",
                "Mindestens vier Vernetzungsveranstaltungen auf Kreisebene im Jahr (BW 4.2 e)",
            ]
        ),
        "note": (
            "Der Höchstbetrag gilt je Kreis und Förderzeitraum von zwölf Monaten – dem "
            "Kalenderjahr (BW 7.3) – und wird nicht mit den VZÄ multipliziert; nie mehr als die "
            "tatsächlichen Personalkosten."
        ),
        "rates": [
            ("", Decimal("40000"), "eur_per_year", date(2023, 1, 1), date(2029, 12, 31), "BW 5.6")
        ],
        "deadlines": [
            ("Antrag (Übergangszeitraum 2023–2024)", "fixed", date(2023, 8, 14), "BW 9.2, 9.3.1"),
            ("Koordinierende Stelle eingerichtet und besetzt", "fixed", date(2025, 1, 1), "BW 4.2"),
            ("Verwendungsnachweis", "year_end", 3, 0, "BW 8.1"),
            ("Außerkrafttreten der VwV", "fixed", date(2029, 12, 31), "BW 10"),
        ],
    },
    {
        "slug": "bw-im-2023-planning-frame",
        "name": "BW Integrationsmanagement 2023 – Planungsrahmen je Stadt- und Landkreis",
        "description": (
            "Höchstbetrag je Kreis nach der Zuteilungsquote der letzten drei Jahre, mindestens "
            "180.000 EUR; Obergrenze ist der Gesamtplanungsrahmen (BW 5.2–5.3)."
        ),
        "citations": ["BW 5.2", "BW 5.3", "BW 5.4"],
        "valid_from": date(2025, 1, 1),
        "valid_to": date(2029, 12, 31),
        "calculation": "planning_frame",
        "minimum_amount": Decimal("180000.00"),
        "required_confirmations": BW_CONFIRMATIONS,
        "note": (
            "Kreise unter dem Mindestbetrag werden angehoben, der Rest wird unter den übrigen "
            "im Verhältnis verteilt, wiederholt bis nichts mehr darunter liegt; Cent nach dem "
            "größten Rest, die Summe ist genau der Gesamtplanungsrahmen."
        ),
        "rates": [],
        "deadlines": [
            (
                "Bekanntgabe des Planungsrahmens (erstes Quartal des Vorjahres)",
                "year_start",
                -9,
                -1,
                "BW 5.2",
            ),
            ("Verwendungsnachweis", "year_end", 3, 0, "BW 8.1"),
            ("Kennzahlen an die Bewilligungsstelle", "year_end", 0, 31, "BW 6.1"),
            ("Außerkrafttreten der VwV", "fixed", date(2029, 12, 31), "BW 10"),
        ],
    },
    {
        "slug": "fga",
        "name": "Erstattung der Fahrgeldausfälle (unentgeltliche Beförderung schwerbehinderter Menschen)",
        "description": (
            "Den Unternehmen des öffentlichen Personenverkehrs wird ein Prozentsatz der "
            "nachgewiesenen Fahrgeldeinnahmen im Nahverkehr erstattet (FGA 1)."
        ),
        "citations": ["FGA 1", "§ 231 Abs. 4 SGB IX"],
        "valid_from": date(2020, 1, 1),
        "valid_to": date(2022, 12, 31),
        "calculation": "fare_loss",
        "note": "Für Jahre ohne festgesetzten Prozentsatz wird nicht gerechnet.",
        "rates": [
            ("", Decimal(percent), "percent", date(year, 1, 1), date(year, 12, 31), "FGA 1")
            for year, percent in [(2020, "2.59"), (2021, "2.56"), (2022, "2.44")]
        ],
        "deadlines": [],
    },
]

# § 247 BGB, published by the Deutsche Bundesbank; -0.88 % held from 1 Jul 2016 to 31 Dec 2022.
BASE_RATES = [
    (date(2016, 7, 1), "-0.88"),
    (date(2023, 1, 1), "1.62"),
    (date(2023, 7, 1), "3.12"),
    (date(2024, 1, 1), "3.62"),
    (date(2024, 7, 1), "3.37"),
    (date(2025, 1, 1), "2.27"),
    (date(2025, 7, 1), "1.27"),
]


def load(apps, schema_editor):
    """Create what is missing; never overwrite a programme or rate someone has edited since.

    Also run after every ``flush`` (lotse.funding.apps), so the state's rules
    survive test databases being emptied, as Django's content types do.
    """
    Programme = apps.get_model("funding", "Programme")
    ProgrammeRate = apps.get_model("funding", "ProgrammeRate")
    ProgrammeDeadline = apps.get_model("funding", "ProgrammeDeadline")
    BaseInterestRate = apps.get_model("funding", "BaseInterestRate")
    existing = set(Programme.objects.values_list("slug", flat=True))
    for order, spec in enumerate(PROGRAMMES, start=1):
        if spec["slug"] in existing:
            continue
        programme = Programme.objects.create(
            slug=spec["slug"],
            name=spec["name"],
            description=spec["description"],
            citations="\n".join(spec["citations"]),
            valid_from=spec.get("valid_from"),
            valid_to=spec.get("valid_to"),
            calculation=spec["calculation"],
            min_fte=spec.get("min_fte"),
            max_fte=spec.get("max_fte"),
            minimum_citation=spec.get("minimum_citation", ""),
            minimum_amount=spec.get("minimum_amount"),
            required_confirmations=spec.get("required_confirmations", ""),
            note=spec.get("note", ""),
            sort_order=order,
        )
        for qualification, amount, unit, valid_from, valid_to, citation in spec["rates"]:
            ProgrammeRate.objects.create(
                programme=programme,
                qualification=qualification,
                amount=amount,
                unit=unit,
                valid_from=valid_from,
                valid_to=valid_to,
                citation=citation,
            )
        for deadline in spec["deadlines"]:
            if deadline[1] == "fixed":
                name, anchor, fixed_date, citation = deadline
                months = days = 0
            else:
                name, anchor, months, days, citation = deadline
                fixed_date = None
            ProgrammeDeadline.objects.create(
                programme=programme,
                name=name,
                anchor=anchor,
                fixed_date=fixed_date,
                months=months,
                days=days,
                citation=citation,
            )
    known = set(BaseInterestRate.objects.values_list("valid_from", flat=True))
    for valid_from, percent in BASE_RATES:
        if valid_from not in known:
            BaseInterestRate.objects.create(
                valid_from=valid_from,
                percent=Decimal(percent),
                source="§ 247 BGB, Deutsche Bundesbank",
            )


def unload(apps, schema_editor):
    apps.get_model("funding", "Programme").objects.filter(
        slug__in=[spec["slug"] for spec in PROGRAMMES]
    ).delete()
    apps.get_model("funding", "BaseInterestRate").objects.filter(
        valid_from__in=[valid_from for valid_from, _ in BASE_RATES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
