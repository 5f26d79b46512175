"""The donor space (/espace-donateur/): a signed-in donor's gifts, receipts and settings.

A user sees only the donors attached to their account (see donations.signals: attached by
verified e-mail); receipts download through donations.views.receipt_pdf. Every page is
personal, so none is ever cached, and every change is a
POST protected by CSRF.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import gateway
from . import receipts as receipts_module
from .account_forms import DonorDetailsForm, WallSettingsForm
from .models import (
    Donation,
    DonationFrequency,
    Payment,
    PaymentStatus,
    Receipt,
    ReceiptSettings,
)

logger = logging.getLogger(__name__)


def donor_view(view):
    """Signed-in users only, never cached (personal data and CSRF tokens)."""
    return never_cache(login_required(view))


def _own_donor(request, donor_id):
    return get_object_or_404(request.user.donors.select_related("logo"), pk=donor_id)


def summary_years_by_donor(user):
    """{donor id: [years]} in which the donor's monthly giving has succeeded payments."""
    rows = (
        Payment.objects.filter(
            donation__donor__user=user,
            donation__frequency=DonationFrequency.MONTHLY,
            status=PaymentStatus.SUCCEEDED,
            paid_at__isnull=False,
        )
        .annotate(year=ExtractYear("paid_at"))
        .values_list("donation__donor_id", "year")
        .distinct()
    )
    years = {}
    for donor_id, year in rows:
        years.setdefault(donor_id, []).append(year)
    return {donor_id: sorted(values, reverse=True) for donor_id, values in years.items()}


@donor_view
def dashboard(request):
    user = request.user
    donors = list(user.donors.select_related("logo").order_by("created_at"))
    receipts_queryset = Receipt.objects.select_related("duplicate_of").order_by("-issued_at")
    payments = (
        Payment.objects.with_net()
        .prefetch_related("refunds", Prefetch("receipts", queryset=receipts_queryset))
        .order_by("-paid_at", "-created_at")
    )
    donations = (
        Donation.objects.filter(donor__user=user)
        .select_related("donor", "campaign")
        .prefetch_related(Prefetch("payments", queryset=payments))
        .order_by("-created_at")
    )
    receipts = list(
        Receipt.objects.filter(donor__user=user)
        .select_related("duplicate_of")
        .order_by("-issued_at", "-sequence")
    )
    years = summary_years_by_donor(user)
    monthly_donor_ids = {donation.donor_id for donation in donations if donation.is_monthly}
    for donor in donors:
        donor.summary_years = years.get(donor.pk, [])
        donor.has_monthly = donor.pk in monthly_donor_ids
    return render(
        request,
        "donations/donor_space/dashboard.html",
        {
            "donors": donors,
            "donations": donations,
            "receipts": receipts,
        },
    )


@donor_view
def edit_details(request, donor_id):
    donor = _own_donor(request, donor_id)
    if request.method == "POST":
        form = DonorDetailsForm(request.POST, instance=donor)
        if form.is_valid():
            form.save()
            messages.success(
                request,
                _(
                    "Vos coordonnées sont enregistrées. Elles figureront sur vos prochains "
                    "reçus ; les reçus déjà émis ne changent pas."
                ),
            )
            return redirect("donations:donor_space")
    else:
        form = DonorDetailsForm(instance=donor)
    return render(request, "donations/donor_space/details.html", {"donor": donor, "form": form})


@donor_view
def edit_wall(request, donor_id):
    donor = _own_donor(request, donor_id)
    if request.method == "POST":
        form = WallSettingsForm(request.POST, request.FILES, instance=donor)
        if form.is_valid():
            donor = form.save()
            if donor.show_on_wall and not donor.wall_approved:
                text = _(
                    "Vos préférences sont enregistrées. L'équipe vérifie votre nom et votre "
                    "logo avant leur publication sur le mur des soutiens."
                )
            else:
                text = _("Vos préférences pour le mur des soutiens sont enregistrées.")
            messages.success(request, text)
            return redirect("donations:donor_space")
    else:
        form = WallSettingsForm(instance=donor)
    return render(request, "donations/donor_space/wall.html", {"donor": donor, "form": form})


@never_cache
@login_required
@require_POST
def billing_portal(request, donor_id):
    """Open Stripe's Billing Portal, where a monthly donor changes or stops their giving."""
    donor = _own_donor(request, donor_id)
    if not donor.stripe_customer_id:
        messages.error(
            request,
            _("Aucun don mensuel n'est associé à ce profil : rien à gérer pour le moment."),
        )
        return redirect("donations:donor_space")
    return_url = request.build_absolute_uri(reverse("donations:donor_space"))
    try:
        url = gateway.create_billing_portal_session(donor.stripe_customer_id, return_url=return_url)
    except Exception:
        logger.exception("Billing portal session failed for donor %s", donor.pk)
        messages.error(
            request,
            _(
                "Le service de gestion des dons mensuels ne répond pas. Réessayez dans "
                "quelques minutes."
            ),
        )
        return redirect("donations:donor_space")
    return redirect(url)


@never_cache
@login_required
@require_POST
def yearly_summary(request, donor_id):
    """Ask for the yearly summary receipt of a monthly donor's payments in one year."""
    donor = _own_donor(request, donor_id)
    allowed_years = summary_years_by_donor(request.user).get(donor.pk, [])
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = None
    if year not in allowed_years or year > timezone.localdate().year:
        messages.error(
            request,
            _("Aucun don mensuel réussi cette année-là : pas de reçu récapitulatif possible."),
        )
        return redirect("donations:donor_space")
    try:
        receipt = receipts_module.issue_yearly_summary(donor, year)
    except Exception:
        logger.exception("Yearly summary failed for donor %s, year %s", donor.pk, year)
        messages.error(
            request,
            _("Le reçu récapitulatif n'a pas pu être établi. L'équipe a été prévenue."),
        )
        return redirect("donations:donor_space")
    if receipt is None and not ReceiptSettings.current().eligible_for(donor.kind):
        logger.warning("Yearly summary asked by donor %s: association not eligible", donor.pk)
        messages.error(
            request,
            _("Le reçu récapitulatif n'a pas pu être établi. L'équipe a été prévenue."),
        )
        return redirect("donations:donor_space")
    if receipt is None:
        messages.info(
            request,
            _(
                "Tous vos versements mensuels de %(year)s ont déjà leur reçu fiscal : aucun "
                "nouveau reçu n'est nécessaire. Vous les trouverez dans la liste ci-dessous."
            )
            % {"year": year},
        )
        return redirect("donations:donor_space")
    messages.success(
        request,
        _(
            "Votre reçu récapitulatif %(year)s est établi : il figure dans la liste de "
            "vos reçus ci-dessous."
        )
        % {"year": year},
    )
    return redirect("donations:donor_space")
