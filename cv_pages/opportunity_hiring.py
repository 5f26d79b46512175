"""A proposal ends in a hire: the candidate's CV says so, and the live counters follow."""

from django.db import transaction

from home.page_cache import bump_version

from .stats import invalidate_counters


def mark_candidate_employed(cv_page_id, *, user=None):
    """Set the CV to "a retrouvé un emploi" through a published revision.

    When a draft is waiting (for instance in the coach's review), publishing would put
    unreviewed text online: the draft is then amended, and the live page is updated in
    place, so that neither loses the new status.
    """
    from .models import CVPage, EmploymentStatus

    cv = CVPage.objects.get(pk=cv_page_id)
    if cv.employment_status == EmploymentStatus.EMPLOYED and not cv.employed_until:
        return cv
    if cv.live and not cv.has_unpublished_changes:
        cv.employment_status = EmploymentStatus.EMPLOYED
        cv.employed_until = None
        revision = cv.save_revision(user=user, log_action=True)
        # Who may route proposals decides on the hire; the publish right on pages is
        # another matter (editors have none), hence the skipped page permission check.
        revision.publish(user=user, skip_permission_checks=True)
    else:
        draft = cv.get_latest_revision_as_object()
        draft.employment_status = EmploymentStatus.EMPLOYED
        draft.employed_until = None
        draft.save_revision(user=user, log_action=True)
        CVPage.objects.filter(pk=cv.pk).update(
            employment_status=EmploymentStatus.EMPLOYED, employed_until=None
        )
        # A queryset update sends no signal: forget the cached figures and pages here.
        invalidate_counters()
        transaction.on_commit(bump_version)
    return CVPage.objects.get(pk=cv.pk)
