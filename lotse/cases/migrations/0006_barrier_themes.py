"""Structural problems as shipped ("generative Themen"); case managers may add themes
from a case, administrators review them (BarrierTheme.proposed)."""

from django.db import migrations

THEMES = [
    ("keine-kursplaetze", "Keine freien Plätze in Integrations- oder Sprachkursen"),
    ("kinderbetreuung-kurs", "Keine Kinderbetreuung während des Kurses"),
    ("wohnungsmangel", "Kein bezahlbarer Wohnraum"),
    ("wartezeit-auslaenderbehoerde", "Lange Wartezeiten bei der Ausländerbehörde"),
    ("wartezeit-jobcenter", "Lange Wartezeiten beim Jobcenter oder der Agentur für Arbeit"),
    ("kita-plaetze", "Keine Kita-Plätze"),
    ("schulplaetze", "Keine Schulplätze oder Seiteneinsteigerklassen"),
    ("anerkennung-dauer", "Anerkennungsverfahren dauern zu lange"),
    ("dolmetschen", "Keine Dolmetscherinnen und Dolmetscher verfügbar"),
    ("therapieplaetze", "Keine psychotherapeutischen Behandlungsplätze"),
    ("mobilitaet", "Angebote mit Bus und Bahn nicht erreichbar"),
    ("digitaler-zugang", "Anträge nur digital, ohne Unterstützung"),
]


def seed(apps, schema_editor):
    theme = apps.get_model("cases", "BarrierTheme")
    for sort, (code, label) in enumerate(THEMES, start=1):
        theme.objects.update_or_create(code=code, defaults={"label": label, "sort": sort * 10})


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_reassessment_themes")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
