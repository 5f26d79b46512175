from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    """Gifts through Stripe, tax receipts and the donor space (filled by the donations issue)."""

    name = "donations"
    verbose_name = _("Dons")

    def ready(self):
        # Donations made before signing up join the account once its e-mail is verified.
        from .signals import connect_signals

        connect_signals()
