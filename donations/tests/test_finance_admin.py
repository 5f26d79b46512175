"""The "Dons" menu of the Wagtail admin: finance staff only, read-only ledger, totals."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page

from donations import reports
from donations.models import DonationFrequency, DonorKind, PaymentStatus

from .donor_space_factories import (
    aware,
    make_donation,
    make_donor,
    make_payment,
    make_receipt,
    make_refund,
)

PASSWORD = "Mot-de-passe-123"


def staff(username, group=None, **fields):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@linkedout.example", password=PASSWORD, **fields
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def campaign(home_page):
    page = Page(title="Promotion de printemps", slug="promotion-printemps")
    home_page.add_child(instance=page)
    return page


@pytest.fixture
def ledger(campaign):
    """Two donors, gifts in two months and one campaign, a partial refund, a failure."""
    bakery = make_donor()
    person = make_donor(email="paul@exemple.example", kind=DonorKind.INDIVIDUAL)
    once = make_donation(bakery, amount_cents=150_000, campaign=campaign)
    paid = make_payment(once, paid_at=aware(2025, 3, 14), stripe_payment_intent_id="pi_boulangerie")
    make_refund(paid, 50_000)
    receipt = make_receipt(paid)
    monthly = make_donation(person, amount_cents=5_000, frequency=DonationFrequency.MONTHLY)
    make_payment(monthly, paid_at=aware(2025, 3, 5))
    make_payment(monthly, paid_at=aware(2025, 4, 5))
    make_payment(monthly, paid_at=aware(2025, 5, 5), status=PaymentStatus.FAILED)
    return {"bakery": bakery, "person": person, "once": once, "receipt": receipt}


@pytest.fixture
def finance_client(client, home_page):
    client.force_login(staff("tresoriere", "Finance"))
    return client


def test_finance_group_exists_with_view_rights_only(db):
    finance = Group.objects.get(name="Finance")
    codenames = set(finance.permissions.values_list("codename", flat=True))
    assert {
        "access_admin",
        "view_donor",
        "view_donation",
        "view_payment",
        "view_refund",
        "view_dispute",
        "view_receipt",
        "change_donor",
    } <= codenames
    assert not {"delete_receipt", "change_receipt", "add_payment", "change_payment"} & codenames
    for other in ("Editors", "Moderators", "Coachs"):
        perms = Group.objects.get(name=other).permissions.filter(
            content_type__app_label="donations"
        )
        assert not perms.exists()


def test_finance_sees_the_donations_menu_and_listings(finance_client, ledger):
    dashboard = finance_client.get("/admin/").content.decode()
    assert "/admin/dons/dons/" in dashboard
    assert "/admin/dons/totaux/" in dashboard

    donations = finance_client.get("/admin/dons/dons/").content.decode()
    assert "Boulangerie Martin" in donations and "Paul Durand" in donations
    assert "1\u202f500,00 €" in donations
    payments = finance_client.get("/admin/dons/paiements/").content.decode()
    assert "500,00 €" in payments  # refunded
    assert "1\u202f000,00 €" in payments  # net
    receipts = finance_client.get("/admin/dons/recus/").content.decode()
    assert ledger["receipt"].number in receipts
    donors = finance_client.get("/admin/dons/donateurs/").content.decode()
    assert "paul@exemple.example" in donors


@pytest.mark.parametrize("group", ["Editors", "Moderators", "Coachs"])
def test_other_staff_groups_do_not_see_donations(client, ledger, group):
    client.force_login(staff("collegue", group))
    dashboard = client.get("/admin/").content.decode()
    assert "/admin/dons/" not in dashboard
    for url in (
        "/admin/dons/dons/",
        "/admin/dons/paiements/",
        "/admin/dons/donateurs/",
        "/admin/dons/recus/",
        "/admin/dons/totaux/",
        "/admin/dons/dons/?export=csv",
        "/admin/dons/totaux/?export=periods",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response.url == "/admin/", url
        assert b"Boulangerie" not in response.content


def test_the_ledger_is_read_only_even_for_superusers(client, ledger):
    client.force_login(staff("admin", is_superuser=True, is_staff=True))
    receipt = ledger["receipt"]
    payment = receipt.payment
    assert client.get("/admin/dons/recus/").status_code == 200
    assert client.get(f"/admin/dons/recus/inspect/{receipt.pk}/").status_code == 200
    for url in (
        "/admin/dons/recus/new/",
        f"/admin/dons/recus/edit/{receipt.pk}/",
        f"/admin/dons/recus/delete/{receipt.pk}/",
        f"/admin/dons/paiements/edit/{payment.pk}/",
        f"/admin/dons/paiements/delete/{payment.pk}/",
        "/admin/dons/dons/new/",
    ):
        assert client.get(url).status_code in (302, 403), url
        assert client.post(url, {}).status_code in (302, 403), url
    receipt.refresh_from_db()
    assert receipt.payment_id == payment.pk


def test_finance_approves_a_donor_for_the_wall(finance_client, ledger):
    bakery = ledger["bakery"]
    bakery.show_on_wall = True
    bakery.display_name = "La Mie de Martin"
    bakery.save()
    url = f"/admin/dons/donateurs/edit/{bakery.pk}/"
    form = finance_client.get(url).content.decode()
    assert 'name="wall_approved"' in form
    assert 'name="legal_name"' not in form
    response = finance_client.post(url, {"wall_approved": "on"})
    assert response.status_code == 302
    bakery.refresh_from_db()
    assert bakery.wall_approved
    assert bakery.display_name == "La Mie de Martin"


def test_donation_filters_and_search(finance_client, ledger, campaign):
    def listed(query):
        html = finance_client.get(f"/admin/dons/dons/{query}").content.decode()
        return ("Boulangerie Martin" in html, "Paul Durand" in html)

    assert listed("?frequency=monthly") == (False, True)
    assert listed("?status=confirmed") == (True, False)
    assert listed("?donor_kind=company") == (True, False)
    assert listed(f"?campaign={campaign.pk}") == (True, False)
    assert listed("?q=boulangerie") == (True, False)
    assert listed("?q=paul@exemple") == (False, True)
    payments = finance_client.get("/admin/dons/paiements/?q=pi_boulangerie").content.decode()
    assert "Boulangerie Martin" in payments and "Paul Durand" not in payments
    failed = finance_client.get("/admin/dons/paiements/?status=failed").content.decode()
    assert "Paul Durand" in failed and "Boulangerie Martin" not in failed
    april = finance_client.get(
        "/admin/dons/paiements/?paid_at_from=2025-04-01&paid_at_to=2025-04-30"
    ).content.decode()
    assert "Paul Durand" in april and "Boulangerie Martin" not in april


def read_csv(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8-sig")
    dialect = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=dialect))


def test_csv_exports_contain_the_rows(finance_client, ledger):
    rows = read_csv(finance_client.get("/admin/dons/dons/?export=csv"))
    assert "Montant (€)" in rows[0]
    body = {tuple(row) for row in rows[1:]}
    assert len(body) == 2
    assert any("Boulangerie Martin" in row and "1500.00" in row for row in body)

    rows = read_csv(finance_client.get("/admin/dons/paiements/?export=csv&status=succeeded"))
    heading = rows[0]
    bakery = next(row for row in rows[1:] if "Boulangerie Martin" in row)
    assert bakery[heading.index("Remboursé (€)")] == "500.00"
    assert bakery[heading.index("Net (€)")] == "1000.00"
    assert len(rows) == 4  # heading + three succeeded payments


def test_totals_per_month_and_campaign_are_net_of_refunds(finance_client, ledger, campaign):
    by_month = {row.label: row for row in reports.totals_by_period("month")}
    assert set(by_month) == {"mars 2025", "avril 2025"}
    march = by_month["mars 2025"]
    assert (march.payments, march.gross_cents, march.refunded_cents, march.net_cents) == (
        2,
        155_000,
        50_000,
        105_000,
    )
    assert by_month["avril 2025"].net_cents == 5_000  # the failed May payment is not money

    by_campaign = {row.key: row for row in reports.totals_by_campaign()}
    assert by_campaign[campaign.pk].net_cents == 100_000
    assert by_campaign[None].net_cents == 10_000
    assert by_campaign[None].label == "Hors campagne"

    by_year = reports.totals_by_period("year")
    assert [(row.label, row.net_cents) for row in by_year] == [("2025", 110_000)]
    only_april = reports.totals_by_period("month", start=aware(2025, 4, 1).date())
    assert [row.label for row in only_april] == ["avril 2025"]

    page = finance_client.get("/admin/dons/totaux/").content.decode()
    assert "mars 2025" in page and "Promotion de printemps" in page
    assert "1\u00a0050,00\u00a0€" in page
    assert "1\u00a0100,00\u00a0€" in page  # grand total


def test_totals_csv_export(finance_client, ledger):
    rows = read_csv(finance_client.get("/admin/dons/totaux/?export=periods&period=month"))
    assert rows[0] == ["Période", "Paiements", "Brut (€)", "Remboursé (€)", "Net (€)"]
    assert ["mars 2025", "2", "1550.00", "500.00", "1050.00"] in rows
    assert rows[-1] == ["Total", "3", "1600.00", "500.00", "1100.00"]
    rows = read_csv(finance_client.get("/admin/dons/totaux/?export=campaigns"))
    assert ["Promotion de printemps", "1", "1500.00", "500.00", "1000.00"] in rows


def test_totals_are_computed_in_a_fixed_number_of_queries(ledger, django_assert_num_queries):
    with django_assert_num_queries(2):
        reports.totals_by_period("month")
    for month in range(1, 13):
        make_payment(ledger["once"], paid_at=aware(2024, month, 3))
    with django_assert_num_queries(2):
        rows = reports.totals_by_campaign()
    assert sum(row.payments for row in rows) == 15


def test_listings_keep_a_flat_query_count(finance_client, ledger, django_assert_max_num_queries):
    for number in range(15):
        donor = make_donor(email=f"donateur{number}@exemple.example", legal_name=f"SAS {number}")
        make_payment(make_donation(donor))
    for url in ("/admin/dons/dons/", "/admin/dons/paiements/", "/admin/dons/recus/"):
        with django_assert_max_num_queries(40):
            assert finance_client.get(url).status_code == 200
