"""The CV publication workflow: the coach reviews, then staff validate and publish.

The workflow and the groups are created by a data migration; every CV listing page
gets the workflow and the coaches' editing rights when it is created.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

WORKFLOW_NAME = "Publication d'un CV"
COACH_REVIEW_TASK = "Relecture coach"
STAFF_VALIDATION_TASK = "Validation équipe"
COACHES_GROUP = "Coachs"
MODERATORS_GROUP = "Moderators"
COACH_PAGE_PERMISSIONS = ("add_page", "change_page")


def assign_cv_workflow(index_page):
    """Attach the CV workflow to a listing page and let coaches write CVs under it."""
    from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=index_page, defaults={"workflow": workflow})
    coaches = Group.objects.filter(name=COACHES_GROUP).first()
    if coaches is not None:
        page_type = ContentType.objects.get_for_model(Page)
        for codename in COACH_PAGE_PERMISSIONS:
            permission = Permission.objects.get(content_type=page_type, codename=codename)
            GroupPagePermission.objects.get_or_create(
                group=coaches, page=index_page, permission=permission
            )
