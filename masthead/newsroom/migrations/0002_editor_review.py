"""The "Editor review" workflow: one task, approved by Editors or Chief editors, on the root of
the page tree, so every page goes through it, including every page made after this migration
(Wagtail finds a page's workflow on its nearest ancestor that has one).

Wagtail's own migrations make a "Moderators approval" workflow for the group that is now
Editors; it becomes Editor review, so a fresh install has exactly one workflow.
"""

from django.db import migrations

WORKFLOW = "Editor review"
TASK = "Editor review"
REVIEWERS = ("Editors", "Chief editors")
WAGTAIL_DEFAULT = "Moderators approval"


def set_up_review(apps, schema_editor) -> None:
    using = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    tasks = GroupApprovalTask.objects.using(using)
    task = tasks.filter(name=TASK).first() or tasks.filter(name=WAGTAIL_DEFAULT).first()
    if task is None:
        content_type, _ = ContentType.objects.using(using).get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = tasks.create(name=TASK, content_type=content_type, active=True)
    task.name, task.active = TASK, True
    task.save()
    task.groups.set(Group.objects.using(using).filter(name__in=REVIEWERS))

    workflows = Workflow.objects.using(using)
    workflow = workflows.filter(name=WORKFLOW).first() or workflows.filter(
        name=WAGTAIL_DEFAULT
    ).first()
    if workflow is None:
        workflow = workflows.create(name=WORKFLOW, active=True)
    workflow.name, workflow.active = WORKFLOW, True
    workflow.save()
    WorkflowTask.objects.using(using).filter(workflow=workflow).delete()
    WorkflowTask.objects.using(using).create(workflow=workflow, task_id=task.pk, sort_order=0)

    root = Page.objects.using(using).get(depth=1)
    WorkflowPage.objects.using(using).update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0001_roles")]
    operations = [migrations.RunPython(set_up_review, migrations.RunPython.noop)]
