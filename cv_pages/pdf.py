"""The public CV as a downloadable PDF, at "<CV address>cv.pdf".

It shows what the CV page shows, nothing more: never the last name or the contact
details. It is drawn once per published revision (and language) on its first request,
kept under MEDIA_ROOT/cv-pdf/ with a name made of the page id, the revision id and a
hash, and served from that file afterwards; files of older revisions are removed when
a new one is made, and all of a CV's files when it stops being public.
"""

import hashlib
import io
import json
import logging
import re
import unicodedata
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

logger = logging.getLogger(__name__)

# Bump when the layout changes: every CV's PDF is then redrawn on its next request.
PDF_VERSION = 1
PDF_DIR = "cv-pdf"
PORTRAIT_SPEC = "format-jpeg|fill-320x320-c100"  # one of images.PORTRAIT_SPECS

BRAND = colors.HexColor("#0d5c63")
BRAND_DARK = colors.HexColor("#083f44")
INK = colors.HexColor("#1d2430")
MUTED = colors.HexColor("#505a66")
ACCENT = colors.HexColor("#a63d12")
GOOD = colors.HexColor("#1e6b3a")
LINE = colors.HexColor("#e6ddd2")


def compression_enabled():
    # Tests turn compression off to read the text straight from the file.
    return getattr(settings, "CV_PDF_COMPRESSION", True)


# ---------------------------------------------------------------------------
# What the PDF says: the public page's information, as plain strings
# ---------------------------------------------------------------------------


def _stream_values(stream):
    return [child.value for child in stream]


def _choice_label(struct_value, name):
    block = struct_value.block.child_blocks[name]
    return str(dict(block.field.choices).get(struct_value[name], struct_value[name]))


def document_data(cv, identity, cv_url):
    """Everything the PDF shows, as a JSON-able dict of public strings."""
    contracts = list(cv.contract_types.all())
    data = {
        "name": cv.public_name,
        "catchphrase": cv.catchphrase,
        "career": cv.career_sentence[:1].upper() + cv.career_sentence[1:],
        "employed": cv.is_currently_employed,
        "coach": cv.coach.first_name if cv.coach_id and cv.coach else "",
        "story": cv.story,
        "experiences": [
            {
                "title": item["title"],
                "organisation": item["organisation"],
                "period": item["period"],
                "location": item["location"],
                "description": item["description"],
            }
            for item in _stream_values(cv.experiences)
        ],
        "trainings": [
            {
                "title": item["title"],
                "organisation": item["organisation"],
                "period": item["period"],
                "description": item["description"],
            }
            for item in _stream_values(cv.trainings)
        ],
        "recommendations": [
            {"name": item["name"], "role": item["role"], "text": item["text"]}
            for item in _stream_values(cv.recommendations)
        ],
        "strengths": [str(value) for value in _stream_values(cv.strengths)],
        "skills": [str(value) for value in _stream_values(cv.skills)],
        "passions": [str(value) for value in _stream_values(cv.passions)],
        "languages": [
            {"language": item["language"], "level": _choice_label(item, "level")}
            for item in _stream_values(cv.languages)
        ],
        "locations": cv.locations_label,
        "regions": list(cv.region_names),
        "contracts": [
            {"name": contract.name, "description": contract.description} for contract in contracts
        ],
        "availability": cv.availability,
        "mobility": cv.mobility,
        "driving_licence": cv.has_driving_licence,
        "cohort": cv.cohort.name if cv.cohort_id and cv.cohort else "",
        "organisation": getattr(identity, "organisation_name", "") or "LinkedOut",
        "tagline": getattr(identity, "tagline", "") or "",
        "url": cv_url,
        "language": get_language() or settings.LANGUAGE_CODE,
    }
    return data


def download_filename(cv):
    """ "CV-Amina-B.pdf": the public name, in plain ASCII for every browser."""
    ascii_name = (
        unicodedata.normalize("NFKD", cv.public_name).encode("ascii", "ignore").decode("ascii")
    )
    words = re.findall(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*", ascii_name)
    return "-".join(["CV", *words]) + ".pdf"


# ---------------------------------------------------------------------------
# Drawing
# ---------------------------------------------------------------------------


def _styles():
    base = ParagraphStyle(
        "base", fontName="Helvetica", fontSize=10, leading=14, textColor=INK, alignment=TA_LEFT
    )
    return {
        "base": base,
        "name": ParagraphStyle(
            "name", parent=base, fontName="Helvetica-Bold", fontSize=24, leading=28
        ),
        "catchphrase": ParagraphStyle(
            "catchphrase",
            parent=base,
            fontName="Helvetica-Oblique",
            fontSize=13,
            leading=17,
            textColor=BRAND_DARK,
            spaceBefore=4,
        ),
        "career": ParagraphStyle("career", parent=base, fontSize=11, leading=15, spaceBefore=6),
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=12, textColor=MUTED),
        "banner": ParagraphStyle(
            "banner", parent=base, fontName="Helvetica-Bold", textColor=GOOD, spaceAfter=2
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName="Helvetica-Bold",
            fontSize=13,
            leading=16,
            textColor=BRAND,
            spaceBefore=12,
            spaceAfter=4,
        ),
        "h3": ParagraphStyle(
            "h3", parent=base, fontName="Helvetica-Bold", fontSize=10.5, leading=14, spaceBefore=4
        ),
        "quote": ParagraphStyle(
            "quote", parent=base, fontName="Helvetica-Oblique", leftIndent=8, textColor=INK
        ),
    }


