"""Replace Wagtail's placeholder home page with the edition's front page, as Wagtail's own
project template does, so a fresh install serves Masthead at / straight away."""

from django.db import migrations


def create_front_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    FrontPage = apps.get_model("frontpage", "FrontPage")
    Locale = apps.get_model("wagtailcore", "Locale")

    placeholder = Page.objects.filter(depth=2, slug="home", content_type__model="page").first()
    if placeholder is None or Page.objects.filter(depth__gt=2).exists():
        return
    placeholder.delete()
    content_type, _ = ContentType.objects.get_or_create(model="frontpage", app_label="frontpage")
    locale, _ = Locale.objects.get_or_create(language_code="en")
    front = FrontPage.objects.create(
        title="Home",
        draft_title="Home",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": front, "site_name": "Masthead"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("frontpage", "0001_initial"),
        ("editions", "0002_ukrainian_locale"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(create_front_page, migrations.RunPython.noop)]
