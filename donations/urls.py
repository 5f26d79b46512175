"""Donation endpoints that are not Wagtail pages: Stripe webhook, return page, donor space."""

from django.urls import path  # noqa: F401

app_name = "donations"

urlpatterns = []
