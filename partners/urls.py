"""Public endpoints of the partners app that are not Wagtail pages.

Included under "partenaires/" before Wagtail's catch-all: only these paths are taken,
"/partenaires/" itself stays the PartnerIndexPage that Wagtail serves.
"""

from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("devenir-partenaire/", views.enquiry, name="enquiry"),
    path("devenir-partenaire/merci/", views.enquiry_thanks, name="enquiry_thanks"),
]
