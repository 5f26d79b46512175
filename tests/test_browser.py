"""End-to-end journeys in a real browser: Playwright drives Debian's Chromium.

The set-up (browser, tabs, live server, marks) is in tests/browser_support.py.
"""

import re

from playwright.sync_api import expect

from tests.browser_support import BROWSER_MARKS

pytestmark = BROWSER_MARKS


def test_visitor_goes_from_home_to_a_filtered_listing_and_a_cv(
    page, console_errors, site_on_live_server, home_page, cv_index, make_cv
):
    base_url = site_on_live_server
    amina = make_cv(
        first_name="Amina",
        last_name="Benali",
        catchphrase="Commis de cuisine rapide et souriante",
        business_lines=(("restauration", "commis de cuisine"),),
        departments=("69",),
    )
    make_cv(
        first_name="Karim",
        last_name="Mansouri",
        catchphrase="Serveur attentif, habitué aux coups de feu",
        business_lines=(("restauration", "serveur"),),
        departments=("13",),
    )
    make_cv(
        first_name="Julien",
        last_name="Perrotin",
        catchphrase="Cariste certifié, précis et fiable",
        business_lines=(("logistique-et-approvisionnement", "cariste"),),
        departments=("75",),
    )
    make_cv(
        first_name="Sofia",
        last_name="Delacroix",
        catchphrase="Maçonne qui aime le travail bien fait",
        business_lines=(("batiment", "maçonne"),),
        departments=("59",),
    )
    home_page.body = [
        {
            "type": "hero",
            "value": {
                "title": "Partagez un CV, changez une vie",
                "text": "Des candidats prêts à travailler.",
                "links": [{"label": "Voir les candidats", "page": cv_index.pk, "url": ""}],
            },
        }
    ]
    home_page.save_revision().publish()

    page.goto(f"{base_url}/")
    expect(page.get_by_role("link", name="Voir les candidats")).to_have_attribute(
        "href", "/candidats/"
    )
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Les candidats"
    ).click()

    page.wait_for_url(f"{base_url}/candidats/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Les candidats")
    cards = page.locator("article.cv-card")
    expect(cards).to_have_count(4)
    expect(page.locator(".results-count")).to_contain_text("4 candidats")

    page.get_by_label("Secteur", exact=True).select_option("restauration")
    page.get_by_role("button", name="Filtrer").click()

    page.wait_for_url(re.compile(r"/candidats/\?.*secteur=restauration"))
    expect(cards).to_have_count(2)
    # The listing's order is shuffled daily: compare the names as a set.
    assert sorted(page.locator(".cv-card__name").all_inner_texts()) == ["Amina B.", "Karim M."]
    expect(page.get_by_label("Secteur", exact=True)).to_have_value("restauration")
    listing_html = page.content()
    for hidden in ("Julien P.", "Sofia D.", "Benali", "Mansouri"):
        assert hidden not in listing_html

    cards.filter(has_text="Amina B.").get_by_role("link", name="Amina B.").click()

    page.wait_for_url(f"{base_url}{amina.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Amina B.")
    expect(page.locator(".cv__catchphrase")).to_contain_text(
        "Commis de cuisine rapide et souriante"
    )
    expect(page.locator(".cv__career")).to_contain_text(
        re.compile(r"restauration comme commis de cuisine", re.IGNORECASE)
    )
    expect(page).to_have_title(re.compile(r"^Amina B\."))
    # The Site points at the live server, so absolute URLs do too.
    expect(page.locator('link[rel="canonical"]')).to_have_attribute(
        "href", f"{base_url}{amina.url}"
    )
    cv_html = page.content()
    assert "Benali" not in cv_html
    assert amina.email not in cv_html
    assert amina.phone not in cv_html

    assert console_errors == []


def test_editor_edits_a_cv_and_submits_it_to_moderation(
    page, open_page, console_errors, site_on_live_server, cv_index, make_cv
):
    from django.contrib.auth.models import Group, User
    from wagtail.models import WorkflowState

    from cv_pages.models import CVPage

    base_url = site_on_live_server
    editor = User.objects.create_user(
        "redactrice", email="redactrice@linkedout.example", password="Mot-de-passe-123"
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    cv = make_cv(
        first_name="Nadia",
        last_name="Haddad",
        catchphrase="Ancienne accroche",
        business_lines=(("restauration", "plongeuse"),),
    )

    page.goto(f"{base_url}/admin/login/")
    page.locator('input[name="username"]').fill("redactrice")
    page.locator('input[name="password"]').fill("Mot-de-passe-123")
    page.locator('form button[type="submit"]').click()
    page.wait_for_url(f"{base_url}/admin/")

    page.goto(f"{base_url}/admin/pages/{cv.pk}/edit/")
    catchphrase = page.locator('input[name="catchphrase"]')
    expect(catchphrase).to_have_value("Ancienne accroche")
    catchphrase.fill("Plongeuse rigoureuse, prête à commencer demain")

    # The footer's action menu: a primary button, then the other actions in a dropdown.
    actions = page.locator("footer .w-dropdown-button")
    actions.locator('button[data-w-dropdown-target="toggle"]').click()
    submit = actions.locator('button[name="action-submit"]')
    expect(submit).to_be_visible()
    expect(submit).to_contain_text("Publication d'un CV")
    submit.click()

    # Once submitted, Wagtail goes back to the listing page's children in the explorer.
    page.wait_for_url(f"{base_url}/admin/pages/{cv_index.pk}/")
    expect(page.locator(".messages li.success")).to_be_visible()

    cv = CVPage.objects.get(pk=cv.pk)
    state = cv.current_workflow_state
    assert state is not None
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Publication d'un CV"
    assert state.current_task_state.task.name == "Relecture coach"
    assert state.requested_by == editor

    latest = cv.get_latest_revision_as_object()
    assert latest.catchphrase == "Plongeuse rigoureuse, prête à commencer demain"
    assert cv.live
    assert cv.catchphrase == "Ancienne accroche"
    assert cv.has_unpublished_changes

    # A visitor (no session, so no Wagtail user bar) still reads the published version.
    visitor = open_page()
    visitor.goto(f"{base_url}{cv.url}")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Nadia H.")
    expect(visitor.locator(".cv__catchphrase")).to_contain_text("Ancienne accroche")
    assert "Plongeuse rigoureuse" not in visitor.content()

    assert console_errors == []


def test_show_more_loads_the_next_nine_cards_in_place(
    page, console_errors, site_on_live_server, cv_index, make_cv
):
    for number in range(12):
        make_cv(first_name=f"Candidat{number:02d}", last_name="Zed")
    page.goto(f"{site_on_live_server}/candidats/")
    cards = page.locator("#cv-results .cv-card")
    expect(cards).to_have_count(9)

    page.get_by_role("link", name="Voir plus").click()

    expect(cards).to_have_count(12)
    # In place: the address did not change and nothing was loaded twice.
    assert page.url == f"{site_on_live_server}/candidats/"
    names = cards.locator(".cv-card__name a").all_inner_texts()
    assert len(set(names)) == 12
    expect(page.get_by_role("link", name="Voir plus")).to_have_count(0)
    # Keyboard users land on the first new card.
    assert page.evaluate("document.activeElement.textContent.trim()") == names[9]
    assert console_errors == []
