"""Tax receipts: numbering, every legal mention, cancellation, duplicates, yearly summaries."""

import datetime
import io
import re
import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError, connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from mailer.engine import send_all

from donations import receipts
from donations.amounts import amount_in_words, format_cents, framed, parse_euros
from donations.models import (
    Donation,
    Donor,
    Payment,
    Receipt,
    Refund,
)
from donations.models.ledger import PaymentMethod, PaymentStatus
from donations.receipt_pdf import render_receipt
from donations.tests.helpers import pdf_text

_ids = iter(range(1, 10**6))


def squash(text):
    return re.sub(r"\s+", "", text)


def make_payment(
    kind="company",
    amount_cents=150000,
    frequency="once",
    donor=None,
    paid_at=None,
    method=PaymentMethod.CARD,
    status=PaymentStatus.SUCCEEDED,
):
    if donor is None:
        fields = {
            "kind": kind,
            "email": "compta@durand.example",
            "address_line1": "3 rue des Lilas",
            "postal_code": "75011",
            "city": "Paris",
        }
        if kind == "company":
            fields.update(
                legal_name="Boulangerie Durand",
                legal_form="SAS",
                siret="73282932000074",
                contact_name="Marie Durand",
            )
        else:
            fields.update(first_name="Jeanne", last_name="Martin")
        donor = Donor.objects.create(**fields)
    donation = Donation.objects.create(donor=donor, amount_cents=amount_cents, frequency=frequency)
    return Payment.objects.create(
        donation=donation,
        amount_cents=amount_cents,
        status=status,
        method=method,
        stripe_payment_intent_id=f"pi_{next(_ids)}",
        paid_at=paid_at or timezone.now(),
    )


# -- Amounts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cents, words",
    [
        (150000, "mille cinq cents euros"),
        (100, "un euro"),
        (2100, "vingt et un euros"),
        (8000, "quatre-vingts euros"),
        (7100, "soixante et onze euros"),
        (20000, "deux cents euros"),
        (20100, "deux cent un euros"),
        (8000000, "quatre-vingt mille euros"),
        (1250, "douze euros et cinquante centimes"),
        (100000000, "un million d'euros"),
    ],
)
def test_amount_in_french_words(cents, words):
    assert amount_in_words(cents) == words


def test_amount_in_figures_is_framed_by_asterisks():
    assert framed(150000) == "***1 500,00 €***"
    assert format_cents(1250) == "12,50 €"


# -- Issuing ---------------------------------------------------------------------------


def test_company_receipt_carries_every_mention(receipt_settings):
    payment = make_payment(paid_at=timezone.make_aware(datetime.datetime(2026, 3, 14, 10)))
    receipt = receipts.issue_receipt_for_payment(payment)
    year = timezone.localdate().year
    assert receipt.number == f"{year}-000001"
    assert (receipt.kind, receipt.amount_cents, receipt.payment_method) == (
        "company", 150000, "Carte bancaire",
    )  # fmt: skip
    assert receipt.gift_date == datetime.date(2026, 3, 14)
    assert "durand" not in receipt.pdf.name.lower()  # random file name
    with receipt.pdf.open("rb") as handle:
        text = pdf_text(handle.read())
    for mention in (
        # the organisation: identity, object, status
        "Association LinkedOut France",
        "12 rue de l'Exemple",
        "RNA W751234567",
        "Favoriser le retour à l'emploi",
        "Association d'intérêt général régie par la loi du 1er juillet 1901",
        # the model and the article
        "2041-MEC-SD",
        "cerfa n° 16216",
        "article 238 bis du code général des impôts",
        # the receipt and the company
        f"Reçu n° {year}-000001",
        "Boulangerie Durand",
        "Forme juridique : SAS",
        "N° SIREN : 732 829 320",
        "3 rue des Lilas",
        # the amount, in figures framed by asterisks and in words
        "***1 500,00 €***",
        "mille cinq cents euros",
        # date, form, nature and mode of the gift
        "Date du versement : 14/03/2026",
        "Forme du don : Autre",
        "Nature du don : Numéraire",
        "Mode de versement : Carte bancaire",
        # certification, place, date and signature
        "Le bénéficiaire certifie sur l'honneur que les dons et versements qu'il reçoit "
        "ouvrent droit à la réduction d'impôt prévue à l'article 238 bis",
        f"Fait à Paris, le {timezone.localdate():%d/%m/%Y}",
        "Claire Martin, Présidente",
    ):
        assert squash(mention) in text, mention
    assert "cerfa n° 11580" not in text


