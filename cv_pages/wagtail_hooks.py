from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import opportunity_admin, sharing_admin
from .models import BusinessLine, Coach, Cohort, ContractType, Department, Region


class CohortViewSet(SnippetViewSet):
    model = Cohort
    icon = "group"
    list_display = ["name", "start_date", "end_date"]
    search_fields = ["name"]


class CoachViewSet(SnippetViewSet):
    model = Coach
    icon = "user"
    list_display = ["first_name", "last_name", "email", "phone"]
    search_fields = ["first_name", "last_name", "email"]


class BusinessLineViewSet(SnippetViewSet):
    model = BusinessLine
    icon = "tag"
    list_display = ["name", "in_phrase"]
    search_fields = ["name"]


class ContractTypeViewSet(SnippetViewSet):
    model = ContractType
    icon = "doc-full"
    list_display = ["name", "description", "sort_order"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "code"]
    search_fields = ["name"]


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "site"
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]


class CVProgrammeViewSetGroup(SnippetViewSetGroup):
    """The programme's reference data, under one "Programme" menu."""

    menu_label = _("Programme")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (
        CohortViewSet,
        CoachViewSet,
        BusinessLineViewSet,
        ContractTypeViewSet,
        RegionViewSet,
        DepartmentViewSet,
    )


register_snippet(CVProgrammeViewSetGroup)


# Sharing: the staff report of shares and the week's figures on the dashboard.
hooks.register("register_admin_urls", sharing_admin.admin_urls)
hooks.register("register_reports_menu_item", sharing_admin.report_menu_item)
hooks.register("construct_homepage_panels", sharing_admin.add_dashboard_panel)


# Job proposals: their own menu, outside the programme's reference data.
register_snippet(opportunity_admin.OpportunityViewSet)
