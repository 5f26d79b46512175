"""A campaign, end to end in Chromium: an editor builds its page from blocks in the admin
and publishes it; a visitor then reads its live figures (shares of the cohort's CVs,
candidates back in work, money raised net of refunds), which follow the data.

The set-up (browser, tabs, live server, marks) is in tests/browser_support.py.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser_support import BROWSER_MARKS

pytestmark = BROWSER_MARKS

PASSWORD = "Mot-de-passe-123"
HERO_TITLE = "Vingt CV lyonnais à partager"
TEXT = "Chaque partage rapproche un candidat d'un employeur."


def normalised(text):
    """French numbers are grouped with (narrow) no-break spaces: compare with plain ones."""
    return re.sub(r"\s+", " ", text).strip()


def figure_value(page, key):
    value = page.locator(f".campaign-figure--{key} .campaign-figure__value")
    expect(value).to_be_visible()
    return normalised(value.inner_text())


def progress_bars(page):
    """The page's progress bars as assistive technologies get them: (name, % filled).

    Read from Chromium's accessibility tree, so it holds for a <progress> element as for
    an element with role="progressbar" and aria-valuenow.
    """
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    bars = []
    for node in nodes:
        if node.get("ignored") or node.get("role", {}).get("value") != "progressbar":
            continue
        properties = {item["name"]: item["value"].get("value") for item in node["properties"]}
        now = node["value"]["value"]
        maximum = properties.get("valuemax") or 100
        bars.append((normalised(node["name"]["value"]), round(now * 100 / maximum)))
    return bars


@pytest.fixture
def campaign_index(home_page):
    from home.models import CampaignIndexPage

    index = CampaignIndexPage(title="Nos campagnes", slug="campagnes")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def lyon_cohort(make_cv):
    """A cohort whose campaign counts 1 234 shares and 2 candidates back in work.

    Around it, what must not count: shares before the campaign, another cohort's shares
    and hires, an unpublished CV, a contract that has ended.
    """
    from cv_pages.models import Cohort, CVShareDaily, EmploymentStatus

    today = timezone.localdate()
    cohort = Cohort.objects.create(name="Promotion 3 — Lyon", slug="promotion-3-lyon")
    other = Cohort.objects.create(name="Promotion 2 — Lille", slug="promotion-2-lille")
    employed = EmploymentStatus.EMPLOYED
    amina = make_cv(first_name="Amina", cohort=cohort, employment_status=employed)
    karim = make_cv(first_name="Karim", cohort=cohort, employment_status=employed)
    julien = make_cv(
        first_name="Julien",
        cohort=cohort,
        employment_status=employed,
        employed_until=today - datetime.timedelta(days=1),
    )
    make_cv(first_name="Sofia", cohort=cohort)
    make_cv(first_name="Nadia", cohort=cohort, employment_status=employed, publish=False)
    driss = make_cv(first_name="Driss", cohort=other, employment_status=employed)

    def shares(cv, channel, days_ago, count):
        CVShareDaily.objects.create(
            cv=cv, channel=channel, day=today - datetime.timedelta(days=days_ago), count=count
        )

    shares(amina, "linkedin", 5, 600)
    shares(amina, "whatsapp", 1, 34)
    shares(karim, "email", 3, 400)
    shares(julien, "copy", 0, 200)
    shares(amina, "linkedin", 30, 999)  # before the campaign's first day
    shares(driss, "linkedin", 2, 500)  # another cohort
    return cohort


def test_editor_builds_and_publishes_a_campaign_then_a_visitor_sees_its_figures(
    page,
    open_page,
    console_errors,
    settings,
    site_on_live_server,
    campaign_index,
    donation_page,
    lyon_cohort,
):
    from django.contrib.auth.models import Group, User

    from donations.models import DonationStatus, PaymentStatus
    from donations.tests.donor_space_factories import (
        make_donation,
        make_donor,
        make_payment,
        make_refund,
    )
    from home.models import CampaignPage

    base_url = site_on_live_server
    today = timezone.localdate()
    start = today - datetime.timedelta(days=10)
    end = today + datetime.timedelta(days=20)
    # Wagtail's autosave posts the form in the background half a second after each change;
    # a robot that clicks "Publier" at once races it (the create form is then posted a
    # second time: "slug already used"). People do not type that fast.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    # As in production: visitors get cached pages, which new money must refresh.
    settings.PAGE_CACHE_SECONDS = 300

    # "Editors" write without publishing; "Moderators" publish.
    editor = User.objects.create_user(
        "camille", email="camille@linkedout.example", password=PASSWORD
    )
    editor.groups.add(Group.objects.get(name="Moderators"))

    page.goto(f"{base_url}/admin/login/")
    page.locator('input[name="username"]').fill("camille")
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('form button[type="submit"]').click()
    page.wait_for_url(f"{base_url}/admin/")

    # 1. A new campaign under the campaign index (its only allowed page type).
    page.goto(f"{base_url}/admin/pages/{campaign_index.pk}/")
    page.get_by_role("link", name="Ajouter une sous-page").click()
    page.wait_for_url(f"{base_url}/admin/pages/add/home/campaignpage/{campaign_index.pk}/")

    page.locator("#id_title").fill("Promotion 3 : Lyon se mobilise")
    page.locator("#id_intro").fill("Trois mois pour aider vingt Lyonnais à retrouver un emploi.")
    page.get_by_role("button", name="Choisir promotion").click()
    page.locator(".modal-dialog").get_by_role("link", name="Promotion 3 — Lyon").click()
    expect(page.locator("#id_cohort-chooser .chooser__title")).to_have_text("Promotion 3 — Lyon")
    page.locator("#id_start_date").fill(start.isoformat())
    page.locator("#id_end_date").fill(end.isoformat())
    # A click outside closes the date pickers, which would cover the goals.
    page.get_by_text("Laissez vide pour une campagne sans date de fin.").click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    page.locator("#id_goal_shares").fill("2000")
    page.locator("#id_goal_hires").fill("4")
    page.locator("#id_goal_amount").fill("5000")
    page.locator("#id_donation_page-chooser .chooser__choose-button").click()
    page.locator(".modal-dialog").get_by_role("link", name=donation_page.title).click()
    expect(page.locator("#id_donation_page-chooser .chooser__title")).to_have_text(
        donation_page.title
    )

    # 2. The body, block by block, from the block picker.
    body = page.locator("#body-root")

    def add_block(label):
        body.locator(".c-sf-add-button").last.click()
        page.get_by_role("option", name=label, exact=True).click()

    add_block("bandeau d'ouverture")
    page.locator('input[name="body-0-value-title"]').fill(HERO_TITLE)
    # A new hero has no button to fill in or delete: its buttons are optional.
    expect(
        body.locator('[data-contentpath="links"] button[data-streamfield-action="DELETE"]')
    ).to_have_count(0)
    add_block("texte")
    editor = body.locator('[data-contentpath="text"] [contenteditable="true"]')
    editor.click()
    editor.press_sequentially(TEXT)
    expect(editor).to_contain_text(TEXT)
    # Draftail writes the editor's content to the form field a moment after typing stops.
    expect(page.locator('input[name="body-1-value-text"]')).to_have_value(
        re.compile("Chaque partage rapproche")
    )
    add_block("chiffres de la campagne en direct")
    expect(page.locator('input[name="body-2-value-heading"]')).to_have_value(
        "Où en est la campagne ?"
    )

    # 3. Published from the footer's action menu.
    actions = page.locator("footer .w-dropdown-button")
    actions.locator('button[data-w-dropdown-target="toggle"]').click()
    actions.locator('button[name="action-publish"]').click()
    page.wait_for_url(f"{base_url}/admin/pages/{campaign_index.pk}/")
    expect(page.locator(".messages li.success")).to_be_visible()

    campaign = CampaignPage.objects.get()
    assert campaign.live
    assert campaign.get_parent().pk == campaign_index.pk
    assert (campaign.cohort, campaign.start_date, campaign.end_date) == (lyon_cohort, start, end)
    assert (campaign.goal_shares, campaign.goal_hires, campaign.goal_amount) == (2000, 4, 5000)
    assert campaign.donation_page_id == donation_page.pk
    assert [block.block_type for block in campaign.body] == ["hero", "text", "campaign_figures"]
    assert TEXT in campaign.body[1].value["text"].source

    # 4. Gifts come in for the campaign: only successful payments for it count.
    donor = make_donor()
    make_payment(make_donation(donor, 100_000, campaign=campaign))
    refunded = make_payment(make_donation(donor, 50_000, campaign=campaign))
    make_payment(
        make_donation(donor, 30_000, campaign=campaign, status=DonationStatus.FAILED),
        status=PaymentStatus.FAILED,
    )
    make_payment(make_donation(donor, 200_000))  # not for this campaign

    # 5. A visitor (no session) reads the campaign.
    visitor = open_page()
    visitor.goto(f"{base_url}{campaign.url}")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(campaign.title)
    expect(visitor.get_by_role("heading", name=HERO_TITLE)).to_be_visible()
    expect(visitor.get_by_text(TEXT)).to_be_visible()
    expect(visitor.get_by_role("heading", name="Où en est la campagne ?")).to_be_visible()
    assert figure_value(visitor, "shares") == "1 234"
    assert figure_value(visitor, "hires") == "2"
    assert figure_value(visitor, "money") == "1 500 €"
    for key in ("shares", "hires", "money"):
        expect(
            visitor.locator(f".campaign-figure--{key}").get_by_role("progressbar")
        ).to_have_count(1)
    # What a screen reader announces: each bar's words and how full it is.
    bars = progress_bars(visitor)
    assert [percent for _name, percent in bars] == [62, 50, 30]
    shares_name, hires_name, money_name = (name for name, _percent in bars)
    assert "1 234" in shares_name and "2 000" in shares_name
    assert re.search(r"\b2\b.*\b4\b", hires_name)
    assert "1 500 €" in money_name and "5 000 €" in money_name
    donate = visitor.locator(".campaign-figure--money").get_by_role("link", name="Faire un don")
    expect(donate).to_have_attribute("href", donation_page.url)

    # The page is now cached for visitors...
    assert visitor.reload().headers.get("x-page-cache") == "hit"
    # ...until money moves: a refund lowers the amount raised at once.
    make_refund(refunded, 25_000)
    response = visitor.reload()
    assert response.headers.get("x-page-cache") != "hit"
    assert figure_value(visitor, "money") == "1 250 €"
    assert progress_bars(visitor)[2][1] == 25
    assert figure_value(visitor, "shares") == "1 234"

    assert console_errors == []
