from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cv_pages.pdf import cv_pdf_view
from home import views as home_views
from home.feeds import CampaignNewsAtomFeed, CampaignNewsRssFeed

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("langue/", home_views.switch_language, name="switch_language"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("actualites/rss.xml", CampaignNewsRssFeed(), name="news_feed_rss"),
    path("actualites/atom.xml", CampaignNewsAtomFeed(), name="news_feed_atom"),
    path("", include("cv_pages.urls")),
    path("", include("donations.urls")),
    # Only the enquiry form and its thanks: "/partenaires/" itself is a Wagtail page.
    path("partenaires/", include("partners.urls")),
]

if settings.SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(
            r"^media/(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Donor accounts (allauth), before the Wagtail catch-all.
urlpatterns += [path("compte/", include("allauth.urls"))]

# A CV's PDF, "/candidats/amina-b/cv.pdf": Wagtail's own pattern wants a final slash.
urlpatterns += [re_path(r"^(?P<cv_path>(?:[\w\-]+/)+)cv\.pdf$", cv_pdf_view, name="cv_pdf")]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
