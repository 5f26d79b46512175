"""Staff routing of job proposals in the Wagtail admin ("Opportunités" menu).

Editors and Moderators manage them (permissions given by a data migration); coaches
have no access, so no coach reads a proposal meant for another coach's candidate.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
)
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import BusinessLine, ContractType, CVPage, Opportunity, OpportunityStatus, Region
from .opportunity_forms import OpportunityAdminForm


class StatusHistoryPanel(Panel):
    """The current status and every change, with who made it and when."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "cv_pages/admin/opportunity_status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            context["opportunity"] = instance
            context["changes"] = (
                list(instance.status_changes.select_related("changed_by")) if instance.pk else []
            )
            return context


class OpportunityFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Statut"), choices=OpportunityStatus.choices)
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Reçue entre"), widget=DateRangePickerWidget, field_name="created_at"
    )
    cv_page = django_filters.ModelChoiceFilter(
        label=_("CV"), queryset=CVPage.objects.order_by("title")
    )
    general = django_filters.BooleanFilter(
        label=_("Proposition générale (sans CV)"), field_name="cv_page", lookup_expr="isnull"
    )
    contract_type = django_filters.ModelChoiceFilter(
        label=_("Contrat"), queryset=ContractType.objects.all()
    )
    business_lines = django_filters.ModelChoiceFilter(
        label=_("Secteur"), queryset=BusinessLine.objects.all()
    )
    regions = django_filters.ModelChoiceFilter(label=_("Région"), queryset=Region.objects.all())

    class Meta:
        model = Opportunity
        fields = [
            "status",
            "created_at",
            "cv_page",
            "general",
            "contract_type",
            "business_lines",
            "regions",
        ]


class OpportunityViewSet(SnippetViewSet):
    """Job proposals, filtered and moved along the routing flow by staff."""

    model = Opportunity
    icon = "pick"
    menu_label = _("Opportunités")
    menu_name = "opportunities"
    menu_order = 190
    add_to_admin_menu = True
    filterset_class = OpportunityFilterSet
    search_fields = ["company", "recruiter_name", "job_title"]
    inspect_view_enabled = True
    inspect_template_name = "cv_pages/admin/opportunity_inspect.html"
    inspect_view_fields = [
        "cv_page",
        "company",
        "recruiter_name",
        "email",
        "phone",
        "job_title",
        "contract_type",
        "location",
        "department",
        "start_date",
        "hours",
        "positions",
        "description",
        "business_lines",
        "regions",
        "consent",
        "created_at",
    ]
    list_display = [
        "job_title",
        "company",
        Column("cv_page", label=_("CV"), accessor="cv_page"),
        Column("contract_type", label=_("Contrat"), accessor="contract_type"),
        Column("status", label=_("Statut"), accessor="get_status_display", sort_key="status"),
        DateColumn("created_at", label=_("Reçue le"), sort_key="created_at"),
    ]
    list_per_page = 50
    ordering = ["-created_at"]
    edit_handler_panels = [
        StatusHistoryPanel(heading=_("Statut et historique")),
        MultiFieldPanel(
            [
                FieldPanel("new_status"),
                FieldPanel("mark_candidate_employed"),
                FieldPanel("status_note"),
            ],
            heading=_("Changer le statut"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("cv_page"),
                FieldPanel("job_title"),
                FieldRowPanel([FieldPanel("contract_type"), FieldPanel("positions")]),
                FieldRowPanel([FieldPanel("location"), FieldPanel("department")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("hours")]),
                FieldPanel("description"),
            ],
            heading=_("Le poste"),
        ),
        MultiFieldPanel(
            [FieldPanel("business_lines"), FieldPanel("regions")],
            heading=_("Proposition générale : candidats recherchés"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("company"),
                FieldPanel("recruiter_name"),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("consent"),
            ],
            heading=_("Le recruteur"),
        ),
    ]

    edit_handler = ObjectList(edit_handler_panels, base_form_class=OpportunityAdminForm)

    def get_queryset(self, request):
        return Opportunity.objects.select_related("cv_page", "contract_type")
