"""The newsroom's roles: Reporters, Editors and Chief editors, and nothing else.

Wagtail's own migrations make two groups: "Editors" (who edit every page but publish none) and
"Moderators" (who publish). They become the newsroom's: Wagtail's Editors are renamed
Reporters and its Moderators Editors, so anyone already in them keeps at most the rights they
had; Chief editors is new. Each role's permissions are then set to exactly these, replacing
Wagtail's defaults.

The grants are written out here, not imported, because a migration is history: a later change
to a role is a new migration. (Only the mechanism is shared: ``masthead/newsroom/grants.py``.)
"""

from django.db import migrations

from masthead.newsroom.grants import create_app_permissions

REPORTERS, EDITORS, CHIEF_EDITORS = "Reporters", "Editors", "Chief editors"

# Renamed in this order, so that no two groups ever share a name.
RENAMED = (("Editors", REPORTERS), ("Moderators", EDITORS))

# On the root of the page tree, so every edition's pages, including those made later.
PAGE_PERMISSIONS = {
    # Add: create pages and edit the ones you own. Lock: hold your own page while you edit.
    REPORTERS: ("add_page", "lock_page"),
    EDITORS: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    CHIEF_EDITORS: (
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ),
}

# On the root collection, so every collection of images and documents.
_REPORTERS_MEDIA = ("add_image", "choose_image", "add_document", "choose_document")
_EDITORS_MEDIA = (*_REPORTERS_MEDIA, "change_image", "change_document")
COLLECTION_PERMISSIONS = {
    REPORTERS: _REPORTERS_MEDIA,
    EDITORS: _EDITORS_MEDIA,
    CHIEF_EDITORS: (*_EDITORS_MEDIA, "delete_image", "delete_document"),
}

# Model permissions, as app_label.codename. Reporters may see people and programmes (to credit
# them) but not change them; a programme's hosts are part of the programme.
_REPORTERS_MODELS = (
    "wagtailadmin.access_admin",
    "people.view_person",
    "programmes.view_programme",
)
_EDITORS_MODELS = (
    *_REPORTERS_MODELS,
    "people.add_person",
    "people.change_person",
    "programmes.add_programme",
    "programmes.change_programme",
    "programmes.add_programmehost",
    "programmes.change_programmehost",
    "programmes.delete_programmehost",
)
MODEL_PERMISSIONS = {
    REPORTERS: _REPORTERS_MODELS,
    EDITORS: _EDITORS_MODELS,
    CHIEF_EDITORS: (
        *_EDITORS_MODELS,
        "people.delete_person",
        "programmes.delete_programme",
        # The site settings: the edition and which policy page answers each Trust indicator.
        "editions.change_edition",
        "policies.change_trustpolicies",
        # Deleting pages (masthead.newsroom.roles.DELETE_PAGES).
        "wagtailcore.delete_page",
    ),
}

APPS_WITH_PERMISSIONS = (
    "wagtailcore",
    "wagtailadmin",
    "wagtailimages",
    "wagtaildocs",
    "people",
    "programmes",
    "editions",
    "policies",
)


def set_up_roles(apps, schema_editor) -> None:
    using = schema_editor.connection.alias
    create_app_permissions(apps, using, APPS_WITH_PERMISSIONS)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def permission(app_label: str, codename: str):
        return Permission.objects.using(using).get(
            content_type__app_label=app_label, codename=codename
        )

    groups = Group.objects.using(using)
    for old, new in RENAMED:
        if not groups.filter(name=new).exists():
            groups.filter(name=old).update(name=new)

    root_page = Page.objects.using(using).get(depth=1)
    root_collection = Collection.objects.using(using).get(depth=1)
    for name in (REPORTERS, EDITORS, CHIEF_EDITORS):
        group, _ = groups.get_or_create(name=name)
        group.permissions.set(
            [permission(*label.split(".")) for label in MODEL_PERMISSIONS[group.name]]
        )
        GroupPagePermission.objects.using(using).filter(group=group).delete()
        for codename in PAGE_PERMISSIONS[group.name]:
            GroupPagePermission.objects.using(using).create(
                group=group, page=root_page, permission=permission("wagtailcore", codename)
            )
        GroupCollectionPermission.objects.using(using).filter(group=group).delete()
        for codename in COLLECTION_PERMISSIONS[group.name]:
            app_label = "wagtailimages" if codename.endswith("_image") else "wagtaildocs"
            GroupCollectionPermission.objects.using(using).create(
                group=group,
                collection=root_collection,
                permission=permission(app_label, codename),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("people", "0002_profiles"),
        ("programmes", "0001_initial"),
        ("editions", "0002_ukrainian_locale"),
        ("policies", "0001_initial"),
        ("sections", "0001_initial"),
        ("frontpage", "0002_create_front_page"),
        ("articles", "0006_linked_page_block"),
    ]
    operations = [migrations.RunPython(set_up_roles, migrations.RunPython.noop)]
