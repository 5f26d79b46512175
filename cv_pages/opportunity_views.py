"""Public pages where companies propose a job, to one candidate or in general.

The forms carry a CSRF token, so they are never kept by the anonymous page cache.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.core import _get_ip
from django_ratelimit.decorators import ratelimit
from wagtail.models import Site

from .models import CVPage, OpportunityStatusChange
from .opportunity_forms import GeneralOpportunityForm, OpportunityForm
from .opportunity_mail import notify_staff_of_new_opportunity

RATE = "5/10m"
RATE_GROUP = "cv_pages:opportunities"


def hash_ip(request):
    """A keyed hash of the client's address: comparable, not reversible without the key."""
    try:
        ip = _get_ip(request)
    except Exception:  # noqa: BLE001 — a missing address must not lose a proposal
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()


def _handle(request, form_class, template, cv=None):
    limited = getattr(request, "limited", False)
    status = 200
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_spam:
            # Robots get the same answer as people, so they learn nothing from it.
            return redirect("cv_pages:opportunity_thanks")
        if limited:
            # Nothing is saved, but nothing typed is lost either: the form comes back filled.
            status = 429
        elif form.is_valid():
            opportunity = _save(request, form, cv)
            site = Site.find_for_request(request)
            pk = opportunity.pk
            transaction.on_commit(lambda: notify_staff_of_new_opportunity(pk, site))
            return redirect("cv_pages:opportunity_thanks")
    else:
        form = form_class()
    context = {"form": form, "cv": cv, "rate_limited": limited and request.method == "POST"}
    return TemplateResponse(request, template, context, status=status)


@transaction.atomic
def _save(request, form, cv):
    opportunity = form.save(commit=False)
    opportunity.cv_page = cv
    opportunity.source_ip_hash = hash_ip(request)
    opportunity.save()
    form.save_m2m()
    OpportunityStatusChange.objects.create(
        opportunity=opportunity,
        to_status=opportunity.status,
        note=_("Reçue par le formulaire du site."),
    )
    return opportunity


@never_cache
@ratelimit(group=RATE_GROUP, key="ip", rate=RATE, method="POST", block=False)
def propose_to_candidate(request, cv_id):
    """Propose a job to the candidate of one CV (a public one only)."""
    cv = get_object_or_404(
        CVPage.objects.public().prefetch_related("career_path__business_line"),
        pk=cv_id,
    )
    return _handle(request, OpportunityForm, "cv_pages/opportunities/propose.html", cv=cv)


@never_cache
@ratelimit(group=RATE_GROUP, key="ip", rate=RATE, method="POST", block=False)
def propose_in_general(request):
    """Propose a job for the programme's candidates of some business lines and regions."""
    return _handle(request, GeneralOpportunityForm, "cv_pages/opportunities/propose.html")


def thanks(request):
    """The recruiter's acknowledgement, after the redirect that follows a proposal."""
    return TemplateResponse(request, "cv_pages/opportunities/thanks.html", {})
