"""E-mails about job proposals, queued in the database by django-mailer.

Every message is queued after the transaction that justifies it commits, so a change
that rolls back sends nothing.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _


def staff_address(site=None):
    """The association's address (SiteIdentity.contact_email) of the given or default site."""
    from wagtail.models import Site

    from home.models import SiteIdentity

    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ""
    return SiteIdentity.for_site(site).contact_email


def admin_url(opportunity):
    path = reverse("wagtailsnippets_cv_pages_opportunity:edit", args=[opportunity.pk])
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def _opportunity(pk):
    from .models import Opportunity

    return (
        Opportunity.objects.select_related(
            "cv_page", "cv_page__coach", "contract_type", "department"
        )
        .prefetch_related("business_lines", "regions")
        .get(pk=pk)
    )


def notify_staff_of_new_opportunity(pk, site=None):
    """Tell staff a proposal arrived, with a link to route it in the admin."""
    recipient = staff_address(site)
    if not recipient:
        return
    opportunity = _opportunity(pk)
    with translation.override(settings.LANGUAGE_CODE):
        context = {"opportunity": opportunity, "admin_url": admin_url(opportunity)}
        body = render_to_string("cv_pages/emails/opportunity_new_staff.txt", context)
        subject = _("Nouvelle opportunité : %(job)s chez %(company)s") % {
            "job": opportunity.job_title,
            "company": opportunity.company,
        }
    EmailMessage(subject, body, to=[recipient], reply_to=[opportunity.email]).send()


def send_validated_opportunity(pk):
    """Tell the candidate's coach (candidate in copy) about a proposal staff validated."""
    opportunity = _opportunity(pk)
    cv = opportunity.cv_page
    if cv is None:
        return
    coach_email = cv.coach.email if cv.coach_id and cv.coach.email else ""
    to = [coach_email] if coach_email else []
    cc = [cv.email] if cv.email else []
    if not to:
        to, cc = cc, []
    if not to:
        return
    staff = staff_address()
    with translation.override(settings.LANGUAGE_CODE):
        context = {"opportunity": opportunity, "cv": cv, "coach": cv.coach}
        body = render_to_string("cv_pages/emails/opportunity_validated.txt", context)
        subject = _("Une entreprise propose un poste à %(name)s : %(job)s") % {
            "name": cv.first_name,
            "job": opportunity.job_title,
        }
    EmailMessage(subject, body, to=to, cc=cc, reply_to=[staff] if staff else None).send()
