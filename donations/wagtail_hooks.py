"""The finance staff's view of the donations, under a "Dons" menu of the Wagtail admin.

Only the "Finance" group (and superusers) see it: every view checks the models' "view"
permissions, which no other group has. The ledger is read-only here, for superusers
too, because only Stripe's webhooks write it; receipts are immutable. The one change
allowed is approving a donor's name and logo for the supporters wall.
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.coreutils import multigetattr
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import reports
from .models import (
    Dispute,
    Donation,
    DonationFrequency,
    DonationStatus,
    Donor,
    DonorKind,
    Payment,
    PaymentStatus,
    Receipt,
    Refund,
)
from .models.ledger import PaymentMethod


class LimitedActionsPolicy(ModelPermissionPolicy):
    """Django's model permissions, restricted to some actions for everyone (superusers too)."""

    def __init__(self, model, allowed_actions):
        super().__init__(model)
        self.allowed_actions = set(allowed_actions)

    def user_has_permission(self, user, action):
        return action in self.allowed_actions and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action in self.allowed_actions]
        if not allowed:
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)


# Registered before any viewset asks for a policy (Wagtail would create a default one).
for _model in (Donation, Payment, Receipt, Refund, Dispute):
    register_permission_policy(_model, LimitedActionsPolicy(_model, {"view"}))
register_permission_policy(Donor, LimitedActionsPolicy(Donor, {"view", "change"}))


def user_is_finance(user):
    """Finance staff: may read the payments (the Finance group, or a superuser)."""
    return user.is_active and user.has_perm("donations.view_payment")


def euros(cents):
    if cents is None:
        return ""
    return f"{cents / 100:,.2f} €".replace(",", "\u202f").replace(".", ",")


class EurosColumn(Column):
    """A column of cents shown as euros."""

    def __init__(self, name, label, accessor=None, **kwargs):
        self.cents_accessor = accessor or name
        super().__init__(name, label=label, accessor=self._value, **kwargs)

    def _value(self, instance):
        return euros(getattr(instance, self.cents_accessor))


