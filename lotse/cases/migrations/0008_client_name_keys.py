"""Issue 3 item 11: stored search keys for client names, filled for existing rows."""

from django.db import migrations, models

from lotse.cases.rules.names import name_index

BATCH = 500


def fill_name_keys(apps, schema_editor):
    Client = apps.get_model("cases", "Client")
    batch = []
    for client in Client.objects.only(
        "given_names", "family_name", "given_names_latin", "family_name_latin"
    ).iterator(chunk_size=BATCH):
        client.name_keys = name_index(
            client.given_names,
            client.family_name,
            client.given_names_latin,
            client.family_name_latin,
        )
        batch.append(client)
        if len(batch) >= BATCH:
            Client.objects.bulk_update(batch, ["name_keys"])
            batch = []
    Client.objects.bulk_update(batch, ["name_keys"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_case_conferences")]

    operations = [
        migrations.AddField(
            model_name="client",
            name="name_keys",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
    ]
