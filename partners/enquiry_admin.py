"""Staff follow-up of partnership enquiries in the Wagtail admin (menu "Partenaires").

Mirrors the routing of job proposals (cv_pages.opportunity_admin): what the organisation
wrote is read-only, the status moves only along ENQUIRY_TRANSITIONS, and every move is
kept with who made it. Editors and Moderators manage enquiries (permissions given by a
data migration); coaches and Finance have no access. Enquiries come from the public form
only: nobody, superusers included, adds one in the admin.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from donations.wagtail_hooks import LimitedActionsPolicy

from .forms import PartnershipEnquiryAdminForm
from .models import EnquiryInterest, EnquiryStatus, PartnerKind, PartnershipEnquiry

register_permission_policy(
    PartnershipEnquiry, LimitedActionsPolicy(PartnershipEnquiry, {"view", "change", "delete"})
)


class EnquiryStatusHistoryPanel(Panel):
    """The current status and every change, with who made it and when."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "partners/admin/enquiry_status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            context["enquiry"] = instance
            context["changes"] = (
                list(instance.status_changes.select_related("user")) if instance.pk else []
            )
            return context


class PartnershipEnquiryFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Statut"), choices=EnquiryStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Type d'organisation"), choices=PartnerKind.choices)
    interest = django_filters.ChoiceFilter(label=_("Souhait"), choices=EnquiryInterest.choices)
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Reçue entre"), widget=DateRangePickerWidget, field_name="created_at"
    )

    class Meta:
        model = PartnershipEnquiry
        fields = ["status", "kind", "interest", "created_at"]


def read_only(*names):
    return [FieldPanel(name, read_only=True) for name in names]


class PartnershipEnquiryViewSet(SnippetViewSet):
    """Partnership enquiries, filtered and followed up by staff."""

    model = PartnershipEnquiry
    icon = "mail"
    menu_label = _("Demandes de partenariat")
    menu_name = "partnership_enquiries"
    filterset_class = PartnershipEnquiryFilterSet
    search_fields = ["organisation", "contact_name", "email", "message"]
    inspect_view_enabled = True
    copy_view_enabled = False
    inspect_template_name = "partners/admin/enquiry_inspect.html"
    inspect_view_fields = [
        "organisation",
        "kind",
        "interest",
        "contact_name",
        "contact_role",
        "email",
        "phone",
        "message",
        "consent",
        "partner",
        "created_at",
    ]
    list_display = [
        "organisation",
        Column("kind", label=_("Type"), accessor="get_kind_display", sort_key="kind"),
        Column("interest", label=_("Souhait"), accessor="get_interest_display"),
        "contact_name",
        Column("status", label=_("Statut"), accessor="get_status_display", sort_key="status"),
        DateColumn("created_at", label=_("Reçue le"), sort_key="created_at"),
    ]
    list_per_page = 50
    ordering = ["-created_at"]
    edit_handler = ObjectList(
        [
            EnquiryStatusHistoryPanel(heading=_("Statut et historique")),
            MultiFieldPanel(
                [FieldPanel("new_status"), FieldPanel("status_note")],
                heading=_("Changer le statut"),
            ),
            FieldPanel(
                "partner",
                help_text=_(
                    "Quand la demande aboutit, reliez-la à la fiche du partenaire créée pour lui."
                ),
            ),
            MultiFieldPanel(
                [
                    *read_only("organisation"),
                    FieldRowPanel(read_only("kind", "interest")),
                    *read_only("message"),
                ],
                heading=_("La demande"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(read_only("contact_name", "contact_role")),
                    FieldRowPanel(read_only("email", "phone")),
                    *read_only("consent", "created_at"),
                ],
                heading=_("Le contact"),
            ),
        ],
        base_form_class=PartnershipEnquiryAdminForm,
    )

    def get_queryset(self, request):
        return PartnershipEnquiry.objects.all()
