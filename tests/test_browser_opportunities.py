"""A recruiter reads a CV in Chromium and proposes a job to the candidate.

The set-up (browser, tabs, live server, marks) is in tests/browser_support.py.
"""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser_support import BROWSER_MARKS

pytestmark = BROWSER_MARKS


def test_recruiter_proposes_a_job_from_a_cv(
    page, console_errors, site_on_live_server, cv_index, make_cv
):
    from cv_pages.models import Opportunity

    base_url = site_on_live_server
    amina = make_cv(
        first_name="Amina",
        last_name="Benali",
        catchphrase="Commis de cuisine rapide et souriante",
        business_lines=(("restauration", "commis de cuisine"),),
        departments=("69",),
    )

    page.goto(f"{base_url}{amina.url}")
    page.get_by_role("link", name="Proposer une opportunité").click()

    page.wait_for_url(f"{base_url}/opportunites/proposer/{amina.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposer une opportunité à Amina B.")
    expect(page.locator(".opportunity__target")).to_contain_text("commis de cuisine")

    page.get_by_label("Entreprise").fill("Brasserie du Port")
    page.get_by_label("Votre nom").fill("Louis Marin")
    page.get_by_label("Votre e-mail").fill("louis@brasserie.example")
    page.get_by_label("Votre téléphone").fill("04 91 00 00 00")
    page.get_by_label("Poste proposé").fill("Commis de cuisine")
    page.get_by_label("Type de contrat").select_option(label="CDI")
    page.get_by_label("Lieu de travail").fill("Marseille")
    page.get_by_label("Date de début souhaitée").fill(
        (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    )
    page.get_by_label("Temps de travail").fill("Temps plein")
    page.get_by_label("Nombre de postes").fill("1")
    page.get_by_label("Description du poste").fill(
        "Mise en place, préparations froides, plonge en fin de service."
    )
    # First without consent: the form comes back with a focused summary and nothing lost.
    page.get_by_role("button", name="Envoyer la proposition").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Cochez cette case pour que nous puissions vous recontacter.")
    expect(page.get_by_label("Entreprise")).to_have_value("Brasserie du Port")
    assert not Opportunity.objects.exists()

    page.get_by_role("checkbox", name="J'accepte que l'association").check()
    page.get_by_role("button", name="Envoyer la proposition").click()

    page.wait_for_url(f"{base_url}/opportunites/merci/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre proposition a bien été reçue !"
    )
    opportunity = Opportunity.objects.get()
    assert opportunity.cv_page_id == amina.pk
    assert opportunity.company == "Brasserie du Port"
    assert console_errors == []
