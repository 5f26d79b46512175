"""Staff views of the shares: a report with exports, and a dashboard panel for the week.

Both need the "view_share_report" permission (Moderators and Editors have it).
"""

import datetime

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from .models import CVShareDaily, CVViewDaily, ShareChannel

PERMISSION = "cv_pages.view_share_report"
TOP_CVS = 5


def can_view_shares(user):
    return user.is_active and user.has_perm(PERMISSION)


class ShareReportFilterSet(WagtailFilterSet):
    day = django_filters.DateFromToRangeFilter(
        label=_("Période"), widget=DateRangePickerWidget, field_name="day"
    )
    channel = django_filters.ChoiceFilter(label=_("Canal"), choices=ShareChannel.choices)
    cv = django_filters.CharFilter(
        label=_("Candidat (nom public)"), field_name="cv__title", lookup_expr="icontains"
    )

    class Meta:
        model = CVShareDaily
        fields = ["day", "channel", "cv"]


class ShareReportView(ReportView):
    """Unique shares per CV and channel over a period, with CSV and XLSX exports."""

    page_title = _("Partages des CV")
    header_icon = "link"
    index_url_name = "cv_pages_share_report"
    index_results_url_name = "cv_pages_share_report_results"
    filterset_class = ShareReportFilterSet
    permission_policy = None
    paginate_by = 50
    export_filename = "partages-cv"
    columns = [
        Column("cv_title", label=_("CV")),
        Column("channel_label", label=_("Canal")),
        Column("shares", label=_("Partages")),
        Column("first_day", label=_("Premier jour")),
        Column("last_day", label=_("Dernier jour")),
    ]
    list_export = ["cv_id", "cv_title", "channel", "shares", "first_day", "last_day"]
    export_headings = {
        "cv_id": _("Identifiant du CV"),
        "cv_title": _("CV"),
        "channel": _("Canal"),
        "shares": _("Partages"),
        "first_day": _("Premier jour"),
        "last_day": _("Dernier jour"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_view_shares(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return CVShareDaily.objects.all()

    def get_filtered_queryset(self):
        # Filter the daily rows first, then add them up per CV and channel.
        daily = self.filter_queryset(self.get_queryset())
        from django.db.models import Max, Min

        return (
            daily.values("cv_id", "channel")
            .annotate(
                shares=Sum("count"),
                cv_title=Max("cv__title"),
                first_day=Min("day"),
                last_day=Max("day"),
            )
            .order_by("-shares", "cv_title", "channel")
        )

    def decorate_paginated_queryset(self, object_list):
        labels = dict(ShareChannel.choices)
        rows = list(object_list)
        for row in rows:
            row["channel_label"] = labels.get(row["channel"], row["channel"])
        return rows


def week_figures(today=None):
    """The last seven days: shares by channel, the most shared CVs, and page views."""
    today = today or timezone.localdate()
    start = today - datetime.timedelta(days=6)
    week = CVShareDaily.objects.filter(day__gte=start, day__lte=today)
    labels = dict(ShareChannel.choices)
    by_channel = [
        {"channel": labels.get(row["channel"], row["channel"]), "shares": row["shares"]}
        for row in week.values("channel").annotate(shares=Sum("count")).order_by("-shares")
    ]
    top_cvs = list(
        week.values("cv_id", "cv__title")
        .annotate(shares=Sum("count"))
        .order_by("-shares", "cv__title")[:TOP_CVS]
    )
    views = (
        CVViewDaily.objects.filter(day__gte=start, day__lte=today).aggregate(total=Sum("views"))[
            "total"
        ]
        or 0
    )
    return {
        "start": start,
        "end": today,
        "total": sum(row["shares"] for row in by_channel),
        "by_channel": by_channel,
        "top_cvs": top_cvs,
        "views": views,
    }


class WeekSharesPanel(Component):
    """Dashboard panel: this week's shares by channel and the most shared CVs."""

    name = "cv_shares_week"
    template_name = "cv_pages/admin/shares_panel.html"
    order = 110

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context.update(week_figures())
        context["report_url"] = reverse("cv_pages_share_report")
        return context


class ShareReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_shares(request.user)


def admin_urls():
    return [
        path("reports/partages/", ShareReportView.as_view(), name="cv_pages_share_report"),
        path(
            "reports/partages/results/",
            ShareReportView.as_view(results_only=True),
            name="cv_pages_share_report_results",
        ),
    ]


def report_menu_item():
    return ShareReportMenuItem(
        _("Partages des CV"), reverse("cv_pages_share_report"), icon_name="link", order=700
    )


def add_dashboard_panel(request, panels):
    if can_view_shares(request.user):
        panels.append(WeekSharesPanel())
