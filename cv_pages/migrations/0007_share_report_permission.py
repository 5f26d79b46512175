"""Lets Moderators and Editors read the share report, and Moderators edit the share text."""

from django.db import migrations

GROUP_PERMISSIONS = {
    "Moderators": [
        ("cvsharedaily", "view_share_report"),
        ("sharingsettings", "change_sharingsettings"),
    ],
    "Editors": [("cvsharedaily", "view_share_report")],
}


def permission(apps, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="cv_pages", model=model)
    found, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )
    return found


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group_name, permissions in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for model, codename in permissions:
            group.permissions.add(permission(apps, model, codename))


class Migration(migrations.Migration):
    dependencies = [
        ("cv_pages", "0006_sharing_opportunities_share_images"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
