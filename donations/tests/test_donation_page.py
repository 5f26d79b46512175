"""The donation page: what donors see, what they can type, and where they are sent."""

import io
import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from donations import gateway
from donations.models import Donation, DonationStatus, Donor, Payment, Refund
from donations.models.ledger import PaymentStatus
from donations.tests.helpers import create_donation_page

CHECKOUT_URL = "https://checkout.stripe.com/c/pay/cs_test_a1b2c3"
VALID_SIRET = "73282932000074"  # a real, checksum-valid SIRET
VALID_SIREN = "732829320"


@pytest.fixture
def stripe_mock(monkeypatch):
    """Stripe's hosted page is the only thing mocked: the gateway answers with its URL."""
    calls = []

    def create_checkout_session(donation, *, success_url, cancel_url):
        calls.append(
            {
                "donation": donation,
                "success_url": success_url,
                "cancel_url": cancel_url,
                "idempotency_key": donation.idempotency_key,
            }
        )
        donation.stripe_checkout_session_id = f"cs_test_{len(calls)}"
        donation.save(update_fields=["stripe_checkout_session_id"])
        return CHECKOUT_URL

    monkeypatch.setattr(gateway, "is_configured", lambda: True)
    monkeypatch.setattr(gateway, "create_checkout_session", create_checkout_session)
    return calls


