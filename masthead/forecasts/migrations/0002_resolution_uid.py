"""Each resolution gets its own stable identifier, and a judged forecast can no longer be
deleted with its resolutions (PROTECT)."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def give_identifiers(apps, schema_editor):
    Resolution = apps.get_model("forecasts", "Resolution")
    for resolution in Resolution.objects.filter(uid__isnull=True).only("pk"):
        resolution.uid = uuid.uuid4()
        resolution.save(update_fields=["uid"])


class Migration(migrations.Migration):
    dependencies = [("forecasts", "0001_forecasts")]

    operations = [
        migrations.AddField(
            model_name="resolution",
            name="uid",
            field=models.UUIDField(editable=False, null=True, verbose_name="identifier"),
        ),
        migrations.RunPython(give_identifiers, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="resolution",
            name="uid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="identifier"
            ),
        ),
        migrations.AlterField(
            model_name="resolution",
            name="forecast",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="resolutions",
                to="forecasts.forecast",
            ),
        ),
    ]
