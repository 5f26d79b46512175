from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished

from home.context_processors import CV_INDEX_URL_CACHE_KEY

from .images import prepare_portrait_renditions
from .models import BusinessLine, ContractType, CVIndexPage, CVPage, Department, Region
from .stats import invalidate_counters
from .taxonomy import invalidate_taxonomy
from .workflow import assign_cv_workflow

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


@receiver(post_delete, sender=CVPage, dispatch_uid="cv-search-remove")
def remove_deleted_cv_from_search(sender, instance, **kwargs):
    index.remove_object(instance)


@receiver(page_published, sender=CVIndexPage, dispatch_uid="cv-index-url-publish")
@receiver(page_unpublished, sender=CVIndexPage, dispatch_uid="cv-index-url-unpublish")
def forget_cv_index_url(sender, **kwargs):
    cache.delete(CV_INDEX_URL_CACHE_KEY)


@receiver(post_save, sender=CVIndexPage, dispatch_uid="cv-index-workflow")
def give_new_cv_index_its_workflow(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        assign_cv_workflow(instance)
