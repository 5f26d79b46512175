from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Accueil et pages éditoriales")

    def ready(self):
        from . import caching, page_cache, social
        from .campaigns import connect_signals as connect_campaign_signals

        caching.connect_signals()
        page_cache.connect_signals()
        social.connect_signals()
        connect_campaign_signals()
