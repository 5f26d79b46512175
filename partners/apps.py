from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """Partner organisations and the supporters wall (filled by the partners issue)."""

    name = "partners"
    verbose_name = _("Partenaires")

    def ready(self):
        from .signals import connect_signals

        connect_signals()
