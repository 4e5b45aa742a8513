"""The catalogues as shipped. Administrators may add entries or switch them off;
codes stay stable because reports and code refer to them."""

from django.db import migrations

RESIDENCE_STATUS = [
    ("aufenthg-22", "Aufenthaltserlaubnis nach § 22 AufenthG (Aufnahme aus dem Ausland)"),
    ("aufenthg-23", "Aufenthaltserlaubnis nach § 23 AufenthG (Aufnahmeprogramme)"),
    ("aufenthg-23a", "Aufenthaltserlaubnis nach § 23a AufenthG (Härtefall)"),
    ("aufenthg-24", "Aufenthaltserlaubnis nach § 24 AufenthG (vorübergehender Schutz)"),
    ("aufenthg-25-1", "Aufenthaltserlaubnis nach § 25 Abs. 1 AufenthG (Asylberechtigung)"),
    (
        "aufenthg-25-2",
        "Aufenthaltserlaubnis nach § 25 Abs. 2 AufenthG (Flüchtlingsschutz, subsidiärer Schutz)",
    ),
    ("aufenthg-25-3", "Aufenthaltserlaubnis nach § 25 Abs. 3 AufenthG (Abschiebungsverbot)"),
    ("aufenthg-25-4-5", "Aufenthaltserlaubnis nach § 25 Abs. 4 oder 5 AufenthG"),
    ("aufenthg-25a-25b", "Aufenthaltserlaubnis nach § 25a oder § 25b AufenthG (Bleiberecht)"),
    ("duldung", "Duldung (§ 60a AufenthG)"),
    ("gestattung", "Aufenthaltsgestattung (§ 55 AsylG)"),
    ("niederlassung", "Niederlassungserlaubnis (§ 9, § 26 Abs. 3 und 4 AufenthG)"),
    ("daueraufenthalt-eu", "Erlaubnis zum Daueraufenthalt-EU (§ 9a AufenthG)"),
    ("eingebuergert", "eingebürgert"),
    ("sonstiger", "sonstiger Aufenthaltsstatus"),
]

# (code, label, required, covers special categories)
CONSENT_PURPOSES = [
    (
        "beratung",
        "Beratung und Fallführung im Integrationsmanagement: Erfassung der persönlichen Angaben (BW 4.1.4 f)",
        True,
        False,
    ),
    (
        "integrationsplan",
        "Erstellung und Fortschreibung des Integrationsplans (BW 4.1.6)",
        False,
        False,
    ),
    ("gesundheit", "Angaben zu Gesundheit und Behinderung (Art. 9 Abs. 2 a DSGVO)", False, True),
    (
        "weiterleitung",
        "Weitergabe von Angaben bei der Vermittlung an Regeldienste (BW 4.1.4 c)",
        False,
        False,
    ),
    ("kontakt", "Kontaktaufnahme per Telefon, E-Mail oder Messenger", False, False),
]

TOPICS = [
    ("alltag", "Alltag"),
    ("sprache", "Sprache"),
    ("bildung", "Bildung"),
    ("arbeit", "Arbeit"),
    ("wohnen", "Wohnen"),
    ("gesundheit", "Gesundheit"),
    ("aufenthaltsrecht", "Aufenthaltsrecht"),
    ("familie", "Familie"),
    ("finanzen", "Finanzen"),
    ("teilhabe", "Teilhabe"),
]

CLOSURE_REASONS = [
    ("ziele-erreicht", "Ziele erreicht"),
    ("weggezogen", "weggezogen"),
    ("zeitraum-beendet", "Beratungszeitraum beendet"),
    ("kontakt-abgebrochen", "Kontakt abgebrochen"),
    ("einwilligung-widerrufen", "Einwilligung widerrufen"),
    ("sonstiges", "sonstiger Grund"),
]


def seed(apps, schema_editor):
    for model_name, rows in (
        ("ResidenceStatus", RESIDENCE_STATUS),
        ("ConsultationTopic", TOPICS),
        ("ClosureReason", CLOSURE_REASONS),
    ):
        model = apps.get_model("cases", model_name)
        for sort, (code, label) in enumerate(rows, start=1):
            model.objects.update_or_create(code=code, defaults={"label": label, "sort": sort * 10})
    purpose = apps.get_model("cases", "ConsentPurpose")
    for sort, (code, label, required, special) in enumerate(CONSENT_PURPOSES, start=1):
        purpose.objects.update_or_create(
            code=code,
            defaults={
                "label": label,
                "sort": sort * 10,
                "required": required,
                "covers_special_categories": special,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
