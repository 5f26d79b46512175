"""The public "Devenir partenaire" form and its thank-you page.

The form carries a CSRF token, so it is never kept by the anonymous page cache
(never_cache makes the page cache skip it, as for the job proposal forms).
"""

from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit
from wagtail.models import Site

from cv_pages.opportunity_views import hash_ip

from .forms import PartnershipEnquiryForm
from .mail import notify_staff_of_new_enquiry
from .models import PartnerIndexPage, PartnershipEnquiryStatusChange

RATE = "5/10m"
RATE_GROUP = "partners:enquiries"


def _partner_index_page():
    return PartnerIndexPage.objects.live().first()


@transaction.atomic
def _save(request, form):
    enquiry = form.save(commit=False)
    enquiry.source_ip_hash = hash_ip(request)
    enquiry.save()
    PartnershipEnquiryStatusChange.objects.create(
        enquiry=enquiry, to_status=enquiry.status, note=_("Reçue par le formulaire du site.")
    )
    return enquiry


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(group=RATE_GROUP, key="ip", rate=RATE, method="POST", block=False)
def enquiry(request):
    """An organisation offers to fund, hire or lend skills; staff are told at once."""
    limited = getattr(request, "limited", False)
    status = 200
    if request.method == "POST":
        form = PartnershipEnquiryForm(request.POST)
        if form.is_spam:
            # Robots get the same answer as people, so they learn nothing from it.
            return redirect("partners:enquiry_thanks")
        if limited:
            # Nothing is saved, but nothing typed is lost either: the form comes back filled.
            status = 429
        elif form.is_valid():
            saved = _save(request, form)
            site = Site.find_for_request(request)
            pk = saved.pk
            transaction.on_commit(lambda: notify_staff_of_new_enquiry(pk, site))
            return redirect("partners:enquiry_thanks")
    else:
        form = PartnershipEnquiryForm()
    context = {
        "form": form,
        "index_page": _partner_index_page(),
        "rate_limited": limited and request.method == "POST",
    }
    return TemplateResponse(request, "partners/enquiry.html", context, status=status)


def enquiry_thanks(request):
    """The acknowledgement, after the redirect that follows an enquiry."""
    return TemplateResponse(
        request, "partners/enquiry_thanks.html", {"index_page": _partner_index_page()}
    )
