from django.template.response import TemplateResponse

from .listing import suggest_cvs


def good_news(request, index_page, unavailable_cv):
    """A warm page for a CV that is no longer public, instead of an error.

    Its public name is not repeated: the page says nothing about the person, only
    that the news is good, and suggests three other candidates.
    """
    region_slugs = sorted({d.region.slug for d in unavailable_cv.locations.all()})
    area = {"region": region_slugs[0]} if region_slugs else {}
    suggestions = suggest_cvs(index_page, area, exclude=unavailable_cv)
    return TemplateResponse(
        request,
        "cv_pages/good_news.html",
        {"page": index_page, "self": index_page, "suggestions": suggestions},
    )
