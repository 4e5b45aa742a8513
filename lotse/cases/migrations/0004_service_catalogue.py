"""The catalogue of mainstream services as shipped (BW 4.1.4 c–d, SPEC §2.2 no. 4), their
kinds, and which consent purpose covers passing data to which kind.

Authorities get a purpose of their own: BW 4.1.6.2 forbids passing plan data to
authorities beyond the purpose, so a general consent to referrals does not cover
them. Administrators may add services and change the mapping without code.
"""

from django.db import migrations

KINDS = [
    ("behoerde", "Behörde (Jobcenter, Agentur für Arbeit, Ausländerbehörde, Jugendamt)"),
    ("beratung", "Beratungsstelle"),
    ("bildung", "Bildung, Sprachkurs, Schule und Kita"),
    ("gesundheit", "Gesundheitsdienst"),
    ("zivilgesellschaft", "Verein, Ehrenamt, Zivilgesellschaft"),
]

# (code, label, kind)
SERVICES = [
    ("jobcenter", "Jobcenter (SGB II)", "behoerde"),
    ("agentur-fuer-arbeit", "Agentur für Arbeit (SGB III)", "behoerde"),
    ("auslaenderbehoerde", "Ausländerbehörde (AufenthG)", "behoerde"),
    ("jugendamt", "Jugendamt, Jugendhilfe (SGB VIII)", "behoerde"),
    ("mbe", "Migrationsberatung für erwachsene Zugewanderte (MBE)", "beratung"),
    ("jmd", "Jugendmigrationsdienst (JMD)", "beratung"),
    ("anerkennungsberatung", "Anerkennungsberatung (ausländische Abschlüsse)", "beratung"),
    ("schuldnerberatung", "Schuldnerberatung", "beratung"),
    ("integrationskurs", "Integrationskurs (BAMF)", "bildung"),
    ("berufssprachkurs", "Berufssprachkurs (DeuFöV)", "bildung"),
    ("schule", "Schule", "bildung"),
    ("kita", "Kindertagesstätte, Kindertagespflege", "bildung"),
    (
        "gesundheitsdienst",
        "Gesundheitsdienst (Gesundheitsamt, Ärztin/Arzt, Beratung)",
        "gesundheit",
    ),
    ("verein", "Verein", "zivilgesellschaft"),
    ("ehrenamt", "Ehrenamtliche, Patenschaften", "zivilgesellschaft"),
]

# Which consent purpose covers which kinds.
PURPOSE_KINDS = {
    "weiterleitung": ["beratung", "bildung", "gesundheit", "zivilgesellschaft"],
    "weiterleitung-behoerden": ["behoerde"],
}


def seed(apps, schema_editor):
    kind_model = apps.get_model("cases", "ServiceKind")
    service_model = apps.get_model("cases", "Service")
    purpose_model = apps.get_model("cases", "ConsentPurpose")
    kinds = {}
    for sort, (code, label) in enumerate(KINDS, start=1):
        kinds[code], _ = kind_model.objects.update_or_create(
            code=code, defaults={"label": label, "sort": sort * 10}
        )
    for sort, (code, label, kind) in enumerate(SERVICES, start=1):
        service_model.objects.update_or_create(
            code=code, defaults={"label": label, "sort": sort * 10, "kind": kinds[kind]}
        )
    purpose_model.objects.update_or_create(
        code="weiterleitung-behoerden",
        defaults={
            "label": "Weitergabe von Angaben bei der Vermittlung an Behörden (Jobcenter, "
            "Agentur für Arbeit, Ausländerbehörde, Jugendamt; BW 4.1.4 c, 4.1.6.2)",
            "sort": 45,
        },
    )
    for code, kind_codes in PURPOSE_KINDS.items():
        purpose = purpose_model.objects.get(code=code)
        purpose.service_kinds.set([kinds[k] for k in kind_codes])


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_plan_referrals")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