def test_individual_receipt_uses_article_200_and_full_name_and_address(receipt_settings):
    payment = make_payment(kind="individual", amount_cents=5000, method=PaymentMethod.SEPA_DEBIT)
    receipt = receipts.issue_receipt_for_payment(payment)
    assert receipt.kind == "individual"
    text = pdf_text(render_receipt(receipt, compress=False))
    for mention in (
        "cerfa n° 11580",
        "article 200 du code général des impôts",
        "Nom et prénom : Jeanne Martin",
        "3 rue des Lilas",
        "75011 Paris",
        "***50,00 €***",
        "cinquante euros",
        "Mode de versement : Prélèvement SEPA",
    ):
        assert squash(mention) in text, mention
    assert "238bis" not in text and "N°SIREN" not in text


def test_issuing_twice_gives_the_same_receipt(receipt_settings):
    payment = make_payment()
    first = receipts.issue_receipt_for_payment(payment)
    second = receipts.issue_receipt_for_payment(payment)
    assert first.pk == second.pk
    assert Receipt.objects.count() == 1


def test_numbers_follow_each_other_and_receipts_copy_the_donor(receipt_settings):
    payments = [make_payment(amount_cents=1000 * (i + 1)) for i in range(3)]
    numbers = [receipts.issue_receipt_for_payment(p).number for p in payments]
    year = timezone.localdate().year
    assert numbers == [f"{year}-000001", f"{year}-000002", f"{year}-000003"]
    # Changing the donor's details later leaves the issued receipt as it was.
    donor = payments[0].donation.donor
    donor.legal_name = "Nouveau Nom"
    donor.save()
    assert Receipt.objects.get(number=numbers[0]).donor_name == "Boulangerie Durand"


def test_no_receipt_for_a_payment_not_succeeded_or_fully_refunded(receipt_settings):
    pending = make_payment(status=PaymentStatus.PENDING)
    assert receipts.issue_receipt_for_payment(pending) is None
    refunded = make_payment(amount_cents=3000)
    Refund.objects.create(
        payment=refunded, stripe_refund_id="re_full", amount_cents=3000,
        refunded_at=timezone.now(),
    )  # fmt: skip
    assert receipts.issue_receipt_for_payment(refunded) is None
    assert not Receipt.objects.exists()


def test_a_partial_refund_recorded_first_is_deducted(receipt_settings):
    payment = make_payment(amount_cents=10000)
    Refund.objects.create(
        payment=payment, stripe_refund_id="re_part", amount_cents=2500,
        refunded_at=timezone.now(),
    )  # fmt: skip
    assert receipts.issue_receipt_for_payment(payment).amount_cents == 7500


def test_no_receipt_when_the_association_is_not_eligible(receipt_settings):
    receipt_settings.eligible_238_bis = False
    receipt_settings.save()
    assert receipts.issue_receipt_for_payment(make_payment()) is None
    assert receipts.issue_receipt_for_payment(make_payment(kind="individual")) is not None


def test_receipt_is_emailed_with_its_pdf_once_committed(
    receipt_settings, django_capture_on_commit_callbacks
):
    payment = make_payment()
    with django_capture_on_commit_callbacks(execute=True):
        receipt = receipts.issue_receipt_for_payment(payment)
    send_all()
    (message,) = mail.outbox
    assert message.to == ["compta@durand.example"]
    assert message.subject == f"Votre reçu fiscal n° {receipt.number}"
    assert "Merci pour votre don de 1\xa0500\xa0€" in message.body
    ((name, content, mimetype),) = message.attachments
    assert name == f"recu-fiscal-{receipt.number}.pdf"
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    receipt.refresh_from_db()
    assert receipt.emailed_at is not None


