"""Lets Editors and Moderators route job proposals; coaches get no access to them."""

from django.db import migrations

GROUP_ACTIONS = {
    "Editors": ("add", "change", "view"),
    "Moderators": ("add", "change", "delete", "view"),
}


def permission(apps, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="cv_pages", model="opportunity")
    found, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )
    return found


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group_name, actions in GROUP_ACTIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for action in actions:
            group.permissions.add(permission(apps, f"{action}_opportunity"))


class Migration(migrations.Migration):
    dependencies = [
        ("cv_pages", "0007_share_report_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
