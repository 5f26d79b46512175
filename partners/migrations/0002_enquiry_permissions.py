"""Lets Editors and Moderators follow up partnership enquiries and manage partners.

- enquiries: Editors view and change them (move their status), Moderators may also delete;
  nobody adds one in the admin (they come from the public form);
- partners and their tiers: Editors and Moderators add, change, delete;
- the supporters wall's settings: Editors and Moderators change them.
Finance keeps only the donations it already has; coaches get nothing here.
"""

from django.db import migrations

GROUP_PERMISSIONS = {
    "Editors": {
        "partnershipenquiry": ("change", "view"),
        "partner": ("add", "change", "delete", "view"),
        "partnertier": ("add", "change", "delete", "view"),
        "supporterswallsettings": ("change",),
    },
    "Moderators": {
        "partnershipenquiry": ("change", "delete", "view"),
        "partner": ("add", "change", "delete", "view"),
        "partnertier": ("add", "change", "delete", "view"),
        "supporterswallsettings": ("change",),
    },
}


def permission(apps, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="partners", model=model)
    found, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )
    return found


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group_name, models in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for model, actions in models.items():
            for action in actions:
                group.permissions.add(permission(apps, model, f"{action}_{model}"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, models in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for model, actions in models.items():
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="partners",
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        # The groups: Coachs, Editors and Moderators (cv_pages), Finance (donations).
        ("cv_pages", "0008_opportunity_permissions"),
        ("donations", "0002_finance_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
