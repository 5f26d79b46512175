from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CVPagesConfig(AppConfig):
    name = "cv_pages"
    verbose_name = _("CV des candidats")

    def ready(self):
        from . import signals  # noqa: F401
