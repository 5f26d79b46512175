"""A company's gift, end to end in Chromium: form → Stripe Checkout → webhook → receipt.

Only Stripe's hosted Checkout page is simulated (the browser never leaves the machine);
the completion event is signed exactly as Stripe signs it and posted over HTTP to the
live server's webhook, which records the payment and issues the receipt. The donor then
signs up with the e-mail of the gift, confirms it from the message in the outbox, and
downloads the receipt from the donor space. The browser set-up is in
tests/browser_support.py.
"""

import re
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from donations.tests.helpers import pdf_text
from tests.browser_support import BROWSER_MARKS

CHECKOUT_URL = "https://checkout.stripe.com/c/pay/cs_test_navigateur"
PASSWORD = "Un-mot-de-passe-solide-42"

pytestmark = BROWSER_MARKS


@pytest.fixture
def stripe_checkout(monkeypatch, settings):
    """The gateway as configured; the Checkout Session is the only thing simulated.

    The live server runs in this process, so patching the gateway module reaches it.
    """
    from donations import gateway
    from donations.tests.stripe_payloads import SECRET

    settings.STRIPE_SECRET_KEY = "sk_test_navigateur"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_navigateur"
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    sessions = []

    def create_checkout_session(donation, *, success_url, cancel_url):
        donation.stripe_checkout_session_id = "cs_test_navigateur"
        donation.save(update_fields=["stripe_checkout_session_id"])
        sessions.append({"donation": donation.pk, "success_url": success_url})
        return CHECKOUT_URL

    monkeypatch.setattr(gateway, "create_checkout_session", create_checkout_session)
    return sessions


def post_signed_event(base_url, payload):
    from donations.tests.stripe_payloads import encode, signature_header

    body = encode(payload)
    request = urllib.request.Request(  # noqa: S310 - the live test server
        f"{base_url}/stripe/webhook/",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Stripe-Signature": signature_header(body)},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - live server
        return response.status


def test_company_gives_then_downloads_its_receipt_from_the_donor_space(
    page,
    console_errors,
    site_on_live_server,
    donation_page,
    receipt_settings,
    stripe_checkout,
):
    from django.core import mail
    from mailer.engine import send_all

    from donations.models import Donation, DonationStatus, Payment, Receipt
    from donations.tests.stripe_payloads import checkout_session, event

    base_url = site_on_live_server
    checkout_requests = []

    def fake_checkout(route):
        checkout_requests.append(route.request.url)
        route.fulfill(
            status=200,
            content_type="text/html",
            body="<!DOCTYPE html><title>Stripe Checkout</title><h1>Paiement simulé</h1>",
        )

    page.route("https://checkout.stripe.com/**", fake_checkout)

    # 1. The company fills the donation form.
    page.goto(f"{base_url}/don/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Faire un don")
    page.locator('input[name="amount_choice"][value="150"]').check()
    page.locator('input[name="frequency"][value="once"]').check()
    page.locator('input[name="donor_kind"][value="company"]').check()
    page.locator('input[name="legal_name"]').fill("Menuiserie Lefèvre")
    page.locator('select[name="legal_form"]').select_option("SARL")
    page.locator('input[name="siret"]').fill("732 829 320 00074")
    page.locator('input[name="contact_name"]').fill("Hélène Lefèvre")
    page.locator('input[name="address_line1"]').fill("8 chemin des Ateliers")
    page.locator('input[name="postal_code"]').fill("44000")
    page.locator('input[name="city"]').fill("Nantes")
    page.locator('input[name="email"]').fill("compta@menuiserie-lefevre.example")
    page.get_by_role("button", name="Continuer vers le paiement sécurisé").click()

    # 2. It is sent to the Checkout URL the gateway returned.
    # The page's CSP form-action must let the browser follow the redirect to Stripe.
    page.wait_for_url(CHECKOUT_URL)
    assert checkout_requests == [CHECKOUT_URL]
    donation = Donation.objects.select_related("donor").get()
    assert donation.donor.legal_name == "Menuiserie Lefèvre"
    assert donation.donor.siret == "73282932000074"
    assert donation.amount_cents == 15_000
    assert donation.status == DonationStatus.PENDING
    assert stripe_checkout[0]["donation"] == donation.pk

    # 3. Stripe reports the completed Checkout: a signed event to the webhook.
    session = checkout_session(
        donation, payment_intent="pi_test_navigateur", customer="cus_test_navigateur"
    )
    assert post_signed_event(base_url, event("checkout.session.completed", session)) == 200
    donation.refresh_from_db()
    assert donation.status == DonationStatus.CONFIRMED
    payment = Payment.objects.get(donation=donation)
    receipt = Receipt.objects.get(payment=payment)
    assert receipt.donor_name == "Menuiserie Lefèvre"

    # 4. The donor signs up with the gift's e-mail and confirms it.
    page.goto(f"{base_url}/compte/signup/")
    page.locator('input[name="email"]').fill("compta@menuiserie-lefevre.example")
    page.locator('input[name="password1"]').fill(PASSWORD)
    page.locator('input[name="password2"]').fill(PASSWORD)
    page.locator("form.account-form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vérifiez")
    send_all()
    confirmation = next(message for message in mail.outbox if "confirm-email" in message.body)
    link = re.search(r"https?://\S+/compte/confirm-email/\S+/", confirmation.body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirmer").click()

    # 5. Signed in, the donor finds the gift and downloads its receipt.
    page.wait_for_url(f"{base_url}/espace-donateur/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace donateur")
    expect(page.locator(".donation-card")).to_contain_text("Menuiserie Lefèvre")
    expect(page.locator(".donation-card")).to_contain_text("150,00")
    link = page.get_by_role("link", name=f"Télécharger le reçu {receipt.number} (PDF)")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == f"recu-fiscal-{receipt.number}.pdf"
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF")
    assert "MenuiserieLefèvre" in pdf_text(content)

    assert console_errors == []
