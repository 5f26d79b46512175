"""The CV listing: filters, search, fair order, pagination and suggestions."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils import timezone

from home import page_cache

from .forms import CVFilterForm
from .models import CVPage
from .search import fold

MAX_SEARCH_RESULTS = 2000
SUGGESTION_COUNT = 3
SEARCH_CACHE_SECONDS = 60 * 10


def filter_cvs(queryset, data):
    """Apply cleaned filter values to a CVPage queryset."""
    if data.get("region"):
        queryset = queryset.filter(locations__region__slug=data["region"])
    if data.get("departement"):
        queryset = queryset.filter(locations__code=data["departement"])
    if data.get("secteur"):
        queryset = queryset.filter(career_path__business_line__slug=data["secteur"])
    if data.get("contrat"):
        queryset = queryset.filter(contract_types__slug=data["contrat"])
    if data.get("masquer_en_emploi"):
        queryset = queryset.looking()
    if data.get("q"):
        queryset = queryset.filter(pk__in=search_cv_ids(data["q"]))
    if any(data.get(name) for name in ("region", "departement", "secteur", "contrat")):
        # Joins through many-to-many relations can repeat a CV.
        queryset = queryset.distinct()
    return queryset


def search_cv_ids(query):
    """Ids of public CVs matching every word of the query, accents and case ignored.

    Kept in the cache until the next publication (the page cache's version is part of
    the key): the full-text query is the listing's most expensive part.
    """
    folded = fold(query)
    digest = hashlib.sha256(folded.encode()).hexdigest()[:32]
    key = f"cv-search:{page_cache.current_version()}:{digest}"
    ids = cache.get(key)
    if ids is None:
        results = CVPage.objects.live().search(folded, operator="and")
        ids = [page.pk for page in results[:MAX_SEARCH_RESULTS]]
        cache.set(key, ids, SEARCH_CACHE_SECONDS)
    return ids


def build_listing(index_page, request):
    form = CVFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {"masquer_en_emploi": True}
    cards = filter_cvs(CVPage.objects.for_cards().child_of(index_page), data).fair_order(
        timezone.localdate()
    )
    paginator = Paginator(cards, settings.CV_LISTING_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)

    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)

    suggestions = []
    if not page.object_list:
        suggestions = suggest_cvs(index_page, data)
    return {
        "filter_form": form,
        "cards": page.object_list,
        "page_obj": page,
        "paginator": paginator,
        "result_count": paginator.count,
        "query_without_page": query_without_page.urlencode(),
        "suggestions": suggestions,
        "has_filters": form.active_filters,
    }


def suggest_cvs(index_page, data, exclude=None, count=SUGGESTION_COUNT):
    """Candidates to show instead of a dead end: same area first, any business line."""
    base = CVPage.objects.for_cards().child_of(index_page).looking()
    if exclude is not None:
        base = base.exclude(pk=exclude.pk)
    suggestions = []
    area = {key: data.get(key) for key in ("region", "departement") if data.get(key)}
    if area:
        suggestions = list(filter_cvs(base, area).fair_order()[:count])
    if len(suggestions) < count:
        taken = [cv.pk for cv in suggestions]
        suggestions += list(base.exclude(pk__in=taken).fair_order()[: count - len(suggestions)])
    return suggestions
