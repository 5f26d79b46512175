"""Reference data (regions, départements, business lines, contract types), cached.

The listing's filter form needs all of it on every request; it changes a few times a
year, so it is read once and kept in the cache until a snippet is saved.
"""

from django.core.cache import cache

CACHE_KEY = "cv_pages:taxonomy:v1"


def get_taxonomy():
    taxonomy = cache.get(CACHE_KEY)
    if taxonomy is None:
        taxonomy = build_taxonomy()
        cache.set(CACHE_KEY, taxonomy, 60 * 60 * 24)
    return taxonomy


def build_taxonomy():
    from .models import BusinessLine, ContractType, Department, Region

    regions = [{"slug": r.slug, "name": r.name, "code": r.code} for r in Region.objects.all()]
    departments = [
        {"code": d.code, "name": d.name, "region_slug": d.region.slug}
        for d in Department.objects.select_related("region")
    ]
    business_lines = [{"slug": b.slug, "name": b.name} for b in BusinessLine.objects.all()]
    contract_types = [
        {"slug": c.slug, "name": c.name, "description": c.description}
        for c in ContractType.objects.all()
    ]
    return {
        "regions": regions,
        "departments": departments,
        "business_lines": business_lines,
        "contract_types": contract_types,
    }


def invalidate_taxonomy(**kwargs):
    cache.delete(CACHE_KEY)
