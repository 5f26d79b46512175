import logging

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished

from .images import prepare_portrait_renditions
from .models import (
    BusinessLine,
    ContractType,
    CVIndexPage,
    CVPage,
    Department,
    Region,
    SharingSettings,
)
from .pdf import remove_cv_pdfs
from .share_image import remove_share_image, update_share_image
from .stats import invalidate_counters
from .taxonomy import invalidate_taxonomy
from .workflow import assign_cv_workflow

logger = logging.getLogger(__name__)

for model in (Region, Department, BusinessLine, ContractType):
    post_save.connect(
        invalidate_taxonomy, sender=model, dispatch_uid=f"taxonomy-save-{model.__name__}"
    )
    post_delete.connect(
        invalidate_taxonomy, sender=model, dispatch_uid=f"taxonomy-del-{model.__name__}"
    )

post_save.connect(invalidate_counters, sender=CVPage, dispatch_uid="counters-save")
post_delete.connect(invalidate_counters, sender=CVPage, dispatch_uid="counters-delete")
page_published.connect(invalidate_counters, sender=CVPage, dispatch_uid="counters-publish")
page_unpublished.connect(invalidate_counters, sender=CVPage, dispatch_uid="counters-unpublish")


@receiver(page_published, sender=CVPage, dispatch_uid="cv-portrait-renditions")
def prepare_renditions_on_publish(sender, instance, **kwargs):
    prepare_portrait_renditions(instance)


@receiver(page_published, sender=CVPage, dispatch_uid="cv-share-image")
def build_share_image_on_publish(sender, instance, **kwargs):
    # After the portrait renditions (connected above): the card reuses one of them.
    if not instance.is_public:
        forget_previews(instance)
        return
    try:
        update_share_image(instance)
    except Exception:
        # A card that cannot be drawn must not block a publication: the page then
        # falls back to the site's default share image.
        logger.exception("Share image of CV %s could not be drawn", instance.pk)


@receiver(page_unpublished, sender=CVPage, dispatch_uid="cv-previews-unpublish")
def forget_previews(instance, **kwargs):
    """A CV that is no longer public leaves no card or PDF behind in the media folder."""
    remove_share_image(instance)
    remove_cv_pdfs(instance.pk)


@receiver(post_delete, sender=CVPage, dispatch_uid="cv-previews-delete")
def forget_previews_of_deleted_cv(sender, instance, **kwargs):
    forget_previews(instance)


@receiver(post_delete, sender=CVPage, dispatch_uid="cv-search-remove")
def remove_deleted_cv_from_search(sender, instance, **kwargs):
    index.remove_object(instance)


@receiver(post_save, sender=CVIndexPage, dispatch_uid="cv-index-workflow")
def give_new_cv_index_its_workflow(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        assign_cv_workflow(instance)


def _sharing_settings_changed(sender, instance, **kwargs):
    # Pages embed the share text: forget the cached settings and the cached pages.
    from home.page_cache import bump_version

    from .sharing import forget_sharing_settings

    forget_sharing_settings(instance)
    bump_version()


post_save.connect(_sharing_settings_changed, sender=SharingSettings, dispatch_uid="sharing-s")
post_delete.connect(_sharing_settings_changed, sender=SharingSettings, dispatch_uid="sharing-d")