def test_nothing_is_emailed_for_a_rolled_back_receipt(
    receipt_settings, django_capture_on_commit_callbacks
):
    from django.db import transaction

    payment = make_payment()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                receipts.issue_receipt_for_payment(payment)
                raise RuntimeError("webhook failed later")
        except RuntimeError:
            pass
    assert callbacks == []
    send_all()
    assert mail.outbox == []
    assert not Receipt.objects.exists()


# -- Cancellation and duplicates ----------------------------------------------------------


def test_a_refund_cancels_the_receipt_and_keeps_it(receipt_settings):
    payment = make_payment()
    receipt = receipts.issue_receipt_for_payment(payment)
    duplicate = receipts.issue_duplicate(receipt)
    assert receipts.cancel_receipts_for_payment(payment, "Remboursement") == 2
    assert receipts.cancel_receipts_for_payment(payment, "Remboursement") == 0
    receipt.refresh_from_db()
    assert receipt.is_cancelled and receipt.cancellation_reason == "Remboursement"
    assert Receipt.objects.filter(pk__in=[receipt.pk, duplicate.pk]).count() == 2
    # Its number is never reused: the next receipt takes the next one.
    assert receipts.issue_receipt_for_payment(make_payment()).sequence == 2
    text = pdf_text(render_receipt(receipt, compress=False))
    assert "ANNULÉ" in text
    # A cancelled receipt is not reissued.
    with pytest.raises(ValueError):
        receipts.issue_duplicate(receipt)


def test_a_duplicate_reproduces_the_original_and_says_so(
    receipt_settings, django_capture_on_commit_callbacks
):
    original = receipts.issue_receipt_for_payment(make_payment())
    with django_capture_on_commit_callbacks(execute=True):
        first = receipts.issue_duplicate(original)
        second = receipts.issue_duplicate(first)  # a duplicate of a duplicate: same original
    assert first.number == f"{original.number}-D1"
    assert second.number == f"{original.number}-D2"
    assert second.duplicate_of_id == original.pk
    assert (first.amount_cents, first.donor_name, first.gift_date) == (
        original.amount_cents, original.donor_name, original.gift_date,
    )  # fmt: skip
    with first.pdf.open("rb") as handle:
        text = pdf_text(handle.read())
    assert "DUPLICATA" in text
    assert squash(f"Duplicata du reçu n° {original.number}") in text
    assert "***1500,00€***" in text
    send_all()
    assert [m.subject for m in mail.outbox] == [
        f"Duplicata de votre reçu fiscal n° {original.number}"
    ] * 2


# -- Yearly summary ------------------------------------------------------------------------


def test_yearly_summary_covers_only_payments_without_a_valid_receipt(receipt_settings):
    year = timezone.localdate().year - 1
    donor = make_payment(kind="individual").donation.donor

    def monthly(month, amount=2000):
        when = timezone.make_aware(datetime.datetime(year, month, 5, 12))
        return make_payment(donor=donor, frequency="monthly", amount_cents=amount, paid_at=when)

    receipted = monthly(1)
    receipts.issue_receipt_for_payment(receipted)
    refunded = monthly(2)
    Refund.objects.create(
        payment=refunded, stripe_refund_id="re_m", amount_cents=2000, refunded_at=timezone.now()
    )
    march, april = monthly(3), monthly(4, amount=3000)
    make_payment(  # another year
        donor=donor,
        frequency="monthly",
        paid_at=timezone.make_aware(datetime.datetime(year - 1, 6, 1)),
    )
    summary = receipts.issue_yearly_summary(donor, year)
    assert summary.is_summary
    assert set(summary.payments.all()) == {march, april}
    assert summary.amount_cents == 5000
    assert (summary.period_start, summary.period_end) == (
        datetime.date(year, 3, 5), datetime.date(year, 4, 5),
    )  # fmt: skip
    text = pdf_text(render_receipt(summary, compress=False))
    assert squash(f"Période des versements : du 05/03/{year} au 05/04/{year}") in text
    assert "***50,00€***" in text and "cinquanteeuros" in text
    # Asked again: nothing left to cover; and no single receipt for a covered payment.
    assert receipts.issue_yearly_summary(donor, year) is None
    assert receipts.issue_receipt_for_payment(march) is None
    # A refund on a covered payment cancels the summary; the others can be covered again.
    receipts.cancel_receipts_for_payment(march, "Remboursement")
    summary.refresh_from_db()
    assert summary.is_cancelled


