"""Donation endpoints that are not Wagtail pages: Stripe webhook, return page, donor space."""

from django.urls import path

from . import donor_space, views, webhooks

app_name = "donations"

urlpatterns = [
    path("stripe/webhook/", webhooks.stripe_webhook, name="stripe_webhook"),
    path("don/merci/<uuid:public_id>/", views.thanks, name="thanks"),
    path("espace-donateur/recus/<str:number>.pdf", views.receipt_pdf, name="receipt_pdf"),
]

# Donor space (signed-in donors; donations.donor_space)
urlpatterns += [
    path("espace-donateur/", donor_space.dashboard, name="donor_space"),
    path(
        "espace-donateur/profil/<int:donor_id>/coordonnees/",
        donor_space.edit_details,
        name="donor_details",
    ),
    path("espace-donateur/profil/<int:donor_id>/mur/", donor_space.edit_wall, name="donor_wall"),
    path(
        "espace-donateur/profil/<int:donor_id>/dons-mensuels/",
        donor_space.billing_portal,
        name="donor_billing_portal",
    ),
    path(
        "espace-donateur/profil/<int:donor_id>/recu-annuel/",
        donor_space.yearly_summary,
        name="donor_yearly_summary",
    ),
]
