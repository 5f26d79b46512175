"""Creates the "Finance" group: the only staff (besides superusers) who see the donations.

Finance reads the ledger (donors, donations, payments, refunds, disputes, receipts) and
approves donors' names and logos for the supporters wall; the ledger itself is written
by Stripe's webhooks only. Editors, Moderators and Coachs get nothing here.
"""

from django.db import migrations

FINANCE = "Finance"
VIEW_MODELS = ("donor", "donation", "payment", "refund", "dispute", "receipt")


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


def create_finance_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    finance, _ = Group.objects.get_or_create(name=FINANCE)
    finance.permissions.add(permission(apps, "wagtailadmin", "admin", "access_admin"))
    for model in VIEW_MODELS:
        finance.permissions.add(permission(apps, "donations", model, f"view_{model}"))
    # Approving a donor's display name and logo for the wall.
    finance.permissions.add(permission(apps, "donations", "donor", "change_donor"))


def remove_finance_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=FINANCE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("donations", "0001_ledger_and_receipts"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_finance_group, remove_finance_group)]