def yearly_donor(**fields):
    """A company giving monthly that chose one receipt a year."""
    return Donor.objects.create(
        kind="company",
        email="dons@menuiserie.example",
        legal_name="Menuiserie Leroy",
        legal_form="SARL",
        siret="73282932000074",
        contact_name="Paul Leroy",
        address_line1="8 rue du Bois",
        postal_code="69003",
        city="Lyon",
        yearly_receipt=True,
        **fields,
    )


def monthly_payment(donor, year, month, amount=2000, method=PaymentMethod.CARD, donation=None):
    when = timezone.make_aware(datetime.datetime(year, month, 5, 12))
    if donation is None:
        return make_payment(
            donor=donor, frequency="monthly", amount_cents=amount, paid_at=when, method=method
        )
    return Payment.objects.create(
        donation=donation,
        amount_cents=amount,
        status=PaymentStatus.SUCCEEDED,
        method=method,
        stripe_payment_intent_id=f"pi_{next(_ids)}",
        paid_at=when,
    )


def test_a_yearly_receipt_donor_gets_one_summary_instead_of_a_receipt_a_month(
    receipt_settings, django_capture_on_commit_callbacks
):
    year = timezone.localdate().year - 1
    donor = yearly_donor()
    first = monthly_payment(donor, year, 2)
    donation = first.donation
    later = [
        monthly_payment(donor, year, month, method=method, donation=donation)
        for month, method in ((6, PaymentMethod.SEPA_DEBIT), (11, PaymentMethod.CARD))
    ]
    payments = [first, *later]
    this_year = monthly_payment(donor, year + 1, 1, donation=donation)
    # Each monthly payment, as its webhook arrives: no receipt, it waits for the summary.
    for payment in [*payments, this_year]:
        assert receipts.issue_receipt_for_payment(payment) is None
    assert not Receipt.objects.exists()
    # A one-off gift of the same donor still gets its own receipt at once.
    one_off = make_payment(donor=donor, amount_cents=50000)
    single = receipts.issue_receipt_for_payment(one_off)
    assert single is not None and not single.is_summary and single.amount_cents == 50000
    # A partial refund recorded before the summary is deducted from it.
    Refund.objects.create(
        payment=later[0], stripe_refund_id="re_half", amount_cents=500,
        refunded_at=timezone.now(),
    )  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        summary = receipts.issue_yearly_summary(donor, year)
    assert summary.is_summary and not summary.is_cancelled
    assert set(summary.payments.all()) == set(payments)  # not this year's, not the one-off
    assert summary.amount_cents == 2000 + 1500 + 2000
    assert (summary.period_start, summary.period_end) == (
        datetime.date(year, 2, 5), datetime.date(year, 11, 5),
    )  # fmt: skip
    assert summary.payment_method == "Carte bancaire, Prélèvement SEPA"
    assert summary.number == f"{timezone.localdate().year}-000002"  # after the one-off's
    text = pdf_text(render_receipt(summary, compress=False))
    assert squash(f"Période des versements : du 05/02/{year} au 05/11/{year}") in text
    assert "***55,00€***" in text and "cinquante-cinqeuros" in text
    assert "MenuiserieLeroy" in text
    send_all()
    (message,) = mail.outbox
    assert message.subject == f"Votre reçu fiscal récapitulatif n° {summary.number}"
    assert message.attachments[0][0] == f"recu-fiscal-{summary.number}.pdf"

    # Asked again (or a late webhook retry): nothing is receipted twice.
    assert receipts.issue_yearly_summary(donor, year) is None
    for payment in payments:
        assert receipts.issue_receipt_for_payment(payment) is None
    assert Receipt.objects.count() == 2
    for payment in payments:
        assert (
            Receipt.objects.filter(
                Q(payment=payment) | Q(payments=payment), cancelled_at__isnull=True
            ).count()
            == 1
        )


