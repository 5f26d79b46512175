"""Live figures of the programme."""

from django.core.cache import cache
from django.db.models import Count, Q

COUNTERS_CACHE_KEY = "cv_pages:live_counters:v1"


def live_counters():
    """Published CVs and candidates back in work (recomputed whenever a CV changes), and
    shares of CVs (at most a minute old)."""
    figures = cache.get(COUNTERS_CACHE_KEY)
    if figures is None:
        from .models import CVPage, EmploymentStatus

        figures = CVPage.objects.live().aggregate(
            published=Count("pk", filter=~Q(employment_status=EmploymentStatus.HIDDEN)),
            employed=Count("pk", filter=Q(employment_status=EmploymentStatus.EMPLOYED)),
        )
        cache.set(COUNTERS_CACHE_KEY, figures, 60 * 10)
    from .sharing import total_shares

    # Shares move all day long: their total has its own one-minute cache rather than
    # emptying this one on every share.
    return {**figures, "shared": total_shares()}


def invalidate_counters(**kwargs):
    cache.delete(COUNTERS_CACHE_KEY)
