"""Money totals for the finance staff: gross, refunded and net, per period and per campaign.

Every figure is an SQL aggregate over the ledger (succeeded payments, and the refunds
recorded against them): two grouped queries per table, whatever the number of payments.
A refund counts against the period (and campaign) of the payment it gives back, so a
period's net is what that period's gifts finally brought.
"""

import csv
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth, TruncYear
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from .models import Payment, Refund

PERIODS = {"month": TruncMonth, "year": TruncYear}


@dataclass
class TotalsRow:
    key: object
    label: str
    payments: int
    gross_cents: int
    refunded_cents: int

    @property
    def net_cents(self):
        return self.gross_cents - self.refunded_cents


def _succeeded_payments(start=None, end=None):
    payments = Payment.objects.succeeded().filter(paid_at__isnull=False)
    if start:
        payments = payments.filter(paid_at__date__gte=start)
    if end:
        payments = payments.filter(paid_at__date__lte=end)
    return payments


def _refunds_of(payments):
    return Refund.objects.filter(payment__in=payments.values("pk"))


def totals_by_period(period="month", start=None, end=None):
    """One row per month (or year) with succeeded payments, newest first."""
    trunc = PERIODS[period]
    payments = _succeeded_payments(start, end)
    gross = (
        payments.annotate(period=trunc("paid_at"))
        .values("period")
        .annotate(count=Count("pk"), total=Sum("amount_cents"))
        .order_by()
    )
    refunded = dict(
        _refunds_of(payments)
        .annotate(period=trunc("payment__paid_at"))
        .values("period")
        .annotate(total=Sum("amount_cents"))
        .order_by()
        .values_list("period", "total")
    )
    rows = [
        TotalsRow(
            key=row["period"],
            label=_period_label(row["period"], period),
            payments=row["count"],
            gross_cents=row["total"] or 0,
            refunded_cents=refunded.get(row["period"]) or 0,
        )
        for row in gross
    ]
    return sorted(rows, key=lambda row: row.key, reverse=True)


def totals_by_campaign(start=None, end=None):
    """One row per campaign (and one for gifts outside any campaign), biggest first."""
    payments = _succeeded_payments(start, end)
    gross = (
        payments.values("donation__campaign_id", "donation__campaign__title")
        .annotate(count=Count("pk"), total=Sum("amount_cents"))
        .order_by()
    )
    refunded = dict(
        _refunds_of(payments)
        .values("payment__donation__campaign_id")
        .annotate(total=Sum("amount_cents"))
        .order_by()
        .values_list("payment__donation__campaign_id", "total")
    )
    rows = [
        TotalsRow(
            key=row["donation__campaign_id"],
            label=row["donation__campaign__title"] or str(_("Hors campagne")),
            payments=row["count"],
            gross_cents=row["total"] or 0,
            refunded_cents=refunded.get(row["donation__campaign_id"]) or 0,
        )
        for row in gross
    ]
    return sorted(rows, key=lambda row: (-row.net_cents, row.label))


def grand_total(rows):
    return TotalsRow(
        key=None,
        label=str(_("Total")),
        payments=sum(row.payments for row in rows),
        gross_cents=sum(row.gross_cents for row in rows),
        refunded_cents=sum(row.refunded_cents for row in rows),
    )


MONTHS = [
    _("janvier"),
    _("février"),
    _("mars"),
    _("avril"),
    _("mai"),
    _("juin"),
    _("juillet"),
    _("août"),
    _("septembre"),
    _("octobre"),
    _("novembre"),
    _("décembre"),
]


def _period_label(value, period):
    if value is None:
        return ""
    if period == "year":
        return str(value.year)
    return f"{MONTHS[value.month - 1]} {value.year}"


def _euros(cents):
    # A plain decimal with a dot: spreadsheets in any language read it as a number.
    return f"{cents / 100:.2f}"


def csv_response(rows, *, first_heading, filename):
    """The rows and their total as CSV (UTF-8 with BOM, so that Excel reads the accents)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            first_heading,
            str(_("Paiements")),
            str(_("Brut (€)")),
            str(_("Remboursé (€)")),
            str(_("Net (€)")),
        ]
    )
    for row in [*rows, grand_total(rows)]:
        writer.writerow(
            [
                row.label,
                row.payments,
                _euros(row.gross_cents),
                _euros(row.refunded_cents),
                _euros(row.net_cents),
            ]
        )
    return response
