"""Editions are per language: English is the default locale, Ukrainian the second."""

from django.db import migrations


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in ("en", "uk"):
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("editions", "0001_initial"), ("wagtailcore", "0098_apitoken")]
    operations = [migrations.RunPython(add_locales, migrations.RunPython.noop)]
