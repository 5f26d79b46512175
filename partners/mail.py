"""E-mails about partnership enquiries, queued in the database by django-mailer.

They go to the same address as new job proposals (the site identity's contact e-mail),
after the transaction that stored the enquiry commits.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from cv_pages.opportunity_mail import staff_address


def admin_url(enquiry):
    path = reverse("wagtailsnippets_partners_partnershipenquiry:edit", args=[enquiry.pk])
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def notify_staff_of_new_enquiry(pk, site=None):
    """Tell staff an organisation offers to become a partner, with a link to follow it up."""
    from .models import PartnershipEnquiry

    recipient = staff_address(site)
    if not recipient:
        return
    enquiry = PartnershipEnquiry.objects.get(pk=pk)
    with translation.override(settings.LANGUAGE_CODE):
        context = {"enquiry": enquiry, "admin_url": admin_url(enquiry)}
        body = render_to_string("partners/emails/enquiry_new_staff.txt", context)
        subject = _("Demande de partenariat : %(organisation)s") % {
            "organisation": enquiry.organisation
        }
    EmailMessage(subject, body, to=[recipient], reply_to=[enquiry.email]).send()