class DateFromToFilter(django_filters.DateFromToRangeFilter):
    """A from/to date filter with Wagtail's date pickers."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", DateRangePickerWidget)
        super().__init__(*args, **kwargs)


def campaign_pages(request):
    campaign_ids = Donation.objects.exclude(campaign=None).values("campaign_id")
    return Page.objects.filter(pk__in=campaign_ids).order_by("title")


class DonationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("État"), choices=DonationStatus.choices)
    frequency = django_filters.ChoiceFilter(label=_("Fréquence"), choices=DonationFrequency.choices)
    donor_kind = django_filters.ChoiceFilter(
        label=_("Type de donateur"), field_name="donor__kind", choices=DonorKind.choices
    )
    campaign = django_filters.ModelChoiceFilter(label=_("Campagne"), queryset=campaign_pages)
    created_at = DateFromToFilter(label=_("Créé entre"), field_name="created_at__date")

    class Meta:
        model = Donation
        fields = []


class PaymentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("État"), choices=PaymentStatus.choices)
    method = django_filters.ChoiceFilter(
        label=_("Moyen de paiement"), choices=PaymentMethod.choices
    )
    paid_at = DateFromToFilter(label=_("Payé entre"), field_name="paid_at__date")

    class Meta:
        model = Payment
        fields = []


class ReceiptFilterSet(WagtailFilterSet):
    year = django_filters.NumberFilter(label=_("Année"))
    kind = django_filters.ChoiceFilter(
        label=_("Modèle"), choices=Receipt._meta.get_field("kind").choices
    )
    cancelled = django_filters.BooleanFilter(
        label=_("Annulé"), field_name="cancelled_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Receipt
        fields = []


def cents_as_euros(value):
    # A plain decimal with a dot: spreadsheets in any language read it as a number.
    return f"{(value or 0) / 100:.2f}"


CENTS_IN_EXPORTS = {"csv": cents_as_euros, "xlsx": lambda value: (value or 0) / 100}


def index_view_with(*related, prefetch=(), annotate=None, cents_fields=()):
    """An IndexView whose rows come with their related rows (flat query count).

    `cents_fields` are exported as euros.
    """

    class IndexView(generic.IndexView):
        custom_field_preprocess = {name: CENTS_IN_EXPORTS for name in cents_fields}

        def to_row_dict(self, item):
            # A missing relation (a donation outside any campaign) exports as an empty cell.
            row = {}
            for field in self.list_export:
                try:
                    row[field] = multigetattr(item, field)
                except AttributeError:
                    row[field] = ""
            return row

        def get_base_queryset(self):
            queryset = super().get_base_queryset().select_related(*related)
            if prefetch:
                queryset = queryset.prefetch_related(*prefetch)
            if annotate:
                queryset = annotate(queryset)
            return queryset

    return IndexView


class LedgerViewSet(ModelViewSet):
    """Listing, filters, search, export and inspect; no form (the policy refuses edits)."""

    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []


class DonationViewSet(LedgerViewSet):
    model = Donation
    icon = "pick"
    menu_label = _("Dons")
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = index_view_with("donor", "campaign", cents_fields=["amount_cents"])
    list_display = [
        "donor",
        EurosColumn("amount_cents", label=_("Montant")),
        "frequency",
        "status",
        "campaign",
        DateColumn("created_at", label=_("Créé le")),
    ]
    filterset_class = DonationFilterSet
    search_fields = [
        "donor__legal_name",
        "donor__first_name",
        "donor__last_name",
        "donor__email",
        "donor__display_name",
        "donor__stripe_customer_id",
        "stripe_checkout_session_id",
        "stripe_subscription_id",
    ]
    search_backend_name = None
    list_export = [
        "public_id",
        "created_at",
        "donor.name",
        "donor.email",
        "donor.get_kind_display",
        "amount_cents",
        "get_frequency_display",
        "get_status_display",
        "campaign.title",
        "stripe_checkout_session_id",
        "stripe_subscription_id",
    ]
    export_headings = {
        "public_id": _("Référence"),
        "created_at": _("Créé le"),
        "donor.name": _("Donateur"),
        "donor.email": _("E-mail"),
        "donor.get_kind_display": _("Type de donateur"),
        "amount_cents": _("Montant (€)"),
        "get_frequency_display": _("Fréquence"),
        "get_status_display": _("État"),
        "campaign.title": _("Campagne"),
        "stripe_checkout_session_id": _("Session Stripe"),
        "stripe_subscription_id": _("Abonnement Stripe"),
    }
    export_filename = "dons"


def payments_with_net(queryset):
    return queryset.with_net()


class PaymentViewSet(LedgerViewSet):
    model = Payment
    icon = "resubmit"
    menu_label = _("Paiements")
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = index_view_with(
        "donation__donor",
        "donation__campaign",
        annotate=payments_with_net,
        cents_fields=["amount_cents", "refunded_cents", "net_cents"],
    )
    list_display = [
        "donation",
        EurosColumn("amount_cents", label=_("Montant")),
        EurosColumn("refunded_cents", label=_("Remboursé")),
        EurosColumn("net_cents", label=_("Net")),
        "method",
        "status",
        DateColumn("paid_at", label=_("Payé le")),
    ]
    filterset_class = PaymentFilterSet
    search_fields = [
        "donation__donor__legal_name",
        "donation__donor__first_name",
        "donation__donor__last_name",
        "donation__donor__email",
        "stripe_payment_intent_id",
        "stripe_charge_id",
        "stripe_invoice_id",
    ]
    search_backend_name = None
    list_export = [
        "paid_at",
        "donation.donor.name",
        "donation.donor.email",
        "amount_cents",
        "refunded_cents",
        "net_cents",
        "get_method_display",
        "get_status_display",
        "donation.campaign.title",
        "stripe_payment_intent_id",
        "stripe_charge_id",
        "stripe_invoice_id",
    ]
    export_headings = {
        "paid_at": _("Payé le"),
        "donation.donor.name": _("Donateur"),
        "donation.donor.email": _("E-mail"),
        "amount_cents": _("Montant (€)"),
        "refunded_cents": _("Remboursé (€)"),
        "net_cents": _("Net (€)"),
        "get_method_display": _("Moyen de paiement"),
        "get_status_display": _("État"),
        "donation.campaign.title": _("Campagne"),
        "stripe_payment_intent_id": _("PaymentIntent Stripe"),
        "stripe_charge_id": _("Charge Stripe"),
        "stripe_invoice_id": _("Facture Stripe"),
    }
    export_filename = "paiements"


class DonorViewSet(ModelViewSet):
    model = Donor
    icon = "user"
    menu_label = _("Donateurs")
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = index_view_with("user", "logo")
    list_display = [
        "__str__",
        "kind",
        "email",
        "siret",
        BooleanColumn("show_on_wall", label=_("Mur")),
        "display_name",
        BooleanColumn("wall_approved", label=_("Validé pour le mur")),
        DateColumn("created_at", label=_("Créé le")),
    ]
    list_filter = ["kind", "show_on_wall", "wall_approved", "newsletter", "yearly_receipt"]
    search_fields = [
        "legal_name",
        "first_name",
        "last_name",
        "email",
        "display_name",
        "siret",
        "stripe_customer_id",
    ]
    search_backend_name = None
    # Finance only approves the wall; the donor edits their own details in their space.
    panels = [
        FieldPanel("show_on_wall", read_only=True),
        FieldPanel("display_name", read_only=True),
        FieldPanel("logo", read_only=True),
        FieldPanel("wall_approved"),
    ]
    list_export = [
        "created_at",
        "get_kind_display",
        "name",
        "legal_form",
        "siret",
        "email",
        "contact_name",
        "address_line1",
        "address_line2",
        "postal_code",
        "city",
        "country",
        "show_on_wall",
        "display_name",
        "wall_approved",
        "newsletter",
        "yearly_receipt",
    ]
    export_headings = {"get_kind_display": _("Type"), "name": _("Nom ou raison sociale")}
    export_filename = "donateurs"


class ReceiptViewSet(LedgerViewSet):
    model = Receipt
    icon = "doc-full"
    menu_label = _("Reçus fiscaux")
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = index_view_with("donor", "duplicate_of", cents_fields=["amount_cents"])
    list_display = [
        "number",
        "donor_name",
        EurosColumn("amount_cents", label=_("Montant")),
        "kind",
        BooleanColumn("is_summary", label=_("Récapitulatif")),
        BooleanColumn("is_duplicate", label=_("Duplicata")),
        BooleanColumn("is_cancelled", label=_("Annulé")),
        DateColumn("issued_at", label=_("Émis le")),
    ]
    filterset_class = ReceiptFilterSet
    search_fields = ["number", "donor_name", "donor_email", "donor_siren"]
    search_backend_name = None
    list_export = [
        "number",
        "issued_at",
        "get_kind_display",
        "donor_name",
        "donor_siren",
        "donor_email",
        "amount_cents",
        "is_summary",
        "duplicate_of.number",
        "cancelled_at",
        "cancellation_reason",
    ]
    export_headings = {
        "get_kind_display": _("Modèle"),
        "amount_cents": _("Montant (€)"),
        "duplicate_of.number": _("Duplicata de"),
    }
    export_filename = "recus-fiscaux"


class TotalsView(WagtailAdminTemplateMixin, TemplateView):
    """Gross, refunded and net per period and per campaign; CSV with ?export=…"""

    template_name = "donations/admin/totals.html"
    page_title = _("Totaux des dons")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not user_is_finance(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filters(self):
        form = TotalsFilterForm(self.request.GET or None)
        if form.is_valid():
            return form, form.cleaned_data
        return form, {"period": "month", "start": None, "end": None}

    def get(self, request, *args, **kwargs):
        form, filters = self.get_filters()
        period = filters.get("period") or "month"
        start, end = filters.get("start"), filters.get("end")
        by_period = reports.totals_by_period(period, start, end)
        by_campaign = reports.totals_by_campaign(start, end)
        export = request.GET.get("export")
        if export == "periods":
            return reports.csv_response(
                by_period,
                first_heading=str(_("Période")),
                filename=f"totaux-dons-par-{'mois' if period == 'month' else 'annee'}.csv",
            )
        if export == "campaigns":
            return reports.csv_response(
                by_campaign,
                first_heading=str(_("Campagne")),
                filename="totaux-dons-par-campagne.csv",
            )
        params = request.GET.copy()
        params.pop("export", None)
        context = self.get_context_data(
            form=form,
            by_period=by_period,
            by_campaign=by_campaign,
            period_total=reports.grand_total(by_period),
            campaign_total=reports.grand_total(by_campaign),
            query=params.urlencode(),
        )
        return self.render_to_response(context)


class TotalsFilterForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Regrouper par"),
        choices=[("month", _("Mois")), ("year", _("Année"))],
        required=False,
    )
    start = forms.DateField(
        label=_("Du"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Au"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class FinanceMenuItem(MenuItem):
    def is_shown(self, request):
        return user_is_finance(request.user)


class TotalsViewSet(ViewSet):
    """The totals report, as an item of the "Dons" menu."""

    name = "finance_totals"
    icon = "table"
    menu_label = _("Totaux")
    menu_item_class = FinanceMenuItem

    def get_urlpatterns(self):
        from django.urls import path

        return [path("", TotalsView.as_view(), name="index")]


class DonationsViewSetGroup(ViewSetGroup):
    """Everything about donations, for the finance staff."""

    menu_label = _("Dons")
    menu_icon = "pick"
    menu_order = 300
    items = (
        # Names are URL namespaces: "donations" is the public app's, so never use it here.
        DonationViewSet("finance_donations", url_prefix="dons/dons"),
        PaymentViewSet("finance_payments", url_prefix="dons/paiements"),
        DonorViewSet("finance_donors", url_prefix="dons/donateurs"),
        ReceiptViewSet("finance_receipts", url_prefix="dons/recus"),
        TotalsViewSet("finance_totals", url_prefix="dons/totaux"),
    )


@hooks.register("register_admin_viewset")
def register_donations_viewsets():
    return DonationsViewSetGroup()