def test_the_yearly_preference_applies_to_the_payments_confirmed_after_the_change(
    receipt_settings,
):
    year = timezone.localdate().year - 1
    donor = yearly_donor()
    Donor.objects.filter(pk=donor.pk).update(yearly_receipt=False)
    january = monthly_payment(donor, year, 1)
    donation = january.donation
    assert receipts.issue_receipt_for_payment(january) is not None

    Donor.objects.filter(pk=donor.pk).update(yearly_receipt=True)
    february = monthly_payment(donor, year, 2, donation=donation)
    assert receipts.issue_receipt_for_payment(february) is None

    Donor.objects.filter(pk=donor.pk).update(yearly_receipt=False)
    march = monthly_payment(donor, year, 3, donation=donation)
    assert receipts.issue_receipt_for_payment(march) is not None

    # The summary covers only the payment left waiting, whatever the preference is now.
    summary = receipts.issue_yearly_summary(donor, year)
    assert list(summary.payments.all()) == [february]
    assert summary.amount_cents == 2000
    assert Receipt.objects.filter(cancelled_at__isnull=True).count() == 3


def run_yearly_receipts(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("issue_yearly_receipts", *args, stdout=out, stderr=err)
    return out.getvalue().strip()


def test_the_january_command_issues_each_summary_once(receipt_settings):
    last_year = timezone.localdate().year - 1
    first = yearly_donor()
    for month in (1, 2, 3):
        payment = monthly_payment(first, last_year, month, amount=3000)
        receipts.issue_receipt_for_payment(payment)  # as the webhook does: nothing issued
    second = yearly_donor(display_name="Second")
    monthly_payment(second, last_year, 12, amount=10000)
    monthly_payment(second, last_year - 1, 12)  # an older year: not this run's
    only_this_year = yearly_donor(display_name="Nouveau")
    monthly_payment(only_this_year, last_year + 1, 1)
    per_payment = make_payment(
        kind="individual", frequency="monthly",
        paid_at=timezone.make_aware(datetime.datetime(last_year, 4, 5, 12)),
    )  # fmt: skip
    receipts.issue_receipt_for_payment(per_payment)  # already receipted: left alone
    assert Receipt.objects.count() == 1

    assert run_yearly_receipts() == f"2 reçu(s) récapitulatif(s) émis pour {last_year}."
    summaries = {r.donor_id: r for r in Receipt.objects.filter(is_summary=True)}
    assert set(summaries) == {first.pk, second.pk}
    assert summaries[first.pk].amount_cents == 9000
    assert summaries[second.pk].amount_cents == 10000
    assert summaries[second.pk].period_start == datetime.date(last_year, 12, 5)

    # Run again (cron retry, someone re-runs it by hand): nothing new.
    assert run_yearly_receipts() == f"0 reçu(s) récapitulatif(s) émis pour {last_year}."
    assert run_yearly_receipts("--year", str(last_year)) == (
        f"0 reçu(s) récapitulatif(s) émis pour {last_year}."
    )
    assert Receipt.objects.count() == 3
    # Another year on request.
    assert run_yearly_receipts("--year", str(last_year - 1)) == (
        f"1 reçu(s) récapitulatif(s) émis pour {last_year - 1}."
    )


def test_a_refund_after_the_summary_cancels_it_and_the_next_run_reissues_it_net(
    receipt_settings,
):
    year = timezone.localdate().year - 1
    donor = yearly_donor()
    june = monthly_payment(donor, year, 6, amount=4000)
    july = monthly_payment(donor, year, 7, amount=4000, donation=june.donation)
    assert run_yearly_receipts("--year", str(year)).startswith("1 ")
    first = Receipt.objects.get()

    Refund.objects.create(
        payment=july, stripe_refund_id="re_july", amount_cents=1000, refunded_at=timezone.now()
    )
    receipts.cancel_receipts_for_payment(july, "Remboursement")  # as the webhook does
    first.refresh_from_db()
    assert first.is_cancelled

    assert run_yearly_receipts("--year", str(year)).startswith("1 ")
    replacement = Receipt.objects.get(cancelled_at__isnull=True)
    assert replacement.pk != first.pk
    assert set(replacement.payments.all()) == {june, july}
    assert replacement.amount_cents == 7000


def test_the_command_says_when_the_association_cannot_issue_receipts(receipt_settings):
    receipt_settings.eligible_238_bis = False
    receipt_settings.save()
    monthly_payment(yearly_donor(), timezone.localdate().year - 1, 3)
    out, err = io.StringIO(), io.StringIO()
    call_command("issue_yearly_receipts", stdout=out, stderr=err)
    assert out.getvalue().startswith("0 reçu(s)")
    assert "pas déclarée éligible" in err.getvalue()
    assert not Receipt.objects.exists()


# -- Numbering under concurrency ---------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_payments_get_numbers_without_gaps_or_duplicates(home_page):
    payments = [make_payment(amount_cents=1000 + i) for i in range(8)]
    barrier = threading.Barrier(len(payments))
    errors = []

    def issue(payment):
        try:
            barrier.wait()
            for _attempt in range(50):
                try:
                    receipts.issue_receipt_for_payment(payment)
                    return
                except OperationalError:
                    # SQLite lets one writer in at a time and refuses the others at once;
                    # PostgreSQL makes them wait on the sequence's row lock instead.
                    threading.Event().wait(0.05)
            errors.append(f"payment {payment.pk} never got its receipt")
        except Exception as error:  # noqa: BLE001
            errors.append(repr(error))
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=issue, args=(p,)) for p in payments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sequences = sorted(Receipt.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, len(payments) + 1))
    assert Receipt.objects.values("payment").distinct().count() == len(payments)
    assert connection.vendor in ("sqlite", "postgresql")


