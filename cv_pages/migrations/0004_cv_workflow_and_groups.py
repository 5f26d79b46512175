"""Creates the CV publication workflow and least-privilege groups.

- "Coachs": may write CVs and submit them; they approve the first step ("Relecture coach").
- Wagtail's "Editors": all content, no publishing; manage cohorts and coaches.
- Wagtail's "Moderators": publish; approve the second step ("Validation équipe");
  manage all the programme's reference data and the site identity.
"""

from django.db import migrations

WORKFLOW_NAME = "Publication d'un CV"
COACHES = "Coachs"
EDITORS = "Editors"
MODERATORS = "Moderators"

EDITOR_SNIPPETS = {"cohort": ("add", "change", "view"), "coach": ("add", "change", "view")}
MODERATOR_SNIPPETS = {
    model: ("add", "change", "delete", "view")
    for model in ("cohort", "coach", "businessline", "contracttype", "region", "department")
}


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )
    return found


def create_workflow_and_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    CVIndexPage = apps.get_model("cv_pages", "CVIndexPage")

    coaches, _ = Group.objects.get_or_create(name=COACHES)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)

    coaches.permissions.add(permission(apps, "wagtailadmin", "admin", "access_admin"))
    for model, actions in EDITOR_SNIPPETS.items():
        for action in actions:
            editors.permissions.add(permission(apps, "cv_pages", model, f"{action}_{model}"))
    for model, actions in MODERATOR_SNIPPETS.items():
        for action in actions:
            moderators.permissions.add(permission(apps, "cv_pages", model, f"{action}_{model}"))
    moderators.permissions.add(permission(apps, "home", "siteidentity", "change_siteidentity"))

    # Coaches upload and choose portraits; nothing else in the media library.
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for codename in ("add_image", "choose_image"):
            GroupCollectionPermission.objects.get_or_create(
                group=coaches,
                collection=root_collection,
                permission=permission(apps, "home", "siteimage", codename),
            )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    review, _ = GroupApprovalTask.objects.get_or_create(
        name="Relecture coach", defaults={"content_type": task_type, "active": True}
    )
    review.groups.set([coaches])
    validation, _ = GroupApprovalTask.objects.get_or_create(
        name="Validation équipe", defaults={"content_type": task_type, "active": True}
    )
    validation.groups.set([moderators])

    workflow, created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=review, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=validation, sort_order=1)

    # Listing pages that already exist get the workflow now; new ones get it on creation.
    for index_page in CVIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(page_id=index_page.pk, defaults={"workflow": workflow})
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.get_or_create(
                group=coaches,
                page_id=index_page.pk,
                permission=permission(apps, "wagtailcore", "page", codename),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("cv_pages", "0003_seed_reference_data"),
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_workflow_and_groups, migrations.RunPython.noop)]