def _text(value):
    """User text for a Paragraph: markup escaped, line breaks kept."""
    return escape(value or "").replace("\n", "<br/>")


def _section(title, flowables, styles):
    if not flowables:
        return []
    # The heading stays with the first item of its section.
    return [KeepTogether([Paragraph(_text(title), styles["h2"]), flowables[0]]), *flowables[1:]]


def _facts(data, styles):
    rows = []
    if data["locations"]:
        where = data["locations"]
        if data["regions"]:
            where += f" ({', '.join(data['regions'])})"
        rows.append((_("Où"), where))
    if data["contracts"]:
        rows.append((_("Contrats"), ", ".join(item["name"] for item in data["contracts"])))
    if data["availability"]:
        rows.append((_("Disponibilité"), data["availability"]))
    if data["mobility"] or data["driving_licence"]:
        parts = [data["mobility"]] if data["mobility"] else []
        if data["driving_licence"]:
            parts.append(_("Permis B"))
        rows.append((_("Mobilité"), " · ".join(parts)))
    if not rows:
        return []
    table = Table(
        [
            [
                Paragraph(f"<b>{_text(label)}</b>", styles["base"]),
                Paragraph(_text(value), styles["base"]),
            ]
            for label, value in rows
        ],
        colWidths=[32 * mm, None],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [table]


def _timeline(items, styles, with_location=False):
    flowables = []
    for item in items:
        heading = _text(item["title"])
        if item["organisation"]:
            heading += f" <font color='#505a66'>· {_text(item['organisation'])}</font>"
        parts = [Paragraph(heading, styles["h3"])]
        meta = [item["period"]] + ([item["location"]] if with_location else [])
        meta = " · ".join(value for value in meta if value)
        if meta:
            parts.append(Paragraph(_text(meta), styles["small"]))
        if item["description"]:
            parts.append(Paragraph(_text(item["description"]), styles["base"]))
        parts.append(Spacer(1, 4))
        flowables.append(KeepTogether(parts))
    return flowables


def _header(data, styles, portrait):
    parts = []
    if data["employed"]:
        parts.append(Paragraph(_text(_("a retrouvé un emploi")), styles["banner"]))
    parts.append(Paragraph(_text(data["name"]), styles["name"]))
    if data["catchphrase"]:
        parts.append(
            Paragraph(f"«\u00a0{_text(data['catchphrase'])}\u00a0»", styles["catchphrase"])
        )
    if data["career"]:
        parts.append(Paragraph(_text(data["career"]), styles["career"]))
    if data["coach"]:
        coach = _("Accompagné·e par %(coach)s, coach bénévole.") % {"coach": data["coach"]}
        parts.append(Paragraph(_text(coach), styles["small"]))
    if portrait is None:
        return parts
    size = 36 * mm
    picture = Image(io.BytesIO(portrait), width=size, height=size)
    table = Table([[picture, parts]], colWidths=[size + 6 * mm, None], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 6 * mm),
            ]
        )
    )
    return [table]


