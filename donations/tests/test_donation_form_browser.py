"""The donation form's JavaScript in Chromium: donor blocks, live tax hint, amounts.

The browser set-up is in tests/browser_support.py.
"""

import pytest
from playwright.sync_api import expect

from donations.tests.helpers import create_donation_page
from tests.browser_support import BROWSER_MARKS

pytestmark = BROWSER_MARKS


@pytest.fixture
def tab(open_page, console_errors):
    yield open_page()
    assert console_errors == []


@pytest.fixture
def donation_url(home_page, live_server, monkeypatch):
    from donations import gateway

    monkeypatch.setattr(gateway, "is_configured", lambda: True)
    create_donation_page(
        home_page,
        preset_amounts=[
            ("amount", {"amount": 50, "impact": "un CV diffusé"}),
            ("amount", {"amount": 100, "impact": "un mois de coaching"}),
        ],
    )
    return f"{live_server.url}/don/"


def test_the_form_shows_the_relevant_block_and_the_cost_after_reduction(tab, donation_url):
    tab.goto(donation_url)
    company = tab.locator("fieldset[data-kind-section=company]")
    individual = tab.locator("fieldset[data-kind-section=individual]")
    hint = tab.locator("[data-tax-hint-text]")
    # Nothing chosen yet: both blocks are there, as without JavaScript.
    expect(company).to_be_visible()
    expect(individual).to_be_visible()
    expect(hint).to_have_text(
        "Votre don de 50\xa0€ ne vous coûte que 20\xa0€ après réduction d’impôt."
    )

    tab.get_by_role("radio", name="Particulier").check()
    expect(company).to_be_hidden()
    expect(individual).to_be_visible()
    expect(hint).to_have_text(
        "Votre don de 50\xa0€ ne vous coûte que 17\xa0€ après réduction d’impôt."
    )

    tab.locator("input[name=other_amount]").fill("1 000")
    expect(tab.locator("input[name=amount_choice][value=autre]")).to_be_checked()
    expect(hint).to_have_text(
        "Votre don de 1\xa0000\xa0€ ne vous coûte que 340\xa0€ après réduction d’impôt."
    )

    tab.get_by_role("radio", name="Entreprise").check()
    expect(individual).to_be_hidden()
    expect(company).to_be_visible()
    expect(hint).to_contain_text("ne vous coûte que 400\xa0€")
    # The logo field belongs to the wall opt-in; "Autre" legal form asks for details.
    expect(tab.locator("input[name=logo]")).to_be_hidden()
    tab.get_by_label("Je souhaite apparaître sur le mur des soutiens").check()
    expect(tab.locator("input[name=logo]")).to_be_visible()
    expect(tab.locator("input[name=legal_form_other]")).to_be_hidden()
    tab.locator("select[name=legal_form]").select_option("autre")
    expect(tab.locator("input[name=legal_form_other]")).to_be_visible()

    # Choosing a preset again clears the typed amount.
    tab.locator("label[for=id_amount_choice_1]").click()
    expect(tab.locator("input[name=other_amount]")).to_have_value("")
    expect(hint).to_contain_text("Votre don de 100\xa0€ ne vous coûte que 40\xa0€")


def test_a_rejected_form_focuses_its_error_summary(tab, donation_url):
    tab.goto(donation_url)
    tab.get_by_role("radio", name="Particulier").check()
    tab.locator("input[name=other_amount]").fill("abc")
    tab.get_by_role("button", name="Continuer vers le paiement sécurisé").click()
    summary = tab.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("« abc » n'est pas un montant")
    expect(tab.locator("input[name=other_amount]")).to_have_value("abc")
    # The chosen donor type survives the round trip, so only its block shows.
    expect(tab.locator("fieldset[data-kind-section=company]")).to_be_hidden()


def test_the_yearly_receipt_option_shows_for_monthly_gifts_only(tab, donation_url):
    tab.goto(donation_url)
    option = tab.get_by_label("Je préfère recevoir un seul reçu fiscal par an", exact=False)
    note = tab.get_by_text("Ne concerne que les dons mensuels")
    # "Ponctuel" is chosen by default: no yearly receipt to offer, and no note needed.
    expect(option).to_be_hidden()
    expect(note).to_be_hidden()
    tab.get_by_role("radio", name="Mensuel").check()
    expect(option).to_be_visible()
    expect(note).to_be_hidden()
    option.check()
    tab.get_by_role("radio", name="Ponctuel").check()
    expect(option).to_be_hidden()