# -- Download ---------------------------------------------------------------------------------


def test_receipt_download_is_for_its_owner_and_finance_only(client, receipt_settings):
    user_model = get_user_model()
    owner = user_model.objects.create_user("owner", "compta@durand.example", "x")
    other = user_model.objects.create_user("other", "autre@example.org", "x")
    finance = user_model.objects.create_user("finance", "finance@example.org", "x")
    finance.user_permissions.add(Permission.objects.get(codename="view_receipt"))
    payment = make_payment()
    payment.donation.donor.user = owner
    payment.donation.donor.save()
    receipt = receipts.issue_receipt_for_payment(payment)
    url = reverse("donations:receipt_pdf", args=[receipt.number])

    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "next=" in anonymous["Location"]
    client.force_login(other)
    assert client.get(url).status_code == 404
    for user in (owner, finance):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert f"recu-fiscal-{receipt.number}.pdf" in response["Content-Disposition"]
        assert "private" in response["Cache-Control"]
        assert b"".join(response.streaming_content).startswith(b"%PDF")

    receipts.cancel_receipts_for_payment(payment, "Remboursement")
    client.force_login(owner)
    assert "ANNULÉ" in pdf_text(client.get(url).content)


def test_a_partial_refund_replaces_the_receipt_by_a_corrected_one(receipt_settings):
    from donations import fulfilment

    payment = make_payment(amount_cents=150000)
    first = receipts.issue_receipt_for_payment(payment)

    refund = {"id": "re_partial", "amount": 50000, "status": "succeeded", "created": 1767225600}
    with transaction.atomic():
        assert fulfilment.record_refund(payment, refund) is True
    with transaction.atomic():
        assert fulfilment.record_refund(payment, refund) is False  # the same refund again

    first.refresh_from_db()
    assert first.is_cancelled
    corrected = Receipt.objects.get(payment=payment, cancelled_at__isnull=True)
    assert corrected.amount_cents == 100000
    assert corrected.sequence == first.sequence + 1
    assert squash("***1 000,00 €***") in pdf_text(render_receipt(corrected, compress=False))

    rest = {"id": "re_rest", "amount": 100000, "status": "succeeded", "created": 1767312000}
    with transaction.atomic():
        fulfilment.record_refund(payment, rest)
    assert not Receipt.objects.filter(payment=payment, cancelled_at__isnull=True).exists()
    assert Receipt.objects.filter(payment=payment).count() == 2


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("50", 5000),
        ("12,5", 1250),
        ("12.50 €", 1250),
        ("1 500", 150000),
        ("1,500", 150000),  # an English visitor's thousands, not 1,50 €
        ("1.500", 150000),
        ("1.500,50", 150050),
        ("1,500.50", 150050),
        ("0,125", None),
        ("abc", None),
    ],
)
def test_typed_amounts_are_read_as_people_mean_them(typed, cents):
    assert parse_euros(typed) == cents
