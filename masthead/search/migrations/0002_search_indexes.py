from django.db import migrations, models
from django.db.models.functions import Cast

# Wagtail's database backend matches (title || body) @@ query on its entries, which its GIN
# indexes of each column alone cannot serve (as wagtail/wagtail#6546 found for postgres_search).
CREATE = (
    "CREATE INDEX IF NOT EXISTS reader_search_entry_title_body "
    "ON wagtailsearch_indexentry USING gin ((title || body))"
)
DROP = "DROP INDEX IF EXISTS reader_search_entry_title_body"


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)
        # The planner knows nothing of an expression until it is analysed: until then it
        # guesses 500 matches for any word and walks the documents by date (200 ms, not 0.3).
        schema_editor.execute("ANALYZE wagtailsearch_indexentry")


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("reader_search", "0001_search_documents"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(
                Cast("article", output_field=models.CharField(max_length=50)),
                name="search_article_text",
            ),
        ),
        migrations.RunPython(create, drop),
    ]
