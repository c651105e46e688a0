"""An index on Wagtail's page ``url_path``, which the one-query route looks pages up by.

Wagtail walks the tree by ``path`` and never needed one; without it every request scans the
page table. PostgreSQL gets a hash index (equality is all the route asks, and a URL path may
be longer than a B-tree entry allows); SQLite a plain one.
"""

from django.db import migrations

INDEX = "masthead_page_url_path"


def create(apps, schema_editor):
    using = "USING hash " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page {using}(url_path)"
    )


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
