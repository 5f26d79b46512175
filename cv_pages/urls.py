"""Public endpoints of the CV pages that are not Wagtail pages."""

from django.urls import path  # noqa: F401

app_name = "cv_pages"

urlpatterns = []