def company_data(**overrides):
    data = {
        "amount_choice": "50",
        "other_amount": "",
        "frequency": "once",
        "donor_kind": "company",
        "legal_name": "Boulangerie Durand SAS",
        "legal_form": "SAS",
        "legal_form_other": "",
        "siret": "732 829 320 00074",
        "contact_name": "Marie Durand",
        "first_name": "",
        "last_name": "",
        "address_line1": "3 rue des Lilas",
        "address_line2": "Bâtiment B",
        "postal_code": "75011",
        "city": "Paris",
        "country": "FR",
        "email": "compta@durand.example",
        "display_name": "",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def individual_data(**overrides):
    data = company_data(
        donor_kind="individual",
        legal_name="",
        legal_form="",
        siret="",
        contact_name="",
        first_name="Jeanne",
        last_name="Martin",
        email="jeanne@example.org",
    )
    data.update(overrides)
    return data


def png_bytes(size=(40, 20), fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (13, 92, 99)).save(buffer, format=fmt)
    return buffer.getvalue()


# -- What the page shows -----------------------------------------------------------


def test_page_shows_presets_limits_frequencies_and_tax_hint(client, donation_page, stripe_mock):
    response = client.get("/don/")
    html = response.content.decode()
    assert response.status_code == 200
    for amount, impact in (("30", "une séance de préparation"), ("150", "un mois de coaching")):
        assert f'value="{amount}"' in html
        assert impact in html
    assert 'value="autre"' in html
    assert "Entre 10\xa0€ et 5\xa0000\xa0€." in html
    assert 'value="once"' in html and 'value="monthly"' in html
    assert "Ponctuel" in html and "Mensuel" in html
    # The middle preset is chosen by default, and its cost after reduction is shown
    # (companies are the default donor type).
    assert "Votre don de 50\xa0€ ne vous coûte que 20\xa0€ après réduction d’impôt." in html
    assert "csrfmiddlewaretoken" in html
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    # Both donor blocks are in the page (JS shows one; without JS both are there).
    assert "Votre entreprise" in html and "Raison sociale" in html and "Prénom" in html


def test_page_with_a_single_frequency_offers_no_choice(client, donation_page, stripe_mock):
    donation_page.allow_monthly = False
    donation_page.save_revision().publish()
    html = client.get("/don/").content.decode()
    assert 'value="monthly"' not in html
    assert "Fréquence : ponctuel." in html


def test_page_without_stripe_keys_says_giving_is_not_configured(client, donation_page, settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""
    response = client.get("/don/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Le don en ligne n'est pas encore configuré sur ce site" in html
    assert '<form class="donation-form"' not in html
    # A post (an old tab) records nothing.
    response = client.post("/don/", company_data())
    assert response.status_code == 503
    assert not Donation.objects.exists()


def test_page_is_never_stored_by_the_anonymous_page_cache(
    client, donation_page, stripe_mock, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get("/don/")
    second = client.get("/don/")
    assert first.get("X-Page-Cache") is None and second.get("X-Page-Cache") is None
    assert "no-store" in second["Cache-Control"] or "no-cache" in second["Cache-Control"]


def test_progress_toward_the_goal_is_net_of_refunds(client, donation_page, stripe_mock):
    donation_page.goal_amount = 1000
    donation_page.save_revision().publish()
    donor = Donor.objects.create(kind="individual", email="a@example.org", first_name="A")
    donation = Donation.objects.create(
        donor=donor, amount_cents=30000, frequency="once", page=donation_page
    )
    payment = Payment.objects.create(
        donation=donation,
        amount_cents=30000,
        status=PaymentStatus.SUCCEEDED,
        stripe_payment_intent_id="pi_1",
    )
    Refund.objects.create(
        payment=payment, stripe_refund_id="re_1", amount_cents=5000, refunded_at=payment.created_at
    )
    html = client.get("/don/").content.decode()
    assert "<strong>250\xa0€</strong> collectés sur un objectif de 1\xa0000\xa0€" in html
    assert 'value="25"' in html


# -- Happy paths -------------------------------------------------------------------


def test_company_gives_once_and_is_sent_to_stripe_checkout(client, donation_page, stripe_mock):
    data = company_data(show_on_wall="on", display_name="Boulangerie Durand", newsletter="on")
    response = client.post("/don/", data)
    assert response.status_code == 303
    assert response["Location"] == CHECKOUT_URL

    donation = Donation.objects.get()
    donor = donation.donor
    assert donation.amount_cents == 5000
    assert donation.frequency == "once"
    assert donation.status == DonationStatus.PENDING
    assert donation.page_id == donation_page.pk
    assert (donor.kind, donor.legal_name, donor.legal_form, donor.siret) == (
        "company", "Boulangerie Durand SAS", "SAS", VALID_SIRET,
    )  # fmt: skip
    assert donor.siren == VALID_SIREN
    assert (donor.contact_name, donor.email) == ("Marie Durand", "compta@durand.example")
    assert donor.address_lines == ["3 rue des Lilas", "Bâtiment B", "75011 Paris"]
    assert donor.show_on_wall and donor.display_name == "Boulangerie Durand"
    assert donor.newsletter
    assert donor.first_name == "" and donor.last_name == ""

    (call,) = stripe_mock
    assert call["donation"].pk == donation.pk
    assert call["idempotency_key"] == donation.idempotency_key == uuid.UUID(data["submission_key"])
    thanks = reverse("donations:thanks", args=[donation.public_id])
    assert call["success_url"] == f"http://testserver{thanks}?session_id={{CHECKOUT_SESSION_ID}}"
    assert call["cancel_url"] == "http://testserver/don/"


def test_individual_gives_monthly_a_free_amount_with_a_decimal_comma(
    client, donation_page, stripe_mock
):
    data = individual_data(amount_choice="autre", other_amount="12,5", frequency="monthly")
    response = client.post("/don/", data)
    assert response.status_code == 303
    donation = Donation.objects.select_related("donor").get()
    assert (donation.amount_cents, donation.frequency) == (1250, "monthly")
    donor = donation.donor
    assert (donor.kind, donor.first_name, donor.last_name) == ("individual", "Jeanne", "Martin")
    # The company fields typed by mistake are not kept for a person.
    assert donor.legal_name == "" and donor.siret == ""


def test_a_typed_amount_wins_over_the_preselected_preset(client, donation_page, stripe_mock):
    client.post("/don/", individual_data(amount_choice="50", other_amount="80"))
    assert Donation.objects.get().amount_cents == 8000


def test_the_same_form_sent_twice_reuses_the_donation_and_its_key(
    client, donation_page, stripe_mock
):
    data = company_data()
    client.post("/don/", data)
    client.post("/don/", data)
    assert Donation.objects.count() == 1
    assert stripe_mock[0]["idempotency_key"] == stripe_mock[1]["idempotency_key"]


YEARLY_LABEL = (
    "Je préfère recevoir un seul reçu fiscal par an (en janvier) plutôt qu'un reçu par mois"
)


def test_the_yearly_receipt_option_is_offered_for_monthly_gifts(client, donation_page, stripe_mock):
    html = client.get("/don/").content.decode()
    assert YEARLY_LABEL.replace("'", "&#x27;") in html
    # Shown for monthly gifts only by JavaScript; without it, a note says so.
    option = html[html.index('data-frequency-section="monthly"') :]
    assert 'name="yearly_receipt"' in option[: option.index("</fieldset>")]
    assert "Ne concerne que les dons mensuels" in html

    donation_page.allow_monthly = False
    donation_page.save_revision().publish()
    html = client.get("/don/").content.decode()
    assert 'name="yearly_receipt"' not in html and "Ne concerne que" not in html


def test_a_monthly_donor_can_choose_one_receipt_a_year(client, donation_page, stripe_mock):
    response = client.post("/don/", company_data(frequency="monthly", yearly_receipt="on"))
    assert response.status_code == 303
    assert Donor.objects.get().yearly_receipt is True


def test_the_yearly_receipt_is_off_unless_chosen_and_means_nothing_for_a_one_off_gift(
    client, donation_page, stripe_mock
):
    client.post("/don/", company_data(frequency="monthly"))
    # Ticked, then "Ponctuel" chosen (the box stays ticked without JavaScript).
    client.post("/don/", individual_data(frequency="once", yearly_receipt="on"))
    assert list(Donor.objects.order_by("pk").values_list("yearly_receipt", flat=True)) == [
        False,
        False,
    ]


def test_a_rejected_form_keeps_the_yearly_receipt_choice(client, donation_page, stripe_mock):
    data = company_data(frequency="monthly", yearly_receipt="on", siret="123")
    html = client.post("/don/", data).content.decode()
    assert not Donation.objects.exists()
    assert re.search(r'<input type="checkbox" name="yearly_receipt"[^>]* checked', html)


def test_the_thanks_page_of_a_yearly_receipt_donor_announces_the_january_receipt(
    client, donation_page
):
    donor = Donor.objects.create(
        kind="individual", email="j@example.org", first_name="Jeanne", yearly_receipt=True
    )
    monthly = Donation.objects.create(
        donor=donor, amount_cents=2000, frequency="monthly", status=DonationStatus.ACTIVE
    )
    html = client.get(reverse("donations:thanks", args=[monthly.public_id])).content.decode()
    assert "vous recevrez en janvier un seul reçu fiscal récapitulatif" in html
    once = Donation.objects.create(
        donor=donor, amount_cents=2000, frequency="once", status=DonationStatus.CONFIRMED
    )
    html = client.get(reverse("donations:thanks", args=[once.public_id])).content.decode()
    assert "Votre reçu fiscal vous est envoyé par e-mail" in html


def test_company_logo_is_stored_in_the_donor_logos_collection(client, donation_page, stripe_mock):
    logo = SimpleUploadedFile("logo-durand.png", png_bytes(), content_type="image/png")
    data = company_data(show_on_wall="on", display_name="Durand")
    response = client.post("/don/", {**data, "logo": logo})
    assert response.status_code == 303
    donor = Donor.objects.get()
    assert donor.logo is not None
    assert donor.logo.collection.name == "Logos donateurs"
    assert "durand" not in donor.logo.file.name  # random file name
    assert not donor.wall_approved


def test_gateway_error_keeps_everything_typed(client, donation_page, monkeypatch):
    monkeypatch.setattr(gateway, "is_configured", lambda: True)

    def refuse(donation, **kwargs):
        raise gateway.GatewayError("Le paiement n'a pas pu être préparé.")

    monkeypatch.setattr(gateway, "create_checkout_session", refuse)
    response = client.post("/don/", company_data())
    html = response.content.decode()
    assert response.status_code == 502
    assert "Le paiement n&#x27;a pas pu être préparé." in html
    assert 'value="Boulangerie Durand SAS"' in html
    assert 'value="compta@durand.example"' in html


# -- Bad input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, message",
    [
        ("0", "Le montant doit être supérieur à zéro."),
        ("-20", "Le montant doit être supérieur à zéro."),
        ("abc", "« abc » n&#x27;est pas un montant : saisissez un nombre en euros"),
        ("12,3456", "n&#x27;est pas un montant"),
        ("5", "Le don minimum en ligne est de 10\xa0€."),
        ("5000,01", "Le don maximum en ligne est de 5\xa0000\xa0€."),
    ],
)
def test_bad_amounts_are_refused_in_french_and_nothing_is_lost(
    client, donation_page, stripe_mock, typed, message
):
    response = client.post("/don/", company_data(amount_choice="autre", other_amount=typed))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Votre don n'a pas encore été envoyé" in html
    assert f'value="{typed}"' in html
    assert 'value="Boulangerie Durand SAS"' in html
    assert 'value="3 rue des Lilas"' in html
    assert not Donation.objects.exists() and not stripe_mock


def test_no_amount_at_all_is_refused(client, donation_page, stripe_mock):
    response = client.post("/don/", company_data(amount_choice="autre"))
    assert (
        "Choisissez un montant ou saisissez le montant de votre choix." in response.content.decode()
    )


def test_a_forged_preset_outside_the_page_is_refused(client, donation_page, stripe_mock):
    response = client.post("/don/", company_data(amount_choice="1"))
    assert response.status_code == 200
    assert not Donation.objects.exists()


@pytest.mark.parametrize(
    "siret, message",
    [
        ("732 829 320 00075", "Ce numéro SIRET n&#x27;existe pas"),
        ("732829321", "Ce numéro SIREN n&#x27;existe pas"),
        ("12345", "un SIRET 14 ; celui-ci en compte 5"),
        ("73282932A", "ne contient que des chiffres"),
        ("", "Indiquez le numéro SIREN ou SIRET"),
    ],
)
def test_invalid_siret_is_refused_with_a_clear_message(
    client, donation_page, stripe_mock, siret, message
):
    response = client.post("/don/", company_data(siret=siret))
    html = response.content.decode()
    assert message in html
    assert not Donation.objects.exists()


def test_a_siren_alone_is_accepted(client, donation_page, stripe_mock):
    client.post("/don/", company_data(siret="732 829 320"))
    assert Donor.objects.get().siret == VALID_SIREN


def test_missing_address_and_names_are_listed(client, donation_page, stripe_mock):
    data = company_data(legal_name="", contact_name="", address_line1="", postal_code="", city="")
    html = client.post("/don/", data).content.decode()
    for message in (
        "Indiquez la raison sociale de l&#x27;entreprise.",
        "Indiquez le nom de la personne à contacter.",
        "Indiquez l&#x27;adresse (numéro et rue).",
        "Indiquez le code postal.",
        "Indiquez la ville.",
    ):
        assert message in html
    assert "5 champs sont à corriger" in html
    assert 'href="#id_address_line1"' in html  # the summary links to the field


def test_individual_needs_names_but_not_company_details(client, donation_page, stripe_mock):
    html = client.post("/don/", individual_data(first_name="", last_name="")).content.decode()
    assert "Indiquez votre prénom." in html and "Indiquez votre nom." in html
    assert "Indiquez le numéro SIREN" not in html


def test_french_postal_code_has_five_digits(client, donation_page, stripe_mock):
    html = client.post("/don/", individual_data(postal_code="7501")).content.decode()
    assert "Un code postal français compte 5 chiffres" in html
    client.post("/don/", individual_data(postal_code="1000", country="BE"))
    assert Donor.objects.get().country == "BE"


def test_a_rejected_logo_must_be_chosen_again(client, donation_page, stripe_mock):
    fake = SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")
    data = company_data(show_on_wall="on")
    html = client.post("/don/", {**data, "logo": fake}).content.decode()
    assert "Ce fichier n&#x27;est pas une image lisible" in html
    assert "sélectionnez à nouveau votre logo" in html
    assert not Donation.objects.exists()


def test_logo_format_and_weight_are_checked(client, donation_page, stripe_mock):
    gif = SimpleUploadedFile("logo.gif", png_bytes(fmt="GIF"), content_type="image/gif")
    html = client.post("/don/", {**company_data(show_on_wall="on"), "logo": gif}).content.decode()
    assert "Ce format d&#x27;image n&#x27;est pas accepté" in html
    heavy = SimpleUploadedFile(
        "logo.png", png_bytes() + b"\0" * (2 * 1024 * 1024), content_type="image/png"
    )
    html = client.post("/don/", {**company_data(show_on_wall="on"), "logo": heavy}).content.decode()
    assert "Ce logo pèse plus de 2 Mo" in html


def test_posting_too_often_is_limited_with_the_form_kept(client, donation_page, stripe_mock):
    bad = company_data(amount_choice="autre", other_amount="abc")
    for _ in range(10):
        assert client.post("/don/", bad).status_code == 200
    response = client.post("/don/", company_data())
    html = response.content.decode()
    assert response.status_code == 429
    assert "Vous avez envoyé ce formulaire trop souvent" in html
    assert 'value="Boulangerie Durand SAS"' in html
    assert not Donation.objects.exists()


# -- Return page ------------------------------------------------------------------------


def donation_for(page, status=DonationStatus.PENDING, **donor_fields):
    donor = Donor.objects.create(
        kind="individual",
        email="jeanne@example.org",
        first_name="Jeanne",
        last_name="Secretnom",
        address_line1="9 rue Privée",
        **donor_fields,
    )
    return Donation.objects.create(
        donor=donor,
        amount_cents=5000,
        frequency="once",
        page=page,
        status=status,
        stripe_checkout_session_id="cs_test_real",
    )


@pytest.mark.parametrize(
    "status, expected",
    [
        (DonationStatus.PENDING, "Votre don est en attente de confirmation"),
        (DonationStatus.CONFIRMED, "Merci, Jeanne !"),
        (DonationStatus.ACTIVE, "Merci, Jeanne !"),
        (DonationStatus.FAILED, "Votre paiement n'a pas abouti"),
        (DonationStatus.EXPIRED, "Votre paiement n'a pas abouti"),
    ],
)
def test_return_page_shows_the_state_from_our_records(client, donation_page, status, expected):
    donation = donation_for(donation_page, status)
    url = reverse("donations:thanks", args=[donation.public_id])
    response = client.get(f"{url}?session_id=cs_test_real")
    html = response.content.decode()
    assert response.status_code == 200
    assert expected in html
    assert "50\xa0€" in html
    assert "Secretnom" not in html and "jeanne@example.org" not in html
    assert "9 rue Privée" not in html
    assert '<meta name="robots" content="noindex">' in html
    assert "no-cache" in response["Cache-Control"]
    if status == DonationStatus.CONFIRMED:
        assert "Merci du fond du cœur." in html


def test_return_page_ignores_what_the_url_claims(client, donation_page):
    donation = donation_for(donation_page)
    url = reverse("donations:thanks", args=[donation.public_id])
    # Another session id in the URL: not this donation's page.
    assert client.get(f"{url}?session_id=cs_test_other").status_code == 404
    assert client.get(f"{url}?status=confirmed").content.decode().count("en attente") >= 1
    assert client.get(reverse("donations:thanks", args=[uuid.uuid4()])).status_code == 404


def test_return_page_polls_while_pending_only(client, donation_page):
    pending = donation_for(donation_page)
    html = client.get(reverse("donations:thanks", args=[pending.public_id])).content.decode()
    assert "data-poll-url" in html and "Actualiser la page" in html
    pending.status = DonationStatus.CONFIRMED
    pending.save()
    html = client.get(reverse("donations:thanks", args=[pending.public_id])).content.decode()
    assert "data-poll-url" not in html


def test_company_return_page_greets_the_company(client, donation_page):
    donation = donation_for(donation_page, DonationStatus.CONFIRMED)
    donation.donor.kind = "company"
    donation.donor.legal_name = "Boulangerie Durand SAS"
    donation.donor.save()
    html = client.get(reverse("donations:thanks", args=[donation.public_id])).content.decode()
    assert "Merci, Boulangerie Durand SAS !" in html


def test_page_query_count_stays_flat(
    client, donation_page, stripe_mock, django_assert_max_num_queries
):
    client.get("/don/")
    with django_assert_max_num_queries(12):
        client.get("/don/")


def test_demo_creates_the_donation_page_once(client, home_page, stripe_mock):
    from donations.demo import ensure_donation_page

    first = ensure_donation_page(home_page)
    assert ensure_donation_page(home_page).pk == first.pk
    html = client.get("/don/").content.decode()
    assert "Faire un don" in html and "la mise en ligne et la diffusion d&#x27;un CV" in html


def test_every_page_links_to_the_donation_page_and_the_donor_area(client, cv_index, home_page):
    assert "Faire un don" not in client.get("/").content.decode()
    page = create_donation_page(home_page, minimum_amount=5, maximum_amount=50_000)
    html = client.get(cv_index.url).content.decode()
    assert f'href="{page.url}">Faire un don</a>' in html
    assert 'href="/espace-donateur/">Espace donateur</a>' in html