def render_cv_pdf(data, portrait=None):
    """The PDF's bytes. `portrait`: JPEG bytes of the consented photo, or None."""
    styles = _styles()
    buffer = io.BytesIO()
    margin = 18 * mm
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin + 12 * mm,
        bottomMargin=margin + 4 * mm,
        title=f"CV — {data['name']}",
        author=data["organisation"],
        subject=data["catchphrase"],
        creator=data["organisation"],
        lang=data["language"],
        pageCompression=1 if compression_enabled() else 0,
        invariant=0 if compression_enabled() else 1,
    )

    def decorate(canvas, doc):
        width, height = A4
        canvas.saveState()
        canvas.setFillColor(BRAND)
        canvas.rect(0, height - 14 * mm, width, 14 * mm, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont("Helvetica-Bold", 12)
        canvas.drawString(margin, height - 9 * mm, data["organisation"])
        if data["tagline"]:
            canvas.setFont("Helvetica", 9)
            canvas.drawRightString(width - margin, height - 9 * mm, data["tagline"])
        canvas.setStrokeColor(LINE)
        canvas.line(margin, 14 * mm, width - margin, 14 * mm)
        canvas.setFillColor(MUTED)
        canvas.setFont("Helvetica", 8)
        canvas.drawString(margin, 9 * mm, data["url"])
        canvas.drawRightString(width - margin, 9 * mm, _("Page %(number)s") % {"number": doc.page})
        canvas.restoreState()

    story = [*_header(data, styles, portrait), Spacer(1, 4 * mm)]
    story += _section(_("Ce que je recherche"), _facts(data, styles), styles)
    if data["strengths"]:
        story += _section(
            _("Mes atouts"),
            [Paragraph(_text(" · ".join(data["strengths"])), styles["base"])],
            styles,
        )
    if data["skills"]:
        story += _section(
            _("Compétences"), [Paragraph(_text(" · ".join(data["skills"])), styles["base"])], styles
        )
    if data["story"]:
        story += _section(
            _("Mon histoire"), [Paragraph(_text(data["story"]), styles["base"])], styles
        )
    story += _section(
        _("Expériences"), _timeline(data["experiences"], styles, with_location=True), styles
    )
    story += _section(_("Formations"), _timeline(data["trainings"], styles), styles)
    if data["languages"]:
        languages = " · ".join(
            f"{item['language']} ({item['level']})" for item in data["languages"]
        )
        story += _section(_("Langues"), [Paragraph(_text(languages), styles["base"])], styles)
    if data["passions"]:
        story += _section(
            _("Mes passions"),
            [Paragraph(_text(" · ".join(data["passions"])), styles["base"])],
            styles,
        )
    recommendations = [
        KeepTogether(
            [
                Paragraph(_text(item["text"]), styles["quote"]),
                Paragraph(
                    f"<b>{_text(item['name'])}</b>"
                    + (f", {_text(item['role'])}" if item["role"] else ""),
                    styles["small"],
                ),
                Spacer(1, 4),
            ]
        )
        for item in data["recommendations"]
    ]
    story += _section(_("Ils me recommandent"), recommendations, styles)
    closing = _("Retrouvez ce CV et partagez-le : %(url)s") % {"url": data["url"]}
    if data["cohort"]:
        closing = f"{data['cohort']} · {closing}"
    story += [Spacer(1, 6 * mm), Paragraph(_text(closing), styles["small"])]
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


# ---------------------------------------------------------------------------
# Files and serving
# ---------------------------------------------------------------------------


def portrait_bytes(cv):
    photo = cv.visible_photo
    if photo is None:
        return None, ""
    rendition = photo.get_rendition(PORTRAIT_SPEC)
    with rendition.file.open("rb") as handle:
        return handle.read(), rendition.file.name


def _prefix(cv_pk):
    return f"{cv_pk}-"


def pdf_file_name(cv, digest):
    """Page id, revision id and a hash: nothing about the person."""
    return f"{PDF_DIR}/{cv.pk}-{cv.live_revision_id or 0}-{digest[:12]}.pdf"


def _existing_pdfs(cv_pk):
    try:
        _dirs, files = default_storage.listdir(PDF_DIR)
    except (FileNotFoundError, NotImplementedError):
        return []
    return [f"{PDF_DIR}/{name}" for name in files if name.startswith(_prefix(cv_pk))]


def remove_cv_pdfs(cv_pk, keep_revision=None):
    """Deletes a CV's PDFs, except those of `keep_revision` (other languages of it)."""
    keep = f"{PDF_DIR}/{_prefix(cv_pk)}{keep_revision}-" if keep_revision is not None else None
    for name in _existing_pdfs(cv_pk):
        if keep and name.startswith(keep):
            continue
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("Could not delete %s", name, exc_info=True)


def cv_pdf_file(cv, request):
    """The stored PDF of the CV's published revision, made now if it does not exist yet."""
    from home.caching import site_identity_for_request

    identity = site_identity_for_request(request)
    data = document_data(cv, identity, cv.get_full_url(request))
    portrait, portrait_name = portrait_bytes(cv)
    payload = json.dumps(
        {"data": data, "portrait": portrait_name, "version": PDF_VERSION},
        sort_keys=True,
        ensure_ascii=False,
    )
    digest = hashlib.sha256(f"{payload}|{compression_enabled()}".encode()).hexdigest()
    name = pdf_file_name(cv, digest)
    if default_storage.exists(name):
        return name
    content = render_cv_pdf(data, portrait)
    saved = default_storage.save(name, ContentFile(content))
    remove_cv_pdfs(cv.pk, keep_revision=cv.live_revision_id or 0)
    return saved


def serve_cv_pdf(request, cv):
    """The PDF as a download; the routing has already checked that the CV is public."""
    name = cv_pdf_file(cv, request)
    response = FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=download_filename(cv),
        content_type="application/pdf",
    )
    # The CV page is the document to index, not its PDF copy.
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def cv_pdf_view(request, cv_path):
    """ "/candidats/amina-b/cv.pdf": routed through Wagtail like the page itself.

    Wagtail's own URL pattern only accepts paths ending with a slash, hence this one.
    """
    from wagtail.views import serve

    from .models import PDF_COMPONENT

    return serve(request, f"{cv_path}{PDF_COMPONENT}/")
