"""Public endpoints of the CV pages that are not Wagtail pages."""

from django.urls import path

from . import sharing

app_name = "cv_pages"

urlpatterns = [
    path("partages/", sharing.share_view, name="share"),
    path("vues/", sharing.view_view, name="view"),
]

from . import opportunity_views  # noqa: E402

urlpatterns += [
    path(
        "opportunites/proposer/",
        opportunity_views.propose_in_general,
        name="opportunity_general",
    ),
    path(
        "opportunites/proposer/<int:cv_id>/",
        opportunity_views.propose_to_candidate,
        name="opportunity_for_cv",
    ),
    path("opportunites/merci/", opportunity_views.thanks, name="opportunity_thanks"),
]
