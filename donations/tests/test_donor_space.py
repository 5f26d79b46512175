"""The donor space: accounts (allauth, in French), attached donations, receipts, settings."""

import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from mailer.engine import send_all
from PIL import Image

from donations import gateway
from donations import receipts as receipts_module
from donations.models import DonationFrequency, Donor, DonorKind, PaymentStatus, Receipt

from .donor_space_factories import (
    aware,
    make_donation,
    make_donor,
    make_payment,
    make_receipt,
    make_refund,
)

PASSWORD = "Un-mot-de-passe-solide-42"
SPACE = "/espace-donateur/"


def verified_user(email, password=PASSWORD):
    user = get_user_model().objects.create_user(
        username=email.split("@")[0], email=email, password=password
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def donor_client(client, home_page):
    """A signed-in donor whose company gave once, with a receipt."""
    donor = make_donor(email="compta@boulangerie.example")
    user = verified_user("compta@boulangerie.example")
    client.force_login(user)
    donor.refresh_from_db()
    assert donor.user == user
    return client, user, donor


def outbox_text():
    send_all()
    return [(message.subject, message.body, message.to) for message in mail.outbox]


# --- Accounts ------------------------------------------------------------------------


def test_signup_attaches_earlier_donations_only_once_the_email_is_confirmed(client, home_page):
    mine = make_donor(email="Compta@Boulangerie.example")
    make_donation(mine)
    someone_else = make_donor(email="autre@exemple.example", legal_name="Autre SA")
    other_user = verified_user("deja@exemple.example")
    already_attached = make_donor(email="compta@boulangerie.example", user=other_user)

    response = client.post(
        "/compte/signup/",
        {"email": "compta@boulangerie.example", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="compta@boulangerie.example")
    mine.refresh_from_db()
    assert mine.user is None  # not before the address is verified

    # Signing in before verifying does not attach anything either.
    client.post("/compte/login/", {"login": "compta@boulangerie.example", "password": PASSWORD})
    mine.refresh_from_db()
    assert mine.user is None

    messages = outbox_text()
    assert len(messages) == 1
    subject, body, to = messages[0]
    assert to == ["compta@boulangerie.example"]
    assert "Confirmez votre adresse e-mail" in subject
    link = re.search(r"https?://[^/\s]+(/compte/confirm-email/[^\s]+/)", body).group(1)

    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert "Confirmer" in confirm_page.content.decode()
    response = client.post(link)
    assert response.status_code == 302

    mine.refresh_from_db()
    someone_else.refresh_from_db()
    already_attached.refresh_from_db()
    assert mine.user == user
    assert someone_else.user is None
    assert already_attached.user == other_user  # never taken from another account

    page = client.get(SPACE)
    assert page.status_code == 200
    assert "Boulangerie Martin" in page.content.decode()


def test_signing_in_with_an_unverified_address_attaches_nothing(client, home_page):
    donor = make_donor(email="pas-verifie@exemple.example")
    user = get_user_model().objects.create_user(
        username="pasverifie", email="pas-verifie@exemple.example", password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.force_login(user)
    donor.refresh_from_db()
    assert donor.user is None


def test_signing_in_attaches_a_donation_made_after_verification(client, home_page):
    user = verified_user("fidele@exemple.example")
    later = make_donor(email="FIDELE@exemple.example", legal_name="Fidèle SAS")
    assert later.user is None
    client.post("/compte/login/", {"login": "fidele@exemple.example", "password": PASSWORD})
    later.refresh_from_db()
    assert later.user == user


def test_login_and_password_reset_speak_french_and_are_never_cached(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 300
    login = client.get("/compte/login/")
    html = login.content.decode()
    assert login.status_code == 200
    assert re.search(r"<title>\s*Connexion\s*·", html)
    assert "Mot de passe" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'class="site-header"' in html  # the site's own layout
    assert "X-Page-Cache" not in login.headers
    assert "X-Page-Cache" not in client.get("/compte/login/").headers

    verified_user("oubli@exemple.example")
    reset = client.get("/compte/password/reset/")
    assert "Mot de passe oublié" in reset.content.decode()
    response = client.post("/compte/password/reset/", {"email": "oubli@exemple.example"})
    assert response.status_code == 302
    ((subject, body, to),) = outbox_text()
    assert to == ["oubli@exemple.example"]
    assert "mot de passe" in subject.lower()
    assert "/compte/password/reset/key/" in body


def test_wrong_password_gets_a_french_error_and_keeps_the_email(client, home_page):
    verified_user("erreur@exemple.example")
    response = client.post(
        "/compte/login/", {"login": "erreur@exemple.example", "password": "faux"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "incorrect" in html
    assert 'value="erreur@exemple.example"' in html


# --- Donor space ---------------------------------------------------------------------


def test_donor_space_needs_a_signed_in_user(client, home_page):
    response = client.get(SPACE)
    assert response.status_code == 302
    assert response.url.startswith("/compte/login/?next=/espace-donateur/")


def test_donor_space_lists_donations_payments_and_receipts(
    donor_client, django_assert_max_num_queries
):
    client, user, donor = donor_client
    once = make_donation(donor, amount_cents=150_000)
    paid = make_payment(once, paid_at=aware(2025, 3, 14))
    original = make_receipt(paid)
    make_refund(paid, 50_000)
    original.cancelled_at = aware(2025, 4, 1)
    original.cancellation_reason = "Remboursement"
    original.save()
    duplicate = make_receipt(paid, duplicate_of=original)
    monthly = make_donation(donor, amount_cents=5_000, frequency=DonationFrequency.MONTHLY)
    for month in (1, 2, 3):
        make_receipt(make_payment(monthly, paid_at=aware(2025, month, 5)))
    make_payment(monthly, status=PaymentStatus.FAILED, paid_at=None)
    # Someone else's gifts never show.
    stranger = make_donor(email="inconnu@exemple.example", legal_name="Secrète SA")
    make_receipt(make_payment(make_donation(stranger, amount_cents=99_900)))

    with django_assert_max_num_queries(20):
        response = client.get(SPACE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-cache" in response.headers["Cache-Control"]
    assert "1\u00a0500,00\u00a0€" in html
    assert "500,00\u00a0€" in html  # refunded part
    assert "Mensuel" in html and "Ponctuel" in html
    assert "Carte bancaire" in html
    assert "Échoué" in html
    assert original.number in html and duplicate.number in html
    assert "Annulé" in html and "Duplicata" in html
    assert reverse("donations:receipt_pdf", args=[original.number]) in html
    assert "Secrète SA" not in html and "999,00" not in html
    assert "Gérer ou arrêter mon don mensuel" not in html  # no Stripe customer yet

    # The query count stays flat as the history grows.
    for month in range(4, 13):
        make_receipt(make_payment(monthly, paid_at=aware(2025, month, 5)))
    with django_assert_max_num_queries(20):
        assert client.get(SPACE).status_code == 200


def test_receipt_download_is_for_its_donor_only(donor_client):
    client, user, donor = donor_client
    receipt = make_receipt(make_payment(make_donation(donor)), pdf_text="Boulangerie Martin")
    url = reverse("donations:receipt_pdf", args=[receipt.number])

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert f"recu-fiscal-{receipt.number}.pdf" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF") and b"Boulangerie Martin" in content

    stranger = make_donor(email="inconnu@exemple.example", legal_name="Secrète SA")
    theirs = make_receipt(make_payment(make_donation(stranger)))
    assert client.get(reverse("donations:receipt_pdf", args=[theirs.number])).status_code == 404
    assert client.get(reverse("donations:receipt_pdf", args=["2099-999999"])).status_code == 404

    client.logout()
    assert client.get(url).status_code == 302


def test_company_details_are_validated_in_french_and_apply_to_future_receipts(donor_client):
    client, user, donor = donor_client
    receipt = make_receipt(make_payment(make_donation(donor)))
    url = reverse("donations:donor_details", args=[donor.pk])
    form = {
        "legal_name": "Boulangerie Martin et Fils",
        "legal_form": "SAS",
        "siret": "732 829 320 00075",  # wrong checksum
        "contact_name": "Claire Martin",
        "address_line1": "14 avenue des Frères Lumière",
        "address_line2": "Bâtiment B",
        "postal_code": "69008",
        "city": "Lyon",
        "country": "FR",
    }
    response = client.post(url, form)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ce numéro SIREN ou SIRET n&#x27;est pas valide" in html
    # Nothing typed is lost.
    assert 'value="Boulangerie Martin et Fils"' in html
    assert 'value="732 829 320 00075"' in html
    assert 'value="14 avenue des Frères Lumière"' in html
    donor.refresh_from_db()
    assert donor.legal_name == "Boulangerie Martin"

    form["siret"] = "732 829 320 00074"
    response = client.post(url, form, follow=True)
    assert "prochains reçus" in response.content.decode()
    donor.refresh_from_db()
    assert donor.legal_name == "Boulangerie Martin et Fils"
    assert donor.siret == "73282932000074"
    assert donor.legal_form == "SAS"
    receipt.refresh_from_db()
    assert receipt.donor_name == "Boulangerie Martin"  # issued receipts never change


def test_details_form_requires_an_address(donor_client):
    client, user, donor = donor_client
    response = client.post(
        reverse("donations:donor_details", args=[donor.pk]),
        {
            "legal_name": "Boulangerie Martin",
            "legal_form": "SARL",
            "siret": "732829320",
            "contact_name": "Claire Martin",
            "address_line1": "",
            "postal_code": "6900",
            "city": "",
            "country": "FR",
        },
    )
    html = response.content.decode()
    assert html.count("Champ requis.") == 2  # address and city
    assert "cinq chiffres" in html
    assert 'value="6900"' in html


def test_a_user_cannot_edit_another_donor(donor_client):
    client, user, donor = donor_client
    stranger = make_donor(email="inconnu@exemple.example")
    for name in ("donor_details", "donor_wall"):
        assert client.get(reverse(f"donations:{name}", args=[stranger.pk])).status_code == 404


def png_upload(name="logo.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_wall_settings_changes_wait_for_staff_approval_again(donor_client):
    client, user, donor = donor_client
    Donor.objects.filter(pk=donor.pk).update(
        show_on_wall=True, display_name="Boulangerie Martin", wall_approved=True
    )
    url = reverse("donations:donor_wall", args=[donor.pk])

    # Same name, no new logo: the approval stands.
    client.post(url, {"show_on_wall": "on", "display_name": "Boulangerie Martin"})
    donor.refresh_from_db()
    assert donor.wall_approved

    response = client.post(
        url, {"show_on_wall": "on", "display_name": "La Mie de Martin"}, follow=True
    )
    assert "avant leur publication" in response.content.decode()
    donor.refresh_from_db()
    assert donor.display_name == "La Mie de Martin"
    assert not donor.wall_approved

    Donor.objects.filter(pk=donor.pk).update(wall_approved=True)
    client.post(
        url,
        {"show_on_wall": "on", "display_name": "La Mie de Martin", "logo_file": png_upload()},
    )
    donor.refresh_from_db()
    assert donor.logo is not None
    assert donor.logo.width == 60
    assert not donor.wall_approved


def test_wall_settings_reject_a_file_that_is_not_an_image(donor_client):
    client, user, donor = donor_client
    fake = SimpleUploadedFile("logo.png", b"pas une image", content_type="image/png")
    response = client.post(
        reverse("donations:donor_wall", args=[donor.pk]),
        {"show_on_wall": "on", "display_name": "La Mie", "logo_file": fake},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "image" in html.lower() and "field-error" in html
    assert 'value="La Mie"' in html
    donor.refresh_from_db()
    assert donor.logo is None and donor.display_name == ""


def test_wall_needs_a_display_name(donor_client):
    client, user, donor = donor_client
    response = client.post(reverse("donations:donor_wall", args=[donor.pk]), {"show_on_wall": "on"})
    assert "Indiquez le nom à afficher" in response.content.decode()


def test_billing_portal_button_sends_the_donor_to_stripe(donor_client, monkeypatch):
    client, user, donor = donor_client
    Donor.objects.filter(pk=donor.pk).update(stripe_customer_id="cus_Martin42")
    make_donation(donor, amount_cents=5_000, frequency=DonationFrequency.MONTHLY)
    calls = []

    def fake_portal(customer_id, *, return_url):
        calls.append((customer_id, return_url))
        return "https://billing.stripe.com/p/session/test_123"

    monkeypatch.setattr(gateway, "create_billing_portal_session", fake_portal)
    page = client.get(SPACE).content.decode()
    assert "Gérer ou arrêter mon don mensuel" in page

    url = reverse("donations:donor_billing_portal", args=[donor.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == "https://billing.stripe.com/p/session/test_123"
    assert calls == [("cus_Martin42", "http://testserver/espace-donateur/")]


def test_billing_portal_failure_is_explained(donor_client, monkeypatch):
    client, user, donor = donor_client
    Donor.objects.filter(pk=donor.pk).update(stripe_customer_id="cus_Martin42")

    def broken(customer_id, *, return_url):
        raise RuntimeError("Stripe is down")

    monkeypatch.setattr(gateway, "create_billing_portal_session", broken)
    response = client.post(reverse("donations:donor_billing_portal", args=[donor.pk]), follow=True)
    assert "ne répond pas" in response.content.decode()


def test_monthly_donor_asks_for_a_yearly_summary(donor_client, monkeypatch):
    client, user, donor = donor_client
    monthly = make_donation(donor, amount_cents=5_000, frequency=DonationFrequency.MONTHLY)
    for month in (1, 2, 3):
        make_payment(monthly, paid_at=aware(2025, month, 5))
    calls = []

    def issue_yearly_summary(donor, year):
        calls.append((donor.pk, year))
        return Receipt(is_summary=True)

    monkeypatch.setattr(receipts_module, "issue_yearly_summary", issue_yearly_summary)
    page = client.get(SPACE).content.decode()
    assert "Demander le reçu récapitulatif" in page
    assert '<option value="2025">2025</option>' in page

    url = reverse("donations:donor_yearly_summary", args=[donor.pk])
    response = client.post(url, {"year": "2025"}, follow=True)
    assert calls == [(donor.pk, 2025)]
    assert "récapitulatif 2025 est établi" in response.content.decode()

    response = client.post(url, {"year": "2019"}, follow=True)
    assert calls == [(donor.pk, 2025)]
    assert "pas de reçu récapitulatif possible" in response.content.decode()


DETAILS = {
    "legal_name": "Boulangerie Martin",
    "legal_form": "SARL",
    "siret": "73282932000074",
    "contact_name": "Claire Martin",
    "address_line1": "12 rue des Lilas",
    "address_line2": "",
    "postal_code": "69003",
    "city": "Lyon",
    "country": "FR",
}


def test_a_monthly_donor_chooses_one_receipt_a_year_for_future_payments(donor_client):
    client, user, donor = donor_client
    url = reverse("donations:donor_details", args=[donor.pk])
    make_donation(donor)
    # Only monthly payments can wait for a yearly summary: no option for one-off givers.
    assert 'name="yearly_receipt"' not in client.get(url).content.decode()

    monthly = make_donation(donor, amount_cents=3_000, frequency=DonationFrequency.MONTHLY)
    html = client.get(url).content.decode()
    assert "un seul reçu fiscal par an (en janvier) plutôt qu&#x27;un reçu par mois" in html
    assert "S&#x27;applique à vos prochains versements mensuels" in html
    assert "un reçu pour chaque versement mensuel" in client.get(SPACE).content.decode()

    response = client.post(url, {**DETAILS, "yearly_receipt": "on"}, follow=True)
    donor.refresh_from_db()
    assert donor.yearly_receipt is True
    assert "un seul reçu récapitulatif par an, envoyé en janvier" in response.content.decode()
    # The next monthly payment waits for the January summary.
    assert receipts_module.issue_receipt_for_payment(make_payment(monthly)) is None
    assert not Receipt.objects.exists()

    client.post(url, DETAILS)
    donor.refresh_from_db()
    assert donor.yearly_receipt is False
    receipt = receipts_module.issue_receipt_for_payment(make_payment(monthly))
    assert receipt is not None and not receipt.is_summary


def test_asking_for_a_summary_covers_the_waiting_payments_once(donor_client):
    client, user, donor = donor_client
    Donor.objects.filter(pk=donor.pk).update(yearly_receipt=True)
    monthly = make_donation(donor, amount_cents=4_000, frequency=DonationFrequency.MONTHLY)
    for month in (3, 4):
        payment = make_payment(monthly, paid_at=aware(2025, month, 5))
        assert receipts_module.issue_receipt_for_payment(payment) is None
    url = reverse("donations:donor_yearly_summary", args=[donor.pk])

    html = client.post(url, {"year": "2025"}, follow=True).content.decode()
    assert "récapitulatif 2025 est établi" in html
    summary = Receipt.objects.get()
    assert (summary.is_summary, summary.amount_cents) == (True, 8_000)
    assert summary.number in html

    html = client.post(url, {"year": "2025"}, follow=True).content.decode()
    assert "ont déjà leur reçu fiscal" in html
    assert Receipt.objects.count() == 1


def test_signed_in_donor_without_gifts_gets_guidance(client, home_page):
    client.force_login(verified_user("nouveau@exemple.example"))
    html = client.get(SPACE).content.decode()
    assert "Aucun don n'est encore rattaché" in html


def test_receipts_listed_are_the_users_even_for_an_individual(client, home_page):
    person = make_donor(email="paul@exemple.example", kind=DonorKind.INDIVIDUAL)
    client.force_login(verified_user("paul@exemple.example"))
    receipt = make_receipt(make_payment(make_donation(person, amount_cents=8_000)))
    html = client.get(SPACE).content.decode()
    assert receipt.number in html
    assert "Paul Durand" in html
    assert Receipt.objects.count() == 1
