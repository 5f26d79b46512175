"""Giving: the donation page's form handling, the return page, receipt downloads."""

import datetime
import logging
import uuid

from django.contrib.auth.views import redirect_to_login
from django.core.files.images import ImageFile
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.core import is_ratelimited

from . import gateway
from .forms import DonationForm
from .models import Donation, DonationStatus, Donor, DonorKind, Receipt

logger = logging.getLogger(__name__)

DONATION_RATE = "10/10m"  # form posts per address: enough for typos, not for card testing
LOGO_COLLECTION = "Logos donateurs"
REUSE_WINDOW = datetime.timedelta(hours=1)


def online_giving_configured():
    return bool(gateway.is_configured())


def serve_donation_page(page, request):
    """GET shows the form; a valid POST records the donation and goes to Stripe Checkout."""
    configured = online_giving_configured()
    status = 200
    message = None
    if request.method == "POST":
        form = DonationForm(request.POST, request.FILES, page=page)
        if is_ratelimited(
            request, group="donations.donate", key="ip", rate=DONATION_RATE, method="POST",
            increment=True,
        ):  # fmt: skip
            status = 429
            message = _(
                "Vous avez envoyé ce formulaire trop souvent en peu de temps. Vos informations "
                "sont conservées ci-dessous : réessayez dans quelques minutes."
            )
        elif not configured:
            status = 503
            message = _("Le don en ligne n'est pas encore configuré sur ce site.")
        elif form.is_valid():
            donation = record_donation(page, form)
            success_url = (
                request.build_absolute_uri(reverse("donations:thanks", args=[donation.public_id]))
                + "?session_id={CHECKOUT_SESSION_ID}"
            )
            try:
                checkout_url = gateway.create_checkout_session(
                    donation, success_url=success_url, cancel_url=page.get_full_url(request)
                )
            except gateway.GatewayError as error:
                logger.warning("Checkout session failed for donation %s: %s", donation.pk, error)
                # A fresh key: the next attempt must not replay the failed request.
                form.data = form.data.copy()
                form.data["submission_key"] = str(uuid.uuid4())
                status = 502
                message = getattr(error, "user_message", None) or _(
                    "Le paiement n'a pas pu démarrer. Rien n'a été prélevé et vos informations "
                    "sont conservées : réessayez dans un instant."
                )
            else:
                response = HttpResponseRedirect(checkout_url)
                response.status_code = 303
                add_never_cache_headers(response)
                return response
    else:
        form = DonationForm(page=page, initial={"submission_key": uuid.uuid4()})
    context = page.get_context(request)
    context.update(
        form=form,
        configured=configured,
        form_message=message,
        progress=page.progress(),
        tax_hint=form.tax_hint(),
    )
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    add_never_cache_headers(response)
    if status == 429:
        response["Retry-After"] = "600"
    return response


def record_donation(page, form):
    """The Donor and the pending Donation, created together (or the same donation again)."""
    data = form.cleaned_data
    values = form.donor_values()
    key = data.get("submission_key")
    if key:
        # The same form sent twice (double click, back and resend): same donation, same
        # Stripe idempotency key, so Stripe answers with the same Checkout Session.
        existing = (
            Donation.objects.filter(
                idempotency_key=key,
                status=DonationStatus.PENDING,
                amount_cents=data["amount_cents"],
                frequency=data["frequency"],
                donor__email=values["email"],
                created_at__gte=timezone.now() - REUSE_WINDOW,
            )
            .select_related("donor")
            .first()
        )
        if existing is not None:
            return existing
    with transaction.atomic():
        donor = Donor.objects.create(**values)
        if data.get("logo"):
            donor.logo = store_logo(data["logo"], donor)
            donor.save(update_fields=["logo"])
        donation = Donation.objects.create(
            donor=donor,
            amount_cents=data["amount_cents"],
            frequency=data["frequency"],
            page=page,
            campaign_id=page.campaign_id,
            **({"idempotency_key": key} if key else {}),
        )
    return donation


def store_logo(upload, donor):
    """Keep the company's logo in the media library, for the team to check before the wall."""
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=LOGO_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=LOGO_COLLECTION)
    image_model = get_image_model()
    image = image_model(title=donor.display_name or donor.legal_name, collection=collection)
    upload.seek(0)
    image.file = ImageFile(upload, name=upload.name)
    image.save()
    return image


# -- Return page -----------------------------------------------------------------

STATE_PENDING, STATE_CONFIRMED, STATE_FAILED, STATE_STOPPED = (
    "pending", "confirmed", "failed", "stopped",
)  # fmt: skip
STATES = {
    DonationStatus.PENDING: STATE_PENDING,
    DonationStatus.CONFIRMED: STATE_CONFIRMED,
    DonationStatus.ACTIVE: STATE_CONFIRMED,
    DonationStatus.PAST_DUE: STATE_FAILED,
    DonationStatus.FAILED: STATE_FAILED,
    DonationStatus.EXPIRED: STATE_FAILED,
    DonationStatus.CANCELED: STATE_STOPPED,
}


@never_cache
def thanks(request, public_id):
    """After Checkout: the donation's state as our records have it, never as the URL says.

    The page is found by the donation's random public id; the session_id Stripe adds is
    only checked against the one we stored. Only the amount and a first name or company
    name are shown.
    """
    donation = get_object_or_404(
        Donation.objects.select_related("donor", "page"), public_id=public_id
    )
    session_id = request.GET.get("session_id", "")
    if (
        session_id
        and donation.stripe_checkout_session_id
        and session_id != donation.stripe_checkout_session_id
    ):
        raise Http404
    donor = donation.donor
    page = donation.page.specific if donation.page_id else None
    context = {
        "donation": donation,
        "state": STATES.get(donation.status, STATE_PENDING),
        "greeting_name": donor.legal_name if donor.kind == DonorKind.COMPANY else donor.first_name,
        "donation_page": page,
        "page": page,
        "poll_url": request.get_full_path(),
    }
    response = TemplateResponse(request, "donations/thanks.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


# -- Receipt download --------------------------------------------------------------


@never_cache
def receipt_pdf(request, number):
    """A receipt's PDF, for the donor who owns it or a finance staff member."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    receipt = Receipt.objects.select_related("donor").filter(number=number).first()
    allowed = receipt is not None and (
        receipt.donor.user_id == request.user.pk or request.user.has_perm("donations.view_receipt")
    )
    if not allowed:
        raise Http404
    filename = f"recu-fiscal-{receipt.number}.pdf"
    if receipt.is_cancelled or not receipt.pdf:
        # A cancelled receipt is stamped on the fly; the stored original stays untouched.
        from .receipt_pdf import render_receipt

        response = HttpResponse(render_receipt(receipt), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response = FileResponse(
            receipt.pdf.open("rb"),
            as_attachment=True,
            filename=filename,
            content_type="application/pdf",
        )
    patch_cache_control(response, private=True)
    return response
